/**
 * Calendar arithmetic: the only place in referwell that computes with dates.
 *
 * Instants are epoch milliseconds (or ISO-8601 UTC strings at the edges); calendar
 * dates are `YYYY-MM-DD` strings read in a practice's IANA time zone. Nothing here
 * reads the clock or the host's time zone.
 *
 * @module
 */
export {
  addBusinessDays,
  businessCalendar,
  businessDaysBetween,
  isBusinessDay,
  nextBusinessDayOnOrAfter,
  type BusinessCalendar,
  type BusinessCalendarOptions,
} from './business-days';
export {
  addDays,
  addDaysInZone,
  addMonths,
  addMonthsInZone,
  calendarDaysBetween,
  compareCalendarDates,
  dayOfWeek,
  startOfDayInZone,
  toCalendarDate,
  wholeDaysBetween,
  type DayOfWeek,
} from './dates';
export { formatInstant, parseInstant } from './instant';
export { isValidTimeZone } from './time-zone';
export { zoneOffsetAt, zoneTransitions, type ZoneTransition } from './zone-offset';
