// Entity resolution on the synthetic city (src/synth) at its hardest settings: every source file
// read and normalised as ingest does, resolved source by source (one batch per file), scored with
// the city's truth beside the exact-valid-id baseline, and timed: the pure engine's records/s
// (features, blocking, scoring, clustering; reading and normalising are timed apart).
//
//   npm run build && node --expose-gc dist/bench/er/city.js [--persons 100000] [--errors 10]

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadMapping } from '../../src/ingest/load-mapping.js';
import { openRows } from '../../src/ingest/readers/index.js';
import { matchInputsOf, type MatchInput } from '../../src/matching/index.js';
import { normalizeRow } from '../../src/standard/normalize-row.js';
import { generateCity, type CityManifest } from '../../src/synth/index.js';
import { fmt } from '../report.js';
import { evaluate, type LabelledRecord } from './evaluate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface TruthLine {
  source: string;
  record_id: string;
  role: string;
  person: string;
}

async function readSource(cityDir: string, mappingPath: string, file: string): Promise<MatchInput[]> {
  const { mapping } = await loadMapping(resolve(cityDir, mappingPath));
  const rows = await openRows(resolve(cityDir, file), { encoding: mapping.encoding, ...(mapping.sheet === null ? {} : { sheet: mapping.sheet }) });
  const out: MatchInput[] = [];
  for await (const row of rows.rows) {
    if (row.kind !== 'row') continue;
    const normalized = normalizeRow(mapping, row, { fallbackRecordId: String(row.line), jurisdiction: '440300' /* the synthetic city's default region */ });
    if (normalized.outcome === 'accepted') out.push(...matchInputsOf(mapping.source, mapping.kind, normalized));
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { persons: { type: 'string', default: '100000' }, seed: { type: 'string', default: '11' }, errors: { type: 'string', default: '10' } },
  });
  const persons = Number(values.persons);
  const seed = Number(values.seed);
  const cityDir = join(root, 'bench', 'out', `er-city-${seed}-${persons}-hard`);
  if (!existsSync(join(cityDir, 'manifest.json'))) {
    console.log(`generating a hard city of ${fmt(persons)} persons in ${cityDir}`);
    await generateCity({ seed, persons, outDir: cityDir, hardness: 'hard' });
  }
  const manifest = JSON.parse(readFileSync(join(cityDir, 'manifest.json'), 'utf8')) as CityManifest;
  const truth = new Map<string, string>();
  for (const line of readFileSync(join(cityDir, manifest.truthFile), 'utf8').split('\n')) {
    if (line === '') continue;
    const t = JSON.parse(line) as TruthLine;
    truth.set(`${t.source}\u0001${t.record_id}\u0001${t.role}`, t.person);
  }
  let started = performance.now();
  const batches: LabelledRecord[][] = [];
  for (const s of manifest.sources) {
    const inputs = await readSource(cityDir, s.mapping, s.file);
    batches.push(inputs.flatMap((input) => {
      const entity = truth.get(input.key);
      const p = input.person;
      return entity === undefined ? [] : [{ input, entity, label: `${input.key.replace(/\u0001/g, '/')} [${p.name ?? ''} ${p.idNumber ?? ''} ${p.birthDate ?? ''} ${p.phone ?? ''}]` }];
    }));
  }
  const readSeconds = (performance.now() - started) / 1000;
  const records = batches.reduce((n, b) => n + b.length, 0);
  console.log(`read + normalise: ${fmt(records)} person records from ${manifest.sources.length} sources in ${fmt(readSeconds, 1)} s`);
  started = performance.now();
  const e = evaluate(batches, (r) => (r.input.person.idValid ? r.input.person.idNumber! : ''), Number(values.errors));
  const p4 = (x: number): string => x.toFixed(4);
  console.log(`engine    P ${p4(e.engine.pairwise.precision)} R ${p4(e.engine.pairwise.recall)} F1 ${p4(e.engine.pairwise.f1)} | B3 F1 ${p4(e.engine.bcubed.f1)}`);
  console.log(`baseline  P ${p4(e.baseline.pairwise.precision)} R ${p4(e.baseline.pairwise.recall)} F1 ${p4(e.baseline.pairwise.f1)} | B3 F1 ${p4(e.baseline.bcubed.f1)}`);
  console.log(`blocking recall ${p4(e.blockingRecall)}, ${fmt(e.comparisons)} comparisons`);
  console.log(`train ${fmt(e.trainSeconds, 2)} s; resolve ${fmt(e.resolveSeconds, 2)} s = ${fmt(records / e.resolveSeconds)} records/s, ${fmt(e.comparisons / e.resolveSeconds)} comparisons/s`);
  console.log(`peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB`);
  if (e.falsePositives.length > 0) console.log(`false links:\n  ${e.falsePositives.join('\n  ')}`);
  if (e.falseNegatives.length > 0) console.log(`missed links:\n  ${e.falseNegatives.join('\n  ')}`);
}

await main();
