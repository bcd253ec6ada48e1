/**
 * How a play brings its policy to the playbook: a {@link PolicyDefinition} pairs a
 * play id with the play's policy schema and default, and {@link defaultPolicies}
 * lists the nine built-in plays in the order of DESIGN §1.
 *
 * The playbook only assembles these definitions (see `buildPlaybookSchema`), so a
 * host's tenth play brings its own policy the same way, and each play's code sees
 * only its own slice of the playbook.
 *
 * @module
 */
import type { z } from 'zod';
import { ValidationError } from '../errors';
import { fromZodIssues } from '../model/result';
import { askPolicySchema, defaultAskPolicy } from '../plays/ask/policy';
import { beAResourcePolicySchema, defaultBeAResourcePolicy } from '../plays/be-a-resource/policy';
import { defaultEducatePolicy, educatePolicySchema } from '../plays/educate/policy';
import { defaultFaceToFacePolicy, faceToFacePolicySchema } from '../plays/face-to-face/policy';
import { defaultFollowUpPolicy, followUpPolicySchema } from '../plays/follow-up/policy';
import { defaultOfficeStaffPolicy, officeStaffPolicySchema } from '../plays/office-staff/policy';
import { defaultStockCardsPolicy, stockCardsPolicySchema } from '../plays/stock-cards/policy';
import { defaultStrongReferralsPolicy, strongReferralsPolicySchema } from '../plays/strong-referrals/policy';
import { defaultThankYouPolicy, thankYouPolicySchema } from '../plays/thank-you/policy';
import type { DeepReadonly } from '../model/deep-readonly';
import { deepFreeze } from './deep-freeze';
import { kebabCasePattern } from './fields';

/**
 * A play's policy, as the playbook sees it: the play id (the key under `plays` in
 * the playbook document), the zod schema of its settings, and their default.
 *
 * The schema should be a strict zod object (`z.strictObject`) so unknown keys are
 * rejected, with a `.describe()` text on every field (it becomes the JSON Schema
 * description). The defaults are deeply read-only.
 *
 * @typeParam Id - The play id, kebab-case, e.g. `follow-up`.
 * @typeParam S - The zod schema of the policy.
 * @category Playbook
 */
export interface PolicyDefinition<Id extends string = string, S extends z.ZodType = z.ZodType> {
  /** The play id: kebab-case, unique within a playbook. */
  readonly id: Id;
  /** The zod schema of the play's settings. */
  readonly schema: S;
  /** The default settings; must parse under {@link PolicyDefinition.schema}. */
  readonly defaults: DeepReadonly<z.output<S>>;
}

/**
 * Declares a play's policy. Checks, once, that the id is kebab-case and that the
 * defaults parse under the schema, and freezes the definition.
 *
 * @param definition - The play id, its policy schema and its defaults.
 * @returns The same definition, frozen, with its literal id type kept.
 * @throws {@link ValidationError} when the id is not kebab-case or the defaults do
 *   not parse (a programming error in the play, reported at definition time).
 * @example
 * ```ts
 * const quietHours = definePolicy({
 *   id: 'quiet-hours',
 *   schema: z.strictObject({ enabled: z.boolean().describe('Whether the play runs.') }),
 *   defaults: { enabled: true },
 * });
 * quietHours.id;
 * //=> 'quiet-hours'
 * ```
 * @category Playbook
 */
export function definePolicy<const Id extends string, S extends z.ZodType>(
  definition: PolicyDefinition<Id, S>,
): PolicyDefinition<Id, S> {
  const subject = `policy definition ${JSON.stringify(definition.id)}`;
  if (!kebabCasePattern.test(definition.id)) {
    throw new ValidationError(subject, [
      { path: ['id'], pointer: '/id', message: 'a play id must be kebab-case, e.g. "follow-up"', code: 'custom' },
    ]);
  }
  const parsed = definition.schema.safeParse(definition.defaults);
  if (!parsed.success) {
    throw new ValidationError(subject, fromZodIssues(parsed.error.issues, ['defaults']), { cause: parsed.error });
  }
  deepFreeze(definition.defaults);
  return Object.freeze({ id: definition.id, schema: definition.schema, defaults: definition.defaults });
}

/**
 * The policies of the nine built-in plays, in the order of DESIGN §1: `ask`,
 * `face-to-face`, `educate`, `strong-referrals`, `office-staff`, `follow-up`,
 * `stock-cards`, `be-a-resource`, `thank-you`.
 *
 * @example
 * ```ts
 * defaultPolicies.map((policy) => policy.id)[5];
 * //=> 'follow-up'
 * ```
 * @category Playbook
 */
export const defaultPolicies = Object.freeze([
  definePolicy({ id: 'ask', schema: askPolicySchema, defaults: defaultAskPolicy }),
  definePolicy({ id: 'face-to-face', schema: faceToFacePolicySchema, defaults: defaultFaceToFacePolicy }),
  definePolicy({ id: 'educate', schema: educatePolicySchema, defaults: defaultEducatePolicy }),
  definePolicy({
    id: 'strong-referrals',
    schema: strongReferralsPolicySchema,
    defaults: defaultStrongReferralsPolicy,
  }),
  definePolicy({ id: 'office-staff', schema: officeStaffPolicySchema, defaults: defaultOfficeStaffPolicy }),
  definePolicy({ id: 'follow-up', schema: followUpPolicySchema, defaults: defaultFollowUpPolicy }),
  definePolicy({ id: 'stock-cards', schema: stockCardsPolicySchema, defaults: defaultStockCardsPolicy }),
  definePolicy({ id: 'be-a-resource', schema: beAResourcePolicySchema, defaults: defaultBeAResourcePolicy }),
  definePolicy({ id: 'thank-you', schema: thankYouPolicySchema, defaults: defaultThankYouPolicy }),
] as const);

/**
 * The id of one of the nine built-in plays, e.g. `follow-up`.
 *
 * @category Playbook
 */
export type PlayId = (typeof defaultPolicies)[number]['id'];

/**
 * The ids of the nine built-in plays, in the order of DESIGN §1.
 *
 * @example
 * ```ts
 * playIds[0];
 * //=> 'ask'
 * ```
 * @category Playbook
 */
export const playIds: readonly PlayId[] = Object.freeze(defaultPolicies.map((policy) => policy.id));
