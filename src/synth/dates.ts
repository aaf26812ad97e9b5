// Calendar days as integers (days since 1970-01-01) and the date styles the departments write.
// Integer days keep the generator fast and free of the clock: the city's "today" is fixed.

export type Day = number;

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The synthetic city's "today": every event happens on or before it. */
export const cityToday: Day = dayOf(2025, 6, 30);

// Days-from-civil and its inverse (proleptic Gregorian), so no Date object is made per row.
export function dayOf(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function ymdOf(days: Day): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export type DateStyle = 'iso' | 'slash' | 'compact' | 'chinese' | 'dotted' | 'excel';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Excel's serial for 1970-01-01 (Excel counts from 1899-12-30 because of its 1900 leap bug). */
const excelEpochOffset = 25569;

export function excelSerial(days: Day): number {
  return days + excelEpochOffset;
}

export function formatDay(days: Day, style: DateStyle): string {
  const { year, month, day } = ymdOf(days);
  switch (style) {
    case 'iso':
      return `${year}-${pad2(month)}-${pad2(day)}`;
    case 'slash':
      return `${year}/${month}/${day}`;
    case 'compact':
      return `${year}${pad2(month)}${pad2(day)}`;
    case 'chinese':
      return `${year}年${month}月${day}日`;
    case 'dotted':
      return `${year}.${month}.${day}`;
    case 'excel':
      return String(excelSerial(days));
  }
}

/** A date-time on the given day; the seconds of the day come from the caller's PRNG. */
export function formatDateTime(days: Day, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${formatDay(days, 'iso')} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

export function isoDay(days: Day): string {
  return formatDay(days, 'iso');
}

/** Age in whole years on `at`. */
export function ageOn(birth: Day, at: Day): number {
  const b = ymdOf(birth);
  const a = ymdOf(at);
  let age = a.year - b.year;
  if (a.month < b.month || (a.month === b.month && a.day < b.day)) age--;
  return age;
}
