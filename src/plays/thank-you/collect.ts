/**
 * The work behind `triggeredReferrals`, shared with the play's planner, which
 * outside a fact-sharing scope filters the referrals early (inside one it filters
 * the list its score reads). Internal: not re-exported.
 *
 * @module
 * @internal
 */
import { match } from 'ts-pattern';
import { addBusinessDays } from '../../calendar/business-days';
import { compareCalendarDates, toCalendarDate } from '../../calendar/dates';
import type { OfficeHistory, ReferralEntry, Timed } from '../../model/history';
import type { Id } from '../../model/primitives';
import type { ThankYou } from '../../model/thank-you';
import type { PlayContext } from '../play';
import { isSharingFacts, sharedFact } from '../shared-facts';
import { compareIds } from '../timeline';
import type { ThankYouPolicy, ThankYouTrigger } from './policy';
import type { ThankYouTriggerKind, TriggeredReferral } from './triggers';

/** When a trigger fires for a referral (see `triggerTime`). @internal */
export type Firing = (referral: ReferralEntry, ordinals: readonly number[]) => number | undefined;

/** `triggerTime` for one trigger, matched once and then applied to each referral. @internal */
export function firingOf(trigger: ThankYouTrigger): Firing {
  return match<ThankYouTrigger, Firing>(trigger)
    .with({ kind: 'every-referral' }, () => (referral) => referral.at)
    .with({ kind: 'first-from-contact' }, () => (referral, ordinals) => (ordinals.includes(1) ? referral.at : undefined))
    .with({ kind: 'milestones' }, ({ milestones }) => (referral, ordinals) =>
      ordinals.some((ordinal) => milestones.includes(ordinal)) ? referral.at : undefined,
    )
    .with({ kind: 'first-visit-completed' }, () => (referral) => referral.firstVisitAt)
    .exhaustive();
}

/** Whether a trigger reads how many referrals came from each contact. */
function usesOrdinals(trigger: ThankYouTrigger): boolean {
  return match(trigger.kind)
    .with('first-from-contact', 'milestones', () => true)
    .with('every-referral', 'first-visit-completed', () => false)
    .exhaustive();
}

/** The triggers of a policy as firings, and whether any reads the ordinals. */
interface Firings {
  readonly firings: readonly { readonly kind: ThankYouTriggerKind; readonly fire: Firing }[];
  /** Only the contact-count triggers read the ordinals: counting is skipped without them. */
  readonly counting: boolean;
}

/** {@link Firings} per triggers list: a playbook's list is read once, not per office. */
const firingsByTriggers = new WeakMap<readonly ThankYouTrigger[], Firings>();

function firingsOf(triggers: readonly ThankYouTrigger[]): Firings {
  let firings = firingsByTriggers.get(triggers);
  if (firings === undefined) {
    firings = {
      firings: triggers.map((trigger) => ({ kind: trigger.kind, fire: firingOf(trigger) })),
      counting: triggers.some(usesOrdinals),
    };
    // Only a list frozen all the way down (as `deepFreeze` leaves the default
    // playbook) cannot change afterwards; any other is read afresh every time.
    const frozen =
      Object.isFrozen(triggers) &&
      triggers.every((trigger) => Object.isFrozen(trigger) && (trigger.kind !== 'milestones' || Object.isFrozen(trigger.milestones)));
    if (frozen) firingsByTriggers.set(triggers, firings);
  }
  return firings;
}

/**
 * How many thank-yous an office's acknowledgements are found by reading (for each
 * referral in turn, all of the office's thank-yous) before a map of them is made
 * instead. Most offices have few of each, and the planner looks up only the
 * referrals of its lookback: the map would cost more than the reads.
 *
 * @internal
 */
export const SCAN_PAIRS = 256;

/**
 * The thank-you acknowledging a referral: the first, in the history's order (time,
 * then id), sent by `now` that lists the referral's id.
 */
function acknowledgementIn(
  thankYous: readonly Timed<ThankYou>[],
  now: number,
  referralId: Id,
): Timed<ThankYou> | undefined {
  for (let t = 0; t < thankYous.length; t += 1) {
    const thankYou = thankYous[t]!;
    if (thankYou.at <= now && thankYou.record.referralIds.includes(referralId)) return thankYou;
  }
  return undefined;
}

/** {@link acknowledgementIn} for every referral id at once, for an office with many. */
function acknowledgementMap(thankYous: readonly Timed<ThankYou>[], now: number): Map<Id, Timed<ThankYou>> {
  const acknowledgements = new Map<Id, Timed<ThankYou>>();
  for (let t = 0; t < thankYous.length; t += 1) {
    const thankYou = thankYous[t]!;
    if (thankYou.at > now) continue;
    const referralIds = thankYou.record.referralIds;
    for (let r = 0; r < referralIds.length; r += 1) {
      if (!acknowledgements.has(referralIds[r]!)) acknowledgements.set(referralIds[r]!, thankYou);
    }
  }
  return acknowledgements;
}

/**
 * Which referrals the planner asks {@link collectTriggered} for: those still owed a
 * thank-you (none acknowledges them) whose trigger time `within` accepts.
 *
 * @internal
 */
export interface OwedFilter {
  /** Whether a trigger time (epoch ms) is recent enough. */
  readonly within: (at: number) => boolean;
  /**
   * A time before which `within` accepts nothing: earlier trigger times are
   * passed over without calling it, which most are.
   */
  readonly since: number;
}

/**
 * `triggeredReferrals`; with `owed`, only the referrals still owed a thank-you
 * that it accepts ({@link OwedFilter}). The time is checked first, then the
 * acknowledgement, both before the dates and due dates are worked out, which is
 * most of the cost.
 *
 * @internal
 */
export function collectTriggered(
  history: OfficeHistory,
  policy: Pick<ThankYouPolicy, 'triggers' | 'dueWithinBusinessDays'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone' | 'calendar'>,
  owed: OwedFilter | undefined,
): TriggeredReferral[] {
  const { now, timeZone, calendar } = ctx;

  // Counted loops throughout: this runs for every office, and a `for…of` not yet
  // optimised allocates an iterator result per element.
  // The contact counts are made on first use: an office without referrals (many of
  // them) allocates nothing.
  const referrals = history.referrals;
  if (referrals.length === 0) return [];
  const thankYous = history.thankYous;
  // Acknowledgements are found by reading the thank-yous for each referral that needs
  // one, until that has read SCAN_PAIRS of them; then through a map, made once.
  let acknowledgements: Map<Id, Timed<ThankYou>> | undefined;
  let scanned = 0;

  const { firings, counting } = firingsOf(policy.triggers);
  let fromContact: Map<Id, number> | undefined;
  const triggered: TriggeredReferral[] = [];
  const noOrdinals: readonly number[] = [];
  for (let i = 0; i < referrals.length; i += 1) {
    const referral = referrals[i]!;
    if (referral.at > now) continue;
    let ordinals = noOrdinals;
    if (counting) {
      // A plain loop: no closure per referral.
      const contactIds = referral.record.contactIds;
      const counted = new Array<number>(contactIds.length);
      for (let c = 0; c < contactIds.length; c += 1) {
        const contactId = contactIds[c]!;
        fromContact ??= new Map();
        const ordinal = (fromContact.get(contactId) ?? 0) + 1;
        fromContact.set(contactId, ordinal);
        counted[c] = ordinal;
      }
      ordinals = counted;
    }
    // The earliest trigger that fired by now; the list of kinds only for referrals kept.
    let at = Infinity;
    for (let f = 0; f < firings.length; f += 1) {
      const fired = firings[f]!.fire(referral, ordinals);
      if (fired !== undefined && fired <= now && fired < at) at = fired;
    }
    if (at === Infinity) continue;
    if (owed !== undefined && (at < owed.since || !owed.within(at))) continue;
    if (acknowledgements === undefined) {
      scanned += thankYous.length;
      if (scanned > SCAN_PAIRS) acknowledgements = acknowledgementMap(thankYous, now);
    }
    const acknowledgedBy =
      acknowledgements === undefined
        ? acknowledgementIn(thankYous, now, referral.record.id)
        : acknowledgements.get(referral.record.id);
    if (owed !== undefined && acknowledgedBy !== undefined) continue;
    const triggers: ThankYouTriggerKind[] = [];
    for (let f = 0; f < firings.length; f += 1) {
      const fired = firings[f]!.fire(referral, ordinals);
      if (fired !== undefined && fired <= now) triggers.push(firings[f]!.kind);
    }
    const date = toCalendarDate(at, timeZone);
    const due = addBusinessDays(date, policy.dueWithinBusinessDays, calendar);
    triggered.push({
      referral,
      triggers,
      at,
      date,
      due,
      acknowledgedBy,
      acknowledgedOnTime:
        acknowledgedBy !== undefined && compareCalendarDates(toCalendarDate(acknowledgedBy.at, timeZone), due) <= 0,
    });
  }
  return triggered.sort((a, b) => a.at - b.at || compareIds(a.referral.record.id, b.referral.record.id));
}

/**
 * `triggeredReferrals` for the play itself: inside a fact-sharing scope (the
 * desk's plan and score of one office) one list, worked out once, that its plan
 * and score both read and neither changes; elsewhere a new list. The public
 * function always returns a new list, so that a caller may change it.
 *
 * @param history - The office's history.
 * @param policy - The thank-you policy.
 * @param ctx - The moment, the practice's time zone and business calendar.
 * @returns The triggered referrals, by trigger time, then referral id; not to be changed.
 * @internal
 */
export function sharedTriggeredReferrals(
  history: OfficeHistory,
  policy: Pick<ThankYouPolicy, 'triggers' | 'dueWithinBusinessDays'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone' | 'calendar'>,
): readonly TriggeredReferral[] {
  if (!isSharingFacts()) return collectTriggered(history, policy, ctx, undefined);
  // The list also depends on the time zone and the calendar: both are in the key.
  return sharedFact(sharedTriggeredReferrals, history, policy, ctx.calendar, `${ctx.now} ${ctx.timeZone}`, () =>
    collectTriggered(history, policy, ctx, undefined),
  );
}
