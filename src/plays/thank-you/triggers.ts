import type { OfficeHistory, ReferralEntry, Timed } from '../../model/history';
import type { CalendarDate } from '../../model/primitives';
import type { ThankYou } from '../../model/thank-you';
import type { PlayContext } from '../play';
import { collectTriggered, firingOf } from './collect';
import type { ThankYouPolicy, ThankYouTrigger } from './policy';

/** A kind of thank-you trigger. @category Plays */
export type ThankYouTriggerKind = ThankYouTrigger['kind'];

/**
 * A referral that owes a thank-you under the policy's triggers, with when it
 * became owed, when the thank-you is due, and the thank-you that acknowledged it.
 *
 * @category Plays
 */
export interface TriggeredReferral {
  /** The referral. */
  readonly referral: ReferralEntry;
  /** The kinds of trigger that fired by now, in policy order. */
  readonly triggers: readonly ThankYouTriggerKind[];
  /** The earliest time one of them fired, in epoch ms. */
  readonly at: number;
  /** That time's date in the practice's time zone. */
  readonly date: CalendarDate;
  /** The thank-you's due date: `dueWithinBusinessDays` business days after `date`. */
  readonly due: CalendarDate;
  /** The first thank-you sent by now that lists the referral, if any. */
  readonly acknowledgedBy: Timed<ThankYou> | undefined;
  /** Whether that thank-you was sent on or before `due` (practice time zone). */
  readonly acknowledgedOnTime: boolean;
}

/**
 * When one trigger fires for a referral, or `undefined` when it does not.
 *
 * - `every-referral` — at `receivedAt`;
 * - `first-from-contact` — at `receivedAt`, when the referral is the first from
 *   one of its contacts;
 * - `milestones` — at `receivedAt`, when it is a contact's *N*-th with *N* one of
 *   the milestones;
 * - `first-visit-completed` — when the patient completed the first visit.
 *
 * @param trigger - The trigger.
 * @param referral - The referral.
 * @param ordinals - For each of the referral's contacts, how many referrals from
 *   that contact up to and including this one (1 = the first).
 * @returns The instant it fires, in epoch ms, or `undefined`.
 * @example
 * ```ts
 * triggerTime({ kind: 'milestones', milestones: [5, 10] }, referral, [5]) === referral.at; //=> true
 * triggerTime({ kind: 'first-from-contact' }, referral, [2]); //=> undefined
 * ```
 * @category Plays
 */
export function triggerTime(
  trigger: ThankYouTrigger,
  referral: ReferralEntry,
  ordinals: readonly number[],
): number | undefined {
  return firingOf(trigger)(referral, ordinals);
}


/**
 * The referrals of an office that owe a thank-you by now under the policy's
 * triggers (any trigger that fires), each with its trigger time, due date and
 * acknowledgement. Records after `now` are ignored: referrals received later,
 * triggers firing later and thank-yous sent later.
 *
 * A referral's *N* for a contact counts every referral from that contact at the
 * office up to and including it, in time order (ties by id), whatever their
 * intake status. A referral is acknowledged when a thank-you sent by now lists
 * its id; on time when that thank-you's date (practice time zone) is on or
 * before the due date.
 *
 * @param history - The office's history.
 * @param policy - The thank-you policy.
 * @param ctx - The moment, the practice's time zone and business calendar.
 * @returns The triggered referrals, by trigger time, then referral id.
 * @throws {@link ValidationError} when `now` or the time zone is invalid.
 * @example
 * ```ts
 * triggeredReferrals(history, defaultThankYouPolicy, ctx).map((t) => [t.referral.record.id, t.due]);
 * //=> [['r-1', '2026-03-04']]
 * ```
 * @category Plays
 */
export function triggeredReferrals(
  history: OfficeHistory,
  policy: Pick<ThankYouPolicy, 'triggers' | 'dueWithinBusinessDays'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone' | 'calendar'>,
): TriggeredReferral[] {
  return collectTriggered(history, policy, ctx, undefined);
}
