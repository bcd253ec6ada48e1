import { millisecondsInDay } from 'date-fns/constants';
import { match } from 'ts-pattern';
import { compareCalendarDates, localDayNumbers, wholeDaysBetween } from '../../calendar/dates';
import type { RecordRef } from '../../engine/action';
import { answerTable } from '../../model/answer-table';
import type { OfficeHistory } from '../../model/history';
import type { Id } from '../../model/primitives';
import { thankYouMedia } from '../../model/vocabulary';
import { definePlay, type ActionDraft, type PlayContext, type PlayScore } from '../play';
import { isSharingFacts } from '../shared-facts';
import { oldestFirst } from '../timeline';
import { batchThankYous, type ThankYouBatch } from './batches';
import { draftThankYou } from './draft';
import { thankYouPolicyDefinition, type ThankYouPolicy } from './policy';
import { collectTriggered, sharedTriggeredReferrals } from './collect';
import type { TriggeredReferral } from './triggers';

/**
 * Separates referral ids in a thank-you action's anchor: U+001F (unit
 * separator), which no id may contain, so distinct batches never share an anchor.
 */
const ANCHOR_SEPARATOR = '\u001f';

/** The policy values every thank-you explanation shows. */
function settings(policy: ThankYouPolicy) {
  return {
    triggers: policy.triggers,
    dueWithinBusinessDays: policy.dueWithinBusinessDays,
    batchWindowDays: policy.batchWindowDays,
    lookbackDays: policy.lookbackDays,
    medium: policy.medium,
    enclosedCards: policy.enclosedCards,
    askForMore: policy.askForMore,
  };
}

/**
 * "Send a handwritten thank-you card", … for each medium, matched once: a match
 * per draft would build its matcher anew.
 */
const sendLineOf = answerTable(thankYouMedia, (medium) =>
  match(medium)
    .with('handwritten-card', () => 'Send a handwritten thank-you card')
    .with('printed-card', () => 'Send a thank-you card')
    .with('letter', () => 'Send a thank-you letter')
    .with('email', () => 'Send a thank-you email')
    .exhaustive(),
);

/**
 * A time before which no trigger is within `lookbackDays` local days of `now`, in
 * any zone: within them, the trigger's local midnight is at most `lookbackDays`
 * days before today's, so its wall clock is less than `lookbackDays + 1` days
 * behind now's; two offsets of one zone differ by less than two days, so the
 * instants are less than `lookbackDays + 3` days apart.
 */
function lookbackSince(now: number, lookbackDays: number): number {
  return now - (lookbackDays + 3) * millisecondsInDay;
}

/**
 * Who signs: the clinicians the referred patients were assigned to, but only when
 * every patient consented to sharing (the signer would otherwise tell the
 * referrer who is treating whom); else the practice's team.
 */
function signers(batch: ThankYouBatch, ctx: PlayContext<ThankYouPolicy>): string[] | undefined {
  const referrals = batch.referrals.map((triggered) => triggered.referral.record);
  if (!referrals.every((referral) => referral.patient.consentToShare)) return undefined;
  const names: string[] = [];
  for (const referral of referrals) {
    const clinician = ctx.practice.clinicians.find((candidate) => candidate.id === referral.clinicianId);
    if (clinician !== undefined && !names.includes(clinician.name)) names.push(clinician.name);
  }
  return names;
}

/** One *send-thank-you* draft for a batch. */
function draftFor(history: OfficeHistory, batch: ThankYouBatch, ctx: PlayContext<ThankYouPolicy>): ActionDraft {
  const { policy } = ctx;
  const contact =
    batch.contactId === undefined ? undefined : history.contacts.find((candidate) => candidate.id === batch.contactId);
  const office = history.office.name;
  const addressee = contact === undefined ? office : `${contact.salutation ?? contact.name} at ${office}`;
  const referralIds = batch.referrals.map((triggered) => triggered.referral.record.id);
  const first = batch.referrals[0]!;
  const last = batch.referrals.at(-1)!;
  const kinds = [...new Set(batch.referrals.flatMap((triggered) => triggered.triggers))];
  const count = referralIds.length;
  const draft = draftThankYou({
    office: history.office,
    contacts: contact === undefined ? [] : [contact],
    referrals: batch.referrals.map((triggered) => triggered.referral.record),
    practiceName: ctx.practice.practice.name,
    clinicianNames: signers(batch, ctx),
    policy,
    asOf: ctx,
  });
  return {
    kind: 'send-thank-you',
    officeId: history.office.id,
    contactIds: batch.contactId === undefined ? [] : [batch.contactId],
    due: batch.due,
    priority: 80,
    title: `${sendLineOf(policy.medium)} to ${addressee}${count === 1 ? '' : ` for ${count} referrals`}`,
    anchor: referralIds.join(ANCHOR_SEPARATOR),
    outreach: false,
    explanation: {
      rule: 'thank-you/owed',
      summary: `${count === 1 ? 'A referral' : `${count} referrals`} from ${addressee} (first triggered on ${first.date}: ${kinds.join(', ')}) ${count === 1 ? 'has' : 'have'} not been thanked; the thank-you is due within ${policy.dueWithinBusinessDays} business days, by ${batch.due}.`,
      policy: settings(policy),
      facts: {
        referrals: count,
        firstTriggerDate: first.date,
        lastTriggerDate: last.date,
        triggers: kinds.join(', '),
        addressedTo: batch.contactId ?? null,
        due: batch.due,
      },
      evidence: referralIds.map((id): RecordRef => ({ kind: 'referral', id })),
    },
    details: {
      referralIds,
      medium: policy.medium,
      enclosedCards: policy.enclosedCards,
      askForMore: policy.askForMore,
      text: draft.text,
    },
  };
}

/**
 * The counts behind a thank-you score ({@link thankYouScore}).
 *
 * @category Plays
 */
export interface ThankYouScoreResult {
  /** 0–100, or `null` when nothing is left to judge. */
  readonly score: number | null;
  /** The referrals judged, by trigger time. */
  readonly judged: readonly TriggeredReferral[];
  /** Judged and thanked on or before the due date. */
  readonly onTime: number;
  /** Judged and thanked after the due date. */
  readonly late: number;
  /** Judged, past due and not thanked. */
  readonly unthanked: number;
  /** In the window, not thanked, due date not passed: left out. */
  readonly pending: number;
}

/**
 * The thank-you score: of the referrals triggered within `scoreWindowDays`
 * (whole days since the trigger ≤ `scoreWindowDays`), the share thanked on time —
 * by a thank-you whose date is on or before the referral's own due date (its
 * trigger date + `dueWithinBusinessDays` business days) — × 100. A referral not
 * yet thanked whose due date has not passed is pending and left out; `null` when
 * nothing is left to judge.
 *
 * @param triggered - The office's triggered referrals ({@link triggeredReferrals}).
 * @param ctx - Today, the moment, the time zone and the policy's `scoreWindowDays`.
 * @returns The score and the counts behind it.
 * @example
 * ```ts
 * // Four judged referrals, three thanked on time:
 * thankYouScore(triggered, ctx).score; //=> 75
 * ```
 * @category Plays
 */
export function thankYouScore(
  triggered: readonly TriggeredReferral[],
  ctx: Pick<PlayContext<Pick<ThankYouPolicy, 'scoreWindowDays'>>, 'now' | 'today' | 'timeZone' | 'policy'>,
): ThankYouScoreResult {
  let onTime = 0;
  let late = 0;
  let unthanked = 0;
  let pending = 0;
  const judged: TriggeredReferral[] = [];
  for (const entry of triggered) {
    if (wholeDaysBetween(entry.at, ctx.now, ctx.timeZone) > ctx.policy.scoreWindowDays) continue;
    if (entry.acknowledgedBy === undefined) {
      if (compareCalendarDates(ctx.today, entry.due) <= 0) {
        pending += 1;
        continue;
      }
      unthanked += 1;
    } else if (entry.acknowledgedOnTime) onTime += 1;
    else late += 1;
    judged.push(entry);
  }
  return { score: judged.length === 0 ? null : (100 * onTime) / judged.length, judged, onTime, late, unthanked, pending };
}

/** The judged referrals and the thank-yous that acknowledged them, oldest first. */
function evidenceOf(judged: readonly TriggeredReferral[]): RecordRef[] {
  const timed: { ref: RecordRef; at: number }[] = [];
  const thankYous = new Set<Id>();
  for (const triggered of judged) {
    timed.push({ ref: { kind: 'referral', id: triggered.referral.record.id }, at: triggered.referral.at });
    const thankYou = triggered.acknowledgedBy;
    if (thankYou !== undefined && !thankYous.has(thankYou.record.id)) {
      thankYous.add(thankYou.record.id);
      timed.push({ ref: { kind: 'thank-you', id: thankYou.record.id }, at: thankYou.at });
    }
  }
  return oldestFirst(timed);
}

/**
 * Play 9, **thank-you**: acknowledge every referral with a personal, mailed card
 * that encloses business cards and asks for more. Referrals that a trigger makes
 * owe a thank-you (`every-referral`, `first-from-contact`, `milestones`,
 * `first-visit-completed`), that no thank-you lists yet, and whose trigger is
 * within `lookbackDays`, are batched per addressee within `batchWindowDays`; each
 * batch is one *send-thank-you* action (not outreach, priority 80) due
 * `dueWithinBusinessDays` business days after its first trigger, with the drafted
 * text ({@link draftThankYou}) in `details.text`.
 *
 * @example
 * ```ts
 * planActions({ snapshot, playbook: defaultPlaybook, now, plays: [thankYouPlay] })[0]?.details['referralIds'];
 * //=> ['r-1', 'r-2']
 * ```
 * @category Plays
 */
export const thankYouPlay = definePlay({
  id: 'thank-you',
  title: 'Thank you',
  policy: thankYouPolicyDefinition,
  reads: ['contacts', 'referrals', 'thankYous'],

  plan(history, ctx): ActionDraft[] {
    const { policy } = ctx;
    // Owed: not acknowledged, and triggered within the lookback.
    const dayOf = localDayNumbers(ctx.timeZone);
    const today = dayOf(ctx.now);
    const within = (at: number): boolean => today - dayOf(at) <= policy.lookbackDays;
    // Where facts are shared, the score's list of every triggered referral is worked
    // out here once and filtered; elsewhere only the owed ones are dated.
    const owed = isSharingFacts()
      ? sharedTriggeredReferrals(history, policy, ctx).filter(
          (triggered) => triggered.acknowledgedBy === undefined && within(triggered.at),
        )
      : collectTriggered(history, policy, ctx, { within, since: lookbackSince(ctx.now, policy.lookbackDays) });
    return batchThankYous(owed, policy, ctx.timeZone).map((batch) => draftFor(history, batch, ctx));
  },

  score(history, ctx): PlayScore {
    const { policy } = ctx;
    const result = thankYouScore(sharedTriggeredReferrals(history, policy, ctx), ctx);
    const window = `in the last ${policy.scoreWindowDays} days`;
    const reasons: string[] = [];
    if (result.score === null) {
      reasons.push(
        result.pending === 0
          ? `no referral to thank ${window}`
          : `nothing to judge yet: ${result.pending} thank-you${result.pending === 1 ? ' is' : 's are'} not yet due`,
      );
    } else {
      reasons.push(
        `${result.onTime} of ${result.judged.length} referrals ${window} thanked within ${policy.dueWithinBusinessDays} business days`,
      );
      if (result.late > 0) reasons.push(`${result.late} thanked late`);
      if (result.unthanked > 0) reasons.push(`${result.unthanked} never thanked`);
      if (result.pending > 0) reasons.push(`${result.pending} not yet due`);
    }
    return {
      score: result.score,
      reasons,
      facts: {
        judged: result.judged.length,
        onTime: result.onTime,
        late: result.late,
        unthanked: result.unthanked,
        pending: result.pending,
      },
      evidence: evidenceOf(result.judged),
    };
  },
});
