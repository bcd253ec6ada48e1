import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { defaultPlaybook, type Playbook } from '../../playbook/playbook';
import { beAResourcePlay } from './play';
import { defaultBeAResourcePolicy, type BeAResourcePolicy } from './policy';
import { lastResourceFacts, recentRedirects, withRedirects } from './facts';
import { isResourceContact, resourceFacts } from './resource';

const NOW = '2026-03-02T18:00:00Z'; // Monday, noon in Chicago
const plays = [beAResourcePlay];

/** A scenario whose last contact (a plain follow-up 40 days ago) is outside the nuisance floor. */
const office = () => scenario().office('o').touch('visit', 'o', daysBefore(NOW, 40));

function planOf(build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook) {
  return planActions({ snapshot: build.build(), playbook, now: NOW, plays });
}

function withPolicy(patch: Partial<BeAResourcePolicy>): Playbook {
  return {
    ...defaultPlaybook,
    plays: { ...defaultPlaybook.plays, 'be-a-resource': { ...defaultBeAResourcePolicy, ...patch } },
  };
}

/** A referral declined `daysAgo` days before NOW and redirected elsewhere. */
function redirected(daysAgo: number, redirectedTo: string | null) {
  return {
    intake: [
      {
        status: 'declined' as const,
        at: daysBefore(NOW, daysAgo),
        reason: 'outside our scope',
        ...(redirectedTo === null ? {} : { redirectedTo }),
      },
    ],
    receivedAt: daysBefore(NOW, daysAgo + 1),
  };
}

function withRedirect(
  build: ReturnType<typeof scenario>,
  id: string,
  daysAgo: number,
  redirectedTo: string | null = 'Riverside Eating Disorders Program',
) {
  const { receivedAt, intake } = redirected(daysAgo, redirectedTo);
  return build.referral(id, 'o', receivedAt, { intake });
}

describe('be-a-resource: make the relationship mutual', () => {
  it('an office offered nothing in a year gets an offer-resource action', () => {
    const build = office().touch('talk', 'o', daysBefore(NOW, 400), { purposes: ['staff-meeting-talk'] });
    const actions = planOf(build);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      play: 'be-a-resource',
      kind: 'offer-resource',
      officeId: 'o',
      contactIds: [],
      due: '2026-03-02',
      priority: 30,
      title: 'Offer Office o an in-service training, a talk at a staff meeting or the consult line for referral questions',
      details: { offers: ['in-service', 'staff-meeting-talk', 'consult-line'] },
      explanation: {
        rule: 'be-a-resource/offer-lapsed',
        summary:
          'The last offer of help to Office o was 400 days ago (2025-01-26); offer help at least every 365 days.',
        policy: { offerEveryDays: 365, offers: ['in-service', 'staff-meeting-talk', 'consult-line'] },
        facts: { lastResourceDate: '2025-01-26', daysSince: 400, redirects: 0 },
        evidence: [{ kind: 'touchpoint', id: 'talk' }],
      },
    });
  });

  it('an office never offered anything gets an offer-resource action anchored on "never"', () => {
    const [action] = planOf(office());
    expect(action).toMatchObject({
      explanation: { rule: 'be-a-resource/never-offered', facts: { lastResourceDate: null, daysSince: null }, evidence: [] },
    });
  });

  it('an office offered help 200 days ago gets nothing', () => {
    expect(planOf(office().touch('in-service', 'o', daysBefore(NOW, 200), { purposes: ['in-service'] }))).toEqual([]);
  });

  it('is due on the day offerEveryDays is reached, not before', () => {
    const at = (days: number) => planOf(office().touch('offer', 'o', daysBefore(NOW, days), { purposes: ['resource-offer'] }));
    expect(at(364)).toEqual([]);
    expect(at(365)).toHaveLength(1);
  });

  it('counts resource purposes and listed resources as resource contacts, nothing else', () => {
    expect(isResourceContact({ purposes: ['resource-offer'] })).toBe(true);
    expect(isResourceContact({ purposes: ['in-service'] })).toBe(true);
    expect(isResourceContact({ purposes: ['follow-up', 'staff-meeting-talk'] })).toBe(true);
    expect(isResourceContact({ purposes: ['follow-up'], resources: ['consult-line'] })).toBe(true);
    expect(isResourceContact({ purposes: ['follow-up'], resources: [] })).toBe(false);
    expect(isResourceContact({ purposes: ['ask', 'educate', 'collateral-drop'] })).toBe(false);
    expect(planOf(office().touch('consult', 'o', daysBefore(NOW, 60), { resources: ['consult-line'] }))).toEqual([]);
  });

  it('offers what the policy lists', () => {
    const [action] = planOf(office(), withPolicy({ offers: ['consult-line'] }));
    expect(action).toMatchObject({
      title: 'Offer Office o the consult line for referral questions',
      details: { offers: ['consult-line'] },
    });
  });

  it('still proposes an offer when only a redirected referral was recent, and counts the redirect in its facts', () => {
    const [action] = planOf(withRedirect(office(), 'r1', 100));
    expect(action?.explanation.facts).toEqual({ lastResourceDate: null, daysSince: null, redirects: 1 });
  });

  it('keeps the action id while nothing changes and renews it after a new offer lapses', () => {
    const build = office().touch('old', 'o', daysBefore(NOW, 500), { purposes: ['in-service'] });
    const first = planOf(build)[0]!.id;
    expect(planOf(build)[0]!.id).toBe(first);
    const later = planOf(build.touch('newer', 'o', daysBefore(NOW, 380), { purposes: ['in-service'] }))[0]!.id;
    expect(later).not.toBe(first);
  });

  it('holds the offer back inside the follow-up nuisance floor (it is outreach)', () => {
    expect(planOf(scenario().office('o').touch('visit', 'o', daysBefore(NOW, 5)))).toEqual([]);
  });

  it('ignores resource contacts after now', () => {
    const [action] = planOf(office().touch('future', 'o', daysBefore(NOW, -10), { purposes: ['in-service'] }));
    expect(action?.explanation.rule).toBe('be-a-resource/never-offered');
  });
});

describe('resourceFacts', () => {
  const ctx = { now: Date.parse(NOW), timeZone: 'America/Chicago' };

  it('counts redirects declined within offerEveryDays, oldest first, and only redirected declines', () => {
    let build = withRedirect(office(), 'recent', 10);
    build = withRedirect(build, 'older', 300);
    build = withRedirect(build, 'too-old', 365);
    build = withRedirect(build, 'not-redirected', 20, null);
    const facts = resourceFacts(build.history('o'), defaultBeAResourcePolicy, ctx);
    expect(facts.redirects.map((redirect) => [redirect.referral.record.id, redirect.redirectedTo])).toEqual([
      ['older', 'Riverside Eating Disorders Program'],
      ['recent', 'Riverside Eating Disorders Program'],
    ]);
  });

  it('finds the last resource contact and counts whole days in the practice time zone', () => {
    // 2026-02-28 23:30 CST to 2026-03-02 noon: 2 calendar days.
    const build = office()
      .touch('a', 'o', daysBefore(NOW, 30), { purposes: ['in-service'] })
      .touch('b', 'o', '2026-03-01T05:30:00Z', { purposes: ['resource-offer'] })
      .touch('c', 'o', daysBefore(NOW, 1), { purposes: ['follow-up'] });
    const facts = resourceFacts(build.history('o'), defaultBeAResourcePolicy, ctx);
    expect([facts.lastResource?.record.id, facts.lastResourceDate, facts.daysSince, facts.recent]).toEqual([
      'b',
      '2026-02-28',
      2,
      true,
    ]);
  });
});

describe('withRedirects', () => {
  const ctx = { now: Date.parse(NOW), timeZone: 'America/Chicago' };

  it('is the last resource facts with the recent redirects, every field and nothing more', () => {
    const build = withRedirect(office().touch('t', 'o', daysBefore(NOW, 400), { purposes: ['in-service'] }), 'r1', 30);
    const history = build.history('o');
    const last = lastResourceFacts(history, defaultBeAResourcePolicy, ctx);
    const facts = withRedirects(last, history, defaultBeAResourcePolicy, ctx);
    expect(facts).toStrictEqual({ ...last, redirects: recentRedirects(history, defaultBeAResourcePolicy, ctx) });
    expect(Object.keys(facts)).toEqual(['lastResource', 'lastResourceDate', 'daysSince', 'recent', 'redirects']);
    expect(facts.redirects).toHaveLength(1);
  });
});

describe('be-a-resource score', () => {
  const componentOf = (build: ReturnType<typeof scenario>) =>
    scoreRelationship(build.history('o'), defaultPlaybook, NOW, { plays }).components[0]!;

  it('is 100 with a resource contact within offerEveryDays', () => {
    const component = componentOf(office().touch('t', 'o', daysBefore(NOW, 364), { purposes: ['in-service'] }));
    expect(component).toMatchObject({
      score: 100,
      reasons: ['last offer of help 364 days ago (2025-03-03); full marks within 365 days'],
      facts: { lastResourceDate: '2025-03-03', daysSince: 364, redirects: 0 },
      evidence: [{ kind: 'touchpoint', id: 't' }],
    });
  });

  it('is 0 when the last resource contact is offerEveryDays old or more', () => {
    expect(componentOf(office().touch('t', 'o', daysBefore(NOW, 365), { purposes: ['in-service'] })).score).toBe(0);
  });

  it('is 0, not null, when nothing was ever offered', () => {
    expect(componentOf(office())).toMatchObject({ score: 0, reasons: ['nothing ever offered'] });
  });

  it('is 100 when a declined referral was redirected to care elsewhere within offerEveryDays', () => {
    const component = componentOf(
      withRedirect(office().touch('t', 'o', daysBefore(NOW, 500), { purposes: ['in-service'] }), 'r1', 30),
    );
    expect(component).toMatchObject({
      score: 100,
      reasons: [
        'last offer of help 500 days ago (2024-10-18); full marks within 365 days',
        '1 declined referral redirected to care elsewhere within 365 days',
      ],
      facts: { redirects: 1 },
      evidence: [
        { kind: 'touchpoint', id: 't' },
        { kind: 'referral', id: 'r1' },
      ],
    });
  });

  it('does not count a decline without a redirect', () => {
    expect(componentOf(withRedirect(office(), 'r1', 30, null)).score).toBe(0);
  });
});
