import { match } from 'ts-pattern';
import { answerTable } from './answer-table';
import { contactRoles, type ContactRole } from './vocabulary';

/**
 * The contact roles that are **providers** — people who can sign a referral:
 * physicians, nurse practitioners and physician assistants. Every other role
 * (nurse, medical assistant, receptionist, office manager, other) is office
 * staff.
 *
 * This is the library's one classification of roles, used by every play that
 * addresses an office's providers (`ask`, `face-to-face`, `educate`). The
 * `office-staff` play alone lets the host choose its own split, with its
 * `staffRoles` and `providerRoles` settings, whose defaults are this one.
 *
 * @example
 * ```ts
 * providerRoles;
 * //=> ['physician', 'nurse-practitioner', 'physician-assistant']
 * ```
 * @category Model
 */
export const providerRoles = [
  'physician',
  'nurse-practitioner',
  'physician-assistant',
] as const satisfies readonly ContactRole[];

/** A provider role (see {@link providerRoles}). @category Model */
export type ProviderRole = (typeof providerRoles)[number];

/** The exhaustive classification behind {@link isProviderRole}. */
function classifyRole(role: ContactRole): boolean {
  return match(role)
    .with('physician', 'nurse-practitioner', 'physician-assistant', () => true)
    .with('nurse', 'medical-assistant', 'receptionist', 'office-manager', 'other', () => false)
    .exhaustive();
}

/** {@link classifyRole}, its answer for every known role worked out once. */
const classifyKnownRole = answerTable(contactRoles, classifyRole);

/**
 * Whether a contact role is a provider role ({@link providerRoles}) rather than
 * office staff. Decided by an exhaustive match over every role, so a new role
 * cannot be added without classifying it.
 *
 * @param role - A contact's role.
 * @returns `true` for a physician, nurse practitioner or physician assistant.
 * @example
 * ```ts
 * isProviderRole('nurse-practitioner'); //=> true
 * isProviderRole('receptionist'); //=> false
 * ```
 * @category Model
 */
export function isProviderRole(role: ContactRole): role is ProviderRole {
  // Plays ask this of every contact of every office: the answers are worked out
  // once and looked up; a value outside the vocabulary still meets the exhaustive
  // match, which rejects it.
  return classifyKnownRole(role);
}
