/**
 * The policy of the `be-a-resource` play (DESIGN §1, play 8): relationships must
 * be mutual — offer in-services, staff-meeting talks and a consult line.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { resourceKinds } from '../../model/vocabulary';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { enabledField, scoreWeightField, uniqueArray, wholeDays } from '../../playbook/fields';

/**
 * The validation schema of the `be-a-resource` policy.
 *
 * - `offerEveryDays` — each active office gets an *offer-resource* action when
 *   nothing was offered to it within this many days.
 * - `offers` — what the practice offers; non-empty, no repeats.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * beAResourcePolicySchema.safeParse({ ...defaultBeAResourcePolicy, offers: ['consult-line', 'consult-line'] }).success;
 * //=> false
 * ```
 * @category Playbook
 */
export const beAResourcePolicySchema = z
  .strictObject({
    enabled: enabledField('be-a-resource'),
    scoreWeight: scoreWeightField('be-a-resource'),
    offerEveryDays: wholeDays().describe(
      'An active office gets an offer-resource action when nothing was offered to it within this many days.',
    ),
    offers: uniqueArray(z.enum(resourceKinds)).describe(
      'What the practice offers offices: a non-empty list without repeats.',
    ),
  })
  .describe('Policy of the be-a-resource play: offer help to offices, not only ask for referrals.');

/**
 * The settings of the `be-a-resource` play (see {@link beAResourcePolicySchema}),
 * deeply read-only.
 *
 * @category Playbook
 */
export type BeAResourcePolicy = DeepReadonly<z.output<typeof beAResourcePolicySchema>>;

/**
 * The default `be-a-resource` policy: offer an in-service, a staff-meeting talk
 * or the consult line to each active office at least every 365 days. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultBeAResourcePolicy.offerEveryDays;
 * //=> 365
 * ```
 * @category Playbook
 */
export const defaultBeAResourcePolicy: BeAResourcePolicy = deepFreeze({
  enabled: true,
  scoreWeight: 10,
  offerEveryDays: 365,
  offers: ['in-service', 'staff-meeting-talk', 'consult-line'],
});

/**
 * The `be-a-resource` play's policy definition: its id, {@link beAResourcePolicySchema} and
 * {@link defaultBeAResourcePolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * beAResourcePolicyDefinition.defaults === defaultBeAResourcePolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const beAResourcePolicyDefinition = definePolicy({
  id: 'be-a-resource',
  schema: beAResourcePolicySchema,
  defaults: defaultBeAResourcePolicy,
});
