import { invalidArgument, quote } from './validation';

const known = new Map<string, boolean>();

/**
 * Whether `name` is an IANA time zone this JavaScript runtime knows
 * (e.g. `America/New_York`, `Australia/Sydney`, `UTC`).
 *
 * @param name - A candidate time-zone name.
 * @returns `true` when dates can be computed in that zone.
 * @example
 * ```ts
 * isValidTimeZone('America/New_York'); //=> true
 * isValidTimeZone('Mars/Olympus_Mons'); //=> false
 * ```
 * @category Calendar
 */
export function isValidTimeZone(name: string): boolean {
  const cached = known.get(name);
  if (cached !== undefined) return cached;
  let valid = false;
  if (name.length > 0 && name.length <= 64) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      valid = true;
    } catch {
      valid = false;
    }
  }
  known.set(name, valid);
  return valid;
}

/**
 * Throws unless `timeZone` is an IANA time zone this runtime knows.
 *
 * @param timeZone - The zone to check.
 * @throws {@link ValidationError} (subject `time zone`, code `invalid_value`) when
 * it is not.
 * @internal
 */
export function assertTimeZone(timeZone: string): void {
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    throw invalidArgument(
      'time zone',
      `${quote(timeZone)} is not an IANA time zone such as America/New_York`,
      'invalid_value',
    );
  }
}
