import type { CalendarDate } from '../model/primitives';
import { invalidArgument, quote } from './validation';

/** `YYYY-MM-DD`, nothing around it; whether the day exists is checked separately. */
const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a calendar date as the epoch milliseconds of its UTC midnight, the form
 * every calendar computation here runs on (with {@link UtcDate}).
 *
 * @param date - A `YYYY-MM-DD` date; years 0000–9999.
 * @param subject - What the date is, for the error.
 * @param path - Where it sits inside the argument, for the error.
 * @returns Epoch milliseconds of `date`T00:00:00Z.
 * @throws {@link ValidationError} (code `invalid_format`) when `date` is not a
 * calendar date that exists (`2025-02-29`, `2026-13-01` and `2026-3-8` fail).
 * @internal
 */
export function calendarDateToUtc(
  date: CalendarDate,
  subject = 'calendar date',
  path: readonly (string | number)[] = [],
): number {
  const utcMidnight = readCalendarDate(date);
  if (utcMidnight !== undefined) return utcMidnight;
  throw invalidArgument(subject, `${quote(date)} is not a calendar date like 2026-03-08`, 'invalid_format', path);
}

/**
 * Whether `value` is a `YYYY-MM-DD` date that exists.
 *
 * @internal
 */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return readCalendarDate(value) !== undefined;
}

/** Dates already read, and dates already written (by day number): the same few thousand days recur. */
const readDates = new Map<string, number>();
const writtenDates = new Map<number, CalendarDate>();
const MAX_CACHED = 100_000;

/** UTC midnight of `value` as epoch milliseconds, or `undefined` when it is not a calendar date. */
function readCalendarDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const cached = readDates.get(value);
  if (cached !== undefined) return cached;
  const utcMidnight = parseCalendarDate(value);
  if (utcMidnight !== undefined) {
    if (readDates.size >= MAX_CACHED) readDates.clear();
    readDates.set(value, utcMidnight);
  }
  return utcMidnight;
}

/** Parses `YYYY-MM-DD` exactly; `undefined` when it is not a day that exists. */
function parseCalendarDate(value: string): number | undefined {
  if (!CALENDAR_DATE_PATTERN.test(value)) return undefined;
  // A date-only ISO string is UTC midnight by the ECMAScript spec, whatever the
  // host zone; an impossible day rolls over and is caught by printing it back.
  const utcMidnight = Date.parse(value);
  return !Number.isNaN(utcMidnight) && new Date(utcMidnight).toISOString().slice(0, 10) === value
    ? utcMidnight
    : undefined;
}

/**
 * Writes the UTC date of epoch milliseconds as a calendar date.
 *
 * @param epochMs - Any instant; only its UTC date is kept.
 * @param what - Describes the computation, for the error (e.g. `2026-01-31 + 1 month`);
 *   a function when building the text costs something, so it is built only on error.
 * @returns The `YYYY-MM-DD` date.
 * @throws {@link ValidationError} (code `out_of_range`) when the date falls outside
 * years 0000–9999, which a calendar date cannot express.
 * @internal
 */
export function utcToCalendarDate(epochMs: number, what: string | (() => string)): CalendarDate {
  const day = Number.isFinite(epochMs) ? Math.floor(epochMs / 86_400_000) : Number.NaN;
  const cached = writtenDates.get(day);
  if (cached !== undefined) return cached;
  const iso = Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : '';
  // Years outside 0000–9999 print as `+010000-…` or `-000001-…`.
  if (iso.length !== 24) {
    throw invalidArgument('calendar date', `${typeof what === 'function' ? what() : what} falls outside years 0000–9999`, 'out_of_range');
  }
  const date = iso.slice(0, 10);
  if (writtenDates.size >= MAX_CACHED) writtenDates.clear();
  writtenDates.set(day, date);
  return date;
}
