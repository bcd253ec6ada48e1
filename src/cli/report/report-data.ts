/**
 * The numbers behind the HTML report, taken from the engine — the report draws
 * them; it never computes a yield, a status or a breach of its own.
 *
 * @module
 */
import { addMonths, toCalendarDate } from '../../calendar/dates';
import type { Action } from '../../engine/action';
import { practiceCalendar, toMillis, type Moment } from '../../engine/context';
import { followUpStatus } from '../../engine/follow-up-status';
import { practiceIntakeMetrics } from '../../engine/intake-metrics';
import { planIndex } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { rankIndexedSources, type OfficeSource, type SourceRanking } from '../../engine/sources';
import { indexSnapshot, type ReferralEntry } from '../../model/history';
import type { CalendarDate, Id } from '../../model/primitives';
import type { PracticeSnapshot } from '../../model/snapshot';
import type { OfficeLifecycle } from '../../model/vocabulary';
import type { Playbook } from '../../playbook/playbook';
import { referralIntakeFacts, type IntakeMetrics } from '../../plays/ask/intake-metrics';
import { defaultPlays } from '../../plays/default-plays';
import { followUpStatuses, type FollowUpFacts, type FollowUpStatus } from '../../plays/follow-up/status';
import type { Play } from '../../plays/play';

/**
 * What the HTML report is rendered from: one tenant's records, the policies, the
 * moment, and optionally a title and the plays to plan with.
 *
 * @category CLI
 */
export interface ReportInput {
  /** One tenant's records (validate untrusted data with `parseSnapshot` first). */
  readonly snapshot: PracticeSnapshot;
  /** The policies, e.g. `defaultPlaybook`. */
  readonly playbook: Playbook;
  /** The moment the report is made for; the clock is never read. */
  readonly now: Moment;
  /** The page title; default `Referral report — <practice name>`. */
  readonly title?: string;
  /** The plays to plan and score with; default `defaultPlays`. */
  readonly plays?: readonly Play[];
}

/** How many months the month-by-month sections cover, the current one included. */
export const REPORT_MONTHS = 12;
/** How many offices get their own row in the referrals-by-month heatmap. */
export const HEATMAP_OFFICES = 10;
/** How many offices the headline names on each side. */
export const HEADLINE_OFFICES = 3;

/**
 * One office's referrals, month by month.
 *
 * @category CLI
 */
export interface MonthlyReferrals {
  /** The office, or `null` for the row that adds up the offices not shown. */
  readonly officeId: Id | null;
  /** The row label: the office's name, or "N other offices". */
  readonly name: string;
  /** Referrals received in each month of {@link ReportData.months}. */
  readonly counts: readonly number[];
  /** Their sum. */
  readonly total: number;
}

/**
 * Intake responsiveness in one month: the month's referrals, each judged by the
 * `ask` play's contact promise ({@link referralIntakeFacts}).
 *
 * @category CLI
 */
export interface IntakeMonth {
  /** The month, `YYYY-MM`. */
  readonly month: string;
  /** Referrals received in the month, up to `now`. */
  readonly received: number;
  /** Contacted on time (contacted, promise not broken). */
  readonly onTime: number;
  /** Contact promise broken (`contactBreached`): contacted late, or still waiting past the deadline. */
  readonly late: number;
  /** Not contacted yet and still inside the deadline. */
  readonly waiting: number;
  /** Closed without a recorded contact (declined, cancelled): not judged. */
  readonly notJudged: number;
}

/**
 * One office's row in the follow-up table.
 *
 * @category CLI
 */
export interface OfficeFollowUp {
  /** The office. */
  readonly officeId: Id;
  /** Its name. */
  readonly name: string;
  /** Its lifecycle stage. */
  readonly lifecycle: OfficeLifecycle;
  /** Its follow-up facts ({@link followUpStatus}). */
  readonly facts: FollowUpFacts;
  /** Its relationship score, 0–100 ({@link scoreRelationship}). */
  readonly score: number;
}

/**
 * Everything the report shows, computed once by {@link reportData}.
 *
 * @category CLI
 */
export interface ReportData {
  /** The page title. */
  readonly title: string;
  /** The practice's name. */
  readonly practiceName: string;
  /** The practice's time zone. */
  readonly timeZone: string;
  /** Today in the practice's time zone. */
  readonly today: CalendarDate;
  /** The source ranking ({@link rankIndexedSources}) of every office. */
  readonly ranking: SourceRanking;
  /** Offices worth the drive: the best-ranked with at least one referral, at most {@link HEADLINE_OFFICES}. */
  readonly worthTheDrive: readonly OfficeSource[];
  /** Offices costing time for nothing: outreach time and no referral in the window, most minutes first. */
  readonly costingTime: readonly OfficeSource[];
  /** The months covered, oldest first, `YYYY-MM`; the last is the current month. */
  readonly months: readonly string[];
  /** The busiest offices' referrals per month, then (if any) the rest summed. */
  readonly referralsByMonth: readonly MonthlyReferrals[];
  /** Every office's referrals per month, summed. */
  readonly monthTotals: readonly number[];
  /** How many offices are in each follow-up status, in {@link followUpStatuses} order. */
  readonly statusCounts: ReadonlyMap<FollowUpStatus, number>;
  /** Every office's follow-up, most urgent first. */
  readonly followUps: readonly OfficeFollowUp[];
  /** The practice's intake metrics over the source window ({@link practiceIntakeMetrics}). */
  readonly intake: IntakeMetrics;
  /** Intake responsiveness per month, parallel to `months`. */
  readonly intakeMonths: readonly IntakeMonth[];
  /** The contact promise, in business days (`plays.ask.intake.contactWithinBusinessDays`). */
  readonly contactWithinBusinessDays: number;
  /** The first-visit promise, in days (`plays.ask.intake.firstVisitWithinDays`). */
  readonly firstVisitWithinDays: number;
  /** The plan ({@link planIndex}), in its order. */
  readonly actions: readonly Action[];
  /** Office names by id. */
  readonly officeNames: ReadonlyMap<Id, string>;
  /** Play titles by play id. */
  readonly playTitles: ReadonlyMap<string, string>;
}

/** Most urgent first: the order the follow-up table lists statuses in. */
const URGENCY: readonly FollowUpStatus[] = [
  'lapsed',
  'overdue',
  'due',
  'never-contacted',
  'due-soon',
  'on-track',
  'too-soon',
];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Computes everything the report shows, from the engine: {@link rankIndexedSources}
 * (yield), {@link followUpStatus} and {@link scoreRelationship} (every office),
 * {@link practiceIntakeMetrics} and {@link referralIntakeFacts} (intake),
 * {@link planIndex} (the plan); referrals per month are counted from the
 * indexed snapshot, by received date in the practice's time zone.
 *
 * @param input - The snapshot, playbook, moment, title and plays.
 * @returns The report's numbers.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * reportData({ snapshot, playbook: defaultPlaybook, now: '2026-03-02T14:00:00Z' }).months.at(-1);
 * //=> '2026-03'
 * ```
 * @category CLI
 */
export function reportData(input: ReportInput): ReportData {
  const { snapshot, playbook } = input;
  const plays = input.plays ?? defaultPlays;
  const now = toMillis(input.now);
  const index = indexSnapshot(snapshot);
  const timeZone = snapshot.practice.timeZone;
  const today = toCalendarDate(now, timeZone);

  const ranking = rankIndexedSources(index, playbook, now);
  const worthTheDrive = ranking.offices
    .filter((source) => source.referrals > 0 && source.outreachMinutes > 0)
    .slice(0, HEADLINE_OFFICES);
  const costingTime = ranking.offices
    .filter((source) => source.outreachMinutes > 0 && source.referrals === 0)
    .sort((a, b) => b.outreachMinutes - a.outreachMinutes || a.rank - b.rank)
    .slice(0, HEADLINE_OFFICES);

  // Months: the current one and the 11 before it, in the practice's time zone.
  const thisMonth = `${today.slice(0, 7)}-01`;
  const months: string[] = [];
  for (let i = REPORT_MONTHS - 1; i >= 0; i--) months.push(addMonths(thisMonth, -i).slice(0, 7));
  const monthIndex = new Map(months.map((month, i) => [month, i]));
  const monthOf = (entry: ReferralEntry): number | undefined =>
    entry.at > now ? undefined : monthIndex.get(toCalendarDate(entry.at, timeZone).slice(0, 7));

  const perOffice: MonthlyReferrals[] = [];
  const monthTotals = months.map(() => 0);
  const byMonth = months.map((): ReferralEntry[] => []);
  for (const history of index.offices.values()) {
    const counts = months.map(() => 0);
    for (const entry of history.referrals) {
      const i = monthOf(entry);
      if (i === undefined) continue;
      counts[i]! += 1;
      monthTotals[i]! += 1;
      byMonth[i]!.push(entry);
    }
    const total = counts.reduce((a, b) => a + b, 0);
    if (total > 0) perOffice.push({ officeId: history.office.id, name: history.office.name, counts, total });
  }
  perOffice.sort((a, b) => b.total - a.total || compareText(a.officeId!, b.officeId!));
  const referralsByMonth = perOffice.slice(0, HEATMAP_OFFICES);
  const rest = perOffice.slice(HEATMAP_OFFICES);
  if (rest.length > 0) {
    const counts = months.map((_, i) => rest.reduce((sum, row) => sum + row.counts[i]!, 0));
    referralsByMonth.push({
      officeId: null,
      name: `${rest.length} other ${rest.length === 1 ? 'office' : 'offices'}`,
      counts,
      total: counts.reduce((a, b) => a + b, 0),
    });
  }

  const statusCounts = new Map<FollowUpStatus, number>(followUpStatuses.map((status) => [status, 0]));
  const followUps: OfficeFollowUp[] = [];
  for (const history of index.offices.values()) {
    const facts = followUpStatus(history, playbook, now);
    statusCounts.set(facts.status, statusCounts.get(facts.status)! + 1);
    followUps.push({
      officeId: history.office.id,
      name: history.office.name,
      lifecycle: history.office.lifecycle,
      facts,
      score: scoreRelationship(history, playbook, now, { plays }).score,
    });
  }
  followUps.sort(
    (a, b) =>
      URGENCY.indexOf(a.facts.status) - URGENCY.indexOf(b.facts.status) ||
      (b.facts.daysSince ?? 0) - (a.facts.daysSince ?? 0) ||
      compareText(a.name, b.name) ||
      compareText(a.officeId, b.officeId),
  );

  const ask = playbook.plays.ask;
  const clock = { now, timeZone, calendar: practiceCalendar(snapshot.practice) };
  const intakeMonths = months.map((month, i): IntakeMonth => {
    let onTime = 0;
    let late = 0;
    let waiting = 0;
    let notJudged = 0;
    for (const entry of byMonth[i]!) {
      const facts = referralIntakeFacts(entry, ask, clock);
      if (facts.contactBreached) late += 1;
      else if (facts.contactDate !== null) onTime += 1;
      else if (facts.open) waiting += 1;
      else notJudged += 1;
    }
    return { month, received: byMonth[i]!.length, onTime, late, waiting, notJudged };
  });

  return {
    title: input.title ?? `Referral report — ${snapshot.practice.name}`,
    practiceName: snapshot.practice.name,
    timeZone,
    today,
    ranking,
    worthTheDrive,
    costingTime,
    months,
    referralsByMonth,
    monthTotals,
    statusCounts,
    followUps,
    intake: practiceIntakeMetrics({ snapshot: index, playbook, now }),
    intakeMonths,
    contactWithinBusinessDays: ask.intake.contactWithinBusinessDays,
    firstVisitWithinDays: ask.intake.firstVisitWithinDays,
    actions: planIndex({ index, playbook, now, plays }),
    officeNames: new Map(snapshot.offices.map((office) => [office.id, office.name])),
    playTitles: new Map(plays.map((play) => [play.id, play.title])),
  };
}
