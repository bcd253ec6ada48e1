import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantSchema } from '../model/primitives';
import { formatInstant, parseInstant, readInstant, readInstantInto } from './instant';

const FIRST = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const LAST = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

const epochMs = fc.integer({ min: FIRST, max: LAST });

const pad = (width: number) => (n: number) => String(n).padStart(width, '0');

/** Strings shaped like instants, with fields that are often out of range. */
const instantLike = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2025, 2100)).map(pad(4)),
    fc.integer({ min: 0, max: 13 }).map(pad(2)),
    fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)).map(pad(2)),
    fc.integer({ min: 0, max: 25 }).map(pad(2)),
    fc.integer({ min: 0, max: 61 }).map(pad(2)),
    fc.integer({ min: 0, max: 61 }).map(pad(2)),
    fc.constantFrom('', '.', '.5', '.12', '.123', '.1234', '.999999999'),
    fc.constantFrom('Z', 'Z', 'Z', 'z', '+00:00', '-05:00', ''),
  )
  .map(([y, mo, d, h, mi, s, fraction, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${zone}`);

describe('instant properties', () => {
  it('readInstant and readInstantInto give exactly what Date.parse gives, for instants and near-instants', () => {
    fc.assert(
      fc.property(fc.oneof(instantLike, epochMs.map((ms) => formatInstant(ms)), epochMs.map((ms) => `${formatInstant(ms).slice(0, 19)}Z`)), (text) => {
        expect(Object.is(readInstant(text), Date.parse(text))).toBe(true);
        const into = [1, 2, 3];
        readInstantInto(text, into, 1);
        expect(into[0]).toBe(1);
        expect(Object.is(into[1], Date.parse(text))).toBe(true);
        expect(into[2]).toBe(3);
      }),
      { numRuns: 5000 },
    );
  });

  it('parseInstant undoes formatInstant for every supported instant', () => {
    fc.assert(
      fc.property(epochMs, (ms) => {
        expect(parseInstant(formatInstant(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatInstant writes what Date#toISOString writes', () => {
    fc.assert(
      fc.property(epochMs, (ms) => {
        expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('parseInstant accepts exactly the strings instantSchema accepts', () => {
    fc.assert(
      fc.property(instantLike, (value) => {
        let parsed = true;
        try {
          parseInstant(value);
        } catch {
          parsed = false;
        }
        expect(parsed).toBe(instantSchema.safeParse(value).success);
      }),
      { numRuns: 5000 },
    );
  });

  it('parseInstant gives the value of the instant written, for every string it accepts', () => {
    fc.assert(
      fc.property(instantLike, (value) => {
        fc.pre(instantSchema.safeParse(value).success);
        // The same instant with exactly three fraction digits, which Date.parse reads exactly.
        const [whole = '', fraction = ''] = value.slice(0, -1).split('.');
        expect(parseInstant(value)).toBe(Date.parse(`${whole}.${fraction.slice(0, 3).padEnd(3, '0')}Z`));
      }),
      { numRuns: 5000 },
    );
  });

  it('parseInstant never lands after the instant written, nor a millisecond before it', () => {
    fc.assert(
      fc.property(epochMs, fc.stringMatching(/^\d{1,6}$/), (ms, extraDigits) => {
        const withMore = formatInstant(ms).replace('Z', `${extraDigits}Z`);
        expect(parseInstant(withMore)).toBe(ms);
      }),
    );
  });
});
