import { ValidationError } from '../errors';

/**
 * Builds the {@link ValidationError} the calendar functions throw for a bad
 * argument: one issue, at `path` inside the argument.
 *
 * @param subject - What was being validated, e.g. `calendar date`.
 * @param message - What is wrong with it.
 * @param code - A machine-readable kind, e.g. `invalid_format`, `too_big`.
 * @param path - Where inside the argument, for options objects.
 * @returns The error, for the caller to throw.
 * @internal
 */
export function invalidArgument(
  subject: string,
  message: string,
  code: string,
  path: readonly (string | number)[] = [],
): ValidationError {
  return new ValidationError(subject, [{ path, pointer: toPointer(path), message, code }]);
}

/**
 * The JSON Pointer (RFC 6901) of a path, e.g. `['holidays', 2]` → `/holidays/2`.
 *
 * @internal
 */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * A value quoted for an error message, cut short so that a huge input cannot
 * flood a log.
 *
 * @internal
 */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Throws unless `n` is a whole number that can be counted exactly.
 *
 * @param n - The count to check.
 * @param subject - What it counts, for the error, e.g. `day count`.
 * @param options - `min`: the smallest value allowed.
 * @throws {@link ValidationError} when `n` is not a safe integer, or below `min`.
 * @internal
 */
export function assertWholeNumber(n: number, subject: string, options: { min?: number } = {}): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw invalidArgument(subject, `${quote(n)} is not a whole number`, 'invalid_type');
  }
  if (options.min !== undefined && n < options.min) {
    throw invalidArgument(subject, `${n} must be at least ${options.min}`, 'too_small');
  }
}
