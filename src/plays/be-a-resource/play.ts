import type { RecordRef } from '../../engine/action';
import { joinWords } from '../english';
import { definePlay, type ActionDraft, type PlayScore } from '../play';
import { oldestFirst } from '../timeline';
import { lastResourceFacts, withRedirects } from './facts';
import { beAResourcePolicyDefinition, type BeAResourcePolicy } from './policy';
import { describeOffer, isResourceContact, resourceFacts, type ResourceFacts } from './resource';

/**
 * The be-a-resource score: 100 when the office had a resource contact or a
 * redirected referral within `offerEveryDays` (fewer whole days ago), else 0.
 * Never `null`: an office offered nothing is judged, and scores 0.
 *
 * @param facts - The office's be-a-resource facts ({@link resourceFacts}).
 * @returns 0 or 100.
 * @example
 * ```ts
 * beAResourceScore({ recent: false, redirects: [] }); //=> 0
 * beAResourceScore({ recent: true, redirects: [] }); //=> 100
 * ```
 * @category Plays
 */
export function beAResourceScore(facts: Pick<ResourceFacts, 'recent' | 'redirects'>): number {
  return facts.recent || facts.redirects.length > 0 ? 100 : 0;
}

/** The policy values every be-a-resource explanation shows. */
function settings(policy: BeAResourcePolicy) {
  return { offerEveryDays: policy.offerEveryDays, offers: policy.offers };
}

/** The records behind the score: the last resource contact and the redirects, oldest first. */
function evidenceOf(facts: ResourceFacts): RecordRef[] {
  const timed: { ref: RecordRef; at: number }[] = facts.redirects.map((redirect) => ({
    ref: { kind: 'referral', id: redirect.referral.record.id },
    at: redirect.at,
  }));
  if (facts.lastResource !== undefined) {
    timed.push({ ref: { kind: 'touchpoint', id: facts.lastResource.record.id }, at: facts.lastResource.at });
  }
  // Stable: at equal times the redirects keep their order and come first.
  return oldestFirst(timed);
}

/** The facts every be-a-resource explanation shows. */
function factsOf(facts: ResourceFacts) {
  return {
    lastResourceDate: facts.lastResourceDate,
    daysSince: facts.daysSince,
    redirects: facts.redirects.length,
  };
}

/**
 * Play 8, **be-a-resource**: make the relationship mutual. An office with no
 * resource contact (a touchpoint offering or giving help: purpose
 * `resource-offer`, `in-service` or `staff-meeting-talk`, or listing `resources`)
 * within `offerEveryDays` gets an *offer-resource* action (outreach, due today,
 * priority 30) offering `policy.offers`. Referrals declined but redirected to care
 * elsewhere count as being a resource in the score, not in the plan.
 *
 * @example
 * ```ts
 * planActions({ snapshot, playbook: defaultPlaybook, now, plays: [beAResourcePlay] })[0]?.explanation.rule;
 * //=> 'be-a-resource/offer-lapsed'
 * ```
 * @category Plays
 */
export const beAResourcePlay = definePlay({
  id: 'be-a-resource',
  title: 'Be a resource',
  policy: beAResourcePolicyDefinition,
  reads: ['touchpoints', 'referrals'],
  // Plan and score read only resource contacts (the last one).
  readsTouchpoint: isResourceContact,
  outreachOnly: true,

  plan(history, ctx): ActionDraft[] {
    const { policy } = ctx;
    // A recent resource contact means no action: then the referrals need no scan.
    const lastFacts = lastResourceFacts(history, policy, ctx);
    if (lastFacts.recent) return [];
    const facts: ResourceFacts = withRedirects(lastFacts, history, policy, ctx);
    const name = history.office.name;
    const offers = joinWords(policy.offers.map(describeOffer), 'or');
    const last = facts.lastResource;
    return [
      {
        kind: 'offer-resource',
        officeId: history.office.id,
        contactIds: [],
        due: ctx.today,
        priority: 30,
        title: `Offer ${name} ${offers}`,
        anchor: last?.record.id ?? 'never',
        outreach: true,
        explanation: {
          rule: last === undefined ? 'be-a-resource/never-offered' : 'be-a-resource/offer-lapsed',
          summary:
            last === undefined
              ? `Nothing has ever been offered to ${name}; offer help at least every ${policy.offerEveryDays} days.`
              : `The last offer of help to ${name} was ${facts.daysSince} days ago (${facts.lastResourceDate}); offer help at least every ${policy.offerEveryDays} days.`,
          policy: settings(policy),
          facts: factsOf(facts),
          evidence: last === undefined ? [] : [{ kind: 'touchpoint', id: last.record.id }],
        },
        details: { offers: policy.offers },
      },
    ];
  },

  score(history, ctx): PlayScore {
    const { policy } = ctx;
    const facts = resourceFacts(history, policy, ctx);
    const reasons = [
      facts.lastResource === undefined
        ? 'nothing ever offered'
        : `last offer of help ${facts.daysSince} days ago (${facts.lastResourceDate}); full marks within ${policy.offerEveryDays} days`,
    ];
    if (facts.redirects.length > 0) {
      reasons.push(
        `${facts.redirects.length} declined ${facts.redirects.length === 1 ? 'referral' : 'referrals'} redirected to care elsewhere within ${policy.offerEveryDays} days`,
      );
    }
    return { score: beAResourceScore(facts), reasons, facts: factsOf(facts), evidence: evidenceOf(facts) };
  },
});
