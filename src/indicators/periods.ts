// The periods indicators are computed for. `current`: everything known now. A trend month
// `YYYY-MM`: the state at the month's end (records dated by then; ages on that day), so the points
// of a trend are the values the dashboard would have shown at each month end. A range: persons
// with a record dated in [from, to], the state as of `to`.

import { AppError } from '../errors.js';
import { parseDayNumber } from '../services/calendar/day-number.js';
import type { Period } from './person-row.js';

export const currentPeriod = 'current';
export const rangePeriod = 'range';

/** Beijing time, UTC+8 all year: dates in the store are instants, days are the city's days. */
const beijingOffsetMs = 8 * 3_600_000;

/** The Beijing calendar day of an instant (a Date, or an ISO text; a bare date is taken as it is). */
export function beijingDay(instant: Date | string): string {
  if (typeof instant === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(instant)) return instant;
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return Number.isNaN(ms) ? '' : new Date(ms + beijingOffsetMs).toISOString().slice(0, 10);
}

/** The last instant of a Beijing day. */
function endOfDay(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - beijingOffsetMs).toISOString();
}

const day = beijingDay;

export function currentOf(now: Date): Period {
  return { key: currentPeriod, from: null, to: null, asOf: day(now), asOfInstant: now.toISOString() };
}

/** The `months` months ending with now's month, oldest first, each as of its last day (or now). */
export function trendPeriods(now: Date, months = 12): Period[] {
  const out: Period[] = [];
  const today = day(now);
  for (let back = months - 1; back >= 0; back--) {
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7)) - 1;
    const first = new Date(Date.UTC(year, month - back, 1)).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(year, month - back + 1, 0)).toISOString().slice(0, 10);
    const asOf = last < today ? last : today;
    out.push({
      key: first.slice(0, 7),
      from: null,
      to: last,
      asOf,
      asOfInstant: asOf === today ? now.toISOString() : endOfDay(last),
    });
  }
  return out;
}

function checkDate(value: string, flag: string): string {
  if (parseDayNumber(value) === undefined) {
    throw new AppError('bad_request', `${flag} 应为 YYYY-MM-DD 格式的日期`, `${flag} must be a date as YYYY-MM-DD`);
  }
  return value;
}

/** A range for on-the-fly computation; either end may be open. */
export function rangeOf(from: string | undefined, to: string | undefined, now: Date): Period {
  const start = from === undefined ? null : checkDate(from, 'from');
  const end = to === undefined ? null : checkDate(to, 'to');
  if (start !== null && end !== null && start > end) throw new AppError('bad_request', 'from 不能晚于 to', 'from must not be after to');
  const today = day(now);
  const asOf = end !== null && end < today ? end : today;
  return { key: rangePeriod, from: start, to: end, asOf, asOfInstant: asOf === today ? now.toISOString() : endOfDay(asOf) };
}
