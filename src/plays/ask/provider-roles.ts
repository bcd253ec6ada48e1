import { match } from 'ts-pattern';
import type { Contact } from '../../model/contact';
import type { OfficeHistory } from '../../model/history';
import type { Id } from '../../model/primitives';
import type { ContactRole } from '../../model/vocabulary';

/**
 * Whether a contact role is a provider — someone who can sign a referral —
 * rather than office staff: physicians, nurse practitioners and physician
 * assistants are providers (the default split of the `office-staff` policy).
 *
 * The `ask` and `face-to-face` plays address their outreach to an office's
 * providers. A play sees only its own policy slice, so this split is fixed here
 * and does not follow a host's `office-staff.providerRoles`.
 *
 * @param role - A contact's role.
 * @returns `true` for a provider role.
 * @example
 * ```ts
 * isProviderRole('nurse-practitioner'); //=> true
 * isProviderRole('receptionist'); //=> false
 * ```
 * @category Plays
 */
export function isProviderRole(role: ContactRole): boolean {
  return match(role)
    .with('physician', 'nurse-practitioner', 'physician-assistant', () => true)
    .with('nurse', 'medical-assistant', 'receptionist', 'office-manager', 'other', () => false)
    .exhaustive();
}

/**
 * The ids of an office's active providers (see {@link isProviderRole}), in id
 * order.
 *
 * @param history - The office's history.
 * @returns The contact ids, ascending.
 * @example
 * ```ts
 * activeProviderIds(history); //=> ['c-okafor', 'c-ruiz']
 * ```
 * @category Plays
 */
export function activeProviderIds(history: Pick<OfficeHistory, 'contacts'>): Id[] {
  return history.contacts
    .filter((contact: Contact) => contact.active && isProviderRole(contact.role))
    .map((contact) => contact.id);
}
