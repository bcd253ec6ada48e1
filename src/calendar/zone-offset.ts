import type { Instant, TimeZone } from '../model/primitives';
import { formatInstant, toEpochMs } from './instant';
import { assertTimeZone } from './time-zone';
import { invalidArgument } from './validation';
import { wallClockAt } from './wall-clock';

/** One day in milliseconds: the step of the transition scan. */
const DAY_MS = 86_400_000;

/** The longest range {@link zoneTransitions} scans: 200 Julian years. */
const MAX_SCAN_MS = 200 * 365.25 * DAY_MS;

/**
 * The offset of a time zone from UTC at an instant: what its clocks show minus
 * UTC, east positive, in milliseconds (whole seconds).
 *
 * @param at - The instant, as epoch milliseconds or an ISO-8601 UTC string.
 * @param timeZone - The IANA time zone.
 * @returns The offset in milliseconds, e.g. `-18_000_000` (−05:00) for New York in
 * winter.
 * @throws {@link ValidationError} when `at` is not a valid instant or `timeZone` is
 * not a known IANA zone.
 * @example
 * ```ts
 * zoneOffsetAt('2026-01-15T12:00:00Z', 'America/New_York'); //=> -18000000 (EST, −05:00)
 * zoneOffsetAt('2026-07-15T12:00:00Z', 'America/New_York'); //=> -14400000 (EDT, −04:00)
 * zoneOffsetAt('2026-07-15T12:00:00Z', 'Asia/Tokyo'); //=> 32400000 (+09:00)
 * ```
 * @category Calendar
 */
export function zoneOffsetAt(at: number | Instant, timeZone: TimeZone): number {
  const epochMs = toEpochMs(at);
  assertTimeZone(timeZone);
  return wallClockAt(epochMs, timeZone) - epochMs;
}

/**
 * A change of a time zone's offset from UTC (the start or end of daylight saving
 * time, or a change of the zone's standard time).
 *
 * @category Calendar
 */
export interface ZoneTransition {
  /** The first instant at which the new offset applies, in epoch milliseconds. */
  readonly at: number;
  /** The offset just before `at`, in milliseconds east of UTC. */
  readonly offsetBefore: number;
  /** The offset from `at` on, in milliseconds east of UTC. */
  readonly offsetAfter: number;
}

/**
 * Every change of a time zone's offset from UTC in a range of instants, oldest
 * first — what an iCalendar `VTIMEZONE` or a chart of local time needs.
 *
 * The zone's offset is sampled once a day across the range and each change is
 * then located to the millisecond by bisection, so two changes less than a day
 * apart that cancel out would be missed (the tz database has none since the
 * 1940s). The cost is one offset lookup per day of the range, which may span at
 * most 200 years.
 *
 * @param timeZone - The IANA time zone.
 * @param from - The start of the range (included), as epoch milliseconds or an
 * ISO-8601 UTC string.
 * @param to - The end of the range (excluded).
 * @returns The transitions with `from < at < to`, oldest first; empty for a zone
 * without changes in the range (e.g. `Asia/Tokyo`, `UTC`).
 * @throws {@link ValidationError} when an instant or the zone is invalid, `to` is
 * before `from`, or the range is longer than 200 years.
 * @example
 * ```ts
 * zoneTransitions('America/New_York', '2026-01-01T05:00:00Z', '2027-01-01T05:00:00Z');
 * //=> [
 * //   { at: 1772953200000, offsetBefore: -18000000, offsetAfter: -14400000 }, // 2026-03-08T07:00:00Z
 * //   { at: 1793512800000, offsetBefore: -14400000, offsetAfter: -18000000 }, // 2026-11-01T06:00:00Z
 * // ]
 * ```
 * @category Calendar
 */
export function zoneTransitions(timeZone: TimeZone, from: number | Instant, to: number | Instant): ZoneTransition[] {
  const start = toEpochMs(from);
  const end = toEpochMs(to);
  assertTimeZone(timeZone);
  if (end < start) {
    throw invalidArgument('instant range', `${formatInstant(end)} is before ${formatInstant(start)}`, 'invalid_value', ['to']);
  }
  if (end - start > MAX_SCAN_MS) {
    throw invalidArgument('instant range', 'a range of time-zone transitions may span at most 200 years', 'too_big', ['to']);
  }
  const offset = (epochMs: number) => wallClockAt(epochMs, timeZone) - epochMs;
  const transitions: ZoneTransition[] = [];
  let lo = start;
  let loOffset = offset(lo);
  while (lo < end) {
    const hi = Math.min(lo + DAY_MS, end);
    const hiOffset = offset(hi);
    if (hiOffset !== loOffset) {
      // The offset is loOffset at a and hiOffset at b: narrow down to adjacent milliseconds.
      let a = lo;
      let b = hi;
      while (b - a > 1) {
        const mid = a + Math.floor((b - a) / 2);
        if (offset(mid) === loOffset) a = mid;
        else b = mid;
      }
      const after = offset(b);
      if (b < end) transitions.push({ at: b, offsetBefore: loOffset, offsetAfter: after });
      lo = b;
      loOffset = after;
      continue;
    }
    lo = hi;
  }
  return transitions;
}
