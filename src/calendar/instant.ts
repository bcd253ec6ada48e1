import type { Instant } from '../model/primitives';
import { invalidArgument, quote } from './validation';

/** Epoch milliseconds of `0000-01-01T00:00:00.000Z`, the earliest supported instant. */
const MIN_EPOCH_MS = -62_167_219_200_000;
/** Epoch milliseconds of `9999-12-31T23:59:59.999Z`, the latest supported instant. */
const MAX_EPOCH_MS = 253_402_300_799_999;

/**
 * The shape of an {@link Instant}, the same as `instantSchema`: date, `T`, time with
 * seconds, an optional fraction of any length, and `Z`.
 */
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/** The last instant {@link parseInstant} accepted, and its value. */
let lastParsed: { readonly text: unknown; readonly epochMs: number } = { text: undefined, epochMs: 0 };

/**
 * Parses an ISO-8601 UTC instant into epoch milliseconds.
 *
 * Accepts exactly the strings `instantSchema` accepts: `YYYY-MM-DDTHH:mm:ssZ`, with
 * an optional fraction of a second (digits past the millisecond are dropped, so the
 * result never lies after the instant written). Offsets other than `Z`, missing
 * seconds and impossible fields (February 30, 24:00, a 60th second) are rejected.
 *
 * @param instant - An instant such as `2026-03-08T14:30:00Z`.
 * @returns Milliseconds since 1970-01-01T00:00:00Z.
 * @throws {@link ValidationError} (subject `instant`, code `invalid_format`) when
 * `instant` is not such a string.
 * @example
 * ```ts
 * parseInstant('2026-03-08T14:30:00Z'); //=> 1772980200000
 * parseInstant('2026-03-08T14:30:00.1239Z'); //=> 1772980200123
 * parseInstant('2026-03-08T09:30:00-05:00'); // throws ValidationError
 * ```
 * @category Calendar
 */
export function parseInstant(instant: string): number {
  // Plays read the same instant for every office (e.g. the current message's
  // publication): remember the last one parsed.
  if (typeof instant === 'string') {
    if (instant === lastParsed.text) return lastParsed.epochMs;
    // The common shapes with every field in range need neither the pattern nor a round trip.
    if (commonInstantInto(instant, scratch, 0)) {
      const epochMs = scratch[0]!;
      lastParsed = { text: instant, epochMs };
      return epochMs;
    }
  }
  const match = typeof instant === 'string' ? INSTANT_PATTERN.exec(instant) : null;
  if (match) {
    const [, dateTime = '', fraction = ''] = match;
    // Date.parse is exact for the ECMAScript form with three fraction digits, but it
    // rolls some impossible fields over (February 30 becomes March 2) and accepts
    // 24:00; only a value that prints back unchanged is the instant written.
    const canonical = `${dateTime}.${fraction.slice(0, 3).padEnd(3, '0')}Z`;
    const epochMs = Date.parse(canonical);
    if (!Number.isNaN(epochMs) && new Date(epochMs).toISOString() === canonical) {
      lastParsed = { text: instant, epochMs };
      return epochMs;
    }
  }
  throw invalidArgument(
    'instant',
    `${quote(instant)} is not an ISO-8601 UTC instant like 2026-03-08T14:30:00Z`,
    'invalid_format',
  );
}

/**
 * Formats epoch milliseconds as an ISO-8601 UTC instant with milliseconds.
 *
 * The output always has the same width (`.sssZ`), so instants sort correctly as
 * plain strings.
 *
 * @param epochMs - Whole milliseconds since 1970-01-01T00:00:00Z, within years
 * 0000–9999.
 * @returns The instant, e.g. `2026-03-08T14:30:00.000Z`.
 * @throws {@link ValidationError} (subject `epoch milliseconds`) when `epochMs` is
 * not a whole number or lies outside years 0000–9999.
 * @example
 * ```ts
 * formatInstant(1772980200000); //=> '2026-03-08T14:30:00.000Z'
 * formatInstant(parseInstant('2026-03-08T14:30:00Z')); //=> '2026-03-08T14:30:00.000Z'
 * ```
 * @category Calendar
 */
export function formatInstant(epochMs: number): Instant {
  assertEpochMs(epochMs);
  return new Date(epochMs).toISOString();
}

/**
 * Throws unless `epochMs` is whole milliseconds within years 0000–9999 (UTC), the
 * range every instant string can express.
 *
 * @param epochMs - The value to check.
 * @param subject - What it is, for the error.
 * @throws {@link ValidationError} when it is not.
 * @internal
 */
export function assertEpochMs(epochMs: number, subject = 'epoch milliseconds'): void {
  if (typeof epochMs !== 'number' || !Number.isSafeInteger(epochMs)) {
    throw invalidArgument(subject, `${quote(epochMs)} is not a whole number of milliseconds`, 'invalid_type');
  }
  if (epochMs < MIN_EPOCH_MS || epochMs > MAX_EPOCH_MS) {
    const code = epochMs < MIN_EPOCH_MS ? 'too_small' : 'too_big';
    throw invalidArgument(subject, `${epochMs} is outside years 0000–9999`, code);
  }
}

/**
 * Reads an instant given either as epoch milliseconds or as an ISO-8601 string.
 *
 * @param at - Epoch milliseconds or an {@link Instant}.
 * @returns Epoch milliseconds.
 * @throws {@link ValidationError} when `at` is neither.
 * @internal
 */
export function toEpochMs(at: number | Instant): number {
  if (typeof at === 'string') return parseInstant(at);
  assertEpochMs(at);
  return at;
}

/**
 * Returns `epochMs` when it is a supported instant; otherwise throws, naming the
 * computation that produced it.
 *
 * @param epochMs - The result of a computation.
 * @param what - Describes the computation, e.g. `2026-03-08T14:30:00.000Z + 3 days`.
 * @returns `epochMs`.
 * @throws {@link ValidationError} (subject `instant`, code `out_of_range`) when the
 * result falls outside years 0000–9999.
 * @internal
 */
export function checkedResult(epochMs: number, what: string | (() => string)): number {
  if (Number.isSafeInteger(epochMs) && epochMs >= MIN_EPOCH_MS && epochMs <= MAX_EPOCH_MS) return epochMs;
  throw invalidArgument('instant', `${typeof what === 'function' ? what() : what} falls outside years 0000–9999`, 'out_of_range');
}

/** Days from 1970-01-01 to the first of each month (0-based) of a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days in each month (0-based) of a common year. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of two ASCII digits at `i`, or `NaN` (or a value ≥ 100) when they are not digits. */
function twoDigits(text: string, i: number): number {
  const tens = text.charCodeAt(i) - 48;
  const ones = text.charCodeAt(i + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
}

/** The value of the ASCII digit at `i`, or `NaN` when it is not a digit. */
function oneDigit(text: string, i: number): number {
  const digit = text.charCodeAt(i) - 48;
  return digit >= 0 && digit <= 9 ? digit : Number.NaN;
}

/**
 * Reads a validated instant string as epoch milliseconds, exactly as `Date.parse`
 * does, several times faster for the common shapes `YYYY-MM-DDTHH:mm:ssZ` and
 * `YYYY-MM-DDTHH:mm:ss.sssZ` (integer arithmetic on the characters). Anything else
 * — another shape, or a field `Date.parse` would roll over such as February 30 — is
 * handed to `Date.parse`, so the result is always the same as `Date.parse`'s.
 *
 * For records that were already validated (the engine's index parses every
 * record's timestamps once); use {@link parseInstant} for untrusted input.
 *
 * @param instant - An ISO-8601 UTC instant.
 * @returns Epoch milliseconds, or `NaN` when `Date.parse` gives `NaN`.
 * @example
 * ```ts
 * readInstant('2026-03-08T14:30:00Z'); //=> 1772980200000
 * readInstant('2026-03-08T14:30:00.250Z'); //=> 1772980200250
 * ```
 * @internal
 */
export function readInstant(instant: string): number {
  return commonInstantInto(instant, scratch, 0) ? scratch[0]! : Date.parse(instant);
}

/**
 * Where {@link readInstant} and {@link parseInstant} have {@link commonInstantInto}
 * write: a holey list of doubles, as the engine's lists of times are, so that the
 * writes meet one kind of list.
 */
const scratch = new Array<number>(1);
scratch[0] = 0.5;

/**
 * {@link readInstant}, written into `into[index]` instead of returned: a loop
 * filling a list of times this way allocates nothing per instant (a number
 * returned from a call that is not inlined, unless a small integer, is a new heap
 * object).
 *
 * @param instant - An ISO-8601 UTC instant.
 * @param into - The list to write to.
 * @param index - Where.
 * @example
 * ```ts
 * const times: number[] = [];
 * readInstantInto('2026-03-08T14:30:00Z', times, 0); // times[0] === 1772980200000
 * ```
 * @internal
 */
export function readInstantInto(instant: string, into: number[], index: number): void {
  if (!commonInstantInto(instant, into, index)) into[index] = Date.parse(instant);
}

/**
 * Writes to `into[index]` the epoch milliseconds of `YYYY-MM-DDTHH:mm:ssZ` or
 * `YYYY-MM-DDTHH:mm:ss.sssZ` with every field in range (no February 30, no 24:00,
 * no 60th second), worked out by integer arithmetic on the characters: the value
 * `Date.parse` gives for such a string. Any other string, including those shapes
 * with a field out of range, is left to the caller.
 *
 * @param instant - A string.
 * @param into - The list to write to.
 * @param index - Where.
 * @returns Whether it wrote.
 */
function commonInstantInto(instant: string, into: number[], index: number): boolean {
  const length = instant.length;
  if (
    (length === 20 || (length === 24 && instant.charCodeAt(19) === 46)) &&
    instant.charCodeAt(length - 1) === 90 && // Z
    instant.charCodeAt(4) === 45 && // -
    instant.charCodeAt(7) === 45 &&
    instant.charCodeAt(10) === 84 && // T
    instant.charCodeAt(13) === 58 && // :
    instant.charCodeAt(16) === 58
  ) {
    const year = twoDigits(instant, 0) * 100 + twoDigits(instant, 2);
    const month = twoDigits(instant, 5);
    const day = twoDigits(instant, 8);
    const hours = twoDigits(instant, 11);
    const minutes = twoDigits(instant, 14);
    const seconds = twoDigits(instant, 17);
    const millis = length === 24 ? twoDigits(instant, 20) * 10 + oneDigit(instant, 22) : 0;
    // A day past the month's end and any odd field are left to the caller.
    const leapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (
      year >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      (day <= 28 || day <= (month === 2 ? (leapYear ? 29 : 28) : DAYS_IN_MONTH[month - 1]!)) &&
      hours <= 23 &&
      minutes <= 59 &&
      seconds <= 59 &&
      millis <= 999
    ) {
      const leap = month > 2 && leapYear ? 1 : 0;
      const before = year - 1;
      const days =
        365 * (year - 1970) +
        Math.floor(before / 4) - 492 - (Math.floor(before / 100) - 19) + (Math.floor(before / 400) - 4) +
        DAYS_BEFORE_MONTH[month - 1]! + leap + day - 1;
      into[index] = days * 86_400_000 + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
      return true;
    }
  }
  return false;
}
