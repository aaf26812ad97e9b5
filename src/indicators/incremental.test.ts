// The refresh carried on from the saved tally: after a batch it counts only the persons the batch
// changed, and gives exactly the figures a full pass gives; what it cannot follow person by person
// (a re-versioned record, another day, other definitions) makes the next refresh a full pass. On
// both stores, on the hand-built city of indicators.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/pipeline.js';
import { loadMapping } from '../ingest/load-mapping.js';
import { resolvePending } from '../resolve/resolve.js';
import type { Store } from '../store/types.js';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { buildCity, futian, id, ingestedAt, nanshan, node, now, P } from '../test-support/indicator-city.js';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import type { IndicatorDefinition } from './definition.js';
import { refreshIndicators } from './index.js';

/** Every cached figure, without the time it was computed at. */
async function cached(store: Store): Promise<unknown[]> {
  const rows = await store.resolution.kysely
    .withTables<{ indicator_results: { period: string; district: string; indicator_id: string; value: number | null; numerator: number | null; denominator: number; met: number | null } }>()
    .selectFrom('indicator_results')
    .select(['period', 'district', 'indicator_id', 'value', 'numerator', 'denominator', 'met'])
    .orderBy('indicator_id').orderBy('district').orderBy('period')
    .execute();
  return rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value), numerator: r.numerator === null ? null : Number(r.numerator), denominator: Number(r.denominator), met: r.met === null ? null : Number(r.met) }));
}

/** The figures a full pass gives now (it replaces the cache, and saves its own tally). */
async function fullFigures(store: Store): Promise<unknown[]> {
  await refreshIndicators(store, node, now, { full: true });
  return cached(store);
}

let seq = 0;
async function ingest(store: Store, dir: TempDir, mapping: Record<string, unknown>, header: string[], rows: string[][], at = ingestedAt): Promise<void> {
  seq += 1;
  const mappingPath = dir.write(`extra-${seq}.json`, JSON.stringify(mapping));
  const csv = dir.write(`extra-${seq}.csv`, [header, ...rows].map((r) => r.join(',')).join('\n'));
  await ingestFiles(store, await loadMapping(mappingPath), [csv], { now: () => at });
  await resolvePending(store.resolution, { nodeId: 'T', jurisdiction: node.region, now: () => at });
}

const clinic = {
  source: 'clinic', kind: 'health', record_id: 'no', observed_at: 'at',
  roles: { subject: { name: 'name', id_number: 'id', residence_address: 'home' } },
  facts: { family_doctor_signed: 'signed' },
};
const baoan = '广东省深圳市宝安区新安街道海秀路3号';
const I = { name: '周敏', id: id('430102', '1993-10-03', '082') };

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`the indicator refresh carried on from its saved tally, on ${factory.name}`, () => {
    let t: TestStore;
    let store: Store;
    let dir: TempDir;
    beforeAll(async () => {
      t = await factory.open();
      store = t.store;
      dir = makeTempDir('yima-kpi-inc-');
      await buildCity(store, dir);
    }, 60_000);
    afterAll(async () => {
      await t.dispose();
      dir.remove();
    });

    it('counts everyone the first time, and no one when nothing changed', async () => {
      expect(await refreshIndicators(store, node, now)).toMatchObject({ mode: 'full', counted: 8, persons: 8 });
      const before = await cached(store);
      expect(await refreshIndicators(store, node, now)).toMatchObject({ mode: 'incremental', counted: 0, persons: 8 });
      expect(await cached(store)).toEqual(before);
    });

    it('counts only the persons a batch changed, to the figures a full pass gives', async () => {
      await refreshIndicators(store, node, now);
      const before = await cached(store);
      // A new floating person in Bao'an, where no one lived, and a family doctor for B (who had no health record).
      await ingest(store, dir, clinic, ['no', 'name', 'id', 'home', 'signed', 'at'], [
        ['K1', I.name, I.id, baoan, '是', '2025-06-20'],
        ['K2', P.B.name, P.B.id, futian, '是', '2025-06-21'],
      ]);
      const summary = await refreshIndicators(store, node, now);
      expect(summary).toMatchObject({ mode: 'incremental', counted: 2, persons: 9 });
      const carried = await cached(store);
      expect(carried).not.toEqual(before);
      expect(carried.some((r) => (r as { district: string }).district === '440306')).toBe(true);
      expect(await fullFigures(store)).toEqual(carried);
      // The noted persons are cleared with the refresh that counted them.
      expect(await store.resolution.kysely.selectFrom('indicator_dirty').select('person_id').execute()).toEqual([]);
    });

    it('takes a district away when its last person leaves it', async () => {
      await refreshIndicators(store, node, now);
      // I moves from Bao'an to Nanshan by a later record (the golden residence is the latest).
      await ingest(store, dir, clinic, ['no', 'name', 'id', 'home', 'signed', 'at'], [['K3', I.name, I.id, nanshan, '是', '2025-06-25']]);
      expect(await refreshIndicators(store, node, now)).toMatchObject({ mode: 'incremental', counted: 1 });
      const carried = await cached(store);
      expect(carried.some((r) => (r as { district: string }).district === '440306')).toBe(false);
      expect(await fullFigures(store)).toEqual(carried);
    });

    it('does not carry on from a tally that a change overlapped', async () => {
      await refreshIndicators(store, node, now);
      const somebody = (await store.resolution.kysely.selectFrom('persons').select('person_id').orderBy('person_id').limit(1).executeTakeFirstOrThrow()).person_id;
      // A review decided while the refresh counts (here: the person's view written again, as a decision does).
      const meanwhile = async (): Promise<void> => store.resolution.refreshPersonViews([somebody]);
      // Noted already before the refresh read the notes, and changed again while it counts: noted only once.
      await store.resolution.refreshPersonViews([somebody]);
      expect(await refreshIndicators(store, node, now, { progress: meanwhile })).toMatchObject({ mode: 'incremental', counted: 1 });
      expect(await refreshIndicators(store, node, now)).toMatchObject({ mode: 'full' });
      // A full pass overlapped the same way is not carried on from either.
      expect(await refreshIndicators(store, node, now, { full: true, progress: meanwhile })).toMatchObject({ mode: 'full' });
      expect(await refreshIndicators(store, node, now)).toMatchObject({ mode: 'full' });
      expect(await refreshIndicators(store, node, now)).toMatchObject({ mode: 'incremental', counted: 0 });
    });

    it('counts everyone again after a re-versioned record, on another day, or with other definitions', async () => {
      await refreshIndicators(store, node, now);
      await ingest(store, dir, clinic, ['no', 'name', 'id', 'home', 'signed', 'at'], [['K1', I.name, I.id, futian, '否', '2025-06-20']]);
      expect(await refreshIndicators(store, node, now)).toMatchObject({ mode: 'full', counted: 9 });
      const tomorrow = new Date(now.getTime() + 86_400_000);
      expect(await refreshIndicators(store, node, tomorrow)).toMatchObject({ mode: 'full' });
      expect(await refreshIndicators(store, node, tomorrow)).toMatchObject({ mode: 'incremental', counted: 0 });
      const custom: IndicatorDefinition[] = [{
        id: 'city_workers', name_zh: '务工人员比例', name_en: 'Workers', unit: 'rate', target: { op: '>=', value: 0.5 }, direction: 'up',
        formula: { type: 'ratio', numerator: { population: 'all', where: [{ flag: 'has_employer' }] }, denominator: { population: 'all', where: [] } },
      }];
      expect(await refreshIndicators(store, node, tomorrow, { custom })).toMatchObject({ mode: 'full' });
      expect(await refreshIndicators(store, node, tomorrow)).toMatchObject({ mode: 'incremental', counted: 0 });
    });
  });
}
