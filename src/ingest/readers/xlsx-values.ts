// Excel's numbers and dates as cell text: plain decimal digits, and serial days (from 1900, or
// 1904) as ISO dates, with a time only when there is one.

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const UNIX_EPOCH_AS_EXCEL_SERIAL = 25569;
const DATE1904_OFFSET_DAYS = 1462;

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
