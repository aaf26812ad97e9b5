// Dates as day numbers (whole days since 1970-01-01, proleptic Gregorian, no time zones), so that
// working-day spans become integer arithmetic on a precomputed index instead of Date objects.

import { isRealDate, readDigits } from '../../identity/calendar.js';

const HYPHEN = 45;

/**
 * The day number of a `YYYY-MM-DD` date, or undefined when the text is not a real date in exactly
 * that form (2025-02-30, 2025-2-3 and 2025/02/03 are all refused). Hand-rolled rather than
 * `Date.parse` because it sits on the hot path of every span count.
 */
export function parseDayNumber(text: string): number | undefined {
  if (typeof text !== 'string' || text.length !== 10) return undefined;
  if (text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN) return undefined;
  const year = readDigits(text, 0, 4);
  const month = readDigits(text, 5, 2);
  const day = readDigits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || !isRealDate(year, month, day)) return undefined;
  return dayNumberFromCivil(year, month, day);
}

/** Days since 1970-01-01 (negative before it); month 1–12. */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  // Count years from March so that the leap day falls at the end of the counted year; then whole
  // 400-year eras (146,097 days each) make the formula exact for every year, without loops.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
