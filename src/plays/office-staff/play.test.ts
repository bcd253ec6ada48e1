import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { defaultPlaybook, type Playbook } from '../../playbook/playbook';
import { referralCredit } from './credit';
import { officeStaffPlay, officeStaffScore } from './play';
import { defaultOfficeStaffPolicy, type OfficeStaffPolicy } from './policy';

const NOW = '2026-03-02T18:00:00Z'; // noon in Chicago
const plays = [officeStaffPlay];

function planOf(build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook) {
  return planActions({ snapshot: build.build(), playbook, now: NOW, plays });
}

function withPolicy(patch: Partial<OfficeStaffPolicy>): Playbook {
  return {
    ...defaultPlaybook,
    plays: { ...defaultPlaybook.plays, 'office-staff': { ...defaultPlaybook.plays['office-staff'], ...patch } },
  };
}

/** Elm Street: a physician, a receptionist, a nurse and an office manager who left. */
function elmStreet() {
  return scenario()
    .office('o', { name: 'Elm Street Pediatrics' })
    .contact('dr', 'o', 'physician')
    .contact('rx', 'o', 'receptionist')
    .contact('rn', 'o', 'nurse')
    .contact('om', 'o', 'office-manager', { active: false });
}

describe('office-staff: befriend the staff, not only the providers', () => {
  it('an office whose receptionist was not seen in 90 days gets a befriend-staff action', () => {
    const build = elmStreet()
      .touch('t1', 'o', daysBefore(NOW, 120), { contactIds: ['dr', 'rx'] })
      .touch('t2', 'o', daysBefore(NOW, 40), { contactIds: ['dr'] }); // the physician only
    const actions = planOf(build);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      play: 'office-staff',
      kind: 'befriend-staff',
      officeId: 'o',
      contactIds: ['rn', 'rx'], // the active staff; not the physician, not the manager who left
      due: '2026-03-02',
      priority: 45,
      title: 'Befriend the staff at Elm Street Pediatrics',
      explanation: {
        rule: 'office-staff/staff-not-touched',
        summary:
          'Elm Street Pediatrics has 2 staff contacts on file but no staff member was touched in the last 90 days (last on 2025-11-02); the goal is at least 1 staff relationship touched within 90 days.',
        policy: {
          touchWithinDays: 90,
          minimumStaffRelationships: 1,
          staffRoles: ['nurse', 'medical-assistant', 'receptionist', 'office-manager', 'other'],
        },
        facts: { staffOnFile: 2, staffTouched: 0, lastStaffTouchDate: '2025-11-02', daysSinceLastStaffTouch: 120 },
        evidence: [{ kind: 'touchpoint', id: 't1' }],
      },
      details: { noStaffOnFile: false, staffTouched: [] },
    });
  });

  it('an office whose receptionist was seen 40 days ago gets nothing', () => {
    expect(planOf(elmStreet().touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['rx'] }))).toEqual([]);
  });

  it('a staff touch exactly touchWithinDays ago still counts, one day more does not', () => {
    const at = (days: number) => planOf(elmStreet().touch('t1', 'o', daysBefore(NOW, days), { contactIds: ['rn'] }));
    expect(at(90)).toEqual([]);
    expect(at(91)).toHaveLength(1);
  });

  it('an office with no staff on file gets a befriend-staff action naming nobody', () => {
    const build = scenario()
      .office('o', { name: 'Elm Street Pediatrics' })
      .contact('dr', 'o', 'physician')
      .touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['dr'] });
    const [action] = planOf(build);
    expect(action).toMatchObject({
      kind: 'befriend-staff',
      contactIds: [],
      title: 'Meet the office staff at Elm Street Pediatrics',
      explanation: {
        rule: 'office-staff/no-staff-on-file',
        summary:
          'Elm Street Pediatrics has no office staff on file at all; the goal is at least 1 staff relationship touched within 90 days.',
        facts: { staffOnFile: 0, staffTouched: 0, lastStaffTouchDate: null, daysSinceLastStaffTouch: null },
        evidence: [],
      },
      details: { noStaffOnFile: true, staffTouched: [] },
    });
  });

  it('a staff member who left the office no longer counts', () => {
    const [action] = planOf(elmStreet().touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['om'] }));
    expect(action?.explanation).toMatchObject({
      rule: 'office-staff/staff-not-touched',
      summary:
        'Elm Street Pediatrics has 2 staff contacts on file but no staff member was touched in the last 90 days (never contacted); the goal is at least 1 staff relationship touched within 90 days.',
    });
  });

  it('a drop-off that names nobody is not a staff relationship', () => {
    expect(planOf(elmStreet().touch('t1', 'o', daysBefore(NOW, 40), { purposes: ['collateral-drop'] }))).toHaveLength(1);
  });

  it('an office with fewer staff touched than the minimum gets an action naming all its staff', () => {
    const build = elmStreet().touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['rx'] });
    const [action] = planOf(build, withPolicy({ minimumStaffRelationships: 2 }));
    expect(action).toMatchObject({
      contactIds: ['rn', 'rx'],
      explanation: {
        rule: 'office-staff/too-few-staff-touched',
        summary:
          'Elm Street Pediatrics has 1 staff relationship touched in the last 90 days (2 staff contacts on file); the goal is at least 2 staff relationships touched within 90 days.',
        facts: { staffOnFile: 2, staffTouched: 1, lastStaffTouchDate: '2026-01-21', daysSinceLastStaffTouch: 40 },
      },
      details: { staffTouched: ['rx'] },
    });
  });

  it('reads which roles are staff from the policy', () => {
    // With nurses counted as providers, touching the nurse is no staff relationship.
    const playbook = withPolicy({
      staffRoles: ['medical-assistant', 'receptionist', 'office-manager', 'other'],
      providerRoles: ['physician', 'nurse-practitioner', 'physician-assistant', 'nurse'],
    });
    const build = elmStreet().touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['rn'] });
    expect(planOf(build)).toEqual([]);
    expect(planOf(build, playbook)[0]?.contactIds).toEqual(['rx']);
  });

  it('never proposes anything when the policy requires no staff relationship', () => {
    expect(planOf(elmStreet().touch('t1', 'o', daysBefore(NOW, 200)), withPolicy({ minimumStaffRelationships: 0 }))).toEqual([]);
  });

  it('is outreach, so it waits outside the follow-up nuisance floor', () => {
    expect(planOf(elmStreet().touch('t1', 'o', daysBefore(NOW, 10), { contactIds: ['dr'] }))).toEqual([]);
  });

  it('ignores touchpoints after now', () => {
    const build = elmStreet()
      .touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['dr'] })
      .touch('planned', 'o', daysBefore(NOW, -3), { contactIds: ['rx'] });
    expect(planOf(build)).toHaveLength(1);
  });

  it('keeps the action id while nothing changes, and makes a new one when the gap reopens later', () => {
    const before = elmStreet().touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['dr'] });
    const first = planOf(before)[0]!.id;
    expect(planOf(before)[0]!.id).toBe(first);
    // The receptionist was met 100 days ago, and not since: the same kind of gap, but a new action.
    const reopened = elmStreet()
      .touch('met', 'o', daysBefore(NOW, 100), { contactIds: ['rx'] })
      .touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['dr'] });
    expect(planOf(reopened)[0]!.id).not.toBe(first);
  });
});

describe('referralCredit', () => {
  const contacts = elmStreet().index().contacts;

  it('credits every contact involved, with role and whether they are staff', () => {
    expect(referralCredit({ contactIds: ['dr', 'rx', 'om'] }, contacts)).toEqual([
      { contactId: 'dr', role: 'physician', isStaff: false },
      { contactId: 'rx', role: 'receptionist', isStaff: true },
      { contactId: 'om', role: 'office-manager', isStaff: true }, // credit is for the referral's day, even if they left since
    ]);
  });

  it('credits a staff-only referral to the staff, with no physician involved', () => {
    expect(referralCredit({ contactIds: ['rn'] }, contacts)).toEqual([{ contactId: 'rn', role: 'nurse', isStaff: true }]);
  });

  it('keeps an unknown contact with role null', () => {
    expect(referralCredit({ contactIds: ['stranger'] }, contacts)).toEqual([
      { contactId: 'stranger', role: null, isStaff: false },
    ]);
  });

  it('is empty for a referral that names nobody', () => {
    expect(referralCredit({ contactIds: [] }, contacts)).toEqual([]);
  });

  it('follows the policy staff roles', () => {
    const policy = { staffRoles: ['receptionist'] as const };
    expect(referralCredit({ contactIds: ['rn', 'rx'] }, contacts, policy).map((c) => c.isStaff)).toEqual([false, true]);
  });
});

describe('office-staff score', () => {
  const component = (build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook) =>
    scoreRelationship(build.history('o'), playbook, NOW, { plays }).components[0]!;

  it('is 100 × staff touched ÷ minimum, capped at 100', () => {
    const build = elmStreet().touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['rx'] });
    expect(component(build).score).toBe(100); // 100 × 1 / 1
    expect(component(build, withPolicy({ minimumStaffRelationships: 2 })).score).toBe(50); // 100 × 1 / 2
    expect(component(build, withPolicy({ minimumStaffRelationships: 3 })).score).toBe(33.3); // 100 × 1 / 3 = 33.33…
    const both = build.touch('t2', 'o', daysBefore(NOW, 20), { contactIds: ['rn'] });
    expect(component(both).score).toBe(100); // min(100, 100 × 2 / 1)
  });

  it('is 0 when no staff was touched in the window', () => {
    const result = component(elmStreet().touch('t1', 'o', daysBefore(NOW, 120), { contactIds: ['rx'] }));
    expect(result.score).toBe(0);
    expect(result.reasons).toEqual(['0 of 2 staff contacts touched in the last 90 days; the goal is 1']);
    expect(result.evidence).toEqual([{ kind: 'touchpoint', id: 't1' }]);
  });

  it('says when there is no staff on file', () => {
    const result = component(scenario().office('o').contact('dr', 'o', 'physician'));
    expect(result.score).toBe(0);
    expect(result.reasons).toEqual(['no office staff on file; the goal is 1 staff relationship']);
  });

  it('counts the referrals a staff member was involved in', () => {
    const build = elmStreet()
      .touch('t1', 'o', daysBefore(NOW, 40), { contactIds: ['rx'] })
      .referral('r1', 'o', daysBefore(NOW, 30), { contactIds: ['dr'] })
      .referral('r2', 'o', daysBefore(NOW, 20), { contactIds: ['dr', 'rx'] })
      .referral('r3', 'o', daysBefore(NOW, 10), { contactIds: ['rn'] });
    const result = component(build);
    expect(result.reasons).toEqual([
      '1 of 2 staff contacts touched in the last 90 days; the goal is 1',
      'staff were involved in 2 of 3 referrals',
    ]);
    expect(result.facts).toEqual({
      staffOnFile: 2,
      providersOnFile: 1,
      staffTouched: 1,
      referrals: 3,
      referralsInvolvingStaff: 2,
    });
  });

  it('is null when the policy requires no staff relationship', () => {
    const result = component(elmStreet(), withPolicy({ minimumStaffRelationships: 0 }));
    expect(result.score).toBeNull();
    expect(result.reasons).toEqual(['the policy requires no staff relationship']);
  });

  it('officeStaffScore follows the formula', () => {
    expect(officeStaffScore(0, defaultOfficeStaffPolicy)).toBe(0);
    expect(officeStaffScore(1, { minimumStaffRelationships: 4 })).toBe(25);
    expect(officeStaffScore(5, { minimumStaffRelationships: 2 })).toBe(100);
    expect(officeStaffScore(0, { minimumStaffRelationships: 0 })).toBeNull();
  });
});
