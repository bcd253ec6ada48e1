import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { defaultPlaybook } from '../../playbook/playbook';
import { followUpPlay } from './play';

const NOW = '2026-03-02T18:00:00Z'; // noon in Chicago
const plays = [followUpPlay];

function planOf(build: ReturnType<typeof scenario>) {
  return planActions({ snapshot: build.build(), playbook: defaultPlaybook, now: NOW, plays });
}

describe('follow-up: follow up about every three months', () => {
  it('an office last visited 100 days ago is due for a follow-up', () => {
    const actions = planOf(scenario().office('o').contact('c', 'o', 'physician').touch('t', 'o', daysBefore(NOW, 100), { contactIds: ['c'] }));
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      play: 'follow-up',
      kind: 'follow-up',
      officeId: 'o',
      contactIds: ['c'],
      due: '2026-02-20', // last contact 2025-11-22 + 90 days
      explanation: {
        rule: 'follow-up/due',
        facts: { status: 'due', daysSince: 100, lastContactDate: '2025-11-22', nextDue: '2026-02-20' },
        evidence: [{ kind: 'touchpoint', id: 't' }],
      },
    });
  });

  it('one contacted 20 days ago gets no action, because it is inside the nuisance floor', () => {
    expect(planOf(scenario().office('o').touch('t', 'o', daysBefore(NOW, 20)))).toEqual([]);
  });

  it('one contacted 50 days ago is on track and gets nothing', () => {
    expect(planOf(scenario().office('o').touch('t', 'o', daysBefore(NOW, 50)))).toEqual([]);
  });

  it('one coming due (80 days) is proposed ahead, due on day 90', () => {
    const [action] = planOf(scenario().office('o').touch('t', 'o', daysBefore(NOW, 80)));
    expect(action?.explanation.rule).toBe('follow-up/due-soon');
    expect(action?.due).toBe('2026-03-12');
  });

  it('ranks lapsed above overdue above due', () => {
    const actions = planOf(
      scenario()
        .office('due')
        .office('overdue')
        .office('lapsed')
        .touch('t1', 'due', daysBefore(NOW, 95))
        .touch('t2', 'overdue', daysBefore(NOW, 130))
        .touch('t3', 'lapsed', daysBefore(NOW, 200)),
    );
    expect(actions.map((a) => [a.officeId, a.priority])).toEqual([
      ['lapsed', 90],
      ['overdue', 75],
      ['due', 60],
    ]);
  });

  it('an office never contacted gets an introduction', () => {
    const [action] = planOf(scenario().office('o'));
    expect(action).toMatchObject({ explanation: { rule: 'follow-up/never-contacted' }, due: '2026-03-02' });
  });

  it('counts only the channels and purposes the policy names', () => {
    const playbook = {
      ...defaultPlaybook,
      plays: { ...defaultPlaybook.plays, 'follow-up': { ...defaultPlaybook.plays['follow-up'], countingChannels: ['in-person'] as const } },
    };
    const snapshot = scenario()
      .office('o')
      .touch('visit', 'o', daysBefore(NOW, 100))
      .touch('email', 'o', daysBefore(NOW, 10), { channel: 'email' })
      .build();
    const [action] = planActions({ snapshot, playbook, now: NOW, plays });
    expect(action?.explanation.evidence).toEqual([{ kind: 'touchpoint', id: 'visit' }]);
  });

  it('ignores touchpoints after now', () => {
    const [action] = planOf(scenario().office('o').touch('t', 'o', daysBefore(NOW, 100)).touch('future', 'o', daysBefore(NOW, -3)));
    expect(action?.explanation.evidence).toEqual([{ kind: 'touchpoint', id: 't' }]);
  });

  it('counts whole days in the practice time zone, not 24-hour periods', () => {
    // 23:30 in Chicago on day 0 and 00:30 on day 30 are 30 calendar days apart, only 29 × 24 h + 1 h.
    const build = scenario().office('o').touch('t', 'o', '2026-01-31T05:30:00Z'); // 2026-01-30 23:30 CST
    const now = '2026-03-01T06:30:00Z'; // 2026-03-01 00:30 CST: 30 days later
    const score = scoreRelationship(build.history('o'), defaultPlaybook, now, { plays });
    expect(score.components[0]?.facts).toEqual({ status: 'on-track', daysSince: 30 });
  });

  it('keeps the action id while nothing changes and renews it after a new contact', () => {
    const base = scenario().office('o').touch('t1', 'o', daysBefore(NOW, 100));
    const first = planOf(base)[0]!.id;
    expect(planOf(base)[0]!.id).toBe(first);
    const after = planActions({
      snapshot: base.touch('t2', 'o', daysBefore(NOW, 95)).build(),
      playbook: defaultPlaybook,
      now: NOW,
      plays,
    });
    expect(after[0]!.id).not.toBe(first);
  });
});

describe('follow-up score', () => {
  const at = (days: number | null) => {
    const build = scenario().office('o');
    if (days !== null) build.touch('t', 'o', daysBefore(NOW, days));
    return scoreRelationship(build.history('o'), defaultPlaybook, NOW, { plays }).components[0]!.score;
  };

  it('is full up to the target, zero from lapsed, linear between', () => {
    expect(at(10)).toBe(100);
    expect(at(90)).toBe(100);
    expect(at(135)).toBe(50);
    expect(at(180)).toBe(0);
    expect(at(400)).toBe(0);
  });

  it('is zero when never contacted', () => {
    expect(at(null)).toBe(0);
  });
});
