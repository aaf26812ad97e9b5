// Bulk inserts (issue 3's resolution writes): the same rows written through Kysely's query builder,
// as the resolution wrote them before, and through `bulkInsert` (src/store/bulk-insert.ts), in
// alternating rounds on fresh stores, SQLite and PostgreSQL. Rows like a first resolution's: block
// keys (two text columns; ~10 a record; filed without their index, as a first load files them)
// and person links (six columns, upserted).
//
//   npm run build && node dist/bench/bulk-insert.js [--keys 1000000] [--links 300000] [--rounds 3]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeKey } from '../src/audit/node-key.js';
import { bulkInsert, maxBindParams } from '../src/store/bulk-insert.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import type { ResolutionDb } from '../src/store/resolution/load-inputs.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/types.js';
import { fmt, machineLine, table, writeSection } from './report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Variant = 'kysely builder (baseline)' | 'bulkInsert';
interface Row {
  engine: string;
  variant: Variant;
  table: string;
  rows: number;
  seconds: number[];
}

/** A resolution page's worth of rows per transaction, as `writeResolution` commits them. */
const pageRows = 20_000;

function blockKeys(n: number): { key: string; record_key: string }[] {
  return Array.from({ length: n }, (_, i) => ({ key: `n:zhang wei ${i % 50_000}|19${String(i % 100).padStart(2, '0')}0${(i % 9) + 1}1${i % 10}`, record_key: `hrss_contract\u0001HT${String(i >> 3).padStart(9, '0')}\u0001subject` }));
}

function links(n: number, at: string) {
  return Array.from({ length: n }, (_, i) => ({ source: 'health_records', record_id: `HR${String(i).padStart(9, '0')}`, role: 'subject', person_id: `PB${(i >> 2).toString(36).padStart(7, '0')}`, content_hash: `h${i.toString(36).padStart(26, 'x')}`, linked_at: at }));
}

async function write(store: Store, variant: Variant, what: 'block_keys' | 'person_links', rows: readonly object[]): Promise<number> {
  const db: ResolutionDb = store.resolution.kysely;
  const started = performance.now();
  for (let page = 0; page < rows.length; page += pageRows) {
    const slice = rows.slice(page, page + pageRows);
    await db.transaction().execute(async (trx) => {
      if (variant === 'bulkInsert') {
        if (what === 'block_keys') await bulkInsert(trx, 'block_keys', slice);
        else await bulkInsert(trx, 'person_links', slice as ReturnType<typeof links>, { onConflict: { columns: ['source', 'record_id', 'role'], update: ['person_id', 'content_hash', 'linked_at'] } });
        return;
      }
      // As the resolution wrote them before: the builder, as many rows a statement as the bind limit allows.
      const size = Math.floor(maxBindParams / Object.keys(slice[0] ?? { a: 1 }).length);
      for (let i = 0; i < slice.length; i += size) {
        const chunk = slice.slice(i, i + size);
        if (what === 'block_keys') await trx.insertInto('block_keys').values(chunk as { key: string; record_key: string }[]).execute();
        else {
          await trx
            .insertInto('person_links')
            .values(chunk as ReturnType<typeof links>)
            .onConflict((oc) => oc.columns(['source', 'record_id', 'role']).doUpdateSet((eb) => ({ person_id: eb.ref('excluded.person_id'), content_hash: eb.ref('excluded.content_hash'), linked_at: eb.ref('excluded.linked_at') })))
            .execute();
        }
      }
    });
  }
  return (performance.now() - started) / 1000;
}

async function openStore(engine: 'SQLite' | 'PostgreSQL', pgUrl: string): Promise<{ store: Store; drop: () => Promise<void> }> {
  const temp = mkdtempSync(join(tmpdir(), 'yima-bulk-'));
  const signer = createNodeKey(temp, 'yima.bench');
  if (engine === 'SQLite') {
    const store = SqliteStore.open(join(temp, 'yima.db'), { signer });
    await store.migrate();
    return { store, drop: async () => { await store.close(); rmSync(temp, { recursive: true, force: true }); } };
  }
  const schema = `bench_bulk_${process.pid}_${Date.now()}`;
  const store = await PostgresStore.open(pgUrl, { schema, signer });
  await store.migrate();
  return { store, drop: async () => { await store.dropSchema(schema); await store.close(); rmSync(temp, { recursive: true, force: true }); } };
}

async function pgAvailable(url: string): Promise<boolean> {
  try {
    const probe = await openStore('PostgreSQL', url);
    await probe.drop();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { keys: { type: 'string', default: '1000000' }, links: { type: 'string', default: '300000' }, rounds: { type: 'string', default: '3' }, pg: { type: 'string', default: process.env.YIMA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' } } });
  const keyRows = blockKeys(Number(values.keys));
  const linkRows = links(Number(values.links), new Date().toISOString());
  const engines: ('SQLite' | 'PostgreSQL')[] = (await pgAvailable(values.pg)) ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
  const results: Row[] = [];
  const variants: Variant[] = ['kysely builder (baseline)', 'bulkInsert'];
  for (const engine of engines) {
    for (const [what, rows] of [['block_keys', keyRows], ['person_links', linkRows]] as const) {
      for (const variant of variants) results.push({ engine, variant, table: what, rows: rows.length, seconds: [] });
      for (let round = 0; round < Number(values.rounds); round++) {
        // Alternating, each on a fresh store: the machine's drift falls on both alike.
        for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
          const { store, drop } = await openStore(engine, values.pg);
          try {
            // A first resolution files its block keys without their index and builds it afterwards.
            if (what === 'block_keys') await store.resolution.dropBlockKeyIndex();
            const seconds = await write(store, variant, what, rows);
            results.find((r) => r.engine === engine && r.variant === variant && r.table === what)?.seconds.push(seconds);
            console.log(`${engine} ${what} ${variant}: ${fmt(rows.length)} rows in ${fmt(seconds, 2)} s`);
          } finally {
            await drop();
          }
        }
      }
    }
  }
  const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const rowsTable = table(
    ['engine', 'table', 'how', 'rows', 'seconds (each round)', 'median rows/s', 'vs builder'],
    results.map((r) => {
      const base = results.find((b) => b.engine === r.engine && b.table === r.table && b.variant === 'kysely builder (baseline)');
      return [r.engine, r.table, r.variant, fmt(r.rows), r.seconds.map((s) => fmt(s, 2)).join(' / '), fmt(r.rows / median(r.seconds)), base === undefined ? '-' : `${fmt(median(base.seconds) / median(r.seconds), 2)}×`];
    }),
  );
  writeSection(root, 'bulk-insert', `## Bulk inserts of a resolution (issue 3)\n\nMachine: ${machineLine()}. The same rows through Kysely's query builder (as the resolution wrote them before) and through \`bulkInsert\`, ${pageRows.toLocaleString('en-US')} rows a transaction, alternating on fresh stores.\n\n${rowsTable}\n\nReproduce: \`npm run build && node dist/bench/bulk-insert.js --keys ${values.keys} --links ${values.links} --rounds ${values.rounds}\`.`);
}

await main();
