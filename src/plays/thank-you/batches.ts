import { wholeDaysBetween } from '../../calendar/dates';
import type { CalendarDate, Id, TimeZone } from '../../model/primitives';
import type { ThankYouPolicy } from './policy';
import type { TriggeredReferral } from './triggers';

/**
 * Referrals that one thank-you acknowledges together.
 *
 * @category Plays
 */
export interface ThankYouBatch {
  /** The addressee: the referrals' first contact, or `undefined` for the office as a whole. */
  readonly contactId: Id | undefined;
  /** The referrals, by trigger time (at least one). */
  readonly referrals: readonly TriggeredReferral[];
  /** When the thank-you is due: the due date of the batch's first referral. */
  readonly due: CalendarDate;
}

/**
 * Groups owed thank-yous into cards: by addressee (a referral's first contact;
 * a referral without contacts is addressed to the office), then, in trigger
 * order, each batch takes the referrals triggered within `batchWindowDays` whole
 * days (practice time zone) of its first one — with the default 7, a referral
 * triggered on day 7 joins, one on day 8 starts a new batch.
 *
 * @param owed - Referrals that owe a thank-you, in trigger order
 *   ({@link triggeredReferrals}).
 * @param policy - The batch window.
 * @param timeZone - The practice's time zone, in which days are counted.
 * @returns The batches, by their first trigger time, then addressee id (the
 *   office last).
 * @throws {@link ValidationError} when the time zone is invalid.
 * @example
 * ```ts
 * // Two referrals from Dr. Okafor three days apart share one card.
 * batchThankYous(owed, defaultThankYouPolicy, 'America/Chicago').map((b) => b.referrals.length);
 * //=> [2]
 * ```
 * @category Plays
 */
export function batchThankYous(
  owed: readonly TriggeredReferral[],
  policy: Pick<ThankYouPolicy, 'batchWindowDays'>,
  timeZone: TimeZone,
): ThankYouBatch[] {
  if (owed.length === 0) return []; // most offices owe nothing: no map made for them
  const open = new Map<Id | undefined, TriggeredReferral[]>();
  const batches: TriggeredReferral[][] = [];
  for (const triggered of owed) {
    const contactId = triggered.referral.record.contactIds[0];
    const current = open.get(contactId);
    if (current !== undefined && wholeDaysBetween(current[0]!.at, triggered.at, timeZone) <= policy.batchWindowDays) {
      current.push(triggered);
      continue;
    }
    const batch = [triggered];
    open.set(contactId, batch);
    batches.push(batch);
  }
  // `owed` is in trigger order, so the batches already are by first trigger; ties
  // are broken by addressee for a stable order.
  return batches
    .map((referrals) => ({
      contactId: referrals[0]!.referral.record.contactIds[0],
      referrals,
      due: referrals[0]!.due,
    }))
    .sort((a, b) => a.referrals[0]!.at - b.referrals[0]!.at || compareAddressees(a.contactId, b.contactId));
}

function compareAddressees(a: Id | undefined, b: Id | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
