/**
 * The policy of the `educate` play (DESIGN §1, play 3): tell offices concisely who
 * you are, what you do and whom you help best — the elevator speech.
 *
 * @module
 */
import { z } from 'zod';
import { deepFreeze, type DeepReadonly } from '../../playbook/deep-freeze';
import { enabledField, uniqueArray, wholeCount } from '../../playbook/fields';
import { officeLifecycleValues } from '../../playbook/vocabulary';

/**
 * The validation schema of the `educate` policy.
 *
 * - `elevatorSpeechMaxWords` — the longest elevator speech the practice message
 *   may carry, in words.
 * - `lifecycles` — offices in these lifecycles must have received the current
 *   message version; those that have not get an *educate* action. Non-empty,
 *   no repeats.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * educatePolicySchema.safeParse({ ...defaultEducatePolicy, lifecycles: [] }).success;
 * //=> false
 * ```
 * @category Playbook
 */
export const educatePolicySchema = z
  .strictObject({
    enabled: enabledField('educate'),
    elevatorSpeechMaxWords: wholeCount(1).describe('The longest elevator speech allowed, in words.'),
    lifecycles: uniqueArray(z.enum(officeLifecycleValues)).describe(
      'Offices in these lifecycles must have received the current practice message version.',
    ),
  })
  .describe('Policy of the educate play: every relevant office knows the current practice message.');

/**
 * The settings of the `educate` play (see {@link educatePolicySchema}), deeply
 * read-only.
 *
 * @category Playbook
 */
export type EducatePolicy = DeepReadonly<z.output<typeof educatePolicySchema>>;

/**
 * The default `educate` policy: an elevator speech of at most 90 words, which every
 * active office must have heard in its current version. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultEducatePolicy.lifecycles;
 * //=> ['active']
 * ```
 * @category Playbook
 */
export const defaultEducatePolicy: EducatePolicy = deepFreeze({
  enabled: true,
  elevatorSpeechMaxWords: 90,
  lifecycles: ['active'],
});
