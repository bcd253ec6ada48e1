import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import type { Channel } from '../../model/vocabulary';
import { defaultPlaybook } from '../../playbook/playbook';
import { faceToFacePlay, trustScore } from './play';
import { defaultFaceToFacePolicy } from './policy';
import { trust } from './trust';

const NOW = '2026-03-02T18:00:00Z'; // Monday 2026-03-02, noon in Chicago
const plays = [faceToFacePlay];
const ctx = { now: Date.parse(NOW), timeZone: 'America/Chicago' };

type Builder = ReturnType<typeof scenario>;

function planOf(build: Builder, now = NOW) {
  return planActions({ snapshot: build.build(), playbook: defaultPlaybook, now, plays });
}

const scoreOf = (build: Builder, now = NOW) =>
  scoreRelationship(build.history('o'), defaultPlaybook, now, { plays }).components[0]!;

/** An office with one touchpoint per [channel, days ago]. */
function touched(...touches: [Channel, number][]) {
  const build = scenario().office('o');
  touches.forEach(([channel, days], i) => build.touch(`t${i + 1}`, 'o', daysBefore(NOW, days), { channel }));
  return build;
}

describe('face-to-face: in-person contact builds trust', () => {
  it('an office with no in-person contact within 180 days gets a visit action', () => {
    const build = scenario()
      .office('o', { name: 'Lakeside' })
      .contact('doc', 'o', 'physician')
      .contact('np', 'o', 'nurse-practitioner')
      .contact('pa-gone', 'o', 'physician-assistant', { active: false })
      .contact('desk', 'o', 'receptionist')
      .touch('visit', 'o', daysBefore(NOW, 200))
      .touch('call', 'o', daysBefore(NOW, 40), { channel: 'phone' });
    const actions = planOf(build);
    expect(actions).toHaveLength(1);
    // 1 × 0.5^(200/90) + 0.4 × 0.5^(40/90) = 0.2143 + 0.2947 = 0.509
    const expectedTrust = 0.5 ** (200 / 90) + 0.4 * 0.5 ** (40 / 90);
    expect(actions[0]).toMatchObject({
      play: 'face-to-face',
      kind: 'visit',
      officeId: 'o',
      contactIds: ['doc', 'np'],
      due: '2026-02-10', // last visit 2025-08-14 + 180 days
      priority: 70,
      title: 'Visit Lakeside in person',
      explanation: {
        rule: 'face-to-face/visit-due',
        summary:
          'The last in-person contact with Lakeside was 200 days ago (2025-08-14); the policy asks for one within 180 days, and its trust is 0.51 of 4 for full marks.',
        policy: { visitWithinDays: 180, trustHalfLifeDays: 90, trustSaturation: 4 },
        facts: { daysSinceInPerson: 200, lastInPersonDate: '2025-08-14' },
        evidence: [{ kind: 'touchpoint', id: 'visit' }],
      },
    });
    expect(actions[0]!.explanation.facts['trust']).toBeCloseTo(expectedTrust, 12);
  });

  it('one visited 179 days ago needs no visit yet; at 180 days it does', () => {
    expect(planOf(touched(['in-person', 179]))).toEqual([]);
    const [action] = planOf(touched(['in-person', 180]));
    expect(action?.due).toBe('2026-03-02');
  });

  it('a phone call, video or email does not replace a visit', () => {
    const [action] = planOf(touched(['in-person', 300], ['video', 50], ['email', 45], ['phone', 31]));
    expect(action?.explanation.evidence).toEqual([{ kind: 'touchpoint', id: 't1' }]);
  });

  it('an office never met in person gets a first visit, due today, a little lower in priority', () => {
    const [action] = planOf(touched(['phone', 60]));
    expect(action).toMatchObject({
      due: '2026-03-02',
      priority: 65,
      explanation: {
        rule: 'face-to-face/never-visited',
        summary: 'Office o has never been visited in person; its trust is 0.25 of 4 for full marks.', // 0.4 × 0.5^(60/90) = 0.252
        facts: { daysSinceInPerson: null, lastInPersonDate: null },
        evidence: [],
      },
    });
  });

  it('visiting is outreach: not proposed within the follow-up nuisance floor', () => {
    expect(planOf(touched(['in-person', 400], ['email', 10]))).toEqual([]);
  });

  it('ignores visits after now', () => {
    const [action] = planOf(touched(['in-person', 200], ['in-person', -3]));
    expect(action?.explanation.evidence).toEqual([{ kind: 'touchpoint', id: 't1' }]);
  });

  it('keeps the visit id while nothing changes and renews it after the next visit', () => {
    const base = touched(['in-person', 300]);
    const first = planOf(base)[0]!.id;
    expect(planOf(base)[0]!.id).toBe(first);
    base.touch('t2', 'o', daysBefore(NOW, 200));
    expect(planOf(base)[0]!.id).not.toBe(first);
  });
});

describe('trust', () => {
  const trustOf = (build: Builder, now = ctx.now) =>
    trust(build.history('o'), defaultFaceToFacePolicy, { ...ctx, now });

  it('a phone call builds less trust than a visit', () => {
    expect(trustOf(touched(['in-person', 0]))).toBe(1);
    expect(trustOf(touched(['video', 0]))).toBe(0.6);
    expect(trustOf(touched(['phone', 0]))).toBe(0.4);
    expect(trustOf(touched(['email', 0]))).toBe(0.15);
    expect(trustOf(touched(['fax', 0]))).toBe(0.15);
  });

  it('halves every 90 days', () => {
    expect(trustOf(touched(['in-person', 90]))).toBe(0.5);
    expect(trustOf(touched(['in-person', 180]))).toBe(0.25);
    expect(trustOf(touched(['in-person', 45]))).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('adds up every touchpoint', () => {
    // 1 × 1 + 0.6 × 0.5 + 0.15 × 0.25 = 1 + 0.3 + 0.0375 = 1.3375
    expect(trustOf(touched(['in-person', 0], ['video', 90], ['email', 180]))).toBe(1.3375);
  });

  it('is 0 without touchpoints, and ignores touchpoints after now', () => {
    expect(trustOf(scenario().office('o'))).toBe(0);
    expect(trustOf(touched(['in-person', -1]))).toBe(0);
  });

  it('counts ages in whole days of the practice time zone, not 24-hour periods', () => {
    // 2025-12-01 23:30 CST → 2026-03-01 00:30 CST: 90 calendar days, only 89 × 24 h + 1 h.
    const build = scenario().office('o').touch('t', 'o', '2025-12-02T05:30:00Z');
    expect(trustOf(build, Date.parse('2026-03-01T06:30:00Z'))).toBe(0.5);
  });

  it('follows the policy weights and half-life', () => {
    const policy = { channelWeights: { ...defaultFaceToFacePolicy.channelWeights, phone: 0.8 }, trustHalfLifeDays: 30 };
    expect(trust(touched(['phone', 60]).history('o'), policy, ctx)).toBe(0.2); // 0.8 × 0.5^(60/30)
  });
});

describe('face-to-face score', () => {
  it('is 100 × trust / 4, capped at 100', () => {
    expect(scoreOf(touched(['in-person', 0])).score).toBe(25); // 100 × 1 / 4
    expect(scoreOf(touched(['phone', 0])).score).toBe(10); // 100 × 0.4 / 4
    expect(scoreOf(touched(['in-person', 90])).score).toBe(12.5); // 100 × 0.5 / 4
    expect(scoreOf(touched(['in-person', 180])).score).toBe(6.3); // 100 × 0.25 / 4 = 6.25 → 6.3
    expect(scoreOf(touched(['in-person', 0], ['video', 90], ['email', 180])).score).toBe(33.4); // 33.4375
    const five = touched(['in-person', 0], ['in-person', 1], ['in-person', 2], ['in-person', 3], ['in-person', 4]);
    expect(scoreOf(five).score).toBe(100); // trust ≈ 4.85 > 4
  });

  it('is 0 for an office never contacted', () => {
    const component = scoreOf(scenario().office('o'));
    expect(component.score).toBe(0);
    expect(component.reasons).toEqual(['no touchpoints yet: no trust built', 'never met in person']);
  });

  it('explains itself', () => {
    const component = scoreOf(touched(['in-person', 90], ['phone', 0]));
    // 1 × 0.5 + 0.4 × 1 = 0.9 → 100 × 0.9 / 4 = 22.5
    expect(component.score).toBe(22.5);
    expect(component.reasons).toEqual([
      'trust 0.9 from 2 touchpoints (1 in person); full marks at 4, each touchpoint counting half after 90 days',
      'last in-person contact 90 days ago; a visit is wanted within 180 days',
    ]);
    expect(component.facts).toEqual({ trust: 0.9, touchpoints: 2, inPersonTouchpoints: 1, daysSinceInPerson: 90 });
    expect(component.evidence).toEqual([
      { kind: 'touchpoint', id: 't1' },
      { kind: 'touchpoint', id: 't2' },
    ]);
  });

  it('trustScore is the formula on its own', () => {
    expect(trustScore(2, defaultFaceToFacePolicy)).toBe(50);
    expect(trustScore(6, defaultFaceToFacePolicy)).toBe(100);
    expect(trustScore(1, { trustSaturation: 2 })).toBe(50);
  });
});
