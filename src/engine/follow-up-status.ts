import type { OfficeHistory } from '../model/history';
import type { Playbook } from '../playbook/playbook';
import { followUpFacts, type FollowUpFacts } from '../plays/follow-up/status';
import { toMillis, type Moment } from './context';

/**
 * Where an office stands on the follow-up cadence: one of `never-contacted`,
 * `too-soon`, `on-track`, `due-soon`, `due`, `overdue`, `lapsed`, from the whole
 * days (practice time zone) since the last touchpoint that counts under the
 * follow-up policy; plus the next due date (last contact + `targetDays`) and the
 * earliest date that is not a nuisance (last contact + `nuisanceFloorDays`).
 *
 * @param history - The office's history.
 * @param playbook - The policies (only `plays['follow-up']` is read).
 * @param now - The moment to judge at.
 * @returns The facts.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * followUpStatus(history, defaultPlaybook, '2026-03-01T14:00:00Z');
 * //=> { status: 'due', daysSince: 100, lastContactDate: '2025-11-21', nextDue: '2026-02-19', earliestNotNuisance: '2025-12-21', … }
 * ```
 * @category Engine
 */
export function followUpStatus(history: OfficeHistory, playbook: Playbook, now: Moment): FollowUpFacts {
  return followUpFacts(history, playbook.plays['follow-up'], toMillis(now), history.context.practice.timeZone);
}
