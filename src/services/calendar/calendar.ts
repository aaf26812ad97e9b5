// The Chinese working-day calendar (工作日历): official holidays are days off and adjusted working
// weekend days (调休上班) are working days, from the chinese-days package's data. Dates outside the
// years that data covers are refused rather than guessed, since an uncovered year would silently
// read as one without any holiday. Pure: no clock; the only state is the lazily built index.

import { AppError } from '../../errors.js';
import { parseDayNumber } from './day-number.js';
import { getWorkingDayIndex, type WorkingDayIndex } from './working-day-index.js';

/** The calendar years (inclusive) for which the package holds the State Council's holiday notices. */
export interface CalendarCoverage {
  firstYear: number;
  lastYear: number;
}

export function calendarCoverage(): CalendarCoverage {
  const { firstYear, lastYear } = getWorkingDayIndex();
  return { firstYear, lastYear };
}

/** Whether `date` (YYYY-MM-DD) is a working day. Throws `bad_request` for bad or uncovered dates. */
export function isWorkingDay(date: string): boolean {
  const index = getWorkingDayIndex();
  return isWorkingAt(index, offsetOf(index, date));
}

/**
 * Working days in the half-open span (from, to]: `from` is not counted, `to` is. So a task received
 * on `from` and done on `to` took this many working days, and the count of consecutive spans adds
 * up (a→b plus b→c equals a→c). 0 when `to` is on or before `from`. Both dates must be valid and
 * covered, even when the answer is 0.
 */
export function workingDaysBetween(from: string, to: string): number {
  const index = getWorkingDayIndex();
  const fromOffset = offsetOf(index, from);
  const toOffset = offsetOf(index, to);
  if (toOffset <= fromOffset) return 0;
  return countThrough(index, toOffset) - countThrough(index, fromOffset);
}

/**
 * The date `n` working days after `date`: for n >= 1, the n-th working day after it (whether or not
 * `date` itself is a working day), so `workingDaysBetween(date, result) === n`. For n = 0, `date`
 * itself when it is a working day, else the next working day (a deadline falling on a holiday
 * moves to the next working day). Throws `bad_request` when the result lies beyond the covered years.
 */
export function addWorkingDays(date: string, n: number): string {
  const index = getWorkingDayIndex();
  const offset = offsetOf(index, date);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new AppError('bad_request', `工作日天数必须是非负整数，收到 ${String(n)}`,
      `The number of working days must be a non-negative integer, got ${String(n)}`);
  }
  const through = countThrough(index, offset);
  // workingDates[k] is the (k+1)-th working day from the start of coverage.
  const position = n === 0 && isWorkingAt(index, offset) ? through - 1 : through + Math.max(n, 1) - 1;
  const result = index.workingDates[position];
  if (result === undefined) {
    const range = rangeText(index);
    throw new AppError('bad_request',
      `${date} 之后第 ${n} 个工作日超出节假日数据覆盖的年份（${range}）`,
      `The working day ${n} after ${date} falls beyond the years the holiday data covers (${range})`);
  }
  return result;
}

function countThrough(index: WorkingDayIndex, offset: number): number {
  return index.countThrough[offset] ?? 0;
}

function isWorkingAt(index: WorkingDayIndex, offset: number): boolean {
  return countThrough(index, offset) - (offset > 0 ? countThrough(index, offset - 1) : 0) === 1;
}

/** The date's position in the index, or a `bad_request` naming the date (and the covered range). */
function offsetOf(index: WorkingDayIndex, date: string): number {
  const day = parseDayNumber(date);
  if (day === undefined) {
    const shown = quote(date);
    throw new AppError('bad_request', `无效日期 ${shown}：应为 YYYY-MM-DD 格式的真实日期`,
      `Invalid date ${shown}: expected a real date as YYYY-MM-DD`);
  }
  if (day < index.firstDay || day > index.lastDay) {
    const range = rangeText(index);
    throw new AppError('bad_request',
      `日期 ${date} 超出节假日数据覆盖的年份（${range}），无法判断是否为工作日`,
      `Date ${date} is outside the years the holiday data covers (${range}), so its working days are unknown`);
  }
  return day - index.firstDay;
}

function rangeText(index: WorkingDayIndex): string {
  return `${index.firstYear}–${index.lastYear}`;
}

// Bad input is echoed so the user sees what was refused, but cut short: it may be anything.
function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
