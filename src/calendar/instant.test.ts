import { describe, expect, it, vi } from 'vitest';
import { ReferwellError, ValidationError } from '../errors';
import { formatInstant, parseInstant } from './instant';

function validationErrorOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('parseInstant', () => {
  it('reads a whole-second instant', () => {
    expect(parseInstant('2026-03-08T14:30:00Z')).toBe(1_772_980_200_000);
  });

  it('reads the Unix epoch as 0', () => {
    expect(parseInstant('1970-01-01T00:00:00Z')).toBe(0);
  });

  it('reads an instant before 1970 as a negative number', () => {
    expect(parseInstant('1969-12-31T23:59:59Z')).toBe(-1000);
  });

  it('reads milliseconds', () => {
    expect(parseInstant('2026-03-08T14:30:00.123Z')).toBe(1_772_980_200_123);
  });

  it('reads one or two fraction digits as tenths and hundredths', () => {
    expect(parseInstant('2026-03-08T14:30:00.1Z')).toBe(1_772_980_200_100);
    expect(parseInstant('2026-03-08T14:30:00.12Z')).toBe(1_772_980_200_120);
  });

  it('drops digits past the millisecond instead of rounding up', () => {
    expect(parseInstant('2026-03-08T14:30:00.1239Z')).toBe(1_772_980_200_123);
    expect(parseInstant('2026-12-31T23:59:59.999999999Z')).toBe(parseInstant('2026-12-31T23:59:59.999Z'));
  });

  it('drops extra digits toward the past before 1970 too', () => {
    expect(parseInstant('1969-12-31T23:59:59.0009Z')).toBe(-1000);
  });

  it('reads a leap day', () => {
    expect(parseInstant('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
  });

  it('reads the first and last supported instants', () => {
    expect(parseInstant('0000-01-01T00:00:00Z')).toBe(-62_167_219_200_000);
    expect(parseInstant('9999-12-31T23:59:59.999Z')).toBe(253_402_300_799_999);
  });

  it.each([
    ['a date without a time', '2026-03-08'],
    ['a time without seconds', '2026-03-08T14:30Z'],
    ['an offset instead of Z', '2026-03-08T09:30:00-05:00'],
    ['a +00:00 offset', '2026-03-08T14:30:00+00:00'],
    ['no zone at all', '2026-03-08T14:30:00'],
    ['lower-case t and z', '2026-03-08t14:30:00z'],
    ['a space instead of T', '2026-03-08 14:30:00Z'],
    ['February 30', '2026-02-30T00:00:00Z'],
    ['February 29 in a common year', '2025-02-29T00:00:00Z'],
    ['April 31', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 0', '2026-03-00T00:00:00Z'],
    ['hour 24', '2026-03-08T24:00:00Z'],
    ['minute 60', '2026-03-08T14:60:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['a dot without digits', '2026-03-08T14:30:00.Z'],
    ['a comma fraction', '2026-03-08T14:30:00,5Z'],
    ['a five-digit year', '+10000-01-01T00:00:00Z'],
    ['a negative year', '-0001-01-01T00:00:00Z'],
    ['a two-digit month written with one digit', '2026-3-08T14:30:00Z'],
    ['surrounding spaces', ' 2026-03-08T14:30:00Z '],
    ['a trailing newline', '2026-03-08T14:30:00Z\n'],
    ['the empty string', ''],
    ['a date-like word', 'yesterday'],
  ])('rejects %s', (_, value) => {
    expect(() => parseInstant(value)).toThrow(ValidationError);
  });

  it('rejects a value that is not a string (JavaScript callers)', () => {
    expect(() => parseInstant(1_772_980_200_000 as unknown as string)).toThrow(ValidationError);
    expect(() => parseInstant(undefined as unknown as string)).toThrow(ValidationError);
  });

  it('rejects undefined as the very first call too, when no instant has been read yet', async () => {
    vi.resetModules();
    const fresh = await import('./instant');
    expect(() => fresh.parseInstant(undefined as unknown as string)).toThrow(/not an ISO-8601 UTC instant/);
  });

  it('throws a referwell validation error that names the input', () => {
    const error = validationErrorOf(() => parseInstant('2026-02-30T00:00:00Z'));
    expect(ReferwellError.isInstance(error)).toBe(true);
    expect(error.code).toBe('validation-failed');
    expect(error.subject).toBe('instant');
    expect(error.issues).toEqual([
      {
        path: [],
        pointer: '',
        message: '"2026-02-30T00:00:00Z" is not an ISO-8601 UTC instant like 2026-03-08T14:30:00Z',
        code: 'invalid_format',
      },
    ]);
    expect(error.message).toMatch(/^\[referwell\] invalid instant: \(root\): "2026-02-30T00:00:00Z"/);
  });

  it('cuts a huge bad input short in the message', () => {
    const error = validationErrorOf(() => parseInstant('x'.repeat(10_000)));
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('formatInstant', () => {
  it('writes ISO-8601 UTC with milliseconds', () => {
    expect(formatInstant(1_772_980_200_000)).toBe('2026-03-08T14:30:00.000Z');
  });

  it('writes the epoch', () => {
    expect(formatInstant(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('writes a negative epoch', () => {
    expect(formatInstant(-1)).toBe('1969-12-31T23:59:59.999Z');
  });

  it('writes the first and last supported instants with four-digit years', () => {
    expect(formatInstant(-62_167_219_200_000)).toBe('0000-01-01T00:00:00.000Z');
    expect(formatInstant(253_402_300_799_999)).toBe('9999-12-31T23:59:59.999Z');
  });

  it('undoes parseInstant', () => {
    expect(parseInstant(formatInstant(1_772_980_200_123))).toBe(1_772_980_200_123);
  });

  it('writes a fixed width, so instants sort as text', () => {
    const earlier = formatInstant(parseInstant('2026-03-08T14:30:00Z'));
    const later = formatInstant(parseInstant('2026-03-08T14:30:00.5Z'));
    expect(earlier < later).toBe(true);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a fraction of a millisecond', 1.5],
    ['a year after 9999', 253_402_300_800_000],
    ['a year before 0000', -62_167_219_200_001],
  ])('rejects %s', (_, value) => {
    const error = validationErrorOf(() => formatInstant(value));
    expect(error.subject).toBe('epoch milliseconds');
  });

  it('rejects a string (JavaScript callers)', () => {
    expect(() => formatInstant('0' as unknown as number)).toThrow(ValidationError);
  });
});
