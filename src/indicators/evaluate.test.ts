// The pure parts: ages on a date, the view of a person in a period, conditions, and the tally's
// medians and no-data cells, on rows built by hand.

import { describe, expect, it } from 'vitest';
import type { IndicatorDefinition } from './definition.js';
import { matchesCondition } from './evaluate.js';
import { currentOf, trendPeriods } from './periods.js';
import { ageOn, viewOf, type PersonRow, type RecordRow } from './person-row.js';
import { freshness, IndicatorTally } from './tally.js';

function record(kind: string, date: string, facts: Record<string, string> = {}): RecordRow {
  return { source: kind, kind, date, facts, hasEmployer: false, valuesTotal: 1, valuesStandard: 1 };
}

function person(id: string, records: RecordRow[], extra: Partial<PersonRow> = {}): PersonRow {
  return { personId: id, district: '440305', hukouOutside: true, hasGolden: true, hasServiceCode: true, identityConsistent: true, openConflicts: 0, birthDate: '1990-01-01', records, ...extra };
}

const now = new Date('2025-07-01T04:00:00Z');

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2007-07-01', '2025-07-01')).toBe(18);
    expect(ageOn('2007-07-02', '2025-07-01')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn(null, '2025-07-01')).toBeNull();
    expect(ageOn('2030-01-01', '2025-07-01')).toBeNull();
  });
});

describe('viewOf', () => {
  const row = person('P1', [
    record('health', '2025-01-10', { family_doctor_signed: '否' }),
    record('health', '2025-03-10', { family_doctor_signed: '是' }),
    record('civil_affairs', '2025-05-01'),
  ]);

  it('takes the latest value of each fact among the records known by the period end', () => {
    expect(viewOf(row, currentOf(now))?.facts.get('family_doctor_signed')).toBe('是');
    const february = trendPeriods(now).find((p) => p.key === '2025-02')!;
    expect(viewOf(row, february)?.facts.get('family_doctor_signed')).toBe('否');
    expect(viewOf(row, trendPeriods(now).find((p) => p.key === '2024-12')!)).toBeNull();
  });

  it('is floating only with hukou outside and evidence of living, working or studying here', () => {
    expect(viewOf(row, currentOf(now))?.floating).toBe(true);
    expect(viewOf(person('P2', [record('civil_affairs', '2025-05-01')]), currentOf(now))?.floating).toBe(false);
    expect(viewOf(person('P3', [record('health', '2025-05-01')], { hukouOutside: false }), currentOf(now))?.floating).toBe(false);
  });

  it('evaluates nested conditions', () => {
    const view = viewOf(row, currentOf(now))!;
    expect(matchesCondition({ all: [{ has_kind: 'health' }, { not: { has_kind: 'housing' } }, { age: 'adult' }] }, view)).toBe(true);
    expect(matchesCondition({ any: [{ age: 'child' }, { min_sources: 3 }] }, view)).toBe(false);
    expect(matchesCondition({ min_sources: 2 }, view)).toBe(true);
  });
});

describe('IndicatorTally', () => {
  const cycle: IndicatorDefinition = {
    id: 'cycle', name_zh: '周期', name_en: 'Cycle', unit: 'days', target: { op: '<=', value: 7 }, direction: 'down',
    formula: { type: 'median_working_days', population: { population: 'floating', where: [] }, end: { kind: 'residence_registration', fact: 'registered_at' }, start: [{ fact: 'residence_since' }, { first_evidence: true }] },
  };
  const registration = (since: string, at: string): RecordRow => record('residence_registration', at, { residence_since: since, registered_at: at });

  it('takes the median of an odd and an even number of working-day spans', () => {
    const tally = new IndicatorTally([cycle], [currentOf(now)]);
    // (Mar 7, Mar 10] = 1; (Mar 3, Mar 10] = 5; (Mar 3, Mar 14] = 9.
    tally.add(person('A', [registration('2025-03-07', '2025-03-10')]));
    tally.add(person('B', [registration('2025-03-03', '2025-03-10')]));
    tally.add(person('C', [registration('2025-03-03', '2025-03-14')]));
    expect(tally.results([])[0]).toMatchObject({ value: 5, numerator: null, denominator: 3 });
    tally.add(person('D', [registration('2025-03-03', '2025-03-14')]));
    expect(tally.results([])[0]).toMatchObject({ value: 7, denominator: 4 });
  });

  it('leaves out a span the holiday data does not cover rather than guessing it', () => {
    const tally = new IndicatorTally([cycle], [currentOf(now)]);
    tally.add(person('A', [registration('2003-06-01', '2025-03-10')]));
    expect(tally.results([])[0]).toMatchObject({ value: null, denominator: 0 });
  });

  it('falls back on the first evidence record when the registration gives no start', () => {
    const tally = new IndicatorTally([cycle], [currentOf(now)]);
    // Grid visit Tue Apr 1; registered Tue Apr 8; Apr 4 (清明) is a holiday: Apr 2, 3, 7, 8.
    tally.add(person('A', [record('grid_collection', '2025-04-01'), record('residence_registration', '2025-04-08', { registered_at: '2025-04-08' })]));
    expect(tally.results([])[0]).toMatchObject({ value: 4, denominator: 1 });
  });
});

describe('freshness', () => {
  it('is the oldest source’s age, among sources ingested by then', () => {
    const runs = [
      { source: 'a', finishedAt: '2025-06-29T00:00:00.000Z' },
      { source: 'a', finishedAt: '2025-06-30T12:00:00.000Z' },
      { source: 'b', finishedAt: '2025-06-28T00:00:00.000Z' },
      { source: 'c', finishedAt: '2025-07-02T00:00:00.000Z' },
    ];
    expect(freshness(runs, '2025-07-01T00:00:00.000Z')).toEqual({ value: 3, numerator: null, denominator: 2 });
    expect(freshness(runs, '2025-01-01T00:00:00.000Z')).toEqual({ value: null, numerator: null, denominator: 0 });
  });
});
