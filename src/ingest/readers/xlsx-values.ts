// Excel cell values (as ExcelJS reads them) to cell text. Only what the cell shows as data is
// used: a formula's cached result, never the formula text; a hyperlink's text, not its target.

import type { CellValue } from 'exceljs';

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const UNIX_EPOCH_AS_EXCEL_SERIAL = 25569;
const DATE1904_OFFSET_DAYS = 1462;

export interface CellContext {
  /** The cell's number format, to tell a date from a number in a formula result. */
  numFmt?: string | undefined;
  /** The workbook counts days from 1904 (old Mac Excel). */
  date1904?: boolean;
}

export function cellText(value: CellValue, context: CellContext = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
  if ('hyperlink' in value) return cellText(value.text, context);
  if ('formula' in value || 'sharedFormula' in value) return formulaResultText(value.result, context);
  // An error value (#N/A, #DIV/0!, ...) holds no data.
  return '';
}

function formulaResultText(result: unknown, context: CellContext): string {
  if (result === undefined || result === null) return '';
  if (typeof result === 'number') {
    // The streaming reader reads error and boolean results as numbers it cannot parse.
    if (Number.isNaN(result)) return '';
    if (isDateFormat(context.numFmt)) return formatDate(excelSerialToDate(result, context.date1904 === true));
    return formatNumber(result);
  }
  if (typeof result === 'string' || typeof result === 'boolean' || result instanceof Date) return cellText(result);
  return '';
}

/** Plain decimal digits: no exponent for integers, however large. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}

/** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm:ss' when there is a time of day. Excel dates carry no time
 *  zone: ExcelJS puts the wall-clock time in UTC, so UTC fields are read back. */
export function formatDate(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  // Excel stores times as fractions of a day; round away the floating-point dust.
  const d = new Date(Math.round(ms / 1000) * 1000);
  const day = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const hasTime = d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0;
  return hasTime ? `${day}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` : day;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_AS_EXCEL_SERIAL + (date1904 ? DATE1904_OFFSET_DAYS : 0)) * MS_PER_DAY));
}

/** True for number formats that show a date or time (the same test ExcelJS applies to plain cells). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined || numFmt === '') return false;
  const visible = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhsb]/i.test(visible);
}
