/**
 * The policy of the `face-to-face` play (DESIGN §1, play 2): email and calls are
 * convenient, but face-to-face contact builds trust.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { channels, type Channel } from '../../model/vocabulary';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { enabledField, scoreWeightField, unitInterval, wholeDays } from '../../playbook/fields';

const channelWeightsShape = Object.fromEntries(
  channels.map((channel) => [
    channel,
    unitInterval().describe(`Trust weight of one ${channel} touchpoint, from 0 (builds no trust) to 1.`),
  ]),
) as { [C in Channel]: z.ZodNumber };

/**
 * The validation schema of the `face-to-face` policy.
 *
 * - `channelWeights` — how much trust one touchpoint on each channel builds, 0–1;
 *   exactly the seven channels, no more, no fewer.
 * - `visitWithinDays` — an office with no in-person touchpoint within this many
 *   days gets a *visit* action.
 * - `trustHalfLifeDays` — a touchpoint's weight halves every this many days.
 * - `trustSaturation` — the decayed weighted sum at which the trust score reaches
 *   100: `trust = min(100, 100 × Σ weight(channel) × 0.5^(age / halfLife) / saturation)`.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * faceToFacePolicySchema.safeParse({ ...defaultFaceToFacePolicy, trustSaturation: 0 }).success;
 * //=> false
 * ```
 * @category Playbook
 */
export const faceToFacePolicySchema = z
  .strictObject({
    enabled: enabledField('face-to-face'),
    scoreWeight: scoreWeightField('face-to-face'),
    channelWeights: z
      .strictObject(channelWeightsShape)
      .describe('Trust weight of one touchpoint per channel, 0–1; every one of the seven channels must be given.'),
    visitWithinDays: wholeDays().describe(
      'An office with no in-person touchpoint within this many days gets a visit action.',
    ),
    trustHalfLifeDays: wholeDays(1).describe(
      "Recency decay of trust: a touchpoint's weight halves every this many days.",
    ),
    trustSaturation: z
      .number()
      .gt(0, 'must be greater than 0')
      .describe('The decayed weighted sum of touchpoints at which the trust score reaches 100.'),
  })
  .describe('Policy of the face-to-face play: in-person contact builds trust; trust decays with time.');

/**
 * The settings of the `face-to-face` play (see {@link faceToFacePolicySchema}),
 * deeply read-only.
 *
 * @category Playbook
 */
export type FaceToFacePolicy = DeepReadonly<z.output<typeof faceToFacePolicySchema>>;

/**
 * The default `face-to-face` policy: in-person 1, video 0.6, phone 0.4, email,
 * letter, fax and portal 0.15; visit every office at least every 180 days; trust
 * halves every 90 days and saturates at a decayed sum of 4. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultFaceToFacePolicy.channelWeights.video;
 * //=> 0.6
 * ```
 * @category Playbook
 */
export const defaultFaceToFacePolicy: FaceToFacePolicy = deepFreeze({
  enabled: true,
  scoreWeight: 15,
  channelWeights: {
    'in-person': 1,
    video: 0.6,
    phone: 0.4,
    email: 0.15,
    letter: 0.15,
    fax: 0.15,
    portal: 0.15,
  },
  visitWithinDays: 180,
  trustHalfLifeDays: 90,
  trustSaturation: 4,
});

/**
 * The `face-to-face` play's policy definition: its id, {@link faceToFacePolicySchema} and
 * {@link defaultFaceToFacePolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * faceToFacePolicyDefinition.defaults === defaultFaceToFacePolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const faceToFacePolicyDefinition = definePolicy({
  id: 'face-to-face',
  schema: faceToFacePolicySchema,
  defaults: defaultFaceToFacePolicy,
});
