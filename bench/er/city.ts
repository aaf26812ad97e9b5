// Entity resolution on the synthetic city (src/synth) at its hardest settings: every source file
// read and normalised as ingest does, a model trained from all records, then the records resolved
// streaming, source by source in batches of 5,000 rows (what ingest does), scored with the city's
// truth beside the exact-valid-id baseline. Timed: read + normalise, training, and the pure
// engine's records/s (the time inside Resolver.addBatch), with peak RSS.
//
//   npm run build && node dist/bench/er/city.js [--persons 100000] [--errors 10]

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadMapping } from '../../src/ingest/load-mapping.js';
import { openRows } from '../../src/ingest/readers/index.js';
import {
  bCubedScores,
  blockingReport,
  extractFeatures,
  matchInputsOf,
  pairwiseScores,
  Resolver,
  seededRandom,
  trainModel,
  type MatchInput,
} from '../../src/matching/index.js';
import { normalizeRow } from '../../src/standard/normalize-row.js';
import type { CityManifest } from '../../src/synth/index.js';
import { openHardCity } from './hard-city.js';
import { fmt, machineLine, writeSection } from '../report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BATCH_ROWS = 5000;

/** Streams a city's records, source by source, in batches of rows. */
async function eachBatch(cityDir: string, manifest: CityManifest, handle: (inputs: MatchInput[]) => void): Promise<void> {
  for (const s of manifest.sources) {
    const { mapping } = await loadMapping(resolve(cityDir, s.mapping));
    const rows = await openRows(resolve(cityDir, s.file), { encoding: mapping.encoding, ...(mapping.sheet === null ? {} : { sheet: mapping.sheet }) });
    let batch: MatchInput[] = [];
    let count = 0;
    for await (const row of rows.rows) {
      if (row.kind !== 'row') continue;
      const normalized = normalizeRow(mapping, row, { fallbackRecordId: String(row.line), jurisdiction: manifest.region });
      if (normalized.outcome === 'accepted') batch.push(...matchInputsOf(mapping.source, mapping.kind, normalized));
      if (++count % BATCH_ROWS === 0) {
        handle(batch);
        batch = [];
      }
    }
    if (batch.length > 0) handle(batch);
  }
}

const p4 = (x: number): string => x.toFixed(4);
const seconds = (since: number): number => (performance.now() - since) / 1000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { persons: { type: 'string', default: '100000' }, seed: { type: 'string', default: '11' }, errors: { type: 'string', default: '10' } },
  });
  const persons = Number(values.persons);
  const seed = Number(values.seed);
  const { cityDir, manifest, truthOf } = await openHardCity(root, persons, seed);

  // Pass 1: every record, to train the model and replay the blocking against the truth.
  let started = performance.now();
  let all: MatchInput[] = [];
  await eachBatch(cityDir, manifest, (inputs) => all.push(...inputs));
  const readSeconds = seconds(started);
  const scored = all.filter((i) => truthOf.has(i.key));
  const blocking = blockingReport(scored.map((input) => extractFeatures(input)), scored.map((i) => truthOf.get(i.key)!));
  started = performance.now();
  const model = trainModel(all, { random: seededRandom(20240601) });
  const trainSeconds = seconds(started);
  const records = all.length;
  all = [];

  // Pass 2: read, normalise and resolve as ingest would, batch by batch.
  let next = 0;
  const resolver = new Resolver({ model, mintPersonId: () => `P${(++next).toString(36)}` });
  const idOf = new Map<string, string>();
  const nameOnly = new Set<string>();
  const labelOf = new Map<string, string>();
  let engineSeconds = 0;
  let comparisons = 0;
  started = performance.now();
  await eachBatch(cityDir, manifest, (inputs) => {
    for (const i of inputs) {
      if (i.person.idValid) idOf.set(i.key, i.person.idNumber!);
      const p = i.person;
      if (p.idNumber === null && p.birthDate === null && p.phone === null && p.residenceDetail === null && p.hukouDetail === null && p.employer === null) nameOnly.add(i.key);
      labelOf.set(i.key, `${i.key.replace(/\u0001/g, '/')} [${p.name ?? ''} ${p.idNumber ?? ''} ${p.birthDate ?? ''} ${p.phone ?? ''}]`);
    }
    const t = performance.now();
    comparisons += resolver.addBatch(inputs).stats.comparisons;
    engineSeconds += seconds(t);
  });
  const streamSeconds = seconds(started);

  const keys = [...truthOf.keys()].filter((k) => resolver.personOf(k) !== undefined);
  const truth = keys.map((k) => truthOf.get(k)!);
  const predicted = keys.map((k) => resolver.personOf(k)!);
  const baseline = keys.map((k, i) => idOf.get(k) ?? `#${i}`);
  const engine = pairwiseScores(predicted, truth);
  const base = pairwiseScores(baseline, truth);
  const said: string[] = [];
  const say = (line: string): void => {
    console.log(line);
    said.push(line);
  };
  say(`${fmt(records)} person records (${fmt(keys.length)} in the truth) from ${manifest.sources.length} sources`);
  say(`engine    P ${p4(engine.precision)} R ${p4(engine.recall)} F1 ${p4(engine.f1)} | B-cubed F1 ${p4(bCubedScores(predicted, truth).f1)}`);
  say(`baseline  P ${p4(base.precision)} R ${p4(base.recall)} F1 ${p4(base.f1)} | B-cubed F1 ${p4(bCubedScores(baseline, truth).f1)}  (same valid id)`);
  const rich = keys.flatMap((k, i) => (nameOnly.has(k) ? [] : [i]));
  const richScores = pairwiseScores(rich.map((i) => predicted[i]!), rich.map((i) => truth[i]!));
  say(`without the ${fmt(keys.length - rich.length)} records that carry a name and nothing else: P ${p4(richScores.precision)} R ${p4(richScores.recall)} F1 ${p4(richScores.f1)}`);
  say(`learned credentials: ${(model.credentials ?? []).map((c) => `${c.source}.${c.role}.${c.fact} (${fmt(c.repeatedValues)} values, purity ${c.purity})`).join(', ') || 'none'}`);
  say(`learned places: ${(model.places ?? []).map((p) => `${p.source}.${p.role}.${p.fact} (${fmt(p.profiles.length)} of ${fmt(p.sharedValues)} shared values located)`).join(', ') || 'none'}`);
  say(`blocking recall ${p4(blocking.recall ?? 1)}; ${fmt(comparisons)} comparisons`);
  say(`read + normalise ${fmt(records / readSeconds)} records/s; train ${fmt(trainSeconds, 1)} s`);
  say(`engine ${fmt(records / engineSeconds)} records/s, ${fmt(comparisons / engineSeconds)} comparisons/s; read + normalise + resolve ${fmt(records / streamSeconds)} records/s`);
  say(`peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB`);
  writeSection(root, 'er-city', `## Entity resolution quality on the synthetic city (issue 3)\n\nMachine: ${machineLine()}. ${fmt(persons)} persons, seed ${seed}, hard error rates; pairwise scores against the city's truth beside the exact-valid-id baseline. Bar: F1 ≥ 0.995 with precision ≥ 0.999.\n\n\`\`\`\n${said.join('\n')}\n\`\`\`\n\nReproduce: \`npm run build && node dist/bench/er/city.js --persons ${persons}\`.`);
  const limit = Number(values.errors);
  const show = (title: string, wrong: (i: number, j: number) => boolean, groupOf: string[]): void => {
    const groups = new Map<string, number[]>();
    groupOf.forEach((g, i) => (groups.get(g) ?? groups.set(g, []).get(g)!).push(i));
    const lines: string[] = [];
    for (const members of groups.values()) {
      for (let x = 0; x < members.length && lines.length < limit; x++) {
        for (let y = x + 1; y < members.length && lines.length < limit; y++) {
          const [i, j] = [members[x]!, members[y]!];
          if (!wrong(i, j)) continue;
          const why = resolver.explain(keys[i]!, keys[j]!);
          lines.push(`${labelOf.get(keys[i]!)}  ~  ${labelOf.get(keys[j]!)} p=${why?.probability.toFixed(3)} ${JSON.stringify(why?.levels)}`);
        }
      }
    }
    if (lines.length > 0) console.log(`${title}:\n  ${lines.join('\n  ')}`);
  };
  show('false links', (i, j) => truth[i] !== truth[j], predicted);
  show('missed links', (i, j) => predicted[i] !== predicted[j], truth);
}

await main();
