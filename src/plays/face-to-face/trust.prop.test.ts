import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Touchpoint } from '../../model/touchpoint';
import { channels } from '../../model/vocabulary';
import { defaultFaceToFacePolicy } from './policy';
import { trust } from './trust';

const DAY = 86_400_000;
const now = Date.UTC(2026, 2, 2, 12);

/** Touchpoints at noon UTC, some days old (beyond the decay table's 4,096 days too), some after `now`. */
const touchpoints = fc.array(fc.record({ channel: fc.constantFrom(...channels), age: fc.integer({ min: -30, max: 6000 }) }), {
  maxLength: 200,
});

describe('trust', () => {
  it('is the decayed, weighted sum, term by term, whatever the half-life', () => {
    fc.assert(
      fc.property(touchpoints, fc.double({ min: 1, max: 800, noNaN: true }), (specs, halfLife) => {
        const policy = { ...defaultFaceToFacePolicy, trustHalfLifeDays: halfLife };
        const history = {
          touchpointRecords: specs.map(({ channel }) => ({ channel }) as Touchpoint),
          touchpointTimes: specs.map(({ age }) => now - age * DAY),
        };
        let expected = 0;
        for (const { channel, age } of specs) {
          if (age >= 0) expected += policy.channelWeights[channel] * 0.5 ** (age / halfLife);
        }
        expect(trust(history, policy, { now, timeZone: 'UTC' })).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('decays touchpoints on either side of 4,096 days like any other', () => {
    const ages = [0, 1, 4095, 4096, 4097, 10_000];
    const history = {
      touchpointRecords: ages.map(() => ({ channel: 'in-person' }) as Touchpoint),
      touchpointTimes: ages.map((age) => now - age * DAY),
    };
    const policy = { ...defaultFaceToFacePolicy, trustHalfLifeDays: 90 };
    const expected = ages.reduce((sum, age) => sum + policy.channelWeights['in-person'] * 0.5 ** (age / 90), 0);
    expect(trust(history, policy, { now, timeZone: 'UTC' })).toBe(expected);
  });

  it('computes term by term for a half-life without a table (0 and -0 stay apart)', () => {
    const history = { touchpointRecords: [{ channel: 'in-person' }] as Touchpoint[], touchpointTimes: [now - 3 * DAY] };
    const at = (trustHalfLifeDays: number) => trust(history, { ...defaultFaceToFacePolicy, trustHalfLifeDays }, { now, timeZone: 'UTC' });
    expect(at(0)).toBe(0); // 0.5 ** (3 / 0)
    expect(at(-0)).toBe(Infinity); // 0.5 ** (3 / -0)
    expect(at(0)).toBe(0);
  });
});
