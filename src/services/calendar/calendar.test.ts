// Expected values are read off the State Council's holiday notices (国务院办公厅关于节假日安排的
// 通知) for 2023, 2025 and 2026 and counted by hand, not computed by the code under test.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { addWorkingDays, calendarCoverage, isWorkingDay, workingDaysBetween } from './index.js';

function expectDays(dates: string[], working: boolean): void {
  for (const date of dates) expect({ date, working: isWorkingDay(date) }).toEqual({ date, working });
}

function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('calendarCoverage', () => {
  it('finds the years of chinese-days 1.5.7 from its data', () => {
    // 1.5.7 holds the notices for 2004 to 2026; a newer release should move lastYear on.
    expect(calendarCoverage()).toEqual({ firstYear: 2004, lastYear: 2026 });
  });
});

describe('National Day (国庆)', () => {
  it('2025: Oct 1–8 off (with Mid-Autumn), Sun Sep 28 and Sat Oct 11 worked', () => {
    expectDays(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'], false);
    expectDays(['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11'], true);
    expectDays(['2025-09-27', '2025-10-12'], false);
    // (Sep 26, Oct 12]: Sep 28, 29, 30, Oct 9, 10, 11.
    expect(workingDaysBetween('2025-09-26', '2025-10-12')).toBe(6);
    expect(workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('2026: Oct 1–7 off, Mid-Autumn Sep 25–27 off, Sun Sep 20 and Sat Oct 10 worked', () => {
    expectDays(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'], false);
    expectDays(['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-11'], false);
    expectDays(['2026-09-20', '2026-09-24', '2026-09-28', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10'], true);
    // (Sep 18, Oct 11]: Sep 20, 21–24, 28–30, Oct 8, 9, 10.
    expect(workingDaysBetween('2026-09-18', '2026-10-11')).toBe(11);
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });
});

describe('Spring Festival (春节)', () => {
  it('2025: Jan 28–Feb 4 off, Sun Jan 26 and Sat Feb 8 worked', () => {
    expectDays(['2025-01-28', '2025-01-29', '2025-01-31', '2025-02-01', '2025-02-03', '2025-02-04'], false);
    expectDays(['2025-01-26', '2025-01-27', '2025-02-05', '2025-02-08'], true);
    expectDays(['2025-01-25', '2025-02-09'], false);
    // (Jan 24, Feb 9]: Jan 26, 27, Feb 5, 6, 7, 8.
    expect(workingDaysBetween('2025-01-24', '2025-02-09')).toBe(6);
    expect(addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
  });

  it('2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked', () => {
    expectDays(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-20', '2026-02-21', '2026-02-23'], false);
    expectDays(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-28'], true);
    expectDays(['2026-03-01'], false);
    // (Feb 13, Mar 1]: Feb 14, 24, 25, 26, 27, 28.
    expect(workingDaysBetween('2026-02-13', '2026-03-01')).toBe(6);
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });
});

describe('other holidays and ordinary weeks', () => {
  it('Labour Day 2025: May 1–5 off, Sun Apr 27 worked', () => {
    expectDays(['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'], false);
    expectDays(['2025-04-27', '2025-04-30', '2025-05-06'], true);
    expect(addWorkingDays('2025-04-30', 1)).toBe('2025-05-06');
    expect(workingDaysBetween('2025-04-25', '2025-05-06')).toBe(5); // Apr 27, 28, 29, 30, May 6
  });

  it('an ordinary weekend is off, the week around it worked', () => {
    expectDays(['2025-03-08', '2025-03-09', '2026-03-14', '2026-03-15'], false);
    expectDays(['2025-03-07', '2025-03-10', '2026-03-13', '2026-03-16'], true);
    expect(workingDaysBetween('2025-03-07', '2025-03-14')).toBe(5);
    expect(addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
  });

  it('spans New Year 2025→2026: Jan 1–3 off, Sun Jan 4 worked', () => {
    expectDays(['2025-12-31', '2026-01-04', '2026-01-05'], true);
    expectDays(['2026-01-01', '2026-01-02', '2026-01-03'], false);
    // (Dec 26, Jan 9]: Dec 29, 30, 31, Jan 4, 5, 6, 7, 8, 9.
    expect(workingDaysBetween('2025-12-26', '2026-01-09')).toBe(9);
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
  });

  it('counts 248 working days in each of 2025 and 2026', () => {
    // 261 weekdays; 2025: 18 of them are holidays, 5 weekend days worked; 2026: 19 and 6.
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('reads 2023 from the data: National Day Sep 29–Oct 6 off, Sat Oct 7 and Sun Oct 8 worked', () => {
    expectDays(['2023-09-29', '2023-10-02', '2023-10-06'], false);
    expectDays(['2023-10-07', '2023-10-08', '2023-10-09'], true);
  });
});

describe('conventions at the edges', () => {
  it('counts 0 when to is on or before from', () => {
    expect(workingDaysBetween('2025-03-10', '2025-03-10')).toBe(0);
    expect(workingDaysBetween('2025-03-14', '2025-03-10')).toBe(0);
  });

  it('n = 0 gives the date itself when working, else the next working day', () => {
    expect(addWorkingDays('2025-03-10', 0)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-08', 0)).toBe('2025-03-10');
    expect(addWorkingDays('2025-10-01', 0)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-01', 1)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-01', 2)).toBe('2025-10-10');
  });

  it('reaches the last covered day but not beyond', () => {
    expect(addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    const error = caught(() => addWorkingDays('2026-12-31', 1));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('2026-12-31');
    expect(error.messageZh).toContain('2004–2026');
  });

  it('refuses a negative or fractional n', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(caught(() => addWorkingDays('2025-03-10', n)).code).toBe('bad_request');
    }
  });
});

describe('refused dates', () => {
  it.each([['2027-01-04'], ['2003-12-31'], ['1990-06-01']])('refuses %s, outside the data, in both languages', (date) => {
    for (const run of [() => isWorkingDay(date), () => workingDaysBetween('2025-01-02', date),
      () => workingDaysBetween(date, '2025-01-02'), () => addWorkingDays(date, 0)]) {
      const error = caught(run);
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain(date);
      expect(error.message).toContain('2004–2026');
      expect(error.messageZh).toContain(date);
      expect(error.messageZh).toContain('2004–2026');
      expect(error.messageZh).toMatch(/超出节假日数据/);
    }
  });

  it.each([['2025-02-30'], ['abc'], ['2025-2-3'], [''], ['2025-13-01']])('refuses the bad date %j', (date) => {
    const error = caught(() => isWorkingDay(date));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(JSON.stringify(date));
    expect(error.messageZh).toMatch(/无效日期/);
    expect(caught(() => workingDaysBetween('2025-01-02', date)).code).toBe('bad_request');
  });

  it('cuts a long bad input short in the message', () => {
    const error = caught(() => isWorkingDay('x'.repeat(500)));
    expect(error.message.length).toBeLessThan(120);
  });
});
