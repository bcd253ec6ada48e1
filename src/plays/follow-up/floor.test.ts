import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOW, practiceArbitrary } from '../../../test/arbitraries';
import { daysBefore, scenario } from '../../../test/scenario';
import { indexSnapshot } from '../../model/history';
import { unwrap } from '../../model/result';
import { parseSnapshot } from '../../model/snapshot';
import { channels, purposes } from '../../model/vocabulary';
import { daysSinceLastContact } from './floor';
import { defaultFollowUpPolicy, type FollowUpPolicy } from './policy';
import { followUpFacts } from './status';

const now = Date.parse(NOW);
const zone = 'America/Chicago';

describe('daysSinceLastContact', () => {
  it('is null for an office never contacted', () => {
    const history = scenario().office('o').history('o');
    expect(daysSinceLastContact(history, defaultFollowUpPolicy, now, zone)).toBeNull();
  });

  it('counts whole days to the last counting touchpoint up to now, skipping later and not-counting ones', () => {
    const history = scenario()
      .office('o')
      .touch('t1', 'o', daysBefore(NOW, 40))
      .touch('t2', 'o', daysBefore(NOW, 12), { channel: 'email' })
      .touch('t3', 'o', daysBefore(NOW, -3))
      .history('o');
    const inPersonOnly: FollowUpPolicy = { ...defaultFollowUpPolicy, countingChannels: ['in-person'] };
    expect(daysSinceLastContact(history, inPersonOnly, now, zone)).toBe(40);
    expect(daysSinceLastContact(history, defaultFollowUpPolicy, now, zone)).toBe(
      followUpFacts(history, defaultFollowUpPolicy, now, zone).daysSince,
    );
  });

  it("is always followUpFacts' daysSince, whatever counts as contact", () => {
    const counting = <T extends string>(values: readonly T[]) =>
      fc.oneof(fc.constant('all' as const), fc.uniqueArray(fc.constantFrom(...values), { minLength: 1 }));
    fc.assert(
      fc.property(practiceArbitrary, counting(channels), counting(purposes), (input, channelsIn, purposesIn) => {
        const policy: FollowUpPolicy = {
          ...defaultFollowUpPolicy,
          countingChannels: channelsIn,
          countingPurposes: purposesIn,
        };
        for (const history of indexSnapshot(unwrap(parseSnapshot(input))).offices.values()) {
          const expected = followUpFacts(history, policy, now, zone).daysSince;
          expect(daysSinceLastContact(history, policy, now, zone)).toBe(expected);
        }
      }),
      { numRuns: 150 },
    );
  });
});
