import type { Referral } from '../model/referral';
import type { Playbook } from '../playbook/playbook';
import { referralStrength, type ReferralStrength } from '../plays/strong-referrals/strength';

/**
 * Scores one referral against the playbook's referral-strength checklist
 * (`plays['strong-referrals']`): the score is the sum of the weights of the
 * checklist items the referral answered `true` (0–100; an item answered `false`
 * or left out is missing, answers under ids the checklist does not know are
 * ignored), graded `strong` at `strongAtLeast` or more, `weak` below
 * `weakBelow`, `moderate` in between; with the items present and missing, in
 * checklist order, and a coaching sentence naming what to ask for next time.
 *
 * Pure; it reads only the referral's `checklist` answers and the
 * `strong-referrals` policy, whether or not that play is enabled.
 *
 * @param referral - The referral.
 * @param playbook - The policies (only `plays['strong-referrals']` is read).
 * @returns The score, grade, present and missing item ids, and coaching.
 * @example
 * ```ts
 * // With the default checklist: prescription pad 30, warm hand-off 40, named clinician 30.
 * scoreReferralStrength({ ...referral, checklist: { 'prescription-pad': true, 'warm-handoff': true } }, defaultPlaybook);
 * //=> { score: 70, grade: 'strong', present: ['prescription-pad', 'warm-handoff'], missing: ['named-clinician'],
 * //     coaching: 'Next time, ask them to recommend a clinician by name.' }
 * ```
 * @category Engine
 */
export function scoreReferralStrength(referral: Referral, playbook: Playbook): ReferralStrength {
  return referralStrength(referral, playbook.plays['strong-referrals']);
}
