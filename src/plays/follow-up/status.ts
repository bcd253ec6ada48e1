import { addDays, toCalendarDate, wholeDaysBetween } from '../../calendar/dates';
import type { OfficeHistory, Timed } from '../../model/history';
import type { CalendarDate, TimeZone } from '../../model/primitives';
import type { Touchpoint } from '../../model/touchpoint';
import { sharedFact } from '../shared-facts';
import { lastTimedUpTo } from '../timeline';
import type { FollowUpPolicy } from './policy';

/**
 * The follow-up statuses, from "never contacted" to "lapsed". With *d* whole days
 * since the last counting touchpoint (practice time zone) and the default policy:
 * `too-soon` d < 30 · `on-track` 30 ≤ d < 76 · `due-soon` 76 ≤ d < 90 · `due`
 * 90 ≤ d < 120 · `overdue` 120 ≤ d < 180 · `lapsed` d ≥ 180.
 *
 * @category Plays
 */
export const followUpStatuses = [
  'never-contacted',
  'too-soon',
  'on-track',
  'due-soon',
  'due',
  'overdue',
  'lapsed',
] as const;

/** A follow-up status. @category Plays */
export type FollowUpStatus = (typeof followUpStatuses)[number];

/**
 * Where an office stands on the follow-up cadence.
 *
 * @category Plays
 */
export interface FollowUpFacts {
  /** The status (see {@link followUpStatuses}). */
  readonly status: FollowUpStatus;
  /** Whole days since the last counting touchpoint; `null` when there is none. */
  readonly daysSince: number | null;
  /** The last touchpoint that counts as contact, if any. */
  readonly lastContact: Timed<Touchpoint> | undefined;
  /** Its date in the practice's time zone. */
  readonly lastContactDate: CalendarDate | null;
  /** When the next follow-up is due: last contact + `targetDays`; `null` when never contacted. */
  readonly nextDue: CalendarDate | null;
  /** The first date outside the nuisance floor: last contact + `nuisanceFloorDays`. */
  readonly earliestNotNuisance: CalendarDate | null;
}

/**
 * Whether a touchpoint counts as contact under the follow-up policy (its channel
 * and at least one purpose are among the counting ones).
 *
 * @param touchpoint - The touchpoint.
 * @param policy - The follow-up policy.
 * @returns `true` when it resets the follow-up clock.
 * @example
 * ```ts
 * countsAsContact({ ...touchpoint, channel: 'email' }, { ...defaultFollowUpPolicy, countingChannels: ['in-person'] });
 * //=> false
 * ```
 * @category Plays
 */
export function countsAsContact(
  touchpoint: Pick<Touchpoint, 'channel' | 'purposes'>,
  policy: Pick<FollowUpPolicy, 'countingChannels' | 'countingPurposes'>,
): boolean {
  const channels = policy.countingChannels;
  if (channels !== 'all' && !channels.includes(touchpoint.channel)) return false;
  const purposes = policy.countingPurposes;
  return purposes === 'all' || touchpoint.purposes.some((purpose) => purposes.includes(purpose));
}

/**
 * The status for a number of whole days since the last contact.
 *
 * @param daysSince - Whole days, or `null` for never contacted.
 * @param policy - The follow-up bounds.
 * @returns The status.
 * @example
 * ```ts
 * classifyFollowUp(100, defaultFollowUpPolicy); //=> 'due'
 * classifyFollowUp(null, defaultFollowUpPolicy); //=> 'never-contacted'
 * ```
 * @category Plays
 */
export function classifyFollowUp(daysSince: number | null, policy: FollowUpPolicy): FollowUpStatus {
  if (daysSince === null) return 'never-contacted';
  if (daysSince < policy.nuisanceFloorDays) return 'too-soon';
  if (daysSince < policy.dueSoonDays) return 'on-track';
  if (daysSince < policy.targetDays) return 'due-soon';
  if (daysSince < policy.overdueDays) return 'due';
  if (daysSince < policy.lapsedDays) return 'overdue';
  return 'lapsed';
}

/**
 * Computes an office's follow-up facts at `now`. Touchpoints after `now` are
 * ignored (they have not happened yet).
 *
 * @param history - The office's history.
 * @param policy - The follow-up policy.
 * @param now - Epoch milliseconds.
 * @param timeZone - The practice's time zone, in which days are counted.
 * @returns The status, the day count and the key dates.
 * @category Plays
 */
export function followUpFacts(
  history: OfficeHistory,
  policy: FollowUpPolicy,
  now: number,
  timeZone: TimeZone,
): FollowUpFacts {
  return sharedFact(followUpFacts, history, policy, now, timeZone, () =>
    followUpFactsOf(history, policy, now, timeZone),
  );
}

/** {@link followUpFacts}, worked out. */
function followUpFactsOf(
  history: OfficeHistory,
  policy: FollowUpPolicy,
  now: number,
  timeZone: TimeZone,
): FollowUpFacts {
  const lastContact = lastTimedUpTo(history.touchpointRecords, history.touchpointTimes, now, (touchpoint) =>
    countsAsContact(touchpoint, policy),
  );
  if (lastContact === undefined) {
    return {
      status: 'never-contacted',
      daysSince: null,
      lastContact,
      lastContactDate: null,
      nextDue: null,
      earliestNotNuisance: null,
    };
  }
  const daysSince = wholeDaysBetween(lastContact.at, now, timeZone);
  const lastContactDate = toCalendarDate(lastContact.at, timeZone);
  return {
    status: classifyFollowUp(daysSince, policy),
    daysSince,
    lastContact,
    lastContactDate,
    nextDue: addDays(lastContactDate, policy.targetDays),
    earliestNotNuisance: addDays(lastContactDate, policy.nuisanceFloorDays),
  };
}
