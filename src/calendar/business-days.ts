import type { CalendarDate } from '../model/primitives';
import { ValidationError, type ValidationIssue } from '../errors';
import { isCalendarDate } from './calendar-date';
import { addDays, calendarDaysBetween, dayOfWeek, type DayOfWeek } from './dates';
import { assertWholeNumber, quote, toPointer } from './validation';

/**
 * The {@link businessCalendar} options.
 *
 * @category Calendar
 */
export interface BusinessCalendarOptions {
  /**
   * Days off besides the weekend, as `YYYY-MM-DD` dates in the practice's time
   * zone. The host supplies them (the library ships no holiday rules); give the
   * *observed* date, e.g. `2026-07-03` when July 4 falls on a Saturday. Repeats are
   * ignored. Default: none.
   */
  readonly holidays?: readonly CalendarDate[] | undefined;
  /**
   * The days of the week that are never business days, 0 = Sunday … 6 = Saturday.
   * At least one day of the week must be left. Default: `[0, 6]`, Sunday and
   * Saturday.
   */
  readonly weekend?: readonly number[] | undefined;
}

/**
 * A compiled, validated set of non-business days: made once by
 * {@link businessCalendar}, then passed to the business-day functions.
 *
 * @category Calendar
 */
export interface BusinessCalendar {
  /** The weekend days, ascending, without repeats. */
  readonly weekend: readonly DayOfWeek[];
  /** The holidays, ascending, without repeats. */
  readonly holidays: readonly CalendarDate[];
}

/** What the business-day functions look up, built once per calendar. */
interface Compiled {
  readonly weekend: ReadonlySet<number>;
  readonly holidays: ReadonlySet<CalendarDate>;
  /** Business days in a whole week (1–7). */
  readonly perWeek: number;
  /** Holidays that fall on a business weekday, ascending. */
  readonly weekdayHolidays: readonly CalendarDate[];
  /** Answers of {@link addBusinessDays} already computed: by `n`, then by date. */
  readonly sums: Map<number, Map<CalendarDate, CalendarDate>>;
}

/** At most this many cached answers per calendar and `n` (then the cache starts over). */
const MAX_CACHED_SUMS = 50_000;
/** At most this many different `n` cached per calendar. */
const MAX_CACHED_COUNTS = 64;

const compiledCalendars = new WeakMap<BusinessCalendar, Compiled>();

const DEFAULT_WEEKEND: readonly DayOfWeek[] = [0, 6];

/**
 * Compiles and validates the days that are not business days: a weekend and the
 * host's holidays.
 *
 * @param options - The weekend (default Saturday and Sunday) and holidays (default
 * none).
 * @returns A calendar for {@link isBusinessDay}, {@link addBusinessDays} and the
 * other business-day functions.
 * @throws {@link ValidationError} (subject `business calendar options`) listing
 * every bad entry with its path, e.g. `['holidays', 2]` for a holiday that is not a
 * calendar date, `['weekend', 0]` for a day outside 0–6, `['weekend']` when the
 * weekend covers the whole week.
 * @example
 * ```ts
 * const calendar = businessCalendar({ holidays: ['2026-12-25', '2027-01-01'] });
 * calendar.weekend; //=> [0, 6]
 * businessCalendar({ holidays: ['2026-02-30'] }); // throws ValidationError at /holidays/0
 * ```
 * @category Calendar
 */
export function businessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  const issues: ValidationIssue[] = [];
  const issue = (path: (string | number)[], message: string, code: string) =>
    issues.push({ path, pointer: toPointer(path), message, code });

  // Typed loosely: JavaScript callers and parsed configuration reach here too.
  const weekendInput: unknown = options.weekend ?? DEFAULT_WEEKEND;
  const holidaysInput: unknown = options.holidays ?? [];
  const weekend = new Set<DayOfWeek>();
  const holidays = new Set<CalendarDate>();

  if (!Array.isArray(weekendInput)) {
    issue(['weekend'], 'must be an array of days of the week (0 = Sunday … 6 = Saturday)', 'invalid_type');
  } else {
    weekendInput.forEach((day, index) => {
      if (typeof day === 'number' && Number.isInteger(day) && day >= 0 && day <= 6) {
        weekend.add(day as DayOfWeek);
      } else {
        const message = `${quote(day)} is not a day of the week (0 = Sunday … 6 = Saturday)`;
        issue(['weekend', index], message, 'invalid_value');
      }
    });
    if (weekend.size === 7) issue(['weekend'], 'must leave at least one business day in the week', 'custom');
  }

  if (!Array.isArray(holidaysInput)) {
    issue(['holidays'], 'must be an array of calendar dates like 2026-12-25', 'invalid_type');
  } else {
    holidaysInput.forEach((holiday, index) => {
      if (isCalendarDate(holiday)) holidays.add(holiday);
      else issue(['holidays', index], `${quote(holiday)} is not a calendar date like 2026-12-25`, 'invalid_format');
    });
  }

  if (issues.length > 0) throw new ValidationError('business calendar options', issues);

  const calendar: BusinessCalendar = Object.freeze({
    weekend: Object.freeze([...weekend].sort((a, b) => a - b)),
    // `YYYY-MM-DD` with four-digit years sorts as text in date order.
    holidays: Object.freeze([...holidays].sort()),
  });
  compiledCalendars.set(calendar, compile(calendar.weekend, calendar.holidays));
  return calendar;
}

function compile(weekend: readonly DayOfWeek[], holidays: readonly CalendarDate[]): Compiled {
  const weekendSet = new Set<number>(weekend);
  return {
    weekend: weekendSet,
    holidays: new Set(holidays),
    perWeek: 7 - weekendSet.size,
    weekdayHolidays: holidays.filter((holiday) => !weekendSet.has(dayOfWeek(holiday))),
    sums: new Map(),
  };
}

/**
 * The lookups for a calendar. One not made by {@link businessCalendar} here (built
 * by hand, or by another copy of the package) is validated and compiled on first
 * use, so it can never hold a week without business days.
 */
function compiled(calendar: BusinessCalendar): Compiled {
  let found = compiledCalendars.get(calendar);
  if (found === undefined) {
    const checked = businessCalendar({ weekend: calendar.weekend, holidays: calendar.holidays });
    found = compiledCalendars.get(checked) as Compiled;
    compiledCalendars.set(calendar, found);
  }
  return found;
}

function isOpen(date: CalendarDate, lookups: Compiled): boolean {
  return !lookups.weekend.has(dayOfWeek(date)) && !lookups.holidays.has(date);
}

/**
 * Whether a date is a business day: not on the weekend and not a holiday.
 *
 * @param date - The calendar date.
 * @param calendar - From {@link businessCalendar}.
 * @returns `true` on a business day.
 * @throws {@link ValidationError} when `date` is not a calendar date.
 * @example
 * ```ts
 * const calendar = businessCalendar({ holidays: ['2026-12-25'] });
 * isBusinessDay('2026-12-24', calendar); //=> true (a Thursday)
 * isBusinessDay('2026-12-25', calendar); //=> false (a holiday)
 * isBusinessDay('2026-12-26', calendar); //=> false (a Saturday)
 * ```
 * @category Calendar
 */
export function isBusinessDay(date: CalendarDate, calendar: BusinessCalendar): boolean {
  return isOpen(date, compiled(calendar));
}

/**
 * The first business day on or after a date: the date itself when it is one.
 *
 * @param date - The calendar date.
 * @param calendar - From {@link businessCalendar}.
 * @returns `date`, or the next business day after it.
 * @throws {@link ValidationError} when `date` is not a calendar date.
 * @example
 * ```ts
 * const calendar = businessCalendar();
 * nextBusinessDayOnOrAfter('2026-03-06', calendar); //=> '2026-03-06' (a Friday)
 * nextBusinessDayOnOrAfter('2026-03-07', calendar); //=> '2026-03-09' (Saturday → Monday)
 * ```
 * @category Calendar
 */
export function nextBusinessDayOnOrAfter(date: CalendarDate, calendar: BusinessCalendar): CalendarDate {
  const lookups = compiled(calendar);
  let day = date;
  // Ends: every week has a business day and there are finitely many holidays.
  while (!isOpen(day, lookups)) day = addDays(day, 1);
  return day;
}

/**
 * The `n`-th business day strictly after a date, e.g. the deadline "within 3
 * business days". With `n = 0`, the first business day on or after `date`.
 *
 * @param date - The calendar date to count from (not counted itself).
 * @param n - How many business days to move forward: a whole number ≥ 0.
 * @param calendar - From {@link businessCalendar}.
 * @returns The business day reached.
 * @throws {@link ValidationError} when `date` is not a calendar date or `n` is not a
 * whole number ≥ 0.
 * @example
 * ```ts
 * const calendar = businessCalendar({ holidays: ['2026-12-25'] });
 * addBusinessDays('2026-12-24', 1, calendar); //=> '2026-12-28' (past the holiday and the weekend)
 * addBusinessDays('2026-03-07', 0, calendar); //=> '2026-03-09'
 * ```
 * @category Calendar
 */
export function addBusinessDays(date: CalendarDate, n: number, calendar: BusinessCalendar): CalendarDate {
  assertWholeNumber(n, 'business day count', { min: 0 });
  const lookups = compiled(calendar);
  // The engine asks the same few hundred dates again and again (every referral
  // received on a day has the same deadline): remember the answers. Only valid
  // dates reach the cache, as an invalid one throws before it is stored.
  let sums = lookups.sums.get(n);
  if (sums === undefined) {
    if (lookups.sums.size >= MAX_CACHED_COUNTS) lookups.sums.clear();
    sums = new Map();
    lookups.sums.set(n, sums);
  }
  const known = sums.get(date);
  if (known !== undefined) return known;
  const sum = computeBusinessDaySum(date, n, calendar, lookups);
  if (sums.size >= MAX_CACHED_SUMS) sums.clear();
  sums.set(date, sum);
  return sum;
}

/** {@link addBusinessDays} without the cache. */
function computeBusinessDaySum(date: CalendarDate, n: number, calendar: BusinessCalendar, lookups: Compiled): CalendarDate {
  if (n === 0) return nextBusinessDayOnOrAfter(date, calendar);
  // Jump whole weeks first: they hold at most `perWeek` business days each, so
  // fewer than n lie in them; then walk the rest day by day.
  let day = addDays(date, Math.floor((n - 1) / lookups.perWeek) * 7);
  let counted = businessDaysBetween(date, day, calendar);
  while (counted < n) {
    day = addDays(day, 1);
    if (isOpen(day, lookups)) counted += 1;
  }
  return day;
}

/**
 * The number of business days after `from`, up to and including `to`: how many
 * business days an intake step took.
 *
 * @param from - The start date (not counted).
 * @param to - The end date (counted when it is a business day).
 * @param calendar - From {@link businessCalendar}.
 * @returns The count of business days `d` with `from < d ≤ to`; 0 when `to` is not
 * after `from`.
 * @throws {@link ValidationError} when a date is not a calendar date.
 * @example
 * ```ts
 * const calendar = businessCalendar();
 * businessDaysBetween('2026-03-06', '2026-03-09', calendar); //=> 1 (Friday → Monday)
 * businessDaysBetween('2026-03-09', '2026-03-06', calendar); //=> 0
 * ```
 * @category Calendar
 */
export function businessDaysBetween(from: CalendarDate, to: CalendarDate, calendar: BusinessCalendar): number {
  const lookups = compiled(calendar);
  const days = calendarDaysBetween(from, to);
  if (days <= 0) return 0;
  // Whole weeks hold `perWeek` weekdays each; the days left over continue the
  // week from `from`'s weekday. Then take away the holidays on weekdays.
  const weeks = Math.floor(days / 7);
  const start = dayOfWeek(from);
  let count = weeks * lookups.perWeek;
  for (let offset = 1; offset <= days % 7; offset += 1) {
    if (!lookups.weekend.has((start + offset) % 7)) count += 1;
  }
  return count - countInRange(lookups.weekdayHolidays, from, to);
}

/** How many of the ascending `dates` satisfy `from < date ≤ to`. */
function countInRange(dates: readonly CalendarDate[], from: CalendarDate, to: CalendarDate): number {
  return firstAfter(dates, to) - firstAfter(dates, from);
}

/** The index of the first of the ascending `dates` later than `date` (binary search). */
function firstAfter(dates: readonly CalendarDate[], date: CalendarDate): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((dates[middle] as CalendarDate) <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}
