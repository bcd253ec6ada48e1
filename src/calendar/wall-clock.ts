/**
 * Wall-clock time in a zone, as numbers.
 *
 * A *wall clock* is the date and time a clock in `timeZone` shows, written as the
 * epoch milliseconds of those same fields in UTC: 09:00 on 2026-03-08 in New York
 * is `Date.UTC(2026, 2, 8, 9)`. date-fns then does calendar arithmetic on it in
 * UTC (see {@link UtcDate}), where every day has 24 hours, and the result is turned
 * back into an instant in the zone.
 *
 * Only `tzOffset` from @date-fns/tz is used here, which reads the zone's rules from
 * `Intl` and never the host's zone. TZDate's setters are avoided on purpose: they go
 * through the host zone, and an ambiguous wall-clock time (the repeated hour when
 * DST ends) resolved differently with TZ=UTC than with TZ=Australia/Sydney.
 *
 * @module
 * @internal
 */
import { tzOffset } from '@date-fns/tz';
import { millisecondsInDay } from 'date-fns/constants';
import type { TimeZone } from '../model/primitives';

/** The offset of `timeZone` from UTC at `epochMs`, in whole milliseconds, read from `Intl`. */
function readOffsetMs(timeZone: TimeZone, epochMs: number): number {
  // tzOffset gives minutes, with a fraction for historical offsets in seconds;
  // round to whole seconds as TZDate does.
  return Math.round(tzOffset(timeZone, new Date(epochMs)) * 60) * 1000;
}

/** Offsets are cached per zone in 15-minute slots: reading `Intl` is the costly part. */
const SLOT_MS = 15 * 60 * 1000;
/** A slot whose start and end offsets differ (a transition inside it): read each instant. */
const MIXED = Number.NaN;
/** Bounds the cache of one zone (about 100 years of slots would be 3.5 M; keep far fewer). */
const MAX_SLOTS = 200_000;
const slotsByZone = new Map<TimeZone, Map<number, number>>();
/**
 * A first, coarser cache per zone in UTC days: nearly every day has one offset all
 * day, so a few hundred entries answer for years of records. A day with a
 * transition is marked {@link MIXED} and answered by the 15-minute slots. (As in
 * {@link instantOfWallClock}, no zone changes its offset twice within two days, so
 * equal offsets at both ends of a day mean one offset all day.)
 *
 * Each zone's days sit in two layers: a direct-mapped table of {@link FRONT_DAYS}
 * entries (day number modulo its size; typed arrays, so a hit is two array reads
 * and no hashing), in front of a `Map` that keeps every day read.
 */
interface DayCache {
  /** The day number held in each front entry, or {@link NO_DAY}. */
  readonly frontDays: Int32Array;
  /** The offset of that day (ms), or {@link MIXED}. */
  readonly frontOffsets: Float64Array;
  /** Every day read so far, up to {@link MAX_DAYS}. */
  readonly days: Map<number, number>;
}
/** Front entries per zone: a power of two, about 22 years of days. */
const FRONT_DAYS = 8192;
/** Marks an empty front entry: no day of years 0000–9999 has this number. */
const NO_DAY = -0x80000000;
const daysByZone = new Map<TimeZone, DayCache>();
/** Bounds the day cache of one zone (about 270 years). */
const MAX_DAYS = 100_000;

/** The day cache of a zone, created empty the first time. */
function dayCacheOf(timeZone: TimeZone): DayCache {
  let cache = daysByZone.get(timeZone);
  if (cache === undefined) {
    cache = { frontDays: new Int32Array(FRONT_DAYS).fill(NO_DAY), frontOffsets: new Float64Array(FRONT_DAYS), days: new Map() };
    daysByZone.set(timeZone, cache);
  }
  return cache;
}

/**
 * The offset of `timeZone` from UTC at `epochMs`, in whole milliseconds. Cached per
 * UTC day, then per 15-minute slot, when the offset is the same at both ends of
 * the day or slot (no zone changes its offset twice within 15 minutes), read
 * exactly otherwise.
 */
function offsetMs(timeZone: TimeZone, epochMs: number): number {
  return offsetInDays(timeZone, dayCacheOf(timeZone), epochMs);
}

/** {@link offsetMs} with the zone's day cache already looked up. */
function offsetInDays(timeZone: TimeZone, cache: DayCache, epochMs: number): number {
  const day = Math.floor(epochMs / millisecondsInDay);
  const entry = day & (FRONT_DAYS - 1);
  let offset: number | undefined;
  if (cache.frontDays[entry] === day) {
    offset = cache.frontOffsets[entry]!;
  } else {
    offset = spanOffset(timeZone, cache.days, day, millisecondsInDay, MAX_DAYS);
    // Only whole day numbers go to the front (an Int32Array would turn NaN into 0).
    if (day === (day | 0)) {
      cache.frontDays[entry] = day;
      cache.frontOffsets[entry] = offset;
    }
  }
  return Number.isNaN(offset) ? slotOffsetMs(timeZone, epochMs) : offset;
}

/**
 * The offset over span number `span` of `width` ms (a UTC day or a 15-minute
 * slot), from `cache` or read at both ends of the span: {@link MIXED} when they
 * differ. A cache of `max` entries is emptied before it grows further.
 */
function spanOffset(timeZone: TimeZone, cache: Map<number, number>, span: number, width: number, max: number): number {
  let offset = cache.get(span);
  if (offset === undefined) {
    const start = readOffsetMs(timeZone, span * width);
    const end = readOffsetMs(timeZone, (span + 1) * width - 1);
    offset = start === end ? start : MIXED;
    if (cache.size >= max) cache.clear();
    cache.set(span, offset);
  }
  return offset;
}

/** {@link offsetMs} on a day with a transition: by 15-minute slot. */
function slotOffsetMs(timeZone: TimeZone, epochMs: number): number {
  let slots = slotsByZone.get(timeZone);
  if (slots === undefined) {
    slots = new Map();
    slotsByZone.set(timeZone, slots);
  }
  const offset = spanOffset(timeZone, slots, Math.floor(epochMs / SLOT_MS), SLOT_MS, MAX_SLOTS);
  return Number.isNaN(offset) ? readOffsetMs(timeZone, epochMs) : offset;
}

/**
 * {@link wallClockAt} for one zone, for loops over many instants: the zone's
 * cache is looked up once.
 *
 * @param timeZone - A valid IANA time zone.
 * @returns A function from an instant (epoch ms) to its wall clock there.
 * @internal
 */
export function wallClockReader(timeZone: TimeZone): (epochMs: number) => number {
  const cache = dayCacheOf(timeZone);
  return (epochMs) => epochMs + offsetInDays(timeZone, cache, epochMs);
}

/**
 * The wall clock in `timeZone` at an instant.
 *
 * @param epochMs - The instant.
 * @param timeZone - A valid IANA time zone.
 * @returns The wall-clock fields, read as UTC epoch milliseconds.
 * @internal
 */
export function wallClockAt(epochMs: number, timeZone: TimeZone): number {
  return epochMs + offsetMs(timeZone, epochMs);
}

/**
 * The instant at which the clocks of `timeZone` show a wall-clock time.
 *
 * Deterministic where the wall clock is not one instant (the rules of
 * `Temporal`'s `compatible` disambiguation):
 * - repeated when the clocks go back (01:30 on 2026-11-01 in New York): the
 *   earlier instant;
 * - skipped when the clocks go forward (02:30 on 2026-03-08 in New York): moved
 *   forward by the length of the gap (03:30 EDT), so that a skipped midnight gives
 *   the first instant of the day.
 *
 * @param wallClock - Wall-clock fields read as UTC epoch milliseconds.
 * @param timeZone - A valid IANA time zone.
 * @returns Epoch milliseconds.
 * @internal
 */
export function instantOfWallClock(wallClock: number, timeZone: TimeZone): number {
  // No zone changes its offset twice within two days, so the offsets a day either
  // side are the only candidates (equal when no change is near).
  const before = offsetMs(timeZone, wallClock - millisecondsInDay);
  const after = offsetMs(timeZone, wallClock + millisecondsInDay);
  const shows = (epochMs: number) => wallClockAt(epochMs, timeZone) === wallClock;
  // The larger offset gives the earlier instant.
  const earlier = wallClock - Math.max(before, after);
  const later = wallClock - Math.min(before, after);
  if (shows(earlier)) return earlier;
  if (shows(later)) return later;
  // Skipped: read the time with the offset in force before the gap.
  return wallClock - before;
}
