/**
 * The policy of the `ask` play (DESIGN §1, play 1): ask boldly and specifically for
 * referrals when a clinician has openings, then be responsive to what comes in.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { enabledField, scoreWeightField, wholeCount, wholeDays } from '../../playbook/fields';

/**
 * The validation schema of the `ask` policy.
 *
 * - `openingsThreshold` — *ask* actions are proposed when the practice's openings
 *   (the open slots of every active clinician accepting new clients, summed)
 *   reach this number.
 * - `cooldownDays` — an office asked within this many days is not asked again.
 * - `maxOfficesPerAsk` — how many of the best offices one ask targets.
 * - `referralWindowDays` — the recent past the play looks at: referrals received
 *   within this many days rank an office for an ask, put their referring contacts
 *   on it, and are judged by the ask score.
 * - `intake` — the responsiveness promised to referrers: contact the patient
 *   within `contactWithinBusinessDays` business days of receiving the referral,
 *   and hold the first visit within `firstVisitWithinDays` calendar days; a breach
 *   becomes an *expedite-intake* action and shows in the intake metrics.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * askPolicySchema.safeParse({ ...defaultAskPolicy, cooldownDays: 60 }).success;
 * //=> true
 * ```
 * @category Playbook
 */
export const askPolicySchema = z
  .strictObject({
    enabled: enabledField('ask'),
    scoreWeight: scoreWeightField('ask'),
    openingsThreshold: wholeCount(1).describe(
      'Propose asks when the open slots of the active clinicians accepting new clients add up to at least this many.',
    ),
    cooldownDays: wholeDays().describe('Do not ask an office again if it was asked within this many days.'),
    maxOfficesPerAsk: wholeCount(1).describe('At most this many offices (the best ranked ones) are asked at a time.'),
    referralWindowDays: wholeDays(1).describe(
      'Referrals received within this many days rank an office for an ask, put their referrers on it, and are judged by the ask score.',
    ),
    intake: z
      .strictObject({
        contactWithinBusinessDays: wholeDays().describe(
          'Contact the referred patient within this many business days of receiving the referral.',
        ),
        firstVisitWithinDays: wholeDays().describe(
          'Hold the first visit within this many calendar days of receiving the referral.',
        ),
      })
      .describe('Intake responsiveness promised to referrers; breaches become expedite-intake actions.'),
  })
  .describe('Policy of the ask play: ask for referrals when there are openings, and be responsive.');

/**
 * The settings of the `ask` play (see {@link askPolicySchema}), deeply read-only.
 *
 * @category Playbook
 */
export type AskPolicy = DeepReadonly<z.output<typeof askPolicySchema>>;

/**
 * The default `ask` policy: ask at 2 open slots, at most 5 offices, not within 90
 * days of the last ask, ranking offices by their referrals of the last 365 days;
 * contact referred patients within 1 business day and see them within 7 days.
 * Deeply frozen.
 *
 * @example
 * ```ts
 * defaultAskPolicy.intake.firstVisitWithinDays;
 * //=> 7
 * ```
 * @category Playbook
 */
export const defaultAskPolicy: AskPolicy = deepFreeze({
  enabled: true,
  scoreWeight: 10,
  openingsThreshold: 2,
  cooldownDays: 90,
  maxOfficesPerAsk: 5,
  referralWindowDays: 365,
  intake: { contactWithinBusinessDays: 1, firstVisitWithinDays: 7 },
});

/**
 * The `ask` play's policy definition: its id, {@link askPolicySchema} and
 * {@link defaultAskPolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * askPolicyDefinition.defaults === defaultAskPolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const askPolicyDefinition = definePolicy({
  id: 'ask',
  schema: askPolicySchema,
  defaults: defaultAskPolicy,
});
