import { localDayNumbers } from '../../calendar/dates';
import type { OfficeHistory, ReferralEntry, Timed } from '../../model/history';
import type { TimeZone } from '../../model/primitives';
import type { Touchpoint } from '../../model/touchpoint';
import { sharedFact } from '../shared-facts';
import { lastTimedUpTo } from '../timeline';
import type { StrongReferralsPolicy } from './policy';
import { referralStrength, type ReferralStrength } from './strength';

/**
 * A referral with its strength.
 *
 * @category Plays
 */
export interface ScoredReferral {
  /** The referral. */
  readonly entry: ReferralEntry;
  /** Its strength ({@link referralStrength}). */
  readonly strength: ReferralStrength;
}

/**
 * How often one checklist item was missing from a set of referrals.
 *
 * @category Plays
 */
export interface MissingItemCount {
  /** The checklist item id. */
  readonly id: string;
  /** Its label. */
  readonly label: string;
  /** In how many of the referrals it was missing. */
  readonly count: number;
}

/**
 * What the strong-referrals play knows about an office's recent referrals.
 *
 * @category Plays
 */
export interface ReferralStrengthFacts {
  /** The referrals received within `lookbackDays` (up to now), oldest first, scored. */
  readonly recent: readonly ScoredReferral[];
  /** The latest touchpoint up to now with the purpose `coach`, if any. */
  readonly lastCoaching: Timed<Touchpoint> | undefined;
  /** The weak ones among `recent` received after `lastCoaching` (all of them without one). */
  readonly weakSinceCoaching: readonly ScoredReferral[];
  /**
   * The checklist items missing from `weakSinceCoaching`, with how often: most
   * often first, ties in policy order; items never missing are left out.
   */
  readonly missingItems: readonly MissingItemCount[];
}

/**
 * Scores an office's recent referrals and counts the weak ones since the last
 * coaching. A referral is recent when it was received at most `lookbackDays`
 * whole days (practice time zone) before `now`; referrals and touchpoints after
 * `now` are ignored. A touchpoint with the purpose `coach` resets the count: only
 * weak referrals received after it count.
 *
 * @param history - The office's history.
 * @param policy - The strong-referrals policy.
 * @param now - Epoch milliseconds.
 * @param timeZone - The practice's time zone, in which days are counted.
 * @returns The scored recent referrals, the last coaching, the weak referrals
 *   since, and the items they missed.
 * @example
 * ```ts
 * referralStrengthFacts(history, defaultStrongReferralsPolicy, now, 'America/Chicago').weakSinceCoaching.length;
 * //=> 2
 * ```
 * @category Plays
 */
export function referralStrengthFacts(
  history: Pick<OfficeHistory, 'referrals' | 'touchpointRecords' | 'touchpointTimes'>,
  policy: StrongReferralsPolicy,
  now: number,
  timeZone: TimeZone,
): ReferralStrengthFacts {
  return sharedFact(referralStrengthFacts, history, policy, now, timeZone, () =>
    referralStrengthFactsOf(history, policy, now, timeZone),
  );
}

/** {@link referralStrengthFacts}, worked out. */
function referralStrengthFactsOf(
  history: Pick<OfficeHistory, 'referrals' | 'touchpointRecords' | 'touchpointTimes'>,
  policy: StrongReferralsPolicy,
  now: number,
  timeZone: TimeZone,
): ReferralStrengthFacts {
  const recent: ScoredReferral[] = [];
  const dayOf = localDayNumbers(timeZone);
  const today = dayOf(now);
  for (const entry of history.referrals) {
    if (entry.at > now) continue;
    // Whole days since receipt (`wholeDaysBetween`), as a difference of day numbers.
    if (today - dayOf(entry.at) > policy.lookbackDays) continue;
    recent.push({ entry, strength: referralStrength(entry.record, policy) });
  }

  const lastCoaching = lastTimedUpTo(history.touchpointRecords, history.touchpointTimes, now, (touchpoint) =>
    touchpoint.purposes.includes('coach'),
  );

  const weakSinceCoaching = recent.filter(
    (scored) => scored.strength.grade === 'weak' && (lastCoaching === undefined || scored.entry.at > lastCoaching.at),
  );

  const missingItems = policy.checklist
    .map((item) => ({
      id: item.id,
      label: item.label,
      count: weakSinceCoaching.filter((scored) => scored.strength.missing.includes(item.id)).length,
    }))
    .filter((item) => item.count > 0)
    // Array.prototype.sort is stable, so equal counts keep the policy order.
    .sort((a, b) => b.count - a.count);

  return { recent, lastCoaching, weakSinceCoaching, missingItems };
}
