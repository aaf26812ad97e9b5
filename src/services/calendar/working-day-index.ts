// The working-day index: built once, on first use, from the chinese-days package's official
// holidays and adjusted working days (调休上班). It turns every calendar question into array reads.

import chineseDays from 'chinese-days';
import { AppError } from '../../errors.js';
import { dayNumberFromCivil, parseDayNumber } from './day-number.js';

export interface WorkingDayIndex {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Day numbers of January 1 of the first year and December 31 of the last. */
  readonly firstDay: number;
  readonly lastDay: number;
  /** `countThrough[i]`: working days in [firstDay, firstDay + i]. */
  readonly countThrough: Int32Array;
  /** Every working day of the covered years in order, as YYYY-MM-DD. */
  readonly workingDates: readonly string[];
}

// Where to look for years with data. The State Council's holiday rules date from 1949; the upper
// bound only has to lie beyond any year a package release could hold a notice for.
const SEARCH_FROM_YEAR = 1949;
const SEARCH_TO_YEAR = 2199;

// A year has data when its New Year's Day (元旦, a statutory holiday every year) is in the package's
// holiday table. `includeWeekends: false` returns table entries only, not ordinary weekends.
function hasHolidayData(year: number): boolean {
  const newYearsDay = `${year}-01-01`;
  return chineseDays.getHolidaysInRange(newYearsDay, newYearsDay, false).length > 0;
}

// The run of consecutive years ending at the last year with data: a year missing inside the run
// would read as an ordinary year without holidays, so coverage stops at any gap. Caveat: the next
// year's notice can still move the last days of December (the 2019 notice made Sat 2018-12-29 a
// working day and 2018-12-31 a holiday), so those stay provisional until the package catches up.
function findCoveredYears(): { firstYear: number; lastYear: number } {
  let lastYear = SEARCH_TO_YEAR;
  while (lastYear >= SEARCH_FROM_YEAR && !hasHolidayData(lastYear)) lastYear--;
  if (lastYear < SEARCH_FROM_YEAR) {
    throw new AppError('internal', '节假日数据包中没有任何年份的数据', 'The holiday data package holds no year');
  }
  let firstYear = lastYear;
  while (firstYear > SEARCH_FROM_YEAR && hasHolidayData(firstYear - 1)) firstYear--;
  return { firstYear, lastYear };
}

function buildIndex(): WorkingDayIndex {
  const { firstYear, lastYear } = findCoveredYears();
  const firstDay = dayNumberFromCivil(firstYear, 1, 1);
  const lastDay = dayNumberFromCivil(lastYear, 12, 31);
  // `true` keeps adjusted working weekends (调休上班); `false` would silently drop them.
  const workingDates = chineseDays.getWorkdaysInRange(`${firstYear}-01-01`, `${lastYear}-12-31`, true);
  const countThrough = new Int32Array(lastDay - firstDay + 1);
  // addWorkingDays reads workingDates[k] as the (k+1)-th working day: insist on strict order.
  let previousDay = firstDay - 1;
  for (const date of workingDates) {
    const day = parseDayNumber(date);
    if (day === undefined || day <= previousDay || day > lastDay) {
      throw new AppError('internal', '节假日数据包返回了无效日期', 'The holiday data package returned an invalid date', date);
    }
    countThrough[day - firstDay] = 1;
    previousDay = day;
  }
  for (let i = 1; i < countThrough.length; i++) countThrough[i] = (countThrough[i] ?? 0) + (countThrough[i - 1] ?? 0);
  return { firstYear, lastYear, firstDay, lastDay, countThrough, workingDates };
}

let index: WorkingDayIndex | undefined;

/** The index, built on the first call (about 50 ms) and shared afterwards; the data is immutable. */
export function getWorkingDayIndex(): WorkingDayIndex {
  index ??= buildIndex();
  return index;
}
