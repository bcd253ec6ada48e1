/**
 * What the planner reads of every office for the follow-up nuisance floor.
 * Internal: not re-exported.
 *
 * @module
 * @internal
 */
import { wholeDaysBetween } from '../../calendar/dates';
import type { OfficeHistory } from '../../model/history';
import type { TimeZone } from '../../model/primitives';
import { lastIndexUpTo } from '../timeline';
import type { FollowUpPolicy } from './policy';
import { countsAsContact } from './status';

/**
 * `followUpFacts(…).daysSince` alone, without the dates and the record: whole
 * days since the office's last counting touchpoint up to `now`, or `null` when
 * there is none.
 *
 * @param history - The office's history.
 * @param policy - What counts as contact.
 * @param now - Epoch milliseconds.
 * @param timeZone - The practice's time zone, in which days are counted.
 * @returns The whole days, or `null`.
 * @internal
 */
export function daysSinceLastContact(
  history: OfficeHistory,
  policy: FollowUpPolicy,
  now: number,
  timeZone: TimeZone,
): number | null {
  const i = lastIndexUpTo(history.touchpointRecords, history.touchpointTimes, now, (touchpoint) =>
    countsAsContact(touchpoint, policy),
  );
  return i < 0 ? null : wholeDaysBetween(history.touchpointTimes[i]!, now, timeZone);
}
