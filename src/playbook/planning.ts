/**
 * The planning settings of the playbook: which offices the plays plan for, and how
 * far ahead the plan looks. Not a play; read by the engine.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../model/deep-readonly';
import { officeLifecycles } from '../model/vocabulary';
import { deepFreeze } from './deep-freeze';
import { uniqueArray, wholeDays } from './fields';

/**
 * The validation schema of the planning settings.
 *
 * - `lifecycles` — the plays propose actions only for offices in these lifecycles
 *   (non-empty, no repeats). Scores and source rankings cover every office.
 * - `horizonDays` — the plan includes actions due up to this many days after
 *   today, so that an office coming due shows before it is late.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * planningPolicySchema.safeParse({ lifecycles: [], horizonDays: 14 }).success;
 * //=> false
 * ```
 * @category Playbook
 */
export const planningPolicySchema = z
  .strictObject({
    lifecycles: uniqueArray(z.enum(officeLifecycles)).describe(
      'The plays propose actions only for offices in these lifecycles.',
    ),
    horizonDays: wholeDays().describe('The plan includes actions due up to this many days after today.'),
  })
  .describe('Planning settings: which offices get actions, and how far ahead the plan looks.');

/**
 * The planning settings of a playbook (see {@link planningPolicySchema}), deeply
 * read-only.
 *
 * @category Playbook
 */
export type PlanningPolicy = DeepReadonly<z.output<typeof planningPolicySchema>>;

/**
 * The default planning settings: plan for `active` offices, and look 14 days ahead.
 * Deeply frozen.
 *
 * @example
 * ```ts
 * defaultPlanningPolicy.horizonDays;
 * //=> 14
 * ```
 * @category Playbook
 */
export const defaultPlanningPolicy: PlanningPolicy = deepFreeze({
  lifecycles: ['active'],
  horizonDays: 14,
});
