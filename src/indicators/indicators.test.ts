// Every indicator on a hand-built city of eight persons and eight sources, on both stores. Each
// expected numerator and denominator is counted by hand in the comments from the rows below, not
// computed by the code under test.
//
//   person  hukou (id)  lives   sources (observed date)                               notes
//   A 张伟   110105      南山    police 03-10, insurance 01-15 (医疗是 工伤是), contract 01-20,
//                               health 03-01 (签约是), housing 06-01 (保障性住房)       since 03-03 → 5 working days
//   B 李娜   420102      福田    insurance 06-10 (医疗否 工伤否), housing 06-05 (租赁), filing 06-12
//   C 王芳   420102      南山    police 02-10, grid 01-10 (employer), health 02-20 (签约否),
//                               guardian on D's school record                          since 01-20 → 11 (Spring Festival)
//   D 王小明 420102 child 南山   school 04-15 (公办), grid 04-01
//   E 赵强   510104 child 福田   police 04-08 (no since), school 04-15 (民办), grid 04-01   grid 04-01 → 4 (Qingming)
//   F 陈静   440305 local 南山   insurance 02-01, grid 03-15 (bad phone)
//   G 刘洋   110105      —       filing 06-15 (bad date): no evidence of living here, so not floating
//   H 孙磊   320102      福田    police 05-20 (birth 06-16 ≠ id 06-15), housing 05-25 (租赁)  since 05-06 → 10

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/types.js';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import { builtinDefinitions } from './builtin.js';
import { factsUsed } from './evaluate.js';
import { readIndicators, readIndicatorsByDistrict, readIndicatorTrend, refreshIndicators, type IndicatorResult } from './index.js';
import { streamPersonRows } from './load-rows.js';
import type { PersonRow } from './person-row.js';

import { buildCity, ingestedAt, node, now } from '../test-support/indicator-city.js';

function byId(results: readonly IndicatorResult[]): Map<string, IndicatorResult> {
  return new Map(results.map((r) => [r.id, r]));
}

/** [numerator, denominator] of each indicator, or the value for those in days. */
function counts(results: readonly IndicatorResult[]): Record<string, [number | null, number]> {
  return Object.fromEntries(results.map((r) => [r.id, [r.numerator, r.denominator]]));
}

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`indicators on ${factory.name}`, () => {
    let t: TestStore;
    let store: Store;
    let dir: TempDir;
    beforeAll(async () => {
      t = await factory.open();
      store = t.store;
      dir = makeTempDir('yima-kpi-');
      await buildCity(store, dir);
      await refreshIndicators(store, node, now);
    }, 60_000);
    afterAll(async () => {
      await t.dispose();
      dir.remove();
    });

    it('resolves the fixture into its eight persons', async () => {
      expect((await store.resolution.counts()).persons).toBe(8);
    });

    it('reports its progress in persons counted, ending at every person', async () => {
      const seen: number[] = [];
      const summary = await refreshIndicators(store, node, now, { full: true, progress: (n) => void seen.push(n) });
      expect(summary.persons).toBe(8);
      expect(seen.at(-1)).toBe(8);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    });

    it('reads each person from the summary beside their view, as the tables would give them', async () => {
      const wanted = factsUsed(builtinDefinitions);
      const rowsOf = async (): Promise<PersonRow[]> => {
        const out: PersonRow[] = [];
        for await (const page of streamPersonRows(store, node.region, wanted)) out.push(...page);
        return out;
      };
      const db = store.resolution.kysely;
      const saved = await db.selectFrom('person_tallies').selectAll().orderBy('person_id').execute();
      expect(saved).toHaveLength(8);
      const fromSummaries = await rowsOf();
      expect(fromSummaries.flatMap((r) => r.records)).toHaveLength(22);
      try {
        // One person without a summary (read by id), then none readable (read by range): the same rows.
        await db.deleteFrom('person_tallies').where('person_id', '=', saved[3]!.person_id).execute();
        expect(await rowsOf()).toEqual(fromSummaries);
        await db.updateTable('person_tallies').set({ tally: '{"v":0,"r":[]}' }).execute();
        expect(await rowsOf()).toEqual(fromSummaries);
        // A summary is what is read: one edited shows through.
        const edited = JSON.parse(saved[0]!.tally) as { v: number; r: unknown[][] };
        edited.r[0]![2] = 1000;
        await db.updateTable('person_tallies').set({ tally: JSON.stringify(edited) }).where('person_id', '=', saved[0]!.person_id).execute();
        expect((await rowsOf())[0]!.records[0]!.valuesTotal).toBe(1000);
      } finally {
        await db.deleteFrom('person_tallies').execute();
        await db.insertInto('person_tallies').values(saved).execute();
      }
    });

    it('counts every indicator for the jurisdiction by hand', async () => {
      const results = await readIndicators(store);
      expect(results.map((r) => r.id)).toEqual([
        'registration_accuracy', 'missed_registration_rate', 'standardization_rate', 'duplicate_rate', 'inconsistency_rate',
        'registration_cycle_days', 'archive_coverage', 'public_school_rate', 'contract_rate', 'work_injury_rate',
        'remote_medical_rate', 'affordable_housing_rate', 'family_doctor_rate', 'data_freshness_days',
      ]);
      expect(counts(results)).toEqual({
        // Floating: A B C D E H (G has no evidence of living here, F is local). H's recorded birth disagrees.
        registration_accuracy: [5, 6],
        // B and D have no residence registration.
        missed_registration_rate: [2, 6],
        // Values per row: police 7+7+6+7, insurance 3×5, contract 3, school 7+5, housing 3×5, health 2×3,
        // filing 2×3, grid 5+4+4+5 = 102; G's filing date and F's phone do not normalise.
        standardization_rate: [100, 102],
        // Record roles linked: A5 B3 C4 D2 E3 F2 G1 H2 = 22, beyond each person's first: 22 − 8.
        duplicate_rate: [14, 22],
        // Seen by two or more sources: everyone but G; H has a conflict on birth date.
        inconsistency_rate: [1, 7],
        // A 5, C 11, E 4, H 10 working days: the median of four is (5 + 10) / 2.
        registration_cycle_days: [null, 4],
        archive_coverage: [6, 6],
        // Floating children at school: D (公办), E (民办).
        public_school_rate: [1, 2],
        // Workers: A (insurance, contract), B (insurance), C (employer on the grid record).
        contract_rate: [1, 3],
        work_injury_rate: [1, 3],
        // Floating adults without local medical insurance: B (否), C and H (none); B filed.
        remote_medical_rate: [1, 3],
        // Housing records: A (保障性住房), B, H (租赁).
        affordable_housing_rate: [1, 3],
        // Health records: A (是), C (否).
        family_doctor_rate: [1, 2],
        // Eight sources, all ingested 1.5 days before now.
        data_freshness_days: [null, 8],
      });
      const r = byId(results);
      expect(r.get('missed_registration_rate')).toEqual({
        id: 'missed_registration_rate', name_zh: '漏登率', name_en: 'Missed registration rate', district: null,
        value: 0.3333, numerator: 2, denominator: 6, target: 0.03, met: false,
      });
      expect(r.get('registration_cycle_days')).toMatchObject({ value: 7.5, target: 7, met: false });
      expect(r.get('archive_coverage')).toMatchObject({ value: 1, target: 1, met: true });
      expect(r.get('duplicate_rate')).toMatchObject({ value: 0.6364, target: null, met: null });
      expect(r.get('data_freshness_days')).toMatchObject({ value: 1.5, target: 1, met: false });
    });

    it('breaks the indicators down by district, with no data where a denominator is empty', async () => {
      // 南山 440305: A C D (+ F local); 福田 440304: B E H.
      const nanshan = counts(await readIndicators(store, { district: '440305' }));
      expect(nanshan.missed_registration_rate).toEqual([1, 3]);
      expect(nanshan.public_school_rate).toEqual([1, 1]);
      expect(nanshan.registration_cycle_days).toEqual([null, 2]);
      const futianResults = await readIndicators(store, { district: '440304' });
      const futian = counts(futianResults);
      expect(futian.missed_registration_rate).toEqual([1, 3]);
      expect(futian.registration_accuracy).toEqual([2, 3]);
      expect(futian.public_school_rate).toEqual([0, 1]);
      expect(byId(futianResults).get('family_doctor_rate')).toMatchObject({ district: '440304', value: null, numerator: 0, denominator: 0, met: null });
      const empty = await readIndicators(store, { district: '440306' });
      expect(empty).toHaveLength(14);
      expect(empty.every((x) => x.value === null && x.met === null && x.denominator === 0 && x.district === '440306')).toBe(true);
      const rows = await readIndicatorsByDistrict(store, 'missed_registration_rate');
      expect(rows.rows.map((x) => [x.district, x.numerator, x.denominator])).toEqual([['440304', 1, 3], ['440305', 1, 3]]);
    });

    it('keeps a monthly trend: each point is the state at that month end', async () => {
      const trend = await readIndicatorTrend(store, 'missed_registration_rate');
      expect(trend.points.map((p) => p.period)).toEqual(['2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07']);
      const at = new Map(trend.points.map((p) => [p.period, [p.numerator, p.denominator]]));
      // Before 2025 nobody was seen: no data.
      expect(trend.points[0]).toEqual({ period: '2024-08', value: null, numerator: 0, denominator: 0 });
      // End of January: A (insurance, contract) and C (grid), neither registered yet.
      expect(at.get('2025-01')).toEqual([2, 2]);
      // End of March: A and C, both registered.
      expect(at.get('2025-03')).toEqual([0, 2]);
      // End of April: + D (not registered) and E (registered 04-08).
      expect(at.get('2025-04')).toEqual([1, 4]);
      expect(at.get('2025-07')).toEqual([2, 6]);
      const cycle = await readIndicatorTrend(store, 'registration_cycle_days', { months: 4 });
      expect(cycle.points.map((p) => [p.period, p.value, p.denominator])).toEqual([['2025-04', 5, 3], ['2025-05', 7.5, 4], ['2025-06', 7.5, 4], ['2025-07', 7.5, 4]]);
    });

    it('computes a date range on the fly: persons seen in it, as known at its end', async () => {
      // Seen in June: A (housing), B (insurance, housing, filing), G (filing); floating: A, B.
      const june = counts(await readIndicators(store, { from: '2025-06-01', to: '2025-06-30', now }));
      expect(june.missed_registration_rate).toEqual([1, 2]);
      expect(june.affordable_housing_rate).toEqual([1, 2]);
      // Registrations done in June: none.
      expect(june.registration_cycle_days).toEqual([null, 0]);
      const march = byId(await readIndicators(store, { to: '2025-03-31', now }));
      expect(march.get('contract_rate')).toMatchObject({ numerator: 1, denominator: 2 });
      expect(march.get('registration_cycle_days')).toMatchObject({ value: 8, denominator: 2 });
    });

    it('refuses an unknown indicator and a bad district', async () => {
      await expect(readIndicatorsByDistrict(store, 'no_such')).rejects.toMatchObject({ code: 'not_found' });
      await expect(readIndicators(store, { district: '南山' })).rejects.toMatchObject({ code: 'bad_request' });
      await expect(readIndicators(store, { from: '2025-02-30' })).rejects.toMatchObject({ code: 'bad_request' });
    });
  });

  describe.skipIf(!factory.available)(`indicators on an empty ${factory.name} store`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await factory.open();
      await t.store.initNode({ nodeId: 'T', region: node.region, name: 'test', createdAt: ingestedAt.toISOString() });
    });
    afterAll(async () => {
      await t.dispose();
    });

    it('says no data for every indicator, computed on the fly before any refresh', async () => {
      const results = await readIndicators(t.store, { now });
      expect(results).toHaveLength(14);
      for (const r of results) expect(r).toMatchObject({ value: null, denominator: 0, met: null });
      await refreshIndicators(t.store, node, now);
      expect(await readIndicators(t.store)).toEqual(results);
    });
  });
}
