import { match } from 'ts-pattern';
import { localDayNumbers, toCalendarDate, wholeDaysBetween } from '../../calendar/dates';
import type { RecordRef } from '../../engine/action';
import { answerTable } from '../../model/answer-table';
import type { OfficeHistory, ReferralEntry, Timed } from '../../model/history';
import type { Id } from '../../model/primitives';
import type { Touchpoint } from '../../model/touchpoint';
import { intakeStatuses, type IntakeStatus } from '../../model/vocabulary';
import { activeContactIds, activeProviderIds } from '../contacts';
import { plural } from '../english';
import { definePlay, type ActionDraft, type PlayContext, type PlayScore } from '../play';
import { compareIds, entriesUpTo, lastTimedUpTo, oldestFirst } from '../timeline';
import { practiceOpenings } from './capacity';
import { practiceOpenSlots } from './open-slots';
import { intakeMetrics, isOpenIntake, intakeFactsOn, type ReferralIntakeFacts } from './intake-metrics';
import { askPolicyDefinition, type AskPolicy } from './policy';

/** Priority of an *ask*: between a follow-up coming due (40) and one due (60). */
const ASK_PRIORITY = 50;
/** Priority of expediting a patient not contacted in time: the most urgent thing a play proposes. */
const CONTACT_PRIORITY = 95;
/** Priority of expediting a first visit that is late. */
const FIRST_VISIT_PRIORITY = 90;

type Context = PlayContext<AskPolicy>;

/** Whether a touchpoint was an ask: the only touchpoints this play reads. */
function isAsk(touchpoint: Touchpoint): boolean {
  return touchpoint.purposes.includes('ask');
}

/** The last touchpoint up to now whose purposes include `ask`. */
function lastAsk(history: OfficeHistory, now: number): Timed<Touchpoint> | undefined {
  return lastTimedUpTo(history.touchpointRecords, history.touchpointTimes, now, isAsk);
}

/** The referrals received in the last `referralWindowDays` days (0 ≤ d < window), oldest first. */
function recentReferrals(history: OfficeHistory, ctx: Context): ReferralEntry[] {
  const recent: ReferralEntry[] = [];
  const dayOf = localDayNumbers(ctx.timeZone);
  const today = dayOf(ctx.now);
  for (const referral of history.referrals) {
    if (referral.at > ctx.now) continue;
    // Whole days since receipt (`wholeDaysBetween`), as a difference of day numbers.
    if (today - dayOf(referral.at) < ctx.policy.referralWindowDays) recent.push(referral);
  }
  return recent;
}

/**
 * The ask rank of an office: its referrals received in the last
 * `referralWindowDays` days. Higher is better; ties go to the lower office id.
 */
function rankOf(draft: ActionDraft): number {
  const rank = draft.details?.['rank'];
  return typeof rank === 'number' ? rank : 0;
}

function askDraft(history: OfficeHistory, ctx: Context): ActionDraft | undefined {
  const { policy } = ctx;
  // The total first, without the list of clinicians (the same for every office):
  // the list is built only for an office that gets a draft.
  if (practiceOpenSlots(history.context.clinicians) < policy.openingsThreshold) return undefined;

  const asked = lastAsk(history, ctx.now);
  const daysSinceAsk = asked === undefined ? null : wholeDaysBetween(asked.at, ctx.now, ctx.timeZone);
  if (daysSinceAsk !== null && daysSinceAsk < policy.cooldownDays) return undefined;
  const openings = practiceOpenings(history.context.clinicians);

  const recent = recentReferrals(history, ctx);
  const active = activeContactIds(history);
  const contactIds = new Set<Id>(activeProviderIds(history));
  for (const referral of recent) {
    for (const id of referral.record.contactIds) if (active.has(id)) contactIds.add(id);
  }

  const name = history.office.name;
  const rank = recent.length;
  const lastAskDate = asked === undefined ? null : toCalendarDate(asked.at, ctx.timeZone);
  const who = openings.clinicians.map((clinician) => `${clinician.name} ${clinician.openSlots}`).join(', ');
  const evidence: RecordRef[] = oldestFirst([
    ...(asked === undefined ? [] : [{ ref: { kind: 'touchpoint' as const, id: asked.record.id }, at: asked.at }]),
    ...recent.map((referral) => ({ ref: { kind: 'referral' as const, id: referral.record.id }, at: referral.at })),
  ]);
  for (const clinician of openings.clinicians) evidence.push({ kind: 'clinician', id: clinician.clinicianId });

  return {
    kind: 'ask',
    officeId: history.office.id,
    contactIds: [...contactIds].sort(),
    due: ctx.today,
    priority: ASK_PRIORITY,
    title: `Ask ${name} for referrals: ${plural(openings.total, 'opening')} now`,
    explanation: {
      rule: 'ask/openings',
      summary:
        `The practice has ${plural(openings.total, 'opening')} (${who}); ${name} sent ` +
        `${plural(rank, 'referral')} in the last ${policy.referralWindowDays} days and ` +
        (asked === undefined ? 'has never been asked.' : `was last asked ${daysSinceAsk} days ago (${lastAskDate}).`),
      policy: {
        openingsThreshold: policy.openingsThreshold,
        cooldownDays: policy.cooldownDays,
        maxOfficesPerAsk: policy.maxOfficesPerAsk,
        referralWindowDays: policy.referralWindowDays,
      },
      facts: { openings: openings.total, referralsInWindow: rank, rank, lastAskDate, daysSinceAsk },
      evidence,
    },
    anchor: asked === undefined ? 'never' : asked.record.id,
    outreach: true,
    details: { rank, openings: openings.total },
  };
}

function contactDraft(history: OfficeHistory, facts: ReferralIntakeFacts, ctx: Context): ActionDraft {
  const n = ctx.policy.intake.contactWithinBusinessDays;
  return {
    kind: 'expedite-intake',
    officeId: history.office.id,
    contactIds: [],
    due: facts.contactDeadline,
    priority: CONTACT_PRIORITY,
    title: `Contact the patient referred on ${facts.receivedDate}`,
    explanation: {
      rule: 'ask/expedite-contact',
      summary:
        `The patient ${history.office.name} referred on ${facts.receivedDate} has not been contacted after ` +
        `${plural(facts.contactBusinessDays, 'business day')}; the promise is within ${plural(n, 'business day')}.`,
      policy: { contactWithinBusinessDays: n },
      facts: {
        receivedDate: facts.receivedDate,
        businessDaysSinceReceived: facts.contactBusinessDays,
        contactDeadline: facts.contactDeadline,
      },
      evidence: [{ kind: 'referral', id: facts.referralId }],
    },
    anchor: `contact:${facts.referralId}`,
    outreach: false,
    details: { referralId: facts.referralId },
  };
}

/** A late first visit's title, per intake status, matched once: built for every late referral of every office. */
const firstVisitTitleOf = answerTable(intakeStatuses, (status) =>
  match<IntakeStatus, (on: string, appointmentDate: string | null) => string>(status)
    .with('received', 'accepted', () => (on) => `Book the first visit for the patient referred on ${on}`)
    .with(
      'scheduled',
      () => (on, booked) => `Hold the first visit for the patient referred on ${on} (booked for ${booked})`,
    )
    .with('no-show', () => (on) => `Rebook the first visit for the patient referred on ${on} (missed)`)
    .with(
      'declined',
      'cancelled',
      'first-visit-completed',
      () => (on) => `Get the first visit held for the patient referred on ${on}`,
    )
    .exhaustive(),
);

function firstVisitDraft(
  history: OfficeHistory,
  referral: ReferralEntry,
  facts: ReferralIntakeFacts,
  ctx: Context,
): ActionDraft {
  const m = ctx.policy.intake.firstVisitWithinDays;
  const appointment = referral.record.intake.findLast((step) => step.status === 'scheduled');
  const appointmentDate =
    appointment?.status === 'scheduled' ? toCalendarDate(appointment.appointmentAt, ctx.timeZone) : null;
  const on = facts.receivedDate;
  const title = firstVisitTitleOf(referral.status)(on, appointmentDate);
  return {
    kind: 'expedite-intake',
    officeId: history.office.id,
    contactIds: [],
    due: facts.firstVisitDeadline,
    priority: FIRST_VISIT_PRIORITY,
    title,
    explanation: {
      rule: 'ask/expedite-first-visit',
      summary:
        `The patient ${history.office.name} referred on ${on} has had no first visit after ` +
        `${plural(facts.firstVisitDays, 'day')} (${referral.status}); the promise is within ${plural(m, 'day')}.`,
      policy: { firstVisitWithinDays: m },
      facts: {
        receivedDate: on,
        daysSinceReceived: facts.firstVisitDays,
        firstVisitDeadline: facts.firstVisitDeadline,
        status: referral.status,
        appointmentDate,
      },
      evidence: [{ kind: 'referral', id: facts.referralId }],
    },
    anchor: `first-visit:${facts.referralId}`,
    outreach: false,
    details: { referralId: facts.referralId },
  };
}

function intakeDrafts(history: OfficeHistory, ctx: Context): ActionDraft[] {
  const drafts: ActionDraft[] = [];
  for (const referral of entriesUpTo(history.referrals, ctx.now)) {
    // Closed intakes propose nothing: skip them before the business-day arithmetic.
    if (!isOpenIntake(referral.status)) continue;
    const facts = intakeFactsOn(referral, ctx.policy, ctx, ctx.today);
    if (facts.contactDate === null && facts.contactBreached) drafts.push(contactDraft(history, facts, ctx));
    if (facts.firstVisitDate === null && facts.firstVisitBreached) {
      drafts.push(firstVisitDraft(history, referral, facts, ctx));
    }
  }
  return drafts;
}

/**
 * The ask score: the share of the office's referrals received in the last
 * `referralWindowDays` days (0 ≤ whole days since receipt < window) that kept
 * both intake promises, × 100; `null` when there is none. A referral keeps them
 * when it is in neither breach list of {@link intakeMetrics} — contacted within
 * `contactWithinBusinessDays` business days or not yet due, and seen within
 * `firstVisitWithinDays` days or not yet due (a referral declined or cancelled
 * before its deadline breaks nothing).
 *
 * @param history - The office's history.
 * @param ctx - The play context.
 * @returns The score, reasons, facts and evidence.
 * @example
 * ```ts
 * askScore(history, ctx).score; //=> 75 (3 of 4 referrals on time)
 * ```
 * @category Plays
 */
export function askScore(history: OfficeHistory, ctx: PlayContext<AskPolicy>): PlayScore {
  const { policy } = ctx;
  const recent = recentReferrals(history, ctx);
  const window = `in the last ${policy.referralWindowDays} days`;
  if (recent.length === 0) {
    return { score: null, reasons: [`no referrals ${window}`], facts: { referrals: 0 }, evidence: [] };
  }
  const metrics = intakeMetrics(recent, policy, ctx);
  const breached = new Set([...metrics.contactBreaches, ...metrics.firstVisitBreaches]);
  const met = recent.length - breached.size;
  const reasons = [
    `${met} of ${plural(recent.length, 'referral')} ${window} kept both intake promises ` +
      `(contact within ${plural(policy.intake.contactWithinBusinessDays, 'business day')}, ` +
      `first visit within ${plural(policy.intake.firstVisitWithinDays, 'day')})`,
  ];
  if (metrics.contactBreaches.length > 0) reasons.push(`late contact: ${metrics.contactBreaches.join(', ')}`);
  if (metrics.firstVisitBreaches.length > 0) reasons.push(`late first visit: ${metrics.firstVisitBreaches.join(', ')}`);
  return {
    score: (100 * met) / recent.length,
    reasons,
    facts: {
      referrals: recent.length,
      met,
      contactBreaches: metrics.contactBreaches.length,
      firstVisitBreaches: metrics.firstVisitBreaches.length,
      medianHoursToContact: metrics.timeToContact.medianHours,
      medianDaysToFirstVisit: metrics.timeToFirstVisit.medianDays,
    },
    evidence: recent.map((referral) => ({ kind: 'referral', id: referral.record.id })),
  };
}

/**
 * Play 1, **ask**: ask boldly and specifically for referrals, then be responsive.
 *
 * - When the practice's openings (open slots of active clinicians accepting new
 *   clients, summed) reach `openingsThreshold`, each office not asked within
 *   `cooldownDays` (no touchpoint with purpose `ask`) gets an *ask* action, due
 *   today, for its active providers and everyone there who referred in the last
 *   `referralWindowDays` days; `select` keeps the `maxOfficesPerAsk` offices with
 *   the most referrals in that window (ties: lower office id).
 * - Each open referral not contacted within `intake.contactWithinBusinessDays`
 *   business days, or not seen within `intake.firstVisitWithinDays` days, gets an
 *   *expedite-intake* action (not outreach), due on the missed deadline.
 *
 * Score: see {@link askScore}.
 *
 * @example
 * ```ts
 * planActions({ snapshot, playbook: defaultPlaybook, now, plays: [askPlay] }).map((a) => a.kind);
 * //=> ['expedite-intake', 'ask', 'ask']
 * ```
 * @category Plays
 */
export const askPlay = definePlay({
  id: 'ask',
  title: 'Ask for referrals',
  policy: askPolicyDefinition,
  reads: ['contacts', 'touchpoints', 'referrals'],
  // Of the touchpoints, only the asks: the desk keeps this play's drafts for an
  // office when any other contact is logged there.
  readsTouchpoint: isAsk,
  // The score is the intake record of recent referrals alone.
  scoreReads: ['referrals'],

  plan(history, ctx): ActionDraft[] {
    const ask = askDraft(history, ctx);
    return [...(ask === undefined ? [] : [ask]), ...intakeDrafts(history, ctx)];
  },

  select(drafts, ctx): ActionDraft[] {
    const best = new Set(
      drafts
        .filter((draft) => draft.kind === 'ask')
        .sort((a, b) => rankOf(b) - rankOf(a) || compareIds(a.officeId, b.officeId))
        .slice(0, ctx.policy.maxOfficesPerAsk),
    );
    return drafts.filter((draft) => draft.kind !== 'ask' || best.has(draft));
  },

  score: askScore,
});
