import { startOfDayInZone } from '../../calendar/dates';
import { zoneOffsetAt, zoneTransitions } from '../../calendar/zone-offset';
import type { TimeZone } from '../../model/primitives';

/** The last instant a calendar date can express (9999-12-31T23:59:59.999Z). */
const MAX_EPOCH_MS = 253_402_300_799_999;

/**
 * Formats an offset as iCalendar UTC-OFFSET (RFC 5545 §3.3.14): `±HHMM`, plus
 * seconds when there are any; zero is `+0000` (`-0000` is not allowed).
 *
 * @param offsetMs - Milliseconds east of UTC (whole seconds).
 * @returns E.g. `-0500`, `+0530`, `+0000`.
 * @internal
 */
export function formatUtcOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${sign}${two(hours)}${two(minutes)}${seconds === 0 ? '' : two(seconds)}`;
}

/**
 * Formats wall-clock fields (epoch milliseconds read as UTC) as an iCalendar
 * local DATE-TIME, `YYYYMMDDTHHMMSS` (no `Z`).
 *
 * @internal
 */
export function formatLocalDateTime(wallClockMs: number): string {
  const iso = new Date(wallClockMs).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** One STANDARD or DAYLIGHT sub-component. */
interface Observance {
  readonly type: 'STANDARD' | 'DAYLIGHT';
  /** Onset, in local time as the clocks showed it before the change. */
  readonly start: string;
  readonly offsetFrom: number;
  readonly offsetTo: number;
}

/**
 * The content lines (unfolded) of a `VTIMEZONE` for `timeZone` covering whole
 * calendar years, computed from the runtime's time-zone data through the
 * calendar module:
 *
 * - one first observance at local midnight of January 1 of `fromYear`, with the
 *   offset then in force (`TZOFFSETFROM` = `TZOFFSETTO`);
 * - one observance per offset change up to January 1 of `toYear + 1`, its
 *   `DTSTART` the local time of the change as the clocks showed it before
 *   (RFC 5545 §3.6.5), no `RRULE`.
 *
 * A change to a larger offset is a `DAYLIGHT` observance, a change to a smaller
 * one `STANDARD`; the first observance is `DAYLIGHT` when the next change goes
 * back, `STANDARD` otherwise. (Clients compute times from the offsets; the type
 * is only a label.)
 *
 * @param timeZone - The IANA time zone (its name becomes the `TZID`).
 * @param fromYear - The first year to cover.
 * @param toYear - The last year to cover (at most 199 years after `fromYear`).
 * @returns The lines from `BEGIN:VTIMEZONE` to `END:VTIMEZONE`.
 * @throws A `ValidationError` when the zone is invalid or the span too long.
 * @internal
 */
export function vtimezoneLines(timeZone: TimeZone, fromYear: number, toYear: number): string[] {
  const year = (y: number) => `${String(y).padStart(4, '0')}-01-01`;
  const start = startOfDayInZone(year(fromYear), timeZone);
  const end = toYear >= 9999 ? MAX_EPOCH_MS : startOfDayInZone(year(toYear + 1), timeZone);
  const initialOffset = zoneOffsetAt(start, timeZone);
  const changes = zoneTransitions(timeZone, start, end);

  const first = changes[0];
  const observances: Observance[] = [
    {
      type: first !== undefined && first.offsetAfter < first.offsetBefore ? 'DAYLIGHT' : 'STANDARD',
      start: formatLocalDateTime(start + initialOffset),
      offsetFrom: initialOffset,
      offsetTo: initialOffset,
    },
    ...changes.map(
      (change): Observance => ({
        type: change.offsetAfter > change.offsetBefore ? 'DAYLIGHT' : 'STANDARD',
        start: formatLocalDateTime(change.at + change.offsetBefore),
        offsetFrom: change.offsetBefore,
        offsetTo: change.offsetAfter,
      }),
    ),
  ];

  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observances.flatMap((o) => [
      `BEGIN:${o.type}`,
      `DTSTART:${o.start}`,
      `TZOFFSETFROM:${formatUtcOffset(o.offsetFrom)}`,
      `TZOFFSETTO:${formatUtcOffset(o.offsetTo)}`,
      `END:${o.type}`,
    ]),
    'END:VTIMEZONE',
  ];
}
