import { match } from 'ts-pattern';
import { answerTable } from '../../model/answer-table';
import { addBusinessDays, businessDaysBetween, type BusinessCalendar } from '../../calendar/business-days';
import { addDays, calendarDaysBetween, toCalendarDate } from '../../calendar/dates';
import type { ReferralEntry } from '../../model/history';
import type { CalendarDate, Id, TimeZone } from '../../model/primitives';
import { intakeStatuses, type IntakeStatus } from '../../model/vocabulary';
import { compareIds, entriesUpTo } from '../timeline';
import type { AskPolicy } from './policy';

/**
 * The clock the intake measures read: the moment, the practice's time zone (in
 * which days are counted) and its business calendar. A play's context fits.
 *
 * @category Plays
 */
export interface IntakeClock {
  /** The moment of measuring, in epoch milliseconds. */
  readonly now: number;
  /** The practice's time zone. */
  readonly timeZone: TimeZone;
  /** The practice's business days (weekend and holidays). */
  readonly calendar: BusinessCalendar;
}

/**
 * Whether a referral's intake is still under way — the practice still owes the
 * patient a contact or a first visit: `received`, `accepted`, `scheduled` and
 * `no-show` are open; `declined`, `cancelled` and `first-visit-completed` are
 * closed.
 *
 * @param status - The referral's current intake status.
 * @returns `true` when the intake is open.
 * @example
 * ```ts
 * isOpenIntake('no-show'); //=> true
 * isOpenIntake('declined'); //=> false
 * ```
 * @category Plays
 */
export function isOpenIntake(status: IntakeStatus): boolean {
  // Looked up: the engine asks once per referral. Anything else goes to the match (and throws).
  return openIntakeOf(status);
}

function openIntakeByMatch(status: IntakeStatus): boolean {
  return match(status)
    .with('received', 'accepted', 'scheduled', 'no-show', () => true)
    .with('declined', 'cancelled', 'first-visit-completed', () => false)
    .exhaustive();
}

/** {@link isOpenIntake} of every status, worked out once. */
const openIntakeOf = answerTable(intakeStatuses, openIntakeByMatch);

/**
 * One referral measured against the intake promises of the `ask` policy.
 *
 * @category Plays
 */
export interface ReferralIntakeFacts {
  /** The referral. */
  readonly referralId: Id;
  /** The date it was received, in the practice's time zone. */
  readonly receivedDate: CalendarDate;
  /** Whether its intake is still open ({@link isOpenIntake}). */
  readonly open: boolean;
  /** The date the patient was first contacted, or `null` if not yet (by `now`). */
  readonly contactDate: CalendarDate | null;
  /**
   * Business days from the received date to the contact date, or to today when
   * the patient has not been contacted: business days *after* the received date,
   * up to and including the end date.
   */
  readonly contactBusinessDays: number;
  /**
   * The last date on which a contact is on time: the `contactWithinBusinessDays`-th
   * business day after the received date (the received date itself when the
   * setting is 0).
   */
  readonly contactDeadline: CalendarDate;
  /**
   * Whether the contact promise is broken: contacted after more than
   * `contactWithinBusinessDays` business days, or still open, not contacted, and
   * more than that many business days old. A referral closed without a recorded
   * contact is not judged (`false`).
   */
  readonly contactBreached: boolean;
  /** Hours from receipt to first contact, or `null` when not contacted. */
  readonly hoursToContact: number | null;
  /** The date of the completed first visit, or `null` if none (by `now`). */
  readonly firstVisitDate: CalendarDate | null;
  /** Calendar days from the received date to the first visit, or to today without one. */
  readonly firstVisitDays: number;
  /** The last date on which the first visit is on time: received date + `firstVisitWithinDays`. */
  readonly firstVisitDeadline: CalendarDate;
  /**
   * Whether the first-visit promise is broken: held after more than
   * `firstVisitWithinDays` days, or still open, not held, and more than that many
   * days old. A referral closed without a first visit (declined, cancelled) is
   * not judged (`false`).
   */
  readonly firstVisitBreached: boolean;
  /** Calendar days from receipt to the first visit, or `null` when there is none. */
  readonly daysToFirstVisit: number | null;
}

const HOUR_MS = 3_600_000;

/**
 * Measures one referral against the intake promises: contact the patient within
 * `intake.contactWithinBusinessDays` business days and hold the first visit within
 * `intake.firstVisitWithinDays` calendar days of receiving the referral.
 *
 * "Within *n* business days" means **at most** *n*: with *n* = 1, a referral
 * received on a Monday is on time if the patient is contacted by the end of
 * Tuesday, and breached from Wednesday. Business days are counted after the
 * received date, in the practice's time zone, skipping weekends and holidays, so
 * a referral received on Friday is on time until the end of Monday (Saturday and
 * Sunday do not count; the breach shows from Tuesday). Likewise the first visit is
 * on time when at most `firstVisitWithinDays` calendar days after the received
 * date.
 *
 * Contacts and first visits recorded after `now` have not happened yet.
 *
 * @param referral - The referral, as indexed in an office history.
 * @param policy - The `ask` policy (only `intake` is read).
 * @param clock - The moment, time zone and business calendar.
 * @returns The dates, day counts and breaches.
 * @example
 * ```ts
 * // received Monday 2026-03-02, now Wednesday 2026-03-04, never contacted
 * referralIntakeFacts(referral, defaultAskPolicy, clock).contactBreached; //=> true
 * ```
 * @category Plays
 */
export function referralIntakeFacts(
  referral: ReferralEntry,
  policy: Pick<AskPolicy, 'intake'>,
  clock: IntakeClock,
): ReferralIntakeFacts {
  return intakeFactsOn(referral, policy, clock, toCalendarDate(clock.now, clock.timeZone));
}

/**
 * {@link referralIntakeFacts}, with today's date (of `clock.now`, in its time
 * zone) given: a caller asking of many referrals works it out once.
 *
 * @internal
 */
export function intakeFactsOn(
  referral: ReferralEntry,
  policy: Pick<AskPolicy, 'intake'>,
  clock: IntakeClock,
  today: CalendarDate,
): ReferralIntakeFacts {
  const { contactWithinBusinessDays, firstVisitWithinDays } = policy.intake;
  const { now, timeZone, calendar } = clock;
  const receivedDate = toCalendarDate(referral.at, timeZone);
  const open = isOpenIntake(referral.status);

  const contactedAt = referral.contactedAt !== undefined && referral.contactedAt <= now ? referral.contactedAt : undefined;
  const contactDate = contactedAt === undefined ? null : toCalendarDate(contactedAt, timeZone);
  const contactBusinessDays = businessDaysBetween(receivedDate, contactDate ?? today, calendar);
  const contactLate = contactBusinessDays > contactWithinBusinessDays;

  const visitAt = referral.firstVisitAt !== undefined && referral.firstVisitAt <= now ? referral.firstVisitAt : undefined;
  const firstVisitDate = visitAt === undefined ? null : toCalendarDate(visitAt, timeZone);
  const firstVisitDays = calendarDaysBetween(receivedDate, firstVisitDate ?? today);
  const visitLate = firstVisitDays > firstVisitWithinDays;

  return {
    referralId: referral.record.id,
    receivedDate,
    open,
    contactDate,
    contactBusinessDays,
    contactDeadline:
      contactWithinBusinessDays === 0 ? receivedDate : addBusinessDays(receivedDate, contactWithinBusinessDays, calendar),
    contactBreached: contactLate && (contactDate !== null || open),
    hoursToContact: contactedAt === undefined ? null : (contactedAt - referral.at) / HOUR_MS,
    firstVisitDate,
    firstVisitDays,
    firstVisitDeadline: addDays(receivedDate, firstVisitWithinDays),
    firstVisitBreached: visitLate && (firstVisitDate !== null || open),
    daysToFirstVisit: firstVisitDate === null ? null : firstVisitDays,
  };
}

/**
 * The nearest-rank percentile of some numbers: with the *n* values sorted
 * ascending, the ⌈p/100 · n⌉-th smallest (1-based). It is always one of the
 * values, never an interpolation; the median (p = 50) of an even count is the
 * lower of the two middle values.
 *
 * @param values - The numbers, in any order (not changed).
 * @param percent - The percentile, in (0, 100].
 * @returns The percentile, or `null` when there are no values.
 * @example
 * ```ts
 * nearestRankPercentile([4, 1, 3, 2], 50); //=> 2 (the ⌈2⌉ = 2nd smallest)
 * nearestRankPercentile([4, 1, 3, 2], 90); //=> 4 (the ⌈3.6⌉ = 4th smallest)
 * nearestRankPercentile([], 90); //=> null
 * ```
 * @category Plays
 */
export function nearestRankPercentile(values: readonly number[], percent: number): number | null {
  return percentileOfSorted([...values].sort(ascending), percent);
}

const ascending = (a: number, b: number): number => a - b;

/** {@link nearestRankPercentile} of values already sorted, smallest first. */
function percentileOfSorted(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  // percent × n is exact for whole percents, so the ceiling is never pushed up by rounding.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((percent * sorted.length) / 100)));
  return sorted[rank - 1]!;
}

/**
 * How responsive the practice's intake has been, over some referrals.
 *
 * @category Plays
 */
export interface IntakeMetrics {
  /** Referrals measured (those received up to `now`). */
  readonly count: number;
  /** How many of them have a recorded first contact with the patient. */
  readonly contacted: number;
  /** How many of them have a completed first visit. */
  readonly firstVisits: number;
  /** Hours from receipt to first contact, over the contacted referrals (nearest rank). */
  readonly timeToContact: {
    readonly medianHours: number | null;
    readonly p90Hours: number | null;
  };
  /** Calendar days (practice time zone) from receipt to first visit, over the referrals that had one. */
  readonly timeToFirstVisit: {
    readonly medianDays: number | null;
    readonly p90Days: number | null;
  };
  /** The referrals whose contact promise is broken ({@link ReferralIntakeFacts.contactBreached}), oldest first. */
  readonly contactBreaches: readonly Id[];
  /** The referrals whose first-visit promise is broken ({@link ReferralIntakeFacts.firstVisitBreached}), oldest first. */
  readonly firstVisitBreaches: readonly Id[];
}

/**
 * Measures intake responsiveness over referrals (one office's, or several
 * offices' put together): how many were contacted and seen, how fast, and which
 * broke the `ask` policy's intake promises (see {@link referralIntakeFacts} for
 * exactly when a promise is broken). Referrals received after `now` are left out.
 *
 * - `timeToContact`: hours (exact, fractional) from `receivedAt` to
 *   `patientContactedAt`, over the contacted referrals;
 * - `timeToFirstVisit`: whole calendar days in the practice's time zone from the
 *   received date to the date of the `first-visit-completed` step, over the
 *   referrals that had one.
 *
 * Medians and 90th percentiles use the **nearest-rank** method: with *n* values
 * sorted ascending, the p-th percentile is the ⌈p/100 · n⌉-th smallest value
 * ({@link nearestRankPercentile}). So the median of 4 values is the 2nd smallest,
 * and the 90th percentile of 4 values the 4th. Each is `null` when there is no
 * value.
 *
 * @param referrals - The referrals, as indexed in office histories, in any order.
 * @param policy - The `ask` policy (only `intake` is read).
 * @param clock - The moment, time zone and business calendar (a play context fits).
 * @returns The counts, times and breaches.
 * @example
 * ```ts
 * const metrics = intakeMetrics(history.referrals, defaultAskPolicy, { now, timeZone: 'America/Chicago', calendar });
 * metrics.timeToContact;
 * //=> { medianHours: 4, p90Hours: 26 }
 * metrics.contactBreaches;
 * //=> ['ref-17']
 * ```
 * @category Plays
 */
export function intakeMetrics(
  referrals: readonly ReferralEntry[],
  policy: Pick<AskPolicy, 'intake'>,
  clock: IntakeClock,
): IntakeMetrics {
  const measured = entriesUpTo(referrals, clock.now).sort(
    (a, b) => a.at - b.at || compareIds(a.record.id, b.record.id),
  );
  const hours: number[] = [];
  const days: number[] = [];
  const contactBreaches: Id[] = [];
  const firstVisitBreaches: Id[] = [];
  const today = toCalendarDate(clock.now, clock.timeZone);
  for (const referral of measured) {
    const facts = intakeFactsOn(referral, policy, clock, today);
    if (facts.hoursToContact !== null) hours.push(facts.hoursToContact);
    if (facts.daysToFirstVisit !== null) days.push(facts.daysToFirstVisit);
    if (facts.contactBreached) contactBreaches.push(facts.referralId);
    if (facts.firstVisitBreached) firstVisitBreaches.push(facts.referralId);
  }
  // Both lists are this call's own: each is sorted once, in place, for both of its percentiles.
  hours.sort(ascending);
  days.sort(ascending);
  return {
    count: measured.length,
    contacted: hours.length,
    firstVisits: days.length,
    timeToContact: { medianHours: percentileOfSorted(hours, 50), p90Hours: percentileOfSorted(hours, 90) },
    timeToFirstVisit: { medianDays: percentileOfSorted(days, 50), p90Days: percentileOfSorted(days, 90) },
    contactBreaches,
    firstVisitBreaches,
  };
}
