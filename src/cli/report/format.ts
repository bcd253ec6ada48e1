/**
 * Number and date wording for the HTML report. Locale-free on purpose: the same
 * input gives the same page on every machine.
 *
 * @module
 */
import { dayOfWeek } from '../../calendar/dates';
import type { CalendarDate } from '../../model/primitives';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * A number with a fixed count of decimals, without a locale (`toFixed`), and
 * never `-0`.
 *
 * @param value - A finite number.
 * @param decimals - How many decimals, 0–20.
 * @returns The text, e.g. `'2.50'`.
 * @example
 * ```ts
 * fixed(2.499, 2); //=> '2.50'
 * ```
 * @category CLI
 */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * Outreach minutes as hours with one decimal: `90` → `'1.5 h'`.
 *
 * @param minutes - Whole minutes.
 * @returns The hours, with the unit.
 * @example
 * ```ts
 * hours(356); //=> '5.9 h'
 * ```
 * @category CLI
 */
export function hours(minutes: number): string {
  return `${fixed(minutes / 60, 1)} h`;
}

/**
 * A share as a whole percentage: `part ÷ whole × 100`, rounded half up.
 *
 * @param part - The part.
 * @param whole - The whole, more than 0.
 * @returns The text, e.g. `'83%'`.
 * @example
 * ```ts
 * percent(5, 6); //=> '83%'
 * ```
 * @category CLI
 */
export function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)}%`;
}

/**
 * A count with its noun, singular for one: `plural(1, 'referral')` → `'1 referral'`.
 *
 * @param count - The count.
 * @param noun - The singular noun.
 * @param many - The plural; default the noun with `s`.
 * @returns The count and the right noun.
 * @example
 * ```ts
 * plural(3, 'office'); //=> '3 offices'
 * ```
 * @category CLI
 */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}

/**
 * A `YYYY-MM` month as a short label: `'2026-03'` → `'Mar 2026'`, or just `'Mar'`.
 *
 * @param month - The month, `YYYY-MM`.
 * @param withYear - Whether to add the year; default `true`.
 * @returns The label.
 * @example
 * ```ts
 * monthLabel('2026-03'); //=> 'Mar 2026'
 * ```
 * @category CLI
 */
export function monthLabel(month: string, withYear = true): string {
  const name = MONTHS[Number(month.slice(5, 7)) - 1] ?? month;
  return withYear ? `${name} ${month.slice(0, 4)}` : name;
}

/**
 * A calendar date in words: `'2026-03-02'` → `'Monday 2 March 2026'`.
 *
 * @param date - The date, `YYYY-MM-DD`.
 * @returns The date in words.
 * @throws {@link ValidationError} when the date does not exist.
 * @example
 * ```ts
 * longDate('2026-03-02'); //=> 'Monday 2 March 2026'
 * ```
 * @category CLI
 */
export function longDate(date: CalendarDate): string {
  const month = LONG_MONTHS[Number(date.slice(5, 7)) - 1] ?? '';
  return `${DAYS[dayOfWeek(date)]} ${Number(date.slice(8, 10))} ${month} ${date.slice(0, 4)}`;
}
