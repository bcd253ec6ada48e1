/**
 * How a play brings its policy to the playbook: each play declares a
 * {@link PolicyDefinition} with {@link definePolicy} in its own `policy.ts`, and
 * {@link defaultPolicies} lists the nine built-in plays' definitions in the order
 * of DESIGN §1. The plays reference the same definition objects, so there is one
 * definition per play.
 *
 * The playbook only assembles these definitions (see `buildPlaybookSchema`), so a
 * host's tenth play brings its own policy the same way, and each play's code sees
 * only its own slice of the playbook.
 *
 * @module
 */
import { askPolicyDefinition } from '../plays/ask/policy';
import { beAResourcePolicyDefinition } from '../plays/be-a-resource/policy';
import { educatePolicyDefinition } from '../plays/educate/policy';
import { faceToFacePolicyDefinition } from '../plays/face-to-face/policy';
import { followUpPolicyDefinition } from '../plays/follow-up/policy';
import { officeStaffPolicyDefinition } from '../plays/office-staff/policy';
import { stockCardsPolicyDefinition } from '../plays/stock-cards/policy';
import { strongReferralsPolicyDefinition } from '../plays/strong-referrals/policy';
import { thankYouPolicyDefinition } from '../plays/thank-you/policy';

export { definePolicy, type PolicyDefinition } from './define-policy';

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
  askPolicyDefinition,
  faceToFacePolicyDefinition,
  educatePolicyDefinition,
  strongReferralsPolicyDefinition,
  officeStaffPolicyDefinition,
  followUpPolicyDefinition,
  stockCardsPolicyDefinition,
  beAResourcePolicyDefinition,
  thankYouPolicyDefinition,
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
