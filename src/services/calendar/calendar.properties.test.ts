// Properties of the calendar over random covered dates, and agreement with chinese-days' own
// per-day answer (a slower, independent path through the same data).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import { addWorkingDays, calendarCoverage, isWorkingDay, workingDaysBetween } from './index.js';

const MS_PER_DAY = 86_400_000;
const { firstYear, lastYear } = calendarCoverage();
const firstDay = Date.UTC(firstYear, 0, 1) / MS_PER_DAY;
// Leave a year of room so that n up to 200 working days never runs off the end of the data.
const lastStartDay = Date.UTC(lastYear - 1, 11, 31) / MS_PER_DAY;
const lastDay = Date.UTC(lastYear, 11, 31) / MS_PER_DAY;

const textOf = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const startDate = fc.integer({ min: firstDay, max: lastStartDay }).map(textOf);
const anyDay = fc.integer({ min: firstDay, max: lastDay });
const steps = fc.integer({ min: 0, max: 200 });

describe('calendar properties', () => {
  it('addWorkingDays then workingDaysBetween gives n back, for a working start day', () => {
    fc.assert(
      fc.property(startDate, steps, (date, n) => {
        fc.pre(isWorkingDay(date));
        const result = addWorkingDays(date, n);
        expect(workingDaysBetween(date, result)).toBe(n);
        expect(isWorkingDay(result)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('for any start day and n >= 1, the result is the n-th working day after it', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 200 }), (date, n) => {
        const result = addWorkingDays(date, n);
        expect(workingDaysBetween(date, result)).toBe(n);
        // No earlier day reaches n: the day before the result still counts n - 1.
        const dayBefore = textOf(Date.parse(result) / MS_PER_DAY - 1);
        expect(workingDaysBetween(date, dayBefore)).toBe(n - 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('addWorkingDays grows strictly with n, except that n = 0 and 1 meet on a day off', () => {
    fc.assert(
      fc.property(startDate, steps, steps, (date, a, b) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        const [early, late] = [addWorkingDays(date, low), addWorkingDays(date, high)];
        if (low === 0 && high === 1 && !isWorkingDay(date)) expect(early).toBe(late);
        else expect(early < late).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('workingDaysBetween is monotone in to, and spans add up', () => {
    fc.assert(
      fc.property(fc.array(anyDay, { minLength: 3, maxLength: 3 }), (days) => {
        const [a, b, c] = [...days].sort((x, y) => x - y).map(textOf) as [string, string, string];
        const ab = workingDaysBetween(a, b);
        const ac = workingDaysBetween(a, c);
        expect(ab).toBeLessThanOrEqual(ac);
        expect(ab + workingDaysBetween(b, c)).toBe(ac);
        expect(ac).toBeLessThanOrEqual(Math.round((Date.parse(c) - Date.parse(a)) / MS_PER_DAY));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with chinese-days isWorkday on every day, and on span counts', () => {
    for (let day = firstDay; day <= lastDay; day++) {
      const date = textOf(day);
      if (isWorkingDay(date) !== chineseDays.isWorkday(date)) expect(date).toBe('a day on which both agree');
    }
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 60 }), (start, span) => {
        const end = Math.min(start + span, lastDay);
        let expected = 0;
        for (let day = start + 1; day <= end; day++) if (chineseDays.isWorkday(textOf(day))) expected++;
        expect(workingDaysBetween(textOf(start), textOf(end))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
