import { addDays as addDaysFns, addMonths as addMonthsFns } from 'date-fns';
import { millisecondsInDay } from 'date-fns/constants';
import type { CalendarDate, Instant, TimeZone } from '../model/primitives';
import { calendarDateToUtc, utcToCalendarDate } from './calendar-date';
import { assertEpochMs, checkedResult, formatInstant, toEpochMs } from './instant';
import { assertTimeZone } from './time-zone';
import { utc } from './utc-date';
import { assertWholeNumber } from './validation';
import { instantOfWallClock, wallClockAt, wallClockReader } from './wall-clock';

/**
 * A day of the week as JavaScript numbers it: 0 = Sunday, 1 = Monday, …,
 * 6 = Saturday.
 *
 * @category Calendar
 */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * The calendar date in `timeZone` at an instant.
 *
 * @param at - The instant, as epoch milliseconds or an ISO-8601 UTC string.
 * @param timeZone - The IANA time zone whose calendar to read, e.g. the practice's.
 * @returns The local `YYYY-MM-DD` date there.
 * @throws {@link ValidationError} when `at` is not a valid instant or `timeZone` is
 * not a known IANA zone.
 * @example
 * ```ts
 * // 23:30 on New Year's Eve in New York is already January 1 in UTC.
 * toCalendarDate('2027-01-01T04:30:00Z', 'America/New_York'); //=> '2026-12-31'
 * toCalendarDate('2027-01-01T04:30:00Z', 'UTC'); //=> '2027-01-01'
 * ```
 * @category Calendar
 */
export function toCalendarDate(at: number | Instant, timeZone: TimeZone): CalendarDate {
  const epochMs = toEpochMs(at);
  assertTimeZone(timeZone);
  return utcToCalendarDate(wallClockAt(epochMs, timeZone), () => `the date in ${timeZone} at ${formatInstant(epochMs)}`);
}

/**
 * The number of calendar days from one date to another: `to − from`.
 *
 * @param from - The earlier date (usually).
 * @param to - The later date (usually).
 * @returns Whole days; negative when `to` is before `from`, 0 on the same day.
 * @throws {@link ValidationError} when either is not a `YYYY-MM-DD` date that exists.
 * @example
 * ```ts
 * calendarDaysBetween('2026-12-31', '2027-01-01'); //=> 1
 * calendarDaysBetween('2026-03-10', '2026-03-08'); //=> -2
 * ```
 * @category Calendar
 */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return utcDaysBetween(calendarDateToUtc(from), calendarDateToUtc(to));
}

/**
 * Calendar days between the UTC dates of two epoch-millisecond values. In UTC every
 * day is exactly 86,400,000 ms long, so this is a division of day numbers: the same
 * result as date-fns' `differenceInCalendarDays` with `{ in: utc }` (a property test
 * checks the two agree), without building `Date` objects on the engine's hot path.
 */
function utcDaysBetween(from: number, to: number): number {
  return noNegativeZero(Math.floor(to / millisecondsInDay) - Math.floor(from / millisecondsInDay));
}

/**
 * The number of calendar days between the local dates of two instants in a time
 * zone: how "days since last contact" is measured. The time of day does not count:
 * 23:59 to 00:01 the next day is one day, 00:01 to 23:59 the same day is zero.
 *
 * @param from - The earlier instant (usually), in epoch milliseconds.
 * @param to - The later instant (usually), in epoch milliseconds.
 * @param timeZone - The IANA time zone whose calendar counts, e.g. the practice's.
 * @returns `toCalendarDate(to) − toCalendarDate(from)` in days; negative when `to`
 * is earlier.
 * @throws {@link ValidationError} when an instant or the time zone is invalid.
 * @example
 * ```ts
 * wholeDaysBetween(
 *   parseInstant('2026-03-07T14:00:00Z'), // 09:00 EST
 *   parseInstant('2026-03-09T03:59:00Z'), // 23:59 EDT the next day
 *   'America/New_York',
 * ); //=> 1
 * ```
 * @category Calendar
 */
export function wholeDaysBetween(from: number, to: number, timeZone: TimeZone): number {
  assertEpochMs(from, 'instant');
  assertEpochMs(to, 'instant');
  assertTimeZone(timeZone);
  return utcDaysBetween(wallClockAt(from, timeZone), wallClockAt(to, timeZone));
}

/**
 * Reads local day numbers in a zone: whole days from 1970-01-01 to an instant's
 * calendar date there. `wholeDaysBetween(a, b, zone)` is `dayOf(b) − dayOf(a)`, so
 * a loop over many records reads each record's day once, and the zone is checked
 * once.
 *
 * @param timeZone - The IANA time zone whose calendar counts.
 * @returns A function from an instant (epoch ms) to its local day number (negative
 * before 1970); it throws a {@link ValidationError} for an invalid instant.
 * @throws {@link ValidationError} when the time zone is invalid.
 * @example
 * ```ts
 * const dayOf = localDayNumbers('America/New_York');
 * dayOf(parseInstant('1970-01-02T03:00:00Z')); //=> 0
 * ```
 * @internal
 */
export function localDayNumbers(timeZone: TimeZone): (at: number) => number {
  let reader = dayReaders.get(timeZone);
  if (reader === undefined) {
    assertTimeZone(timeZone);
    const wallClock = wallClockReader(timeZone);
    reader = (at) => {
      assertEpochMs(at, 'instant');
      return Math.floor(wallClock(at) / millisecondsInDay);
    };
    dayReaders.set(timeZone, reader);
  }
  return reader;
}

/** One {@link localDayNumbers} reader per (valid) zone. */
const dayReaders = new Map<TimeZone, (at: number) => number>();

/**
 * Adds calendar days to a date.
 *
 * @param date - The date to start from.
 * @param n - Whole days to add; negative goes back.
 * @returns The date `n` days later.
 * @throws {@link ValidationError} when `date` is not a calendar date, `n` is not a
 * whole number, or the result falls outside years 0000–9999.
 * @example
 * ```ts
 * addDays('2026-12-31', 1); //=> '2027-01-01'
 * addDays('2024-03-01', -1); //=> '2024-02-29'
 * ```
 * @category Calendar
 */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  const start = calendarDateToUtc(date);
  assertWholeNumber(n, 'day count');
  // A UTC day is always 86,400,000 ms, so this is date-fns' `addDays` in UTC (a
  // property test checks the two agree) without building `Date` objects.
  return utcToCalendarDate(withinDateRange(start + n * millisecondsInDay), () => `${date} + ${n} days`);
}

/** Epoch ms beyond what a `Date` can hold (±8.64e15) become `NaN`, as in date-fns. */
function withinDateRange(epochMs: number): number {
  return Math.abs(epochMs) <= MAX_DATE_MS ? epochMs : Number.NaN;
}

/** The largest time value a `Date` holds, in either direction. */
const MAX_DATE_MS = 8.64e15;

/**
 * Adds calendar months to a date; a day that the target month lacks becomes its
 * last day (date-fns semantics).
 *
 * Because of that clamping, adding months in steps can differ from adding them at
 * once: 2026-01-31 + 1 month + 1 month is 2026-03-28, but + 2 months is 2026-03-31.
 *
 * @param date - The date to start from.
 * @param n - Whole months to add; negative goes back.
 * @returns The same day of the month `n` months later, or that month's last day.
 * @throws {@link ValidationError} when `date` is not a calendar date, `n` is not a
 * whole number, or the result falls outside years 0000–9999.
 * @example
 * ```ts
 * addMonths('2024-02-29', 3); //=> '2024-05-29'
 * addMonths('2026-01-31', 1); //=> '2026-02-28'
 * addMonths('2024-02-29', 12); //=> '2025-02-28'
 * ```
 * @category Calendar
 */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const start = calendarDateToUtc(date);
  assertWholeNumber(n, 'month count');
  return utcToCalendarDate(addMonthsFns(start, n, { in: utc }).getTime(), `${date} + ${n} months`);
}

/**
 * Adds calendar days to an instant in a time zone, keeping the wall-clock time:
 * 09:00 stays 09:00 across a DST change, so a "day" may last 23 or 25 hours.
 *
 * When the wall-clock time does not exist on the target day (the hour skipped when
 * clocks go forward), the result moves forward by the gap (02:30 becomes 03:30).
 * When it exists twice (the hour repeated when clocks go back), the result is the
 * earlier of the two. Adding 0 days returns `at` unchanged.
 *
 * @param at - The instant, in epoch milliseconds.
 * @param n - Whole days to add; negative goes back.
 * @param timeZone - The IANA time zone whose clocks to follow.
 * @returns The instant `n` local days later at the same local time, in epoch
 * milliseconds.
 * @throws {@link ValidationError} when an argument is invalid or the result falls
 * outside years 0000–9999.
 * @example
 * ```ts
 * // 09:00 EST on the day before New York springs forward, plus one day:
 * formatInstant(addDaysInZone(parseInstant('2026-03-07T14:00:00Z'), 1, 'America/New_York'));
 * //=> '2026-03-08T13:00:00.000Z' (09:00 EDT, 23 hours later)
 * ```
 * @category Calendar
 */
export function addDaysInZone(at: number, n: number, timeZone: TimeZone): number {
  assertEpochMs(at, 'instant');
  assertWholeNumber(n, 'day count');
  assertTimeZone(timeZone);
  if (n === 0) return at;
  const wallClock = addDaysFns(wallClockAt(at, timeZone), n, { in: utc }).getTime();
  return checkedResult(instantOfWallClock(wallClock, timeZone), () => `${formatInstant(at)} + ${n} days in ${timeZone}`);
}

/**
 * Adds calendar months to an instant in a time zone, keeping the wall-clock time;
 * a day that the target month lacks becomes its last day, as in {@link addMonths}.
 * Skipped and repeated wall-clock times resolve as in {@link addDaysInZone}.
 *
 * @param at - The instant, in epoch milliseconds.
 * @param n - Whole months to add; negative goes back.
 * @param timeZone - The IANA time zone whose clocks to follow.
 * @returns The instant `n` local months later at the same local time, in epoch
 * milliseconds.
 * @throws {@link ValidationError} when an argument is invalid or the result falls
 * outside years 0000–9999.
 * @example
 * ```ts
 * // 09:00 AEDT on 2026-03-05 in Sydney, plus one month: 09:00 AEST.
 * formatInstant(addMonthsInZone(parseInstant('2026-03-04T22:00:00Z'), 1, 'Australia/Sydney'));
 * //=> '2026-04-04T23:00:00.000Z'
 * ```
 * @category Calendar
 */
export function addMonthsInZone(at: number, n: number, timeZone: TimeZone): number {
  assertEpochMs(at, 'instant');
  assertWholeNumber(n, 'month count');
  assertTimeZone(timeZone);
  if (n === 0) return at;
  const wallClock = addMonthsFns(wallClockAt(at, timeZone), n, { in: utc }).getTime();
  return checkedResult(instantOfWallClock(wallClock, timeZone), () => `${formatInstant(at)} + ${n} months in ${timeZone}`);
}

/**
 * The first instant of a calendar date in a time zone: local midnight, or, in a
 * zone whose clocks skip midnight that day, the moment they resume (01:00 in
 * America/Santiago on 2026-09-06).
 *
 * @param date - The calendar date.
 * @param timeZone - The IANA time zone.
 * @returns Epoch milliseconds of the start of that day there.
 * @throws {@link ValidationError} when `date` or `timeZone` is invalid.
 * @example
 * ```ts
 * formatInstant(startOfDayInZone('2026-03-08', 'America/New_York')); //=> '2026-03-08T05:00:00.000Z'
 * formatInstant(startOfDayInZone('2026-04-05', 'Australia/Sydney')); //=> '2026-04-04T13:00:00.000Z'
 * ```
 * @category Calendar
 */
export function startOfDayInZone(date: CalendarDate, timeZone: TimeZone): number {
  const midnight = calendarDateToUtc(date);
  assertTimeZone(timeZone);
  return checkedResult(instantOfWallClock(midnight, timeZone), `the start of ${date} in ${timeZone}`);
}

/**
 * Compares two calendar dates, for `Array.prototype.sort`.
 *
 * @param a - A calendar date.
 * @param b - Another calendar date.
 * @returns -1 when `a` is earlier, 1 when it is later, 0 when they are equal.
 * @throws {@link ValidationError} when either is not a calendar date.
 * @example
 * ```ts
 * compareCalendarDates('2026-12-31', '2027-01-01'); //=> -1
 * ['2027-01-01', '2026-03-08'].sort(compareCalendarDates); //=> ['2026-03-08', '2027-01-01']
 * ```
 * @category Calendar
 */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const x = calendarDateToUtc(a);
  const y = calendarDateToUtc(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The day of the week of a calendar date.
 *
 * @param date - The calendar date.
 * @returns 0 for Sunday through 6 for Saturday.
 * @throws {@link ValidationError} when `date` is not a calendar date.
 * @example
 * ```ts
 * dayOfWeek('2026-03-08'); //=> 0 (a Sunday)
 * dayOfWeek('2027-01-01'); //=> 5 (a Friday)
 * ```
 * @category Calendar
 */
export function dayOfWeek(date: CalendarDate): DayOfWeek {
  // Day 0 of the epoch, 1970-01-01, was a Thursday (4); the same as date-fns'
  // `getDay` in UTC, which a property test checks.
  const day = Math.floor(calendarDateToUtc(date) / millisecondsInDay);
  return ((((day + 4) % 7) + 7) % 7) as DayOfWeek;
}

/** `n`, with `-0` (which `Object.is` and `toBe(0)` tell apart from `0`) made `0`. */
function noNegativeZero(n: number): number {
  return n + 0;
}
