import { z } from 'zod';

/**
 * The check digit of an NPI, from its first nine digits: the Luhn algorithm over
 * the nine digits prefixed with the card-issuer code `80840` (ISO 7812), which is
 * how CMS defines it.
 *
 * @param firstNine - The first nine digits of an NPI.
 * @returns The tenth digit that makes the NPI valid (0–9).
 * @throws {RangeError} When `firstNine` is not exactly nine digits.
 * @example
 * ```ts
 * npiCheckDigit('123456789'); //=> 3
 * ```
 * @category Model
 */
export function npiCheckDigit(firstNine: string): number {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('[referwell] npiCheckDigit needs exactly nine digits');
  const digits = `80840${firstNine}`;
  let sum = 0;
  // Walk from the right; the rightmost payload digit is doubled because the check
  // digit that will follow it sits in the undoubled position.
  for (let i = digits.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Whether `value` is a well-formed US National Provider Identifier: ten digits whose
 * last is the {@link npiCheckDigit} of the first nine.
 *
 * @param value - A candidate NPI.
 * @returns `true` when the format and check digit are right.
 * @example
 * ```ts
 * isValidNpi('1234567893'); //=> true
 * isValidNpi('1234567890'); //=> false
 * ```
 * @category Model
 */
export function isValidNpi(value: string): boolean {
  return /^\d{10}$/.test(value) && npiCheckDigit(value.slice(0, 9)) === value.charCodeAt(9) - 48;
}

/**
 * An NPI: ten digits with a valid check digit. The message says which check failed.
 *
 * @category Model
 */
export const npiSchema = z.string().superRefine((value, ctx) => {
  if (!/^\d{10}$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'an NPI must be exactly 10 digits' });
    return;
  }
  const expected = npiCheckDigit(value.slice(0, 9));
  if (expected !== value.charCodeAt(9) - 48) {
    ctx.addIssue({
      code: 'custom',
      message: `NPI check digit is wrong: for ${value.slice(0, 9)} it must be ${expected}, not ${value[9]}`,
    });
  }
});
