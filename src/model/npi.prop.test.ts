import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from './npi';

const nineDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((d) => d.join(''));

describe('NPI check digit (properties)', () => {
  it('exactly one tenth digit makes nine digits a valid NPI', () => {
    fc.assert(
      fc.property(nineDigits, (first) => {
        const valid = Array.from({ length: 10 }, (_, d) => `${first}${d}`).filter(isValidNpi);
        expect(valid).toEqual([`${first}${npiCheckDigit(first)}`]);
      }),
    );
  });

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (first, pos, delta) => {
        const npi = `${first}${npiCheckDigit(first)}`;
        const digit = (Number(npi[pos]) + delta) % 10;
        const broken = `${npi.slice(0, pos)}${digit}${npi.slice(pos + 1)}`;
        expect(isValidNpi(broken)).toBe(false);
      }),
    );
  });

  it('detects swaps of adjacent distinct digits', () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 8 }), (first, pos) => {
        const npi = `${first}${npiCheckDigit(first)}`;
        const a = npi[pos] as string;
        const b = npi[pos + 1] as string;
        fc.pre(a !== b && !((a === '0' && b === '9') || (a === '9' && b === '0')));
        const swapped = `${npi.slice(0, pos)}${b}${a}${npi.slice(pos + 2)}`;
        expect(isValidNpi(swapped)).toBe(false);
      }),
    );
  });
});
