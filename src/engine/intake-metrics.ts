import { addDays, startOfDayInZone, toCalendarDate } from '../calendar/dates';
import { indexSnapshot, type PracticeIndex, type ReferralEntry } from '../model/history';
import type { PracticeSnapshot } from '../model/snapshot';
import type { Playbook } from '../playbook/playbook';
import { intakeMetrics, type IntakeMetrics } from '../plays/ask/intake-metrics';
import { practiceCalendar, toMillis, type Moment } from './context';

/**
 * The {@link practiceIntakeMetrics} options.
 *
 * @category Engine
 */
export interface IntakeMetricsOptions {
  /** The practice, as a snapshot or an index. */
  readonly snapshot: PracticeSnapshot | PracticeIndex;
  /** The policies: the `ask` play's `intake` promises and `sources.windowDays`. */
  readonly playbook: Playbook;
  /** The moment to measure at. */
  readonly now: Moment;
}

/**
 * Measures the whole practice's intake responsiveness over the referrals received
 * in the last `sources.windowDays` days (practice time zone, today included):
 * time to contact and to first visit (median and 90th percentile, nearest rank)
 * and the referrals that broke the `ask` play's intake promises. See
 * {@link intakeMetrics} for the exact definitions.
 *
 * @param options - The practice, playbook and moment.
 * @returns The metrics.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * practiceIntakeMetrics({ snapshot, playbook: defaultPlaybook, now: '2026-03-02T18:00:00Z' }).timeToContact;
 * //=> { medianHours: 3.5, p90Hours: 27 }
 * ```
 * @category Engine
 */
export function practiceIntakeMetrics(options: IntakeMetricsOptions): IntakeMetrics {
  const index = 'context' in options.snapshot ? options.snapshot : indexSnapshot(options.snapshot);
  const now = toMillis(options.now);
  const timeZone = index.practice.timeZone;
  const today = toCalendarDate(now, timeZone);
  const from = startOfDayInZone(addDays(today, 1 - options.playbook.sources.windowDays), timeZone);
  const referrals: ReferralEntry[] = [];
  for (const history of index.offices.values()) {
    for (const referral of history.referrals) if (referral.at >= from) referrals.push(referral);
  }
  return intakeMetrics(referrals, options.playbook.plays.ask, {
    now,
    timeZone,
    calendar: practiceCalendar(index.practice),
  });
}
