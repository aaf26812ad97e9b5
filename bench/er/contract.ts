// Entity resolution through the command contract, as an outside check runs it: `yima init`, then
// `yima ingest` once per source (each call resolves what it brought), then `yima export links`,
// scored against the city's truth. Beside it, in the same run: every source ingested first and
// resolved once (`yima ingest --no-resolve` ... `yima resolve`), the engine's best case.
//
//   npm run build && node dist/bench/er/contract.js [--persons 20000] [--seed 11]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bCubedScores, pairwiseScores } from '../../src/matching/index.js';
import type { CityManifest } from '../../src/synth/index.js';
import { openHardCity } from './hard-city.js';
import { fmt, machineLine, table, writeSection } from '../report.js';
import { nodeFlags } from '../../src/cli/node-flags.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = join(root, 'bin', 'yima.js');

function yima(args: string[]): string {
  const run = spawnSync(process.execPath, [...nodeFlags, cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`yima ${args[0]} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** `source\u0001record_id\u0001role` → person, from a links export. */
function readLinks(file: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = readFileSync(file, 'utf8').split('\n').slice(1);
  for (const line of lines) {
    if (line === '') continue;
    const [source = '', recordId = '', role = '', person = ''] = line.split(',');
    out.set(`${source}\u0001${recordId}\u0001${role}`, person);
  }
  return out;
}

interface FlowResult {
  flow: string;
  records: number;
  precision: number;
  recall: number;
  f1: number;
  bcubed: number;
  seconds: number;
}

function runFlow(flow: 'per-source' | 'all-then-resolve', cityDir: string, manifest: CityManifest, truthOf: Map<string, string>): FlowResult {
  const data = mkdtempSync(join(tmpdir(), 'yima-contract-'));
  const started = performance.now();
  try {
    yima(['init', '--data', data, '--region', manifest.region]);
    for (const s of manifest.sources) {
      const args = ['ingest', '--data', data, '--mapping', resolve(cityDir, s.mapping), resolve(cityDir, s.file)];
      yima(flow === 'per-source' ? args : [...args.slice(0, 3), '--no-resolve', ...args.slice(3)]);
    }
    if (flow === 'all-then-resolve') yima(['resolve', '--data', data]);
    const seconds = (performance.now() - started) / 1000;
    const out = join(data, 'links.csv');
    yima(['export', 'links', '--data', data, '--out', out]);
    const links = readLinks(out);
    const keys = [...truthOf.keys()].filter((k) => links.has(k));
    const truth = keys.map((k) => truthOf.get(k)!);
    const predicted = keys.map((k) => links.get(k)!);
    const p = pairwiseScores(predicted, truth);
    return { flow, records: keys.length, precision: p.precision, recall: p.recall, f1: p.f1, bcubed: bCubedScores(predicted, truth).f1, seconds };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { persons: { type: 'string', default: '20000' }, seed: { type: 'string', default: '11' } } });
  const persons = Number(values.persons);
  const seed = Number(values.seed);
  const { cityDir, manifest, truthOf } = await openHardCity(root, persons, seed);
  const results: FlowResult[] = [];
  for (const flow of ['per-source', 'all-then-resolve'] as const) {
    const r = runFlow(flow, cityDir, manifest, truthOf);
    console.log(`${flow}: ${fmt(r.records)} records, P ${r.precision.toFixed(4)} R ${r.recall.toFixed(4)} F1 ${r.f1.toFixed(4)}, B-cubed F1 ${r.bcubed.toFixed(4)}, ${fmt(r.seconds, 1)} s`);
    results.push(r);
  }
  const label: Record<string, string> = {
    'per-source': '`yima ingest` per source, each resolving (the contract)',
    'all-then-resolve': 'all sources with `--no-resolve`, then one `yima resolve`',
  };
  const rows = results.map((r) => [label[r.flow] ?? r.flow, fmt(r.records), r.precision.toFixed(4), r.recall.toFixed(4), r.f1.toFixed(4), r.bcubed.toFixed(4), fmt(r.seconds, 1)]);
  writeSection(
    root,
    'er-contract',
    `## Entity resolution through the command contract (issue 3)\n\nMachine: ${machineLine()}. Synthetic city of ${fmt(persons)} persons (seed ${seed}, hard error rates), ${manifest.sources.length} sources, run by the \`yima\` command as an outside check would, scored with the city's truth from \`yima export links\`.\n\n${table(['flow', 'records', 'precision', 'recall', 'F1', 'B-cubed F1', 'seconds'], rows)}\n\nReproduce: \`npm run build && node dist/bench/er/contract.js --persons ${persons}\`.`,
  );
}

await main();
