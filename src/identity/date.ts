// Dates and date-times as sources write them (2024-01-01, 2024/1/1, 20240101, 2024年1月1日,
// 2024.1.1, Excel serial numbers, with or without a time) to ISO forms. Times without a zone are
// Beijing time (Asia/Shanghai, UTC+8, no daylight saving since 1991).

import {
  formatDate, formatUtcDateTime, isRealDate, isYearInRange, MAX_YEAR, MIN_YEAR, readDigits,
} from './calendar.js';
import { accepted, rejected, type Normalized } from './normalized.js';
import { cleanText } from './text.js';

const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const DAY_MS = 86_400_000;

interface Moment {
  year: number;
  month: number;
  day: number;
  /** Seconds since local midnight. */
  seconds: number;
  /** Offset of the written time from UTC in minutes, or null when none was written. */
  offset: number | null;
}

// Each pattern is anchored and has no nested or overlapping quantifiers: linear on any input.
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?`;
const SEPARATED = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T| )${TIME})?$`);
const CHINESE = new RegExp(String.raw`^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]?(?: ?${TIME})?$`);
const EXCEL_SERIAL = /^(\d{1,5})(\.\d+)?$/;

function parseOffset(zone: string | undefined): number | null | 'bad' {
  if (zone === undefined) return null;
  if (zone === 'Z') return 0;
  const hours = readDigits(zone, 1, 2);
  const minutes = zone.length > 3 ? readDigits(zone, zone.length - 2, 2) : 0;
  if (hours > 14 || minutes > 59) return 'bad';
  return (zone.charAt(0) === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function fromGroups(y: string, mo: string, d: string, time: Array<string | undefined>): Moment | string {
  const [hh, mi, ss, zone] = time;
  const hours = hh === undefined ? 0 : Number(hh);
  const minutes = mi === undefined ? 0 : Number(mi);
  const secs = ss === undefined ? 0 : Number(ss);
  if (hours > 23 || minutes > 59 || secs > 59) return 'bad_time';
  const offset = parseOffset(zone);
  if (offset === 'bad') return 'bad_time';
  return { year: Number(y), month: Number(mo), day: Number(d), seconds: hours * 3600 + minutes * 60 + secs, offset };
}

/** Excel's 1900 date system, which counts the nonexistent 1900-02-29 as serial 60. */
function fromExcelSerial(whole: number, fraction: string | undefined): Moment | string {
  if (whole === 60) return 'bad_date';
  if (whole < 1) return 'bad_date';
  // A four-digit integer that reads as a year is a year alone, not a day in 1905.
  if (fraction === undefined && whole >= MIN_YEAR && whole <= MAX_YEAR) return 'year_only';
  const epoch = Date.UTC(1899, 11, whole < 60 ? 31 : 30);
  const day = new Date(epoch + whole * DAY_MS);
  const seconds = fraction === undefined ? 0 : Math.min(86_399, Math.round(Number(`0${fraction}`) * 86_400));
  return { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), seconds, offset: null };
}

function parseMoment(text: string): Moment | string {
  if (text === '') return 'empty';
  const digitsOnly = readDigits(text, 0, text.length) >= 0;
  if (digitsOnly && (text.length === 8 || text.length === 14)) {
    const t = text.length === 14 ? [text.slice(8, 10), text.slice(10, 12), text.slice(12, 14), undefined] : [];
    return fromGroups(text.slice(0, 4), text.slice(4, 6), text.slice(6, 8), t);
  }
  let m = SEPARATED.exec(text);
  if (m !== null) return fromGroups(m[1] ?? '', m[3] ?? '', m[4] ?? '', m.slice(5, 9));
  m = CHINESE.exec(text);
  if (m !== null) return fromGroups(m[1] ?? '', m[2] ?? '', m[3] ?? '', m.slice(4, 8));
  m = EXCEL_SERIAL.exec(text);
  if (m !== null) return fromExcelSerial(Number(m[1]), m[2]);
  return 'bad_format';
}

function checkMoment(moment: Moment | string): Moment | string {
  if (typeof moment === 'string') return moment;
  if (!isRealDate(moment.year, moment.month, moment.day)) return 'bad_date';
  if (!isYearInRange(moment.year)) return 'out_of_range';
  return moment;
}

function toEpochMs(m: Moment, offset: number): number {
  return Date.UTC(m.year, m.month - 1, m.day) + m.seconds * 1000 - offset * 60_000;
}

/**
 * YYYY-MM-DD. A date-time with an explicit zone gives its date in Beijing. Issues: `empty`,
 * `bad_format`, `bad_date` (2023-02-29, month 13), `bad_time`, `out_of_range` (year outside
 * 1850–2100), `year_only` (a bare year such as 1985).
 */
export function normalizeDate(raw: string): Normalized<string> {
  const trimmed = raw.trim();
  const moment = checkMoment(parseMoment(cleanText(trimmed)));
  if (typeof moment === 'string') return rejected(trimmed, moment);
  if (moment.offset === null || moment.offset === SHANGHAI_OFFSET_MINUTES) {
    return accepted(trimmed, formatDate(moment.year, moment.month, moment.day));
  }
  const local = new Date(toEpochMs(moment, moment.offset) + SHANGHAI_OFFSET_MINUTES * 60_000);
  const year = local.getUTCFullYear();
  if (!isYearInRange(year)) return rejected(trimmed, 'out_of_range');
  return accepted(trimmed, formatDate(year, local.getUTCMonth() + 1, local.getUTCDate()));
}

/** UTC 'YYYY-MM-DDTHH:mm:ssZ'. A date alone means 00:00 in Beijing; zone-less times are Beijing time. */
export function normalizeDateTime(raw: string): Normalized<string> {
  const trimmed = raw.trim();
  const moment = checkMoment(parseMoment(cleanText(trimmed)));
  if (typeof moment === 'string') return rejected(trimmed, moment);
  return accepted(trimmed, formatUtcDateTime(toEpochMs(moment, moment.offset ?? SHANGHAI_OFFSET_MINUTES)));
}
