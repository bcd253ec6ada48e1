import type { OfficeHistory } from '../model/history';
import type { Id } from '../model/primitives';
import { isProviderRole } from '../model/roles';

/**
 * The ids of an office's active providers — the contacts still at the office
 * whose role is a provider role ({@link isProviderRole}) — in id order. The
 * `ask`, `face-to-face` and `educate` plays address their outreach to them.
 *
 * @param history - The office's history (only `contacts` is read).
 * @returns The contact ids, in the order of `history.contacts` (ascending id).
 * @example
 * ```ts
 * activeProviderIds(history); //=> ['c-okafor', 'c-ruiz']
 * ```
 * @category Plays
 */
export function activeProviderIds(history: Pick<OfficeHistory, 'contacts'>): Id[] {
  return history.contacts
    .filter((contact) => contact.active && isProviderRole(contact.role))
    .map((contact) => contact.id);
}

/**
 * The ids of an office's active contacts (those still at the office), whatever
 * their role.
 *
 * @param history - The office's history (only `contacts` is read).
 * @returns The ids, as a set.
 * @internal
 */
export function activeContactIds(history: Pick<OfficeHistory, 'contacts'>): Set<Id> {
  return new Set(history.contacts.filter((contact) => contact.active).map((contact) => contact.id));
}
