import { toCalendarDate } from '../../calendar/dates';
import type { RecordRef } from '../../engine/action';
import { activeContactIds } from '../contacts';
import { plural } from '../english';
import { roundScore } from '../round-score';
import { definePlay, type ActionDraft, type PlayScore } from '../play';
import { strongReferralsPolicyDefinition } from './policy';
import { coachingFor, type ReferralGrade } from './strength';
import { referralStrengthFacts, type ScoredReferral } from './weak-referrals';

/** One decimal, as the engine rounds published scores. */

/**
 * The strong-referrals score: the mean strength score (0–100) of the office's
 * referrals received within `lookbackDays`; `null` when there are none.
 *
 * @param recent - The scored recent referrals.
 * @returns The mean, or `null`.
 * @example
 * ```ts
 * strongReferralsScore([{ entry, strength: { ...strength, score: 30 } }, { entry, strength: { ...strength, score: 100 } }]);
 * //=> 65
 * ```
 * @category Plays
 */
export function strongReferralsScore(recent: readonly Pick<ScoredReferral, 'strength'>[]): number | null {
  if (recent.length === 0) return null;
  return recent.reduce((sum, scored) => sum + scored.strength.score, 0) / recent.length;
}

/**
 * Play 4, **strong-referrals**: teach offices to refer strongly — an order on an
 * official prescription pad, a call to the practice while the patient is still in
 * their office, a clinician recommended by name. Each referral is scored against
 * the checklist ({@link referralStrength}). Once an office has sent
 * `coachAfterWeakReferrals` weak referrals within `lookbackDays` since it was last
 * coached (a touchpoint with the purpose `coach`), it gets a *coach* action naming
 * the items missing most often, due today.
 *
 * @example
 * ```ts
 * const [action] = planActions({ snapshot, playbook: defaultPlaybook, now, plays: [strongReferralsPlay] });
 * action?.details.coaching;
 * //=> 'Next time, ask them to call our office while the patient is still there and to recommend a clinician by name.'
 * ```
 * @category Plays
 */
export const strongReferralsPlay = definePlay({
  id: 'strong-referrals',
  title: 'Strong referrals',
  policy: strongReferralsPolicyDefinition,
  reads: ['contacts', 'touchpoints', 'referrals'],
  // Plan and score read only coaching touchpoints (the last one).
  readsTouchpoint: (touchpoint) => touchpoint.purposes.includes('coach'),
  outreachOnly: true,

  plan(history, ctx): ActionDraft[] {
    const { policy } = ctx;
    const facts = referralStrengthFacts(history, policy, ctx.now, ctx.timeZone);
    const weak = facts.weakSinceCoaching;
    if (weak.length === 0 || weak.length < policy.coachAfterWeakReferrals) return [];
    const name = history.office.name;
    const latest = weak.at(-1)!;

    const active = activeContactIds(history);
    const contactIds = [...new Set(weak.flatMap((scored) => scored.entry.record.contactIds))]
      .filter((id) => active.has(id))
      .sort();

    const byId = new Map(policy.checklist.map((item) => [item.id, item]));
    const coaching = coachingFor(facts.missingItems.map((missing) => byId.get(missing.id)!));
    const missingText = facts.missingItems.map((item) => `${item.label} (${item.count} of ${weak.length})`).join(', ');
    const lastCoachingDate =
      facts.lastCoaching === undefined ? null : toCalendarDate(facts.lastCoaching.at, ctx.timeZone);
    const since =
      lastCoachingDate === null ? `in the last ${policy.lookbackDays} days` : `since the last coaching on ${lastCoachingDate}`;

    const evidence: RecordRef[] = [
      ...(facts.lastCoaching === undefined ? [] : [{ kind: 'touchpoint' as const, id: facts.lastCoaching.record.id }]),
      ...weak.map((scored) => ({ kind: 'referral' as const, id: scored.entry.record.id })),
    ];

    return [
      {
        kind: 'coach',
        officeId: history.office.id,
        contactIds,
        due: ctx.today,
        priority: 55,
        title: `Coach ${name} on making strong referrals`,
        explanation: {
          rule: 'strong-referrals/weak-referrals',
          summary: `${name} sent ${weak.length} weak referrals (under ${policy.weakBelow} points) ${since}; most often missing: ${missingText}.`,
          policy: {
            weakBelow: policy.weakBelow,
            coachAfterWeakReferrals: policy.coachAfterWeakReferrals,
            lookbackDays: policy.lookbackDays,
          },
          facts: {
            weakReferrals: weak.length,
            recentReferrals: facts.recent.length,
            lastCoachingDate,
            latestWeakReferralDate: toCalendarDate(latest.entry.at, ctx.timeZone),
          },
          evidence,
        },
        anchor: latest.entry.record.id,
        outreach: true,
        details: {
          missingItems: facts.missingItems,
          coaching,
          weakReferrals: weak.map((scored) => ({
            referralId: scored.entry.record.id,
            score: scored.strength.score,
            missing: scored.strength.missing,
          })),
        },
      },
    ];
  },

  score(history, ctx): PlayScore {
    const { policy } = ctx;
    const facts = referralStrengthFacts(history, policy, ctx.now, ctx.timeZone);
    const score = strongReferralsScore(facts.recent);
    const evidence: RecordRef[] = facts.recent.map((scored) => ({ kind: 'referral', id: scored.entry.record.id }));
    if (score === null) {
      return {
        score: null,
        reasons: [`no referrals in the last ${policy.lookbackDays} days`],
        facts: { referrals: 0 },
        evidence,
      };
    }
    const grades: Record<ReferralGrade, number> = { strong: 0, moderate: 0, weak: 0 };
    for (const scored of facts.recent) grades[scored.strength.grade] += 1;
    const n = facts.recent.length;
    const reasons = [
      `mean strength ${roundScore(score)} over ${plural(n, 'referral')} in the last ${policy.lookbackDays} days: ${grades.strong} strong, ${grades.moderate} moderate, ${grades.weak} weak`,
    ];
    const missed = policy.checklist
      .map((item) => ({ item, count: facts.recent.filter((scored) => scored.strength.missing.includes(item.id)).length }))
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count)[0];
    if (missed !== undefined) reasons.push(`most often missing: ${missed.item.label} (${missed.count} of ${n})`);
    return {
      score,
      reasons,
      facts: { referrals: n, meanStrength: score, strong: grades.strong, moderate: grades.moderate, weak: grades.weak },
      evidence,
    };
  },
});
