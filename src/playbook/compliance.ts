/**
 * The compliance policy of the playbook (DESIGN §8): what may be spent on each
 * referring physician per calendar year, and when to warn before crossing it.
 * Not a play; it sits beside the plays in the playbook document.
 *
 * The library gives no legal advice: the cap is a setting, to be set from the
 * rules that apply to the practice.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../model/deep-readonly';
import { deepFreeze } from './deep-freeze';
import { kebabCaseId, wholeCount } from './fields';

/**
 * The validation schema of the compliance policy.
 *
 * - `currency` — ISO 4217 code of every amount, three upper-case letters.
 * - `annualCapPerPhysician` — the most that may be spent on one referring
 *   physician in a calendar year, in minor units (cents for USD).
 * - `warnAtFraction` — warn when a proposed action would bring a physician's
 *   spend to this fraction of the cap or beyond (0 < x ≤ 1).
 * - `actionCostEstimates` — estimated cost, in minor units, of each action kind
 *   (kebab-case), used to warn before an action is taken.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * compliancePolicySchema.safeParse({ ...defaultCompliancePolicy, currency: 'usd' }).success;
 * //=> false
 * ```
 * @category Playbook
 */
export const compliancePolicySchema = z
  .strictObject({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code of three upper-case letters, e.g. "USD"')
      .describe('ISO 4217 currency code of every amount in this policy, e.g. "USD".'),
    annualCapPerPhysician: wholeCount().describe(
      'The most that may be spent on one referring physician per calendar year, in minor units (cents for USD).',
    ),
    warnAtFraction: z
      .number()
      .gt(0, 'must be greater than 0')
      .max(1, 'must be at most 1')
      .describe("Warn when a proposed action would bring a physician's yearly spend to this fraction of the cap (0 < x ≤ 1)."),
    actionCostEstimates: z
      .record(kebabCaseId(), wholeCount())
      .describe('Estimated cost of each action kind (kebab-case), in minor units; used for the warning.'),
  })
  .describe('Compliance ledger settings: a yearly spending cap per referring physician, with a warning before it.');

/**
 * The compliance settings of a playbook (see {@link compliancePolicySchema}),
 * deeply read-only.
 *
 * @category Playbook
 */
export type CompliancePolicy = DeepReadonly<z.output<typeof compliancePolicySchema>>;

/**
 * The default compliance policy: amounts in USD, a cap of 500.00 per physician per
 * year (50000 cents), a warning at 90% of it, visits and resource offers estimated
 * to cost nothing. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultCompliancePolicy.annualCapPerPhysician;
 * //=> 50000
 * ```
 * @category Playbook
 */
export const defaultCompliancePolicy: CompliancePolicy = deepFreeze({
  currency: 'USD',
  annualCapPerPhysician: 50_000,
  warnAtFraction: 0.9,
  actionCostEstimates: { visit: 0, 'offer-resource': 0 },
});
