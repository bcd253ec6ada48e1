/**
 * The policy of the `follow-up` play (DESIGN §1, play 6): follow up about every
 * three months — more often is a nuisance, after six months they have forgotten
 * you.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { channels, purposes } from '../../model/vocabulary';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { allOrSome, enabledField, scoreWeightField, wholeDays } from '../../playbook/fields';

/**
 * The cadence bounds of the follow-up policy, in the order they must increase.
 *
 * @category Playbook
 */
export const followUpBoundKeys = [
  'nuisanceFloorDays',
  'dueSoonDays',
  'targetDays',
  'overdueDays',
  'lapsedDays',
] as const;

/**
 * The validation schema of the `follow-up` policy.
 *
 * With *d* the whole days since the last counting touchpoint, an office is
 * `too-soon` when *d* < `nuisanceFloorDays`, `on-track` until `dueSoonDays`,
 * `due-soon` until `targetDays`, `due` until `overdueDays`, `overdue` until
 * `lapsedDays` and `lapsed` from then on (`never-contacted` without any counting
 * touchpoint). The five bounds must be strictly increasing in that order; the
 * first one that is not is reported. No action is ever proposed inside the
 * nuisance floor.
 *
 * `countingChannels` and `countingPurposes` restrict which touchpoints count:
 * `'all'`, or a non-empty list without repeats.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * followUpPolicySchema.safeParse({ ...defaultFollowUpPolicy, dueSoonDays: 20 }).success;
 * //=> false (dueSoonDays must be greater than nuisanceFloorDays)
 * ```
 * @category Playbook
 */
export const followUpPolicySchema = z
  .strictObject({
    enabled: enabledField('follow-up'),
    scoreWeight: scoreWeightField('follow-up'),
    nuisanceFloorDays: wholeDays().describe(
      'Nuisance floor: below this many days since the last contact the office is too-soon, and nothing is proposed.',
    ),
    dueSoonDays: wholeDays().describe('From this many days since the last contact the office is due-soon.'),
    targetDays: wholeDays().describe('The target cadence: from this many days the office is due.'),
    overdueDays: wholeDays().describe('From this many days since the last contact the office is overdue.'),
    lapsedDays: wholeDays().describe('From this many days since the last contact the office is lapsed.'),
    countingChannels: allOrSome(channels).describe(
      "Which touchpoint channels count as contact: 'all', or a non-empty list without repeats.",
    ),
    countingPurposes: allOrSome(purposes).describe(
      "Which touchpoint purposes count as contact: 'all', or a non-empty list without repeats.",
    ),
  })
  .superRefine((policy, ctx) => {
    for (let index = 1; index < followUpBoundKeys.length; index += 1) {
      const previousKey = followUpBoundKeys[index - 1]!;
      const key = followUpBoundKeys[index]!;
      if (policy[key] <= policy[previousKey]) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `must be greater than ${previousKey} (${policy[previousKey]}): the bounds ${followUpBoundKeys.join(' < ')} must increase`,
        });
        return;
      }
    }
  })
  .describe('Policy of the follow-up play: the contact cadence and which touchpoints count.');

/**
 * The settings of the `follow-up` play (see {@link followUpPolicySchema}), deeply
 * read-only.
 *
 * @category Playbook
 */
export type FollowUpPolicy = DeepReadonly<z.output<typeof followUpPolicySchema>>;

/**
 * The default `follow-up` policy: nuisance floor 30 days, due soon at 76, due at
 * 90, overdue at 120, lapsed at 180; every channel and every purpose counts.
 * Deeply frozen.
 *
 * @example
 * ```ts
 * defaultFollowUpPolicy.targetDays;
 * //=> 90
 * ```
 * @category Playbook
 */
export const defaultFollowUpPolicy: FollowUpPolicy = deepFreeze({
  enabled: true,
  scoreWeight: 20,
  nuisanceFloorDays: 30,
  dueSoonDays: 76,
  targetDays: 90,
  overdueDays: 120,
  lapsedDays: 180,
  countingChannels: 'all',
  countingPurposes: 'all',
});

/**
 * The `follow-up` play's policy definition: its id, {@link followUpPolicySchema} and
 * {@link defaultFollowUpPolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * followUpPolicyDefinition.defaults === defaultFollowUpPolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const followUpPolicyDefinition = definePolicy({
  id: 'follow-up',
  schema: followUpPolicySchema,
  defaults: defaultFollowUpPolicy,
});
