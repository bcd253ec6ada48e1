/**
 * The policy of the `thank-you` play (DESIGN §1, play 9): acknowledge every
 * referral with a personal, mailed thank-you card; enclose business cards and ask
 * for more referrals.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { thankYouMedia } from '../../model/vocabulary';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { enabledField, scoreWeightField, wholeCount, wholeDays } from '../../playbook/fields';

/**
 * When a thank-you is owed. A discriminated union on `kind`:
 *
 * - `every-referral` — for every referral received;
 * - `first-from-contact` — for the first referral from each contact;
 * - `milestones` — when a contact's referral count reaches one of `milestones`
 *   (whole numbers ≥ 2, strictly increasing, at least one), e.g. `[5, 10]`;
 * - `first-visit-completed` — when a referred patient completes the first visit.
 *
 * @example
 * ```ts
 * thankYouTriggerSchema.safeParse({ kind: 'milestones', milestones: [10, 5] }).success;
 * //=> false (milestones must increase)
 * ```
 * @category Playbook
 */
export const thankYouTriggerSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({ kind: z.literal('every-referral').describe('Thank the referrer for every referral.') })
      .describe('A thank-you for every referral received.'),
    z
      .strictObject({
        kind: z.literal('first-from-contact').describe('Thank a contact for their first referral.'),
      })
      .describe('A thank-you for the first referral from each contact.'),
    z
      .strictObject({
        kind: z.literal('milestones').describe("Thank a contact when their referral count reaches a milestone."),
        milestones: z
          .array(wholeCount(2))
          .min(1, 'must list at least one milestone')
          .superRefine((milestones, ctx) => {
            milestones.forEach((milestone, index) => {
              const previous = index > 0 ? milestones[index - 1] : undefined;
              if (previous !== undefined && milestone <= previous) {
                ctx.addIssue({
                  code: 'custom',
                  path: [index],
                  message: `milestones must be strictly increasing: ${milestone} comes after ${previous}`,
                });
              }
            });
          })
          .describe("Referral counts (whole numbers ≥ 2, strictly increasing) at which a contact is thanked, e.g. [5, 10]."),
      })
      .describe("A thank-you when a contact's referral count reaches a milestone."),
    z
      .strictObject({
        kind: z.literal('first-visit-completed').describe('Thank the referrer once the patient has been seen.'),
      })
      .describe('A thank-you when a referred patient completes the first visit.'),
  ])
  .describe('When a thank-you is owed; one of four kinds.');

/**
 * The validation schema of the `thank-you` policy.
 *
 * - `triggers` — when a thank-you is owed (see {@link thankYouTriggerSchema}); at
 *   least one, each kind at most once.
 * - `dueWithinBusinessDays` — the thank-you is due this many business days after
 *   its trigger.
 * - `medium`, `enclosedCards`, `askForMore` — how it is sent, how many business
 *   cards go in, and whether it asks for more referrals.
 * - `batchWindowDays` — one thank-you may acknowledge several referrals from the
 *   same contact received within this many days.
 * - `lookbackDays` — only triggers this recent call for a thank-you action.
 * - `scoreWindowDays` — the score judges the referrals triggered this recently.
 *
 * The card never carries patient information unless the patient consented
 * (DESIGN §8); that rule is not a setting.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * thankYouPolicySchema.safeParse({ ...defaultThankYouPolicy, medium: 'carrier-pigeon' }).success;
 * //=> false
 * ```
 * @category Playbook
 */
export const thankYouPolicySchema = z
  .strictObject({
    enabled: enabledField('thank-you'),
    scoreWeight: scoreWeightField('thank-you'),
    triggers: z
      .array(thankYouTriggerSchema)
      .min(1, 'must list at least one trigger')
      .describe('When a thank-you is owed: at least one trigger, each kind at most once.'),
    dueWithinBusinessDays: wholeDays().describe('A thank-you is due within this many business days of its trigger.'),
    medium: z.enum(thankYouMedia).describe('How the thank-you is sent.'),
    enclosedCards: wholeCount().describe('How many business cards to enclose.'),
    askForMore: z.boolean().describe('Whether the thank-you asks for more referrals.'),
    batchWindowDays: wholeDays().describe(
      'One thank-you may acknowledge several referrals from the same contact received within this many days.',
    ),
    lookbackDays: wholeDays(1).describe(
      'Only triggers this recent (in days) still call for a thank-you; older unthanked referrals are left alone in the plan but count against the score.',
    ),
    scoreWindowDays: wholeDays(1).describe(
      'The thank-you score judges the referrals triggered within this many days (whole days since the trigger ≤ this).',
    ),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.triggers.forEach((trigger, index) => {
      if (seen.has(trigger.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['triggers', index, 'kind'],
          message: `trigger kind "${trigger.kind}" is listed more than once`,
        });
      }
      seen.add(trigger.kind);
    });
  })
  .describe('Policy of the thank-you play: acknowledge referrals promptly and personally.');

/**
 * When a thank-you is owed (see {@link thankYouTriggerSchema}), read-only.
 *
 * @category Playbook
 */
export type ThankYouTrigger = DeepReadonly<z.output<typeof thankYouTriggerSchema>>;

/**
 * The settings of the `thank-you` play (see {@link thankYouPolicySchema}), deeply
 * read-only.
 *
 * @category Playbook
 */
export type ThankYouPolicy = DeepReadonly<z.output<typeof thankYouPolicySchema>>;

/**
 * The default `thank-you` policy: thank for every referral, within 3 business
 * days, with a handwritten card enclosing 3 business cards and asking for more;
 * referrals from one contact within 7 days share a card; triggers up to 30 days
 * old are planned, and the score looks back 365 days. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultThankYouPolicy.triggers;
 * //=> [{ kind: 'every-referral' }]
 * ```
 * @category Playbook
 */
export const defaultThankYouPolicy: ThankYouPolicy = deepFreeze({
  enabled: true,
  scoreWeight: 10,
  triggers: [{ kind: 'every-referral' }],
  dueWithinBusinessDays: 3,
  medium: 'handwritten-card',
  enclosedCards: 3,
  askForMore: true,
  batchWindowDays: 7,
  lookbackDays: 30,
  scoreWindowDays: 365,
});

/**
 * The `thank-you` play's policy definition: its id, {@link thankYouPolicySchema} and
 * {@link defaultThankYouPolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * thankYouPolicyDefinition.defaults === defaultThankYouPolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const thankYouPolicyDefinition = definePolicy({
  id: 'thank-you',
  schema: thankYouPolicySchema,
  defaults: defaultThankYouPolicy,
});
