import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumberFromCivil, parseDayNumber } from './day-number.js';

const MS_PER_DAY = 86_400_000;

describe('parseDayNumber', () => {
  it('counts days from 1970-01-01', () => {
    expect(parseDayNumber('1970-01-01')).toBe(0);
    expect(parseDayNumber('1970-01-02')).toBe(1);
    expect(parseDayNumber('1969-12-31')).toBe(-1);
    expect(parseDayNumber('2000-03-01')).toBe(11_017);
  });

  it('agrees with Date.UTC for every day of years 1600–2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1600, 0, 1) / MS_PER_DAY, max: Date.UTC(2400, 11, 31) / MS_PER_DAY }), (day) => {
        const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
        expect(parseDayNumber(text)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts leap days only in leap years', () => {
    expect(parseDayNumber('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / MS_PER_DAY);
    expect(parseDayNumber('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / MS_PER_DAY);
    expect(parseDayNumber('2025-02-29')).toBeUndefined();
    expect(parseDayNumber('1900-02-29')).toBeUndefined();
  });

  it.each(['2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', 'abc', '', '2025-2-3',
    '2025/02/03', '20250203', '2025-02-03T00:00', ' 2025-02-03', '2025-02-0x', '+025-02-03'])(
    'refuses %j', (text) => {
      expect(parseDayNumber(text)).toBeUndefined();
    });

  it('refuses values that are not strings', () => {
    expect(parseDayNumber(20250203 as unknown as string)).toBeUndefined();
    expect(parseDayNumber(undefined as unknown as string)).toBeUndefined();
  });
});

describe('dayNumberFromCivil', () => {
  it('handles dates before 1970 and across century rules', () => {
    expect(dayNumberFromCivil(1900, 3, 1)).toBe(Date.UTC(1900, 2, 1) / MS_PER_DAY);
    expect(dayNumberFromCivil(1601, 1, 1)).toBe(Date.UTC(1601, 0, 1) / MS_PER_DAY);
  });
});
