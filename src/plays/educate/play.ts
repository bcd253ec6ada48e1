import { match } from 'ts-pattern';
import { toCalendarDate } from '../../calendar/dates';
import { parseInstant } from '../../calendar/instant';
import type { ActionWarning, RecordRef } from '../../engine/action';
import { activeProviderIds } from '../contacts';
import { definePlay, type ActionDraft, type PlayScore } from '../play';
import { checkPracticeMessage, type MessageCheck } from './message';
import { educatePolicyDefinition, type EducatePolicy } from './policy';
import { messageStanding, type MessageStanding } from './standing';

/** The sentence added to an explanation when the current speech is over the limit. */
function tooLongNote(check: MessageCheck): string {
  return `the current elevator speech is ${check.words} words, over the ${check.maxWords}-word limit`;
}

/** The warning an educate action carries when the current speech is over the limit. */
function tooLongWarning(check: MessageCheck, version: number): ActionWarning {
  return {
    code: 'message-too-long',
    message: `The elevator speech of practice message version ${version} is ${check.words} words, over the ${check.maxWords}-word limit: shorten it before presenting it.`,
  };
}

/**
 * The educate score for an office's standing: 100 when it heard the current
 * message version, `staleMessageCredit` × 100 when it heard only an older one, 0
 * when it never heard any.
 *
 * @param standing - What the office has heard.
 * @param policy - The educate policy.
 * @returns 0–100.
 * @example
 * ```ts
 * educateScore('outdated', defaultEducatePolicy); //=> 50
 * ```
 * @category Plays
 */
export function educateScore(standing: MessageStanding, policy: Pick<EducatePolicy, 'staleMessageCredit'>): number {
  return match(standing)
    .with('current', () => 100)
    .with('outdated', () => policy.staleMessageCredit * 100)
    .with('never-heard', () => 0)
    .exhaustive();
}

/**
 * Play 3, **educate**: tell offices concisely who you are, what you do and whom
 * you help best. An office that has not heard the current version of the practice
 * message (no touchpoint presented it; `messageVersion` on touchpoints) gets an
 * *educate* action for its active providers, due today, anchored on the version.
 * Each action carries the elevator speech and its word count, and says when the
 * speech is over `elevatorSpeechMaxWords` (`details.messageTooLong`, and a
 * `message-too-long` warning on the action). Without any practice message the
 * play proposes nothing and scores `null`.
 *
 * @example
 * ```ts
 * const [action] = planActions({ snapshot, playbook: defaultPlaybook, now, plays: [educatePlay] });
 * action?.explanation.rule;
 * //=> 'educate/outdated'
 * ```
 * @category Plays
 */
export const educatePlay = definePlay({
  id: 'educate',
  title: 'Educate',
  policy: educatePolicyDefinition,
  reads: ['contacts', 'touchpoints'],
  outreachOnly: true,
  // Plan and score read only the touchpoints at which the message was delivered.
  readsTouchpoint: (touchpoint) => touchpoint.messageVersion !== undefined,

  plan(history, ctx): ActionDraft[] {
    const message = history.context.currentMessage;
    if (message === undefined) return [];
    const facts = messageStanding(history, message, ctx.now);
    if (facts.standing === 'current') return [];
    const check = checkPracticeMessage(message, ctx.policy);
    const name = history.office.name;
    const heard = facts.heardAt;
    const heardDate = heard === undefined ? null : toCalendarDate(heard.at, ctx.timeZone);
    const publishedDate = toCalendarDate(message.publishedAt, ctx.timeZone);
    const situation = match(facts.standing)
      .with('never-heard', () => `${name} has never heard the practice message; the current version is ${message.version}`)
      .with(
        'outdated',
        () =>
          `${name} last heard version ${facts.heardVersion} of the practice message (${heardDate}); the current version is ${message.version}, published ${publishedDate}`,
      )
      .exhaustive();
    const messageRef: RecordRef = { kind: 'practice-message', id: message.id };
    const evidence: RecordRef[] =
      heard === undefined
        ? [messageRef]
        : heard.at <= parseInstant(message.publishedAt)
          ? [{ kind: 'touchpoint', id: heard.record.id }, messageRef]
          : [messageRef, { kind: 'touchpoint', id: heard.record.id }];
    return [
      {
        kind: 'educate',
        officeId: history.office.id,
        contactIds: activeProviderIds(history),
        due: ctx.today,
        priority: 50,
        title: `Present the practice message (version ${message.version}) to ${name}`,
        explanation: {
          rule: `educate/${facts.standing}`,
          summary: `${situation}${check.tooLong ? `; note that ${tooLongNote(check)}` : ''}.`,
          policy: { elevatorSpeechMaxWords: ctx.policy.elevatorSpeechMaxWords },
          facts: {
            standing: facts.standing,
            currentVersion: message.version,
            heardVersion: facts.heardVersion,
            heardDate,
            speechWords: check.words,
            messageTooLong: check.tooLong,
          },
          evidence,
        },
        anchor: `v${message.version}`,
        outreach: true,
        details: {
          messageVersion: message.version,
          elevatorSpeech: message.elevatorSpeech,
          words: check.words,
          maxWords: check.maxWords,
          messageTooLong: check.tooLong,
        },
        ...(check.tooLong ? { warnings: [tooLongWarning(check, message.version)] } : {}),
      },
    ];
  },

  score(history, ctx): PlayScore {
    const message = history.context.currentMessage;
    if (message === undefined) {
      return { score: null, reasons: ['the practice has no message yet'], facts: {}, evidence: [] };
    }
    const facts = messageStanding(history, message, ctx.now);
    const heard = facts.heardAt;
    const heardDate = heard === undefined ? null : toCalendarDate(heard.at, ctx.timeZone);
    const check = checkPracticeMessage(message, ctx.policy);
    const reason = match(facts.standing)
      .with('current', () => `heard the current practice message (version ${message.version}) on ${heardDate}`)
      .with(
        'outdated',
        () =>
          `heard only version ${facts.heardVersion} (on ${heardDate}), not the current version ${message.version}: ${ctx.policy.staleMessageCredit * 100}% credit`,
      )
      .with('never-heard', () => `has never heard the practice message (current version ${message.version})`)
      .exhaustive();
    return {
      score: educateScore(facts.standing, ctx.policy),
      reasons: check.tooLong ? [reason, tooLongNote(check)] : [reason],
      facts: {
        standing: facts.standing,
        currentVersion: message.version,
        heardVersion: facts.heardVersion,
        heardDate,
        messageTooLong: check.tooLong,
      },
      evidence: heard === undefined ? [] : [{ kind: 'touchpoint', id: heard.record.id }],
    };
  },
});
