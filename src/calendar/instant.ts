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
  const match = typeof instant === 'string' ? INSTANT_PATTERN.exec(instant) : null;
  if (match) {
    const [, dateTime = '', fraction = ''] = match;
    // Date.parse is exact for the ECMAScript form with three fraction digits, but it
    // rolls some impossible fields over (February 30 becomes March 2) and accepts
    // 24:00; only a value that prints back unchanged is the instant written.
    const canonical = `${dateTime}.${fraction.slice(0, 3).padEnd(3, '0')}Z`;
    const epochMs = Date.parse(canonical);
    if (!Number.isNaN(epochMs) && new Date(epochMs).toISOString() === canonical) return epochMs;
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
