// The tally counts a person once per period, and reuses what a period added for the next when both
// see the same records and the same age class (most persons: their records predate the trend's
// month ends). Checked against tallies of one period each, where nothing can be reused, on random
// persons whose records, registration spans and 18th birthdays fall inside the trend.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinDefinitions } from './builtin.js';
import { cachedPeriods } from './compute.js';
import type { PersonRow, RecordRow } from './person-row.js';
import { IndicatorTally, type TallyState } from './tally.js';

const now = new Date('2026-06-15T04:00:00Z');
const periods = cachedPeriods(now);

/** A day between 2025-05-01 and 2026-06-30. */
const day = fc.integer({ min: 0, max: 425 }).map((n) => new Date(Date.UTC(2025, 4, 1 + n)).toISOString().slice(0, 10));
const kinds = ['residence_registration', 'housing', 'education', 'labor_contract', 'health', 'social_insurance', 'market', 'grid_collection'];

const recordRow: fc.Arbitrary<RecordRow> = fc.record({
  kind: fc.constantFrom(...kinds),
  date: day,
  registeredAt: fc.option(day, { nil: undefined }),
  since: fc.option(day, { nil: undefined }),
  yes: fc.boolean(),
  hasEmployer: fc.boolean(),
  values: fc.integer({ min: 0, max: 12 }),
}).map((r) => {
  const facts: Record<string, string> = {};
  if (r.registeredAt !== undefined) facts.registered_at = r.registeredAt;
  if (r.since !== undefined) facts.residence_since = r.since;
  for (const f of ['work_injury_insured', 'family_doctor_signed', 'medical_insured']) facts[f] = r.yes ? '是' : '否';
  facts.school_type = r.yes ? '公办' : '民办';
  facts.housing_type = r.yes ? '保障性住房' : '商品房';
  return { source: `s-${r.kind}`, kind: r.kind, date: r.date, facts, hasEmployer: r.hasEmployer, valuesTotal: r.values, valuesStandard: Math.floor(r.values / 2) };
});

const personRow: fc.Arbitrary<PersonRow> = fc.record({
  id: fc.nat(),
  district: fc.constantFrom('440305', '440306', null),
  hukouOutside: fc.boolean(),
  flags: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  // Around an 18th birthday inside the trend, or an adult, or unknown.
  birthDate: fc.oneof(day.map((d) => `${Number(d.slice(0, 4)) - 18}${d.slice(4)}`), fc.constant('1980-03-02'), fc.constant(null)),
  records: fc.array(recordRow, { maxLength: 6 }),
}).map((p) => ({ personId: `P${p.id}`, district: p.district, hukouOutside: p.hukouOutside, hasGolden: true, hasServiceCode: p.flags[0]!, identityConsistent: p.flags[1]!, openConflicts: p.flags[2]! ? 1 : 0, birthDate: p.birthDate, records: p.records }));

describe('IndicatorTally across periods', () => {
  it('adds the same as one tally per period, on random persons', () => {
    fc.assert(
      fc.property(fc.array(personRow, { maxLength: 25 }), (rows) => {
        const all = new IndicatorTally(builtinDefinitions, periods);
        for (const row of rows) all.add(row);
        const alone = periods.flatMap((period) => {
          const one = new IndicatorTally(builtinDefinitions, [period]);
          for (const row of rows) one.add(row);
          return one.results([]);
        });
        expect(all.results([])).toEqual(alone);
      }),
      { numRuns: 300 },
    );
  });

  it('takes a person away exactly, and carries on from its saved state', () => {
    fc.assert(
      fc.property(fc.array(personRow, { maxLength: 20 }), fc.array(personRow, { maxLength: 8 }), (kept, gone) => {
        const mixed = new IndicatorTally(builtinDefinitions, periods);
        for (const row of [...gone, ...kept]) mixed.add(row);
        // Saved and read back halfway, as an incremental refresh does between runs.
        const carried = new IndicatorTally(builtinDefinitions, periods, JSON.parse(JSON.stringify(mixed.state())) as TallyState);
        for (const row of gone) carried.add(row, -1);
        const fresh = new IndicatorTally(builtinDefinitions, periods);
        for (const row of kept) fresh.add(row);
        expect(carried.results([])).toEqual(fresh.results([]));
        expect(carried.persons).toBe(kept.length);
      }),
      { numRuns: 200 },
    );
  });
});
