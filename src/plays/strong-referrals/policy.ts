/**
 * The policy of the `strong-referrals` play (DESIGN §1, play 4): teach offices to
 * refer strongly — a prescription-pad order, a warm hand-off call, a clinician
 * recommended by name.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { enabledField, kebabCaseId, nonNegative, scoreWeightField, wholeCount, wholeDays } from '../../playbook/fields';

/** How far a weight sum may drift from 100 through floating-point addition. */
const WEIGHT_SUM_TOLERANCE = 1e-9;

/**
 * One item of the referral-strength checklist: its id, its label, its weight and,
 * optionally, the words the coaching text uses to ask for it next time.
 *
 * @category Playbook
 */
export const referralChecklistItemSchema = z
  .strictObject({
    id: kebabCaseId().describe('Stable kebab-case id of the item; referrals record their answers under it.'),
    label: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .describe('What the referrer did, as shown to the clinician.'),
    weight: nonNegative().describe('Points this item adds to the strength score; the weights add up to 100.'),
    coachingPhrase: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .optional()
      .describe(
        'What to ask the referrer to do next time, as it follows "ask them to", e.g. "call our office while the patient is still there". Optional: coaching quotes the label when it is missing.',
      ),
  })
  .describe('One item of the referral-strength checklist.');

const scoreBound = () =>
  z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');

/**
 * The validation schema of the `strong-referrals` policy.
 *
 * - `checklist` — the items a strong referral has, each with a weight; a
 *   referral's strength is the sum of the weights of the items it has (0–100).
 *   Ids are kebab-case and unique; the weights add up to exactly 100. An item's
 *   optional `coachingPhrase` is how the coaching text asks for it ("Next time,
 *   ask them to …").
 * - `strongAtLeast` — a referral scoring at least this is *strong*.
 * - `weakBelow` — a referral scoring below this is *weak*; at most `strongAtLeast`.
 * - `coachAfterWeakReferrals` — after this many weak referrals from an office
 *   within `lookbackDays`, a *coach* action naming the missing items.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * strongReferralsPolicySchema.safeParse({ ...defaultStrongReferralsPolicy, weakBelow: 80 }).success;
 * //=> false (weakBelow must not exceed strongAtLeast)
 * ```
 * @category Playbook
 */
export const strongReferralsPolicySchema = z
  .strictObject({
    enabled: enabledField('strong-referrals'),
    scoreWeight: scoreWeightField('strong-referrals'),
    checklist: z
      .array(referralChecklistItemSchema)
      .min(1, 'must list at least one item')
      .describe('The referral-strength checklist: kebab-case unique ids, weights adding up to 100.'),
    strongAtLeast: scoreBound().describe('A referral whose strength score is at least this is strong (0–100).'),
    weakBelow: scoreBound().describe(
      'A referral whose strength score is below this is weak (0–100, at most strongAtLeast).',
    ),
    coachAfterWeakReferrals: wholeCount(1).describe(
      'After this many weak referrals from an office within lookbackDays, propose a coach action.',
    ),
    lookbackDays: wholeDays().describe('Weak referrals older than this many days no longer count towards coaching.'),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.checklist.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['checklist', index, 'id'],
          message: `duplicate checklist id ${JSON.stringify(item.id)}`,
        });
      }
      seen.add(item.id);
    });
    const sum = policy.checklist.reduce((total, item) => total + item.weight, 0);
    if (Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['checklist'],
        message: `the checklist weights must add up to 100, they add up to ${sum}`,
      });
    }
    if (policy.weakBelow > policy.strongAtLeast) {
      ctx.addIssue({
        code: 'custom',
        path: ['weakBelow'],
        message: `must not be greater than strongAtLeast (${policy.strongAtLeast})`,
      });
    }
  })
  .describe('Policy of the strong-referrals play: score each referral against a checklist and coach weak referrers.');

/**
 * One item of the referral-strength checklist, read-only.
 *
 * @category Playbook
 */
export type ReferralChecklistItem = DeepReadonly<z.output<typeof referralChecklistItemSchema>>;

/**
 * The settings of the `strong-referrals` play (see
 * {@link strongReferralsPolicySchema}), deeply read-only.
 *
 * @category Playbook
 */
export type StrongReferralsPolicy = DeepReadonly<z.output<typeof strongReferralsPolicySchema>>;

/**
 * The default `strong-referrals` policy: prescription pad 30, warm hand-off call
 * 40, named clinician 30 (each with its coaching phrase); strong at 70 or more, weak below 40; coach after 2 weak
 * referrals within 365 days. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultStrongReferralsPolicy.checklist.map((item) => item.weight);
 * //=> [30, 40, 30]
 * ```
 * @category Playbook
 */
export const defaultStrongReferralsPolicy: StrongReferralsPolicy = deepFreeze({
  enabled: true,
  scoreWeight: 10,
  checklist: [
    {
      id: 'prescription-pad',
      label: 'Wrote therapy on an official prescription pad',
      weight: 30,
      coachingPhrase: 'write therapy on an official prescription pad',
    },
    {
      id: 'warm-handoff',
      label: 'Called our office while the patient was still there',
      weight: 40,
      coachingPhrase: 'call our office while the patient is still there',
    },
    {
      id: 'named-clinician',
      label: 'Recommended a clinician by name',
      weight: 30,
      coachingPhrase: 'recommend a clinician by name',
    },
  ],
  strongAtLeast: 70,
  weakBelow: 40,
  coachAfterWeakReferrals: 2,
  lookbackDays: 365,
});

/**
 * The `strong-referrals` play's policy definition: its id, {@link strongReferralsPolicySchema} and
 * {@link defaultStrongReferralsPolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * strongReferralsPolicyDefinition.defaults === defaultStrongReferralsPolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const strongReferralsPolicyDefinition = definePolicy({
  id: 'strong-referrals',
  schema: strongReferralsPolicySchema,
  defaults: defaultStrongReferralsPolicy,
});
