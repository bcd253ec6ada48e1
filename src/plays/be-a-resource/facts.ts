/**
 * The two halves of `resourceFacts` (./resource.ts), apart so that the plan can skip the
 * scan of referrals when the office had a resource contact recently (it then
 * proposes nothing and reads no redirect). Internal: not exported by the package.
 *
 * @module
 */
import { toCalendarDate, wholeDaysBetween } from '../../calendar/dates';
import type { OfficeHistory } from '../../model/history';
import type { PlayContext } from '../play';
import { sharedFact } from '../shared-facts';
import { compareIds } from '../timeline';
import type { BeAResourcePolicy } from './policy';
import { isResourceContact, type Redirect, type ResourceFacts } from './resource';

/**
 * An office's last resource contact up to `now` and how long ago it was: every
 * field of {@link ResourceFacts} but `redirects`.
 *
 * @param history - The office's history.
 * @param policy - The be-a-resource policy (`offerEveryDays`).
 * @param ctx - The moment (`now`, epoch ms) and the practice's time zone.
 * @returns The last resource contact, its date, the days since it and whether it is recent.
 * @throws {@link ValidationError} when `now` or the time zone is invalid.
 * @example
 * ```ts
 * lastResourceFacts(history, defaultBeAResourcePolicy, { now, timeZone: 'America/Chicago' }).recent; //=> false
 * ```
 * @category Plays
 */
export function lastResourceFacts(
  history: Pick<OfficeHistory, 'touchpointRecords' | 'touchpointTimes'>,
  policy: Pick<BeAResourcePolicy, 'offerEveryDays'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone'>,
): Omit<ResourceFacts, 'redirects'> {
  return sharedFact(lastResourceFacts, history, policy, ctx.now, ctx.timeZone, () =>
    lastResourceFactsOf(history, policy, ctx),
  );
}

/** {@link lastResourceFacts}, worked out. */
function lastResourceFactsOf(
  history: Pick<OfficeHistory, 'touchpointRecords' | 'touchpointTimes'>,
  policy: Pick<BeAResourcePolicy, 'offerEveryDays'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone'>,
): Omit<ResourceFacts, 'redirects'> {
  const { now, timeZone } = ctx;
  // Newest first; a plain loop, so the test is inlined rather than called through a closure.
  const records = history.touchpointRecords;
  const times = history.touchpointTimes;
  let i = records.length - 1;
  for (; i >= 0; i -= 1) {
    if (isResourceContact(records[i]!) && times[i]! <= now) break;
  }
  const lastResource = i >= 0 ? { record: records[i]!, at: times[i]! } : undefined;
  const daysSince = lastResource === undefined ? null : wholeDaysBetween(lastResource.at, now, timeZone);
  return {
    lastResource,
    lastResourceDate: lastResource === undefined ? null : toCalendarDate(lastResource.at, timeZone),
    daysSince,
    recent: daysSince !== null && daysSince < policy.offerEveryDays,
  };
}

/**
 * {@link ResourceFacts} from the last resource contact's facts and the recent
 * redirects. Every field is named rather than spread, so that every office's facts
 * share one shape that optimised code keeps recognising from call to call.
 *
 * @param last - From {@link lastResourceFacts}.
 * @param history - The office's history.
 * @param policy - The be-a-resource policy (`offerEveryDays`).
 * @param ctx - The moment (`now`, epoch ms) and the practice's time zone.
 * @returns The facts with {@link recentRedirects}.
 */
export function withRedirects(
  last: Omit<ResourceFacts, 'redirects'>,
  history: Pick<OfficeHistory, 'referrals'>,
  policy: Pick<BeAResourcePolicy, 'offerEveryDays'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone'>,
): ResourceFacts {
  return {
    lastResource: last.lastResource,
    lastResourceDate: last.lastResourceDate,
    daysSince: last.daysSince,
    recent: last.recent,
    redirects: recentRedirects(history, policy, ctx),
  };
}

/**
 * The office's referrals that the practice declined but redirected elsewhere,
 * declined up to `now` and fewer than `offerEveryDays` whole days ago, oldest
 * first (equal times by referral id): {@link ResourceFacts.redirects}.
 *
 * @param history - The office's history.
 * @param policy - The be-a-resource policy (`offerEveryDays`).
 * @param ctx - The moment (`now`, epoch ms) and the practice's time zone.
 * @returns The recent redirects.
 * @throws {@link ValidationError} when `now` or the time zone is invalid.
 * @example
 * ```ts
 * recentRedirects(history, defaultBeAResourcePolicy, { now, timeZone: 'America/Chicago' }).length; //=> 1
 * ```
 * @category Plays
 */
export function recentRedirects(
  history: Pick<OfficeHistory, 'referrals'>,
  policy: Pick<BeAResourcePolicy, 'offerEveryDays'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone'>,
): Redirect[] {
  const { now, timeZone } = ctx;
  const redirects: Redirect[] = [];
  // Plain loops: no closure per referral.
  const referrals = history.referrals;
  for (let r = 0; r < referrals.length; r += 1) {
    const referral = referrals[r]!;
    const intake = referral.record.intake;
    for (let index = 0; index < intake.length; index += 1) {
      const step = intake[index]!;
      if (step.status !== 'declined' || step.redirectedTo === undefined) continue;
      const at = referral.stepTimes[index]!;
      if (at <= now && wholeDaysBetween(at, now, timeZone) < policy.offerEveryDays) {
        redirects.push({ referral, at, redirectedTo: step.redirectedTo });
      }
    }
  }
  return redirects.sort((a, b) => a.at - b.at || compareIds(a.referral.record.id, b.referral.record.id));
}
