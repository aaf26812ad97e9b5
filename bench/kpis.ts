// Indicator benchmark (issue 6): the dashboard's reads on a store of a million persons. Persons,
// their records and links are written straight into a SQLite store (resolving a million persons
// from files would take the bench's whole budget and measures something else); then the cache is
// refreshed once, as after an ingest, and each reader is timed against the bar of 200 ms. The
// baseline is the uncached path: computing the same figures from the store on the fly.
//
//   npm run build && node dist/bench/kpis.js [--persons 1000000]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { computeIdCheckChar } from '../src/identity/index.js';
import { activeDefinitions, computeIndicators, readIndicators, readIndicatorsByDistrict, readIndicatorTrend, refreshIndicators } from '../src/indicators/index.js';
import { currentOf } from '../src/indicators/periods.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fmt, machineLine, table, writeSection } from './report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { persons: { type: 'string', default: '1000000' } } });
const persons = Number(values.persons);
const region = '440300';
const districts = ['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311'];
const hukous = ['110105', '420102', '510104', '430102', '360102', '450102'];
const at = '2025-07-01T00:00:00.000Z';
const now = new Date('2025-07-01T08:00:00Z');

const sources = [
  { source: 'police', kind: 'residence_registration', facts: { registered_at: 'reg', residence_since: 'since' } },
  { source: 'grid', kind: 'grid_collection', facts: { collected_at: 'at' } },
  { source: 'insurance', kind: 'social_insurance', facts: { medical_insured: 'm', work_injury_insured: 'w' } },
];

function day(offset: number): string {
  return new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Writes persons, records, their persons and links in one transaction per table, with prepared statements. */
function fill(file: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const source = db.prepare('insert into sources values (?, ?, null, ?, ?, ?)');
  const run = db.prepare("insert into ingest_runs values (?, ?, 'bench.csv', 'h', 'h', ?, ?, 'completed', 0, 0, 0, 0, 0)");
  const person = db.prepare("insert into persons values (?, '张伟', 'zhang wei', ?, 'M', ?, null, ?, ?, ?, ?, null, ?, ?, ?, '{}', ?)");
  const record = db.prepare("insert into records values (?, ?, 'r', 1, 'c', ?, ?, ?, '[]', '{}', ?, ?)");
  const role = db.prepare("insert into record_persons values (?, ?, 'subject', '张伟', 'zhang wei', ?, 1, 'M', ?, null, ?, ?, ?)");
  const link = db.prepare("insert into person_links values (?, ?, 'subject', ?, 'c', ?)");
  db.transaction(() => {
    for (const s of sources) {
      const mapping = JSON.stringify({ source: s.source, kind: s.kind, record_id: 'no', roles: { subject: { name: 'name', id_number: 'id' } }, facts: s.facts });
      source.run(s.source, s.kind, mapping, 'h', at);
      run.run(`run-${s.source}`, s.source, at, at);
    }
    for (let i = 0; i < persons; i++) {
      const personId = `PB${i.toString(36).padStart(7, '0')}`;
      const birth = `19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`;
      const first17 = `${hukous[i % hukous.length]}${birth}${String(i % 1000).padStart(3, '0')}`;
      const id = first17 + computeIdCheckChar(first17);
      const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`;
      const district = districts[i % districts.length]!;
      const registered = i % 5 !== 0;
      const worker = i % 3 === 0;
      const kinds = [...(registered ? ['police'] : []), 'grid', ...(worker ? ['insurance'] : [])];
      person.run(personId, id, birthDate, id.slice(0, 6), district, 'floating', registered ? 1 : 0, kinds.join(' '), kinds.length, i % 17 === 0 ? 1 : 0, at);
      for (const s of kinds) {
        const recordId = `${s}-${i}`;
        const seen = day(i % 540);
        const facts = s === 'police'
          ? { registered_at: { raw: seen, value: seen, ok: true }, residence_since: { raw: day((i % 540) - 5), value: day((i % 540) - 5), ok: true } }
          : s === 'insurance' ? { medical_insured: { raw: '是', value: '是', ok: true }, work_injury_insured: { raw: i % 2 === 0 ? '是' : '否', value: i % 2 === 0 ? '是' : '否', ok: true } } : {};
        record.run(s, recordId, `${seen}T00:00:00Z`, at, JSON.stringify(facts), 6, 6);
        role.run(s, recordId, id, birthDate, id.slice(0, 6), district, JSON.stringify({ r: 'subject', f: {} }));
        link.run(s, recordId, personId, at);
      }
    }
  })();
  db.close();
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function time(fn: () => Promise<unknown>, runs = 20): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yima-bench-kpis-'));
  const file = join(dir, 'yima.db');
  try {
    let store = SqliteStore.open(file);
    await store.migrate();
    await store.initNode({ nodeId: 'B', region, name: 'bench', createdAt: at });
    await store.close();
    let started = performance.now();
    fill(file);
    const fillSeconds = (performance.now() - started) / 1000;
    console.log(`filled ${fmt(persons)} persons in ${fmt(fillSeconds, 1)} s`);
    store = SqliteStore.open(file);
    const refresh = await refreshIndicators(store, { region }, now);
    console.log(`refresh: ${fmt(refresh.milliseconds / 1000, 1)} s, ${fmt(refresh.rows)} cached values`);
    const rss = process.memoryUsage().rss / 2 ** 20;
    const reads: [string, number][] = [
      ['GET /api/kpis (jurisdiction)', await time(() => readIndicators(store))],
      ['GET /api/kpis?district=440305', await time(() => readIndicators(store, { district: '440305' }))],
      ['GET /api/kpis/districts?id=missed_registration_rate', await time(() => readIndicatorsByDistrict(store, 'missed_registration_rate'))],
      ['GET /api/kpis/trend?id=missed_registration_rate', await time(() => readIndicatorTrend(store, 'missed_registration_rate'))],
    ];
    started = performance.now();
    const { all } = await activeDefinitions(store);
    await computeIndicators(store, region, [currentOf(now)], all);
    const uncached = performance.now() - started;
    await store.close();
    for (const [what, ms] of reads) console.log(`${what}: ${fmt(ms, 2)} ms (uncached ${fmt(uncached)} ms)`);
    const rows = reads.map(([what, ms]) => [what, `${fmt(ms, 2)} ms`, `${fmt(uncached)} ms`, ms < 200 ? 'yes' : 'no']);
    writeSection(root, 'kpis', [
      '## Indicators (issue 6)',
      '',
      `Machine: ${machineLine()}. Store: SQLite, ${fmt(persons)} floating persons with ${fmt(Math.round(persons * (1 + 0.8 + 1 / 3)))} records (each with its person row and link) written straight into the tables (${fmt(fillSeconds, 1)} s). Bar: a dashboard read < 200 ms. Baseline: the same figures computed on the fly from the store (the path without a cache), current period only.`,
      '',
      table(['read', 'median of 20 (cache)', 'baseline: on the fly', '< 200 ms'], rows),
      '',
      `Refresh after an ingest (all 14 indicators × jurisdiction and ${districts.length} districts × now and 12 month ends, replacing the cache in one transaction): ${fmt(refresh.milliseconds / 1000, 1)} s, ${fmt(refresh.rows)} values, RSS ${fmt(rss)} MiB.`,
      '',
      `Reproduce: \`npm run build && node dist/bench/kpis.js --persons ${persons}\`.`,
    ].join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
