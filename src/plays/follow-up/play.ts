import { match } from 'ts-pattern';
import { answerTable } from '../../model/answer-table';
import { definePlay, type ActionDraft, type PlayScore } from '../play';
import { followUpPolicyDefinition, type FollowUpPolicy } from './policy';
import { followUpFacts, followUpStatuses, type FollowUpFacts, type FollowUpStatus } from './status';

/** The policy values every follow-up explanation shows. */
function cadence(policy: FollowUpPolicy) {
  return {
    nuisanceFloorDays: policy.nuisanceFloorDays,
    dueSoonDays: policy.dueSoonDays,
    targetDays: policy.targetDays,
    overdueDays: policy.overdueDays,
    lapsedDays: policy.lapsedDays,
  };
}

/**
 * The follow-up score: 100 up to `targetDays` since the last contact, falling in a
 * straight line to 0 at `lapsedDays`; 0 when never contacted.
 *
 * @param facts - The office's follow-up facts.
 * @param policy - The follow-up policy.
 * @returns 0–100.
 * @example
 * ```ts
 * followUpScore({ ...facts, daysSince: 135 }, defaultFollowUpPolicy); //=> 50
 * ```
 * @category Plays
 */
export function followUpScore(facts: Pick<FollowUpFacts, 'daysSince'>, policy: FollowUpPolicy): number {
  const d = facts.daysSince;
  if (d === null) return 0;
  if (d <= policy.targetDays) return 100;
  if (d >= policy.lapsedDays) return 0;
  return (100 * (policy.lapsedDays - d)) / (policy.lapsedDays - policy.targetDays);
}

/** The priority of a follow-up action by status; `null`: no action. */
function statusPriority(status: FollowUpStatus): number | null {
  return match(status)
    .with('never-contacted', 'too-soon', 'on-track', () => null)
    .with('due-soon', () => 40)
    .with('due', () => 60)
    .with('overdue', () => 75)
    .with('lapsed', () => 90)
    .exhaustive();
}

/**
 * {@link statusPriority}, its answer for every status worked out once: the play
 * asks it of every office.
 */
const priorityOf = answerTable(followUpStatuses, statusPriority);

/**
 * Play 6, **follow-up**: keep in touch about every three months. An office due,
 * overdue or lapsed gets a *follow-up* action (due on last contact +
 * `targetDays`); one coming due gets it ahead of time; one never contacted gets
 * an introduction; inside the nuisance floor nothing is proposed.
 *
 * @category Plays
 */
export const followUpPlay = definePlay({
  id: 'follow-up',
  title: 'Follow up',
  policy: followUpPolicyDefinition,
  reads: ['touchpoints'],
  outreachOnly: true,

  plan(history, ctx): ActionDraft[] {
    const { policy } = ctx;
    const facts = followUpFacts(history, policy, ctx.now, ctx.timeZone);
    const name = history.office.name;
    const base = {
      kind: 'follow-up',
      officeId: history.office.id,
      outreach: true,
      anchor: facts.lastContact?.record.id ?? 'never',
    };
    if (facts.lastContact === undefined) {
      return [
        {
          ...base,
          contactIds: [],
          due: ctx.today,
          priority: 60,
          title: `Introduce the practice to ${name}`,
          explanation: {
            rule: 'follow-up/never-contacted',
            summary: `${name} has never been contacted.`,
            policy: cadence(policy),
            facts: { status: facts.status, daysSince: null },
            evidence: [],
          },
        },
      ];
    }
    const priority = priorityOf(facts.status);
    if (priority === null) return [];
    const last = facts.lastContact.record;
    return [
      {
        ...base,
        contactIds: last.contactIds,
        due: facts.nextDue!,
        priority,
        title: `Follow up with ${name}`,
        explanation: {
          rule: `follow-up/${facts.status}`,
          summary: `Last contact with ${name} was ${facts.daysSince} days ago (${facts.lastContactDate}, ${last.channel}); the target is every ${policy.targetDays} days.`,
          policy: cadence(policy),
          facts: {
            status: facts.status,
            daysSince: facts.daysSince,
            lastContactDate: facts.lastContactDate,
            nextDue: facts.nextDue,
          },
          evidence: [{ kind: 'touchpoint', id: last.id }],
        },
      },
    ];
  },

  score(history, ctx): PlayScore {
    const facts = followUpFacts(history, ctx.policy, ctx.now, ctx.timeZone);
    const score = followUpScore(facts, ctx.policy);
    return {
      score,
      reasons: [
        facts.daysSince === null
          ? 'never contacted'
          : `last contact ${facts.daysSince} days ago (${facts.status}); full marks up to ${ctx.policy.targetDays} days, none from ${ctx.policy.lapsedDays}`,
      ],
      facts: { status: facts.status, daysSince: facts.daysSince },
      evidence: facts.lastContact ? [{ kind: 'touchpoint', id: facts.lastContact.record.id }] : [],
    };
  },
});
