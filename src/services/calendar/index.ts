// The Chinese working-day calendar: the public entry point others import.

export {
  addWorkingDays,
  calendarCoverage,
  isWorkingDay,
  workingDaysBetween,
  type CalendarCoverage,
} from './calendar.js';
