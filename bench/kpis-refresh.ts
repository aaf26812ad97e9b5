// The indicator refresh on a resolved store (issue 6's refresh after an ingest, on the store the ER
// batch benchmark keeps): every indicator, the jurisdiction and each district, now and 12 month
// ends, computed from each person's summary (`person_tallies`) against the baseline of the same
// pass reading every person's links, records and roles from the tables. The two alternate in one
// process, and their values must be identical. A store from before migration 0015 has its views
// and summaries written first (once; timed and reported).
//
//   npm run build && node dist/bench/er/batch.js --persons 1000000 --runs 0   # the store, once
//   node dist/bench/kpis-refresh.js [--persons 1000000] [--rounds 2]

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { activeDefinitions, cachedPeriods, computeIndicators, refreshIndicators } from '../src/indicators/compute.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fmt, machineLine, table, writeSection } from './report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { persons: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '2' } } });
const persons = Number(values.persons);
const rounds = Number(values.rounds);
const now = new Date('2025-07-01T08:00:00Z');

async function main(): Promise<void> {
  const file = join(root, 'bench', 'out', `er-store-${persons}`, 'yima.db');
  if (!existsSync(file)) throw new Error(`no kept store at ${file}: build it with dist/bench/er/batch.js --persons ${persons} --runs 0`);
  const store = SqliteStore.open(file);
  try {
    await store.migrate();
    const node = await store.findNode();
    if (node === undefined) throw new Error('the kept store has no node');
    let started = performance.now();
    const filled = await store.resolution.fillPersonViews((n) => {
      if (n % 100_000 < 2000) console.log(`views and summaries written: ${fmt(n)}`);
    });
    const fillSeconds = (performance.now() - started) / 1000;
    if (filled > 0) console.log(`wrote ${fmt(filled)} persons' views and summaries in ${fmt(fillSeconds, 1)} s`);
    const counts = await store.resolution.counts();
    const { all } = await activeDefinitions(store);
    const periods = cachedPeriods(now);
    const runs: { way: 'summaries' | 'tables'; seconds: number; rss: number; values: string }[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const way of ['tables', 'summaries'] as const) {
        globalThis.gc?.();
        started = performance.now();
        const computed = await computeIndicators(store, node.region, periods, all, undefined, { summaries: way === 'summaries' });
        const seconds = (performance.now() - started) / 1000;
        const rss = process.memoryUsage().rss / 2 ** 20;
        runs.push({ way, seconds, rss, values: JSON.stringify(computed.values) });
        console.log(`round ${round + 1}, ${way}: ${fmt(seconds, 1)} s, ${fmt(computed.values.length)} values, RSS ${fmt(rss)} MiB`);
      }
    }
    const same = runs.every((r) => r.values === runs[0]!.values);
    if (!same) throw new Error('the summaries and the tables gave different values');
    // The refresh itself: a full pass that saves its tally (kept in the store, for the batch
    // benchmark's copies), then one with nothing changed since, carrying on from it.
    const full = await refreshIndicators(store, node, new Date(), { full: true });
    const carried = await refreshIndicators(store, node, new Date());
    console.log(`refresh: full ${fmt(full.milliseconds / 1000, 1)} s, then ${carried.mode} ${fmt(carried.milliseconds)} ms`);
    const cell = (way: 'summaries' | 'tables'): string => runs.filter((r) => r.way === way).map((r) => fmt(r.seconds, 1)).join(' / ');
    const rss = (way: 'summaries' | 'tables'): string => fmt(Math.max(...runs.filter((r) => r.way === way).map((r) => r.rss)));
    writeSection(root, 'kpis-refresh', [
      '## Indicator refresh on a resolved store (issue 6)',
      '',
      `Machine: ${machineLine()}. Store: SQLite, the ER batch benchmark's resolved city of ${fmt(counts.persons)} persons (${fmt(counts.links)} record roles linked). Every indicator (${all.length}) for the jurisdiction and each district, now and at 12 month ends; ${rounds} rounds, the two ways alternating in one process; their values identical.`,
      '',
      table(['way', 'seconds (each round)', 'peak RSS (MiB)'], [
        ['baseline: links joined to records and roles from the tables', cell('tables'), rss('tables')],
        ['each person\'s summary (`person_tallies`)', cell('summaries'), rss('summaries')],
      ]),
      '',
      `The refresh as \`yima ingest\` runs it, on this store: a full pass ${fmt(full.milliseconds / 1000, 1)} s (it saves its tally), then with nothing changed since, ${carried.mode}, ${fmt(carried.milliseconds)} ms.`,
      '',
      filled > 0 ? `Writing the views and summaries of a store from before migration 0015 (once): ${fmt(filled)} persons in ${fmt(fillSeconds, 1)} s.` : 'The views and summaries were already written.',
      '',
      `Reproduce: \`npm run build && node --expose-gc dist/bench/kpis-refresh.js --persons ${persons}\` (after the batch benchmark has built its store).`,
    ].join('\n'));
  } finally {
    await store.close();
  }
}

await main();
