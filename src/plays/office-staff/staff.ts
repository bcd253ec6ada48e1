import { wholeDaysBetween } from '../../calendar/dates';
import type { Contact } from '../../model/contact';
import type { OfficeHistory, Timed } from '../../model/history';
import type { Id, TimeZone } from '../../model/primitives';
import type { Touchpoint } from '../../model/touchpoint';
import type { ContactRole } from '../../model/vocabulary';
import { sharedFact } from '../shared-facts';
import type { OfficeStaffPolicy } from './policy';

/**
 * An office's staff relationships at a moment.
 *
 * @category Plays
 */
export interface StaffFacts {
  /** Its active contacts whose role is in `staffRoles`, by id. */
  readonly staff: readonly Contact[];
  /** Its active contacts whose role is in `providerRoles`, by id. */
  readonly providers: readonly Contact[];
  /** The ids of the staff named in a touchpoint within `touchWithinDays`, sorted. */
  readonly touched: readonly Id[];
  /** For each staff contact ever touched (up to now), the latest touchpoint naming them, by contact id. */
  readonly lastTouch: ReadonlyMap<Id, Timed<Touchpoint>>;
  /** The latest touchpoint naming any staff contact, if any. */
  readonly lastStaffTouch: Timed<Touchpoint> | undefined;
}

/**
 * Finds an office's staff and providers and which staff were touched recently. A
 * staff contact is *touched* when a touchpoint names them in its `contactIds`; it
 * counts when it happened at most `touchWithinDays` whole days (practice time
 * zone) before `now`. Contacts who left the office (`active: false`) are neither
 * staff nor providers; touchpoints after `now` are ignored.
 *
 * @param history - The office's history.
 * @param policy - The office-staff policy.
 * @param now - Epoch milliseconds.
 * @param timeZone - The practice's time zone, in which days are counted.
 * @returns The staff, the providers, who was touched and when.
 * @example
 * ```ts
 * staffFacts(history, defaultOfficeStaffPolicy, now, 'America/Chicago').touched;
 * //=> ['c-2']
 * ```
 * @category Plays
 */
export function staffFacts(
  history: Pick<OfficeHistory, 'contacts' | 'touchpointRecords' | 'touchpointTimes'>,
  policy: Pick<OfficeStaffPolicy, 'staffRoles' | 'providerRoles' | 'touchWithinDays'>,
  now: number,
  timeZone: TimeZone,
): StaffFacts {
  return sharedFact(staffFacts, history, policy, now, timeZone, () => staffFactsOf(history, policy, now, timeZone));
}

/** {@link staffFacts}, worked out. */
function staffFactsOf(
  history: Pick<OfficeHistory, 'contacts' | 'touchpointRecords' | 'touchpointTimes'>,
  policy: Pick<OfficeStaffPolicy, 'staffRoles' | 'providerRoles' | 'touchWithinDays'>,
  now: number,
  timeZone: TimeZone,
): StaffFacts {
  const staffRoles: readonly ContactRole[] = policy.staffRoles;
  const providerRoles: readonly ContactRole[] = policy.providerRoles;
  const staff: Contact[] = [];
  const providers: Contact[] = [];
  const staffIds = new Set<Id>();
  for (const contact of history.contacts) {
    if (!contact.active) continue;
    if (staffRoles.includes(contact.role)) {
      staff.push(contact);
      staffIds.add(contact.id);
    }
    if (providerRoles.includes(contact.role)) providers.push(contact);
  }

  // Newest first, stopping once every staff contact has been found: the touchpoints
  // are oldest first (ties by id), so the first one seen naming a contact is its last.
  const found = new Map<Id, Timed<Touchpoint>>();
  let lastStaffTouch: Timed<Touchpoint> | undefined;
  const records = history.touchpointRecords;
  const times = history.touchpointTimes;
  for (let i = records.length - 1; i >= 0 && found.size < staffIds.size; i -= 1) {
    const contactIds = records[i]!.contactIds;
    // The entry is made only for a touchpoint naming a staff contact not yet found.
    let entry: Timed<Touchpoint> | undefined;
    for (let c = 0; c < contactIds.length; c += 1) {
      const id = contactIds[c]!;
      if (!staffIds.has(id) || found.has(id)) continue;
      if (times[i]! > now) break;
      entry ??= { record: records[i]!, at: times[i]! };
      found.set(id, entry);
      lastStaffTouch ??= entry;
    }
  }
  // In contact-id order (the order of `history.contacts`).
  const lastTouch = new Map<Id, Timed<Touchpoint>>();
  const touched: Id[] = [];
  for (const contact of staff) {
    const touchpoint = found.get(contact.id);
    // A contact listed twice (only in unvalidated data) counts once.
    if (touchpoint === undefined || lastTouch.has(contact.id)) continue;
    lastTouch.set(contact.id, touchpoint);
    if (wholeDaysBetween(touchpoint.at, now, timeZone) <= policy.touchWithinDays) touched.push(contact.id);
  }
  // Sorting even a short list makes a working copy: most offices have one staff contact touched or none.
  if (touched.length > 1) touched.sort();
  return { staff, providers, touched, lastTouch, lastStaffTouch };
}
