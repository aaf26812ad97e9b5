// Ingest benchmark (issue 2): ~1M synthetic source rows read ▶ normalised ▶ stored, on SQLite and
// PostgreSQL, beside the baseline of a plain read (parse only) of the same files, and the same
// two-thread pipeline with its batches discarded (the ceiling that reading and preparing leave the
// store). Each measurement runs in a child process of its own so its peak RSS is its own.
//
//   npm run build && node dist/bench/ingest.js [--persons 400000] [--pg postgres://127.0.0.1:5432/test]

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeKey } from '../src/audit/node-key.js';
import { ingestFiles } from '../src/ingest/pipeline.js';
import { loadMapping } from '../src/ingest/load-mapping.js';
import { openRows } from '../src/ingest/readers/index.js';
import { normalizeRow } from '../src/standard/normalize-row.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/types.js';
import { generateCity, type CityManifest } from '../src/synth/index.js';
import { fmt, machineLine, table, writeSection } from './report.js';
import { nodeFlags } from '../src/cli/node-flags.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Measurement {
  mode: string;
  rows: number;
  seconds: number;
  maxRssMiB: number;
}

async function eachSource(manifest: CityManifest, cityDir: string, fn: (mappingPath: string, file: string) => Promise<number>): Promise<number> {
  let rows = 0;
  for (const s of manifest.sources) rows += await fn(resolve(cityDir, s.mapping), resolve(cityDir, s.file));
  return rows;
}

async function runChild(mode: string, cityDir: string, pgUrl: string): Promise<Measurement> {
  const manifest = JSON.parse(readFileSync(join(cityDir, 'manifest.json'), 'utf8')) as CityManifest;
  const started = performance.now();
  let rows = 0;
  if (mode === 'read' || mode === 'normalise') {
    rows = await eachSource(manifest, cityDir, async (mappingPath, file) => {
      const { mapping } = await loadMapping(mappingPath);
      const source = await openRows(file, { encoding: mapping.encoding, ...(mapping.sheet === null ? {} : { sheet: mapping.sheet }) });
      let n = 0;
      for await (const row of source.rows) {
        n += 1;
        if (mode === 'normalise' && row.kind === 'row') normalizeRow(mapping, row, { fallbackRecordId: String(row.line), jurisdiction: manifest.region });
      }
      return n;
    });
  } else {
    const temp = mkdtempSync(join(tmpdir(), 'yima-bench-'));
    const schema = `bench_${process.pid}`;
    const signer = createNodeKey(temp, 'yima.bench');
    const store: Store = mode === 'postgres' ? await PostgresStore.open(pgUrl, { schema, signer }) : SqliteStore.open(join(temp, 'yima.db'), { signer });
    // The two-thread pipeline with nothing stored: what the CPU of reading and preparing allows.
    if (mode === 'prepare') store.writeBatch = () => Promise.resolve();
    try {
      await store.migrate();
      await store.initNode({ nodeId: 'bench', region: manifest.region, name: 'bench', createdAt: new Date().toISOString() });
      rows = await eachSource(manifest, cityDir, async (mappingPath, file) => {
        const summaries = await ingestFiles(store, await loadMapping(mappingPath), [file]);
        return summaries.reduce((n, s) => n + s.rowsRead, 0);
      });
    } finally {
      if (store instanceof PostgresStore) await store.dropSchema(schema);
      await store.close();
      rmSync(temp, { recursive: true, force: true });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { mode, rows, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { persons: { type: 'string', default: '400000' }, child: { type: 'string' }, city: { type: 'string' }, pg: { type: 'string', default: process.env.YIMA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' }, modes: { type: 'string', default: 'read,normalise,prepare,sqlite,postgres' } },
  });
  if (values.child !== undefined) {
    process.stdout.write(JSON.stringify(await runChild(values.child, values.city ?? '', values.pg)));
    return;
  }
  const persons = Number(values.persons);
  const cityDir = join(root, 'bench', 'out', `city-7-${persons}`);
  if (!existsSync(join(cityDir, 'manifest.json'))) {
    console.log(`generating a city of ${fmt(persons)} persons in ${cityDir}`);
    await generateCity({ seed: 7, persons, outDir: cityDir, hardness: 'hard' });
  }
  const results: Measurement[] = [];
  for (const mode of values.modes.split(',')) {
    const out = execFileSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), '--child', mode, '--city', cityDir, '--pg', values.pg], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const m = JSON.parse(out) as Measurement;
    console.log(`${mode}: ${fmt(m.rows)} rows in ${fmt(m.seconds, 1)} s = ${fmt(m.rows / m.seconds)} rows/s, peak RSS ${fmt(m.maxRssMiB)} MiB`);
    results.push(m);
  }
  const label: Record<string, string> = {
    read: 'baseline: plain read (parse only)',
    normalise: 'read + normalise (no store)',
    prepare: 'read + normalise + prepare on two threads, batches discarded (no store)',
    sqlite: 'read + normalise + store, SQLite',
    postgres: 'read + normalise + store, PostgreSQL (COPY)',
  };
  const base = results.find((r) => r.mode === 'read');
  const rowsTable = table(
    ['what', 'rows', 'seconds', 'rows/s', 'vs plain read', 'peak RSS (MiB)'],
    results.map((r) => [label[r.mode] ?? r.mode, fmt(r.rows), fmt(r.seconds, 1), fmt(r.rows / r.seconds), base === undefined ? '-' : `${fmt(r.rows / r.seconds / (base.rows / base.seconds), 2)}×`, fmt(r.maxRssMiB)]),
  );
  writeSection(root, 'ingest', `## Ingest (issue 2)\n\nMachine: ${machineLine()}. City: ${fmt(persons)} synthetic persons (seed 7, hard error rates), all sources, every format and encoding. Bar: ≥ 50,000 rows/s read+normalise+store on SQLite, peak RSS ≤ 1 GB.\n\n${rowsTable}\n\nReproduce: \`npm run build && node dist/bench/ingest.js --persons ${persons}\`.`);
}

await main();
