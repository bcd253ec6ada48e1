import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { businessCalendar } from '../../calendar/business-days';
import { deepFreeze } from '../../playbook/deep-freeze';
import type { ThankYouTrigger } from './policy';
import { defaultThankYouPolicy } from './policy';
import { triggeredReferrals } from './triggers';

const NOW = '2026-03-02T18:00:00Z';
const ctx = { now: Date.parse(NOW), timeZone: 'America/Chicago', calendar: businessCalendar() };

/** Three referrals from one contact, then the kinds that fired for each. */
function kindsFired(triggers: readonly ThankYouTrigger[]): string[][] {
  const build = scenario().office('o').contact('c', 'o', 'physician');
  for (let i = 0; i < 3; i += 1) build.referral(`r${i}`, 'o', daysBefore(NOW, 10 - i), { contactIds: ['c'] });
  return triggeredReferrals(build.history('o'), { ...defaultThankYouPolicy, triggers }, ctx).map((t) => [...t.triggers]);
}

describe('triggeredReferrals: the policy triggers', () => {
  it('reads a trigger list that is not frozen afresh on every call, so a change to it is seen', () => {
    const triggers: ThankYouTrigger[] = [{ kind: 'first-from-contact' }];
    expect(kindsFired(triggers)).toEqual([['first-from-contact']]);
    triggers.push({ kind: 'every-referral' });
    expect(kindsFired(triggers)).toEqual([
      ['first-from-contact', 'every-referral'],
      ['every-referral'],
      ['every-referral'],
    ]);
  });

  it('gives the same answer for a frozen list (remembered) as for an unfrozen one', () => {
    const plain: ThankYouTrigger[] = [{ kind: 'milestones', milestones: [2, 3] }, { kind: 'first-from-contact' }];
    const frozen = deepFreeze(structuredClone(plain));
    expect(kindsFired(frozen)).toEqual(kindsFired(plain));
    expect(kindsFired(frozen)).toEqual([['first-from-contact'], ['milestones'], ['milestones']]);
  });
});
