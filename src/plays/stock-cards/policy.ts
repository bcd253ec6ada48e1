/**
 * The policy of the `stock-cards` play (DESIGN §1, play 7): keep their office
 * stocked with business cards and brochures.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { enabledField, nonNegative, scoreWeightField, wholeCount } from '../../playbook/fields';

/**
 * The validation schema of the `stock-cards` policy.
 *
 * The cards left at an office are estimated as the cards dropped, minus
 * `cardsPerReferral` for each referral from it and `cardsPerWeek` for each week
 * since each drop. Below `minimumCards`, a *restock* action brings the office back
 * up to `restockUpTo` (which must be greater than `minimumCards`).
 * `countBrochures` counts brochures as cards.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * stockCardsPolicySchema.safeParse({ ...defaultStockCardsPolicy, restockUpTo: 25 }).success;
 * //=> false (restockUpTo must be greater than minimumCards)
 * ```
 * @category Playbook
 */
export const stockCardsPolicySchema = z
  .strictObject({
    enabled: enabledField('stock-cards'),
    scoreWeight: scoreWeightField('stock-cards'),
    minimumCards: wholeCount().describe('Below this many estimated cards left, propose a restock action.'),
    restockUpTo: wholeCount(1).describe(
      'A restock brings the estimate back up to this many cards; greater than minimumCards.',
    ),
    cardsPerReferral: nonNegative().describe('Estimated cards used per referral from the office (fractions allowed).'),
    cardsPerWeek: nonNegative().describe('Estimated cards used per week at the office (fractions allowed).'),
    countBrochures: z.boolean().describe('Whether brochures dropped count as cards in the estimate.'),
  })
  .superRefine((policy, ctx) => {
    if (policy.restockUpTo <= policy.minimumCards) {
      ctx.addIssue({
        code: 'custom',
        path: ['restockUpTo'],
        message: `must be greater than minimumCards (${policy.minimumCards})`,
      });
    }
  })
  .describe('Policy of the stock-cards play: estimate the cards left at each office and restock in time.');

/**
 * The settings of the `stock-cards` play (see {@link stockCardsPolicySchema}),
 * deeply read-only.
 *
 * @category Playbook
 */
export type StockCardsPolicy = DeepReadonly<z.output<typeof stockCardsPolicySchema>>;

/**
 * The default `stock-cards` policy: restock below 25 cards, up to 100; one card
 * used per referral and one per week; brochures not counted. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultStockCardsPolicy.restockUpTo;
 * //=> 100
 * ```
 * @category Playbook
 */
export const defaultStockCardsPolicy: StockCardsPolicy = deepFreeze({
  enabled: true,
  scoreWeight: 5,
  minimumCards: 25,
  restockUpTo: 100,
  cardsPerReferral: 1,
  cardsPerWeek: 1,
  countBrochures: false,
});

/**
 * The `stock-cards` play's policy definition: its id, {@link stockCardsPolicySchema} and
 * {@link defaultStockCardsPolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * stockCardsPolicyDefinition.defaults === defaultStockCardsPolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const stockCardsPolicyDefinition = definePolicy({
  id: 'stock-cards',
  schema: stockCardsPolicySchema,
  defaults: defaultStockCardsPolicy,
});
