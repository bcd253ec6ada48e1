/**
 * Reading the moments given on the command line (`--as-of`, `--at`, …).
 *
 * @module
 */
import { startOfDayInZone } from '../calendar/dates';
import { formatInstant, parseInstant } from '../calendar/instant';
import { instantOfWallClock } from '../calendar/wall-clock';
import type { Instant, TimeZone } from '../model/primitives';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** What a moment flag accepts, for help texts and messages. */
export const MOMENT_FORMS = 'a date like 2026-03-02 (09:00 practice time), a local time like 2026-03-02T14:30, or a UTC instant like 2026-03-02T19:30:00Z';

/**
 * Reads a moment given on the command line, in the practice's time zone:
 *
 * - `YYYY-MM-DD` — 09:00 that day (the start of a working day);
 * - `YYYY-MM-DDTHH:MM[:SS]` — that wall-clock time;
 * - an ISO-8601 UTC instant ending in `Z`.
 *
 * @param value - The flag's value.
 * @param timeZone - The practice's IANA time zone.
 * @returns Epoch milliseconds, or `undefined` when the value is none of the three forms (or an impossible date).
 * @example
 * ```ts
 * formatInstant(readMoment('2026-03-02', 'America/New_York')!); //=> '2026-03-02T14:00:00.000Z'
 * readMoment('yesterday', 'UTC'); //=> undefined
 * ```
 * @category CLI
 */
export function readMoment(value: string, timeZone: TimeZone): number | undefined {
  try {
    if (DATE.test(value)) {
      // Validate the date (2026-02-30 throws), then take 09:00 on the wall clock: on a
      // DST-change day midnight plus nine hours would be 08:00 or 10:00.
      startOfDayInZone(value, timeZone);
      return instantOfWallClock(parseInstant(`${value}T09:00:00Z`), timeZone);
    }
    const local = LOCAL.exec(value);
    if (local) {
      const [, date, hours, minutes, seconds = '00'] = local;
      // The wall-clock time read as if it were UTC, then placed in the zone.
      return instantOfWallClock(parseInstant(`${date}T${hours}:${minutes}:${seconds}Z`), timeZone);
    }
    return parseInstant(value);
  } catch {
    return undefined;
  }
}

/**
 * {@link readMoment} as an ISO instant string, for record fields.
 *
 * @param value - The flag's value.
 * @param timeZone - The practice's IANA time zone.
 * @returns The instant, or `undefined` when unreadable.
 * @example
 * ```ts
 * readInstant('2026-03-02T14:30', 'UTC'); //=> '2026-03-02T14:30:00.000Z'
 * ```
 * @category CLI
 */
export function readInstant(value: string, timeZone: TimeZone): Instant | undefined {
  const ms = readMoment(value, timeZone);
  return ms === undefined ? undefined : formatInstant(ms);
}
