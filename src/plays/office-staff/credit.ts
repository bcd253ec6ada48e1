import type { Contact } from '../../model/contact';
import type { Id } from '../../model/primitives';
import type { Referral } from '../../model/referral';
import type { ContactRole } from '../../model/vocabulary';
import { defaultOfficeStaffPolicy, type OfficeStaffPolicy } from './policy';

/**
 * One contact's share of a referral: every contact involved gets the full credit
 * (one referral each), whatever their role.
 *
 * @category Plays
 */
export interface ReferralCredit {
  /** The contact. */
  readonly contactId: Id;
  /** Their role; `null` when the contact is not among the contacts given. */
  readonly role: ContactRole | null;
  /** Whether the role is a staff role (`staffRoles`); `false` for an unknown contact. */
  readonly isStaff: boolean;
}

/**
 * Who gets credit for a referral: every contact involved in it (its
 * `contactIds`, in order), not only the physician, each with their role and
 * whether they are office staff. A receptionist who suggested the practice and
 * the physician who signed the order both get the referral.
 *
 * @param referral - The referral (only its `contactIds` are read).
 * @param contactsById - The contacts, by id (e.g. a practice index's `contacts`).
 * @param policy - Which roles are staff; default the default `office-staff` policy.
 * @returns One entry per contact involved; a contact missing from
 *   `contactsById` still gets its entry, with `role: null`.
 * @example
 * ```ts
 * referralCredit({ contactIds: ['c-1', 'c-2'] }, index.contacts);
 * //=> [{ contactId: 'c-1', role: 'physician', isStaff: false },
 * //    { contactId: 'c-2', role: 'receptionist', isStaff: true }]
 * ```
 * @category Plays
 */
export function referralCredit(
  referral: Pick<Referral, 'contactIds'>,
  contactsById: ReadonlyMap<Id, Pick<Contact, 'role'>>,
  policy: Pick<OfficeStaffPolicy, 'staffRoles'> = defaultOfficeStaffPolicy,
): ReferralCredit[] {
  const staffRoles: readonly ContactRole[] = policy.staffRoles;
  return [...new Set(referral.contactIds)].map((contactId) => {
    const role = contactsById.get(contactId)?.role ?? null;
    return { contactId, role, isStaff: role !== null && staffRoles.includes(role) };
  });
}
