/**
 * The policy of the `educate` play (DESIGN §1, play 3): tell offices concisely who
 * you are, what you do and whom you help best — the elevator speech.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { enabledField, scoreWeightField, unitInterval, wholeCount } from '../../playbook/fields';

/**
 * The validation schema of the `educate` policy.
 *
 * - `elevatorSpeechMaxWords` — the longest elevator speech the practice message
 *   may carry, in words.
 * - `staleMessageCredit` — the share of the educate score (0–1) an office earns
 *   when it has heard an older version of the message but not the current one.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * educatePolicySchema.safeParse({ ...defaultEducatePolicy, elevatorSpeechMaxWords: 0 }).success;
 * //=> false
 * ```
 * @category Playbook
 */
export const educatePolicySchema = z
  .strictObject({
    enabled: enabledField('educate'),
    scoreWeight: scoreWeightField('educate'),
    elevatorSpeechMaxWords: wholeCount(1).describe('The longest elevator speech allowed, in words.'),
    staleMessageCredit: unitInterval().describe(
      'Share of the educate score (0–1) for an office that heard an older message version but not the current one.',
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
 * The default `educate` policy: an elevator speech of at most 90 words, with half credit for
 * an office that has heard only an older version. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultEducatePolicy.elevatorSpeechMaxWords;
 * //=> 90
 * ```
 * @category Playbook
 */
export const defaultEducatePolicy: EducatePolicy = deepFreeze({
  enabled: true,
  scoreWeight: 10,
  elevatorSpeechMaxWords: 90,
  staleMessageCredit: 0.5,
});

/**
 * The `educate` play's policy definition: its id, {@link educatePolicySchema} and
 * {@link defaultEducatePolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * educatePolicyDefinition.defaults === defaultEducatePolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const educatePolicyDefinition = definePolicy({
  id: 'educate',
  schema: educatePolicySchema,
  defaults: defaultEducatePolicy,
});
