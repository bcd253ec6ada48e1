/**
 * Parsers of flag values: a malformed value is a usage error (exit 2).
 *
 * @module
 */
import { InvalidArgumentError } from 'commander';

/**
 * A commander argument parser for a whole number in a range.
 *
 * @param flag - The flag, for the message.
 * @param min - The smallest value allowed; default 0.
 * @param max - The largest value allowed; default `Number.MAX_SAFE_INTEGER`.
 * @returns The parser.
 * @example
 * ```ts
 * wholeNumber('--seed')('7'); //=> 7
 * ```
 * @category CLI
 */
export function wholeNumber(flag: string, min = 0, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value)) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER ? `expected a whole number ≥ ${min}.` : `expected a whole number from ${min} to ${max}.`,
      );
    }
    return Number(value);
  };
}

/**
 * A commander argument parser collecting a repeatable flag; each value may also
 * hold several items separated by commas.
 *
 * @param value - This occurrence's value.
 * @param previous - The items so far.
 * @returns All items.
 * @example
 * ```ts
 * collect('a,b', ['x']); //=> ['x', 'a', 'b']
 * ```
 * @category CLI
 */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  ];
}
