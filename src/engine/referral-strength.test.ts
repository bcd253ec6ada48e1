import { describe, expect, it } from 'vitest';
import { scenario } from '../../test/scenario';
import { defaultPlaybook, type Playbook } from '../playbook/playbook';
import { referralStrength } from '../plays/strong-referrals/strength';
import { scoreReferralStrength } from './referral-strength';

const NOW = '2026-03-02T18:00:00Z';

function referralWith(checklist: Record<string, boolean>) {
  const snapshot = scenario().office('o').referral('r', 'o', NOW, { checklist }).build();
  return snapshot.referrals[0]!;
}

describe('scoreReferralStrength', () => {
  it('scores a referral against the checklist of the playbook', () => {
    // Default weights: prescription pad 30 + warm hand-off 40 = 70, strong from 70.
    const referral = referralWith({ 'prescription-pad': true, 'warm-handoff': true });
    expect(scoreReferralStrength(referral, defaultPlaybook)).toEqual({
      score: 70,
      grade: 'strong',
      present: ['prescription-pad', 'warm-handoff'],
      missing: ['named-clinician'],
      coaching: 'Next time, ask them to recommend a clinician by name.',
    });
  });

  it('reads the strong-referrals policy of the playbook it is given, enabled or not', () => {
    const strongReferrals = defaultPlaybook.plays['strong-referrals'];
    const playbook: Playbook = {
      ...defaultPlaybook,
      plays: { ...defaultPlaybook.plays, 'strong-referrals': { ...strongReferrals, enabled: false, strongAtLeast: 80 } },
    };
    const referral = referralWith({ 'prescription-pad': true, 'warm-handoff': true });
    // 70 is below the raised strong threshold of 80, and not below weakBelow 40: moderate.
    expect(scoreReferralStrength(referral, playbook).grade).toBe('moderate');
    expect(scoreReferralStrength(referral, playbook)).toEqual(referralStrength(referral, playbook.plays['strong-referrals']));
  });
});
