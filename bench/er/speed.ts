// Entity-resolution speed (issue 3): end-to-end ingest + resolve of a synthetic city on SQLite
// (records/s, comparisons/s, peak RSS), beside the exact-id baseline (ingest, then link records
// only when their id numbers are equal) in the same run; then the time to add a batch of 1,000
// held-out records to the resolved store. Each measurement runs in a child process of its own.
//
//   npm run build && node dist/bench/er/speed.js [--persons 31000] [--persons 308000]

import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { PerformanceObserver } from 'node:perf_hooks';
import { createNodeKey } from '../../src/audit/node-key.js';
import { ingestFiles } from '../../src/ingest/pipeline.js';
import { loadMapping } from '../../src/ingest/load-mapping.js';
import { resolvePending } from '../../src/resolve/resolve.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { generateCity, type CityManifest } from '../../src/synth/index.js';
import { fmt, machineLine, table, writeSection } from '../report.js';
import { nodeFlags } from '../../src/cli/node-flags.js';
import { heldOutRows, heldOutSource, loadFiles, splitHeldOut } from './held-out.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface Result {
  mode: string;
  persons: number;
  records: number;
  ingestSeconds: number;
  resolveSeconds: number;
  comparisons: number;
  goldenPersons: number;
  batchSeconds: number | null;
  maxRssMiB: number;
  /** Main-thread garbage-collection pauses over the whole measurement. */
  gcSeconds: number;
  unregistered: { listed: number; precision: number; recall: number } | null;
}

interface TruthPerson {
  person: string;
  floating: boolean;
  registered: boolean;
  evidence: string[];
}

/** The unregistered list (漏登) against the city's truth: each listed person is its records' majority true person. */
async function scoreUnregistered(store: SqliteStore, cityDir: string, manifest: CityManifest): Promise<Result['unregistered']> {
  const truthOfRecord = new Map<string, string>();
  // Line by line: at 1M persons the truth file is longer than a JavaScript string may be.
  for await (const line of createInterface({ input: createReadStream(join(cityDir, manifest.truthFile), 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    const t = JSON.parse(line) as { source: string; record_id: string; role: string; person: string };
    truthOfRecord.set(`${t.source}\u0001${t.record_id}\u0001${t.role}`, t.person);
  }
  const expected = new Set<string>();
  for await (const line of createInterface({ input: createReadStream(join(cityDir, manifest.personsFile), 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    const p = JSON.parse(line) as TruthPerson;
    if (p.floating && !p.registered && p.evidence.length > 0) expected.add(p.person);
  }
  const votes = new Map<string, Map<string, number>>();
  for await (const [source, recordId, role, personId] of store.resolution.streamLinks()) {
    const truth = truthOfRecord.get(`${source}\u0001${recordId}\u0001${role}`);
    if (truth === undefined) continue;
    const v = votes.get(personId) ?? new Map<string, number>();
    v.set(truth, (v.get(truth) ?? 0) + 1);
    votes.set(personId, v);
  }
  let listed = 0;
  let right = 0;
  const found = new Set<string>();
  for await (const p of store.resolution.streamPersons('unregistered')) {
    listed += 1;
    const v = votes.get(p.person_id);
    if (v === undefined) continue;
    const truth = [...v.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (truth !== undefined && expected.has(truth)) {
      right += 1;
      found.add(truth);
    }
  }
  return { listed, precision: listed === 0 ? 0 : right / listed, recall: expected.size === 0 ? 0 : found.size / expected.size };
}

async function child(mode: string, cityDir: string): Promise<Result> {
  const manifest = JSON.parse(readFileSync(join(cityDir, 'manifest.json'), 'utf8')) as CityManifest;
  const temp = mkdtempSync(join(tmpdir(), 'yima-er-'));
  const store = SqliteStore.open(join(temp, 'yima.db'), { signer: createNodeKey(temp, 'yima.bench') });
  const result: Result = { mode, persons: manifest.persons, records: 0, ingestSeconds: 0, resolveSeconds: 0, comparisons: 0, goldenPersons: 0, batchSeconds: null, maxRssMiB: 0, gcSeconds: 0, unregistered: null };
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) result.gcSeconds += entry.duration / 1000;
  });
  gc.observe({ entryTypes: ['gc'] });
  try {
    await store.migrate();
    await store.initNode({ nodeId: 'B', region: manifest.region, name: 'bench', createdAt: new Date().toISOString() });
    const held = await splitHeldOut(cityDir, manifest);
    let started = performance.now();
    for (const { mapping, file } of loadFiles(cityDir, manifest, held)) await ingestFiles(store, await loadMapping(mapping), [file]);
    result.ingestSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    if (mode === 'baseline') {
      // Exact-id baseline: one person per distinct id number, nothing else.
      const persons = new Map<string, number>();
      for await (const record of store.streamRecords()) {
        for (const p of record.persons) {
          result.records += 1;
          if (p.idNumber !== null) persons.set(p.idNumber, (persons.get(p.idNumber) ?? 0) + 1);
        }
      }
      result.goldenPersons = persons.size;
      result.resolveSeconds = (performance.now() - started) / 1000;
      result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
    } else {
      const summary = await resolvePending(store.resolution, { nodeId: 'B', jurisdiction: manifest.region });
      result.resolveSeconds = (performance.now() - started) / 1000;
      result.records = summary.records;
      result.comparisons = summary.comparisons;
      result.goldenPersons = summary.personsWritten;
      // The bar's peak is the end-to-end run's: scoring against the truth (a bench-only step that
      // holds a map of every record) and the batch below come after it.
      result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
      result.unregistered = await scoreUnregistered(store, cityDir, manifest);
      started = performance.now();
      await ingestFiles(store, await loadMapping(held.mapping), [held.batch]);
      await resolvePending(store.resolution, { nodeId: 'B', jurisdiction: manifest.region });
      result.batchSeconds = (performance.now() - started) / 1000;
    }
  } finally {
    await store.close();
    rmSync(temp, { recursive: true, force: true });
  }
  gc.disconnect();
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { persons: { type: 'string', multiple: true, default: ['31000'] }, child: { type: 'string' }, city: { type: 'string' } } });
  if (values.child !== undefined) {
    process.stdout.write(JSON.stringify(await child(values.child, values.city ?? '')));
    return;
  }
  const results: Result[] = [];
  for (const persons of values.persons.map(Number)) {
    const cityDir = join(root, 'bench', 'out', `city-7-${persons}`);
    if (!existsSync(join(cityDir, 'manifest.json'))) await generateCity({ seed: 7, persons, outDir: cityDir, hardness: 'hard' });
    for (const mode of ['baseline', 'engine']) {
      const out = execFileSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), '--child', mode, '--city', cityDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const r = JSON.parse(out) as Result;
      console.log(JSON.stringify(r));
      results.push(r);
    }
  }
  const rows = results.map((r) => {
    const total = r.ingestSeconds + r.resolveSeconds;
    return [
      r.mode === 'baseline' ? 'exact-id baseline' : 'yima engine',
      fmt(r.persons),
      fmt(r.records),
      fmt(r.ingestSeconds, 1),
      fmt(r.resolveSeconds, 1),
      fmt(r.records / total),
      r.comparisons === 0 ? '-' : fmt(r.comparisons / r.resolveSeconds),
      fmt(r.goldenPersons),
      r.batchSeconds === null ? '-' : fmt(r.batchSeconds, 2),
      fmt(r.maxRssMiB),
      fmt(r.gcSeconds, 1),
      r.unregistered === null ? '-' : `${fmt(r.unregistered.listed)} listed, P ${r.unregistered.precision.toFixed(3)} R ${r.unregistered.recall.toFixed(3)}`,
    ];
  });
  writeSection(
    root,
    'er-speed',
    `## Entity resolution speed (issue 3)\n\nMachine: ${machineLine()}. Synthetic city (seed 7, hard), SQLite, ingest + resolve end to end; the last ${heldOutRows} rows of ${heldOutSource} are held out and added afterwards as an incremental batch (ingest + resolve). Bars: ≥ 20,000 records/s end to end at 1M records, peak RSS ≤ 2 GB; a 1,000-record batch on a 1M-person store in < 1 s.\n\n${table(['what', 'persons', 'record roles', 'ingest s', 'resolve s', 'records/s end to end', 'comparisons/s', 'persons found', '1,000-record batch s', 'peak RSS MiB (ingest + resolve)', 'GC pauses s (whole child)', 'unregistered list vs truth (bar P ≥ 0.97, R ≥ 0.95)'], rows)}\n\nReproduce: \`npm run build && node dist/bench/er/speed.js --persons 31000 --persons 308000\`.`,
  );
}

await main();
