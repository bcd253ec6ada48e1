/**
 * Test support only; never imported by library code.
 *
 * An independent oracle for local time: it reads a zone's wall clock straight from
 * `Intl.DateTimeFormat`, without date-fns or @date-fns/tz, so tests can check the
 * calendar functions against something they do not share code with.
 *
 * @module
 * @internal
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** What a clock in a zone shows at an instant (for years 1000–9999). */
export interface LocalTime {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:mm:ss`. */
  readonly time: string;
  /** The offset from UTC in minutes, e.g. -300 for EST. */
  readonly offsetMinutes: number;
}

/**
 * The local date, time and offset in `timeZone` at `epochMs`, read from `Intl`.
 */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  const offset = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(parts['timeZoneName'] ?? '');
  if (!offset) throw new Error(`unexpected offset ${String(parts['timeZoneName'])}`);
  const [, sign = '+', hours = '0', minutes = '0'] = offset;
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    time: `${parts['hour']}:${parts['minute']}:${parts['second']}`,
    offsetMinutes: (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)),
  };
}

/** Milliseconds in an hour, for readable test arithmetic. */
export const HOUR = 3_600_000;

/** Milliseconds in a minute. */
export const MINUTE = 60_000;

/**
 * Epoch milliseconds of an ISO-8601 string with an explicit offset, for writing
 * expected instants the way a person reads them (`2026-03-08T09:00:00-04:00`).
 */
export function at(iso: string): number {
  if (!/(?:Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`give an offset: ${iso}`);
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) throw new Error(`bad test instant ${iso}`);
  return epochMs;
}
