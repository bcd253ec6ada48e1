import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit, npiSchema } from './npi';

describe('npiCheckDigit', () => {
  it('gives 3 for the CMS worked example 123456789', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
  });

  it('rejects anything but nine digits', () => {
    expect(() => npiCheckDigit('12345678')).toThrow(RangeError);
    expect(() => npiCheckDigit('12345678a')).toThrow(RangeError);
  });
});

describe('isValidNpi', () => {
  it.each(['1234567893', '1245319599', '1003000126'])('accepts %s', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });

  it.each(['1234567890', '123456789', '12345678930', 'abcdefghij', ''])('rejects %j', (npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });
});

describe('npiSchema', () => {
  it('names the expected check digit when it is wrong', () => {
    const result = npiSchema.safeParse('1234567890');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('NPI check digit is wrong: for 123456789 it must be 3, not 0');
  });

  it('says when the length or characters are wrong', () => {
    expect(npiSchema.safeParse('12345').error?.issues[0]?.message).toBe('an NPI must be exactly 10 digits');
    expect(npiSchema.safeParse('12345678 3').error?.issues[0]?.message).toBe('an NPI must be exactly 10 digits');
  });
});
