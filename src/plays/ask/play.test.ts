import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { defaultPlaybook } from '../../playbook/playbook';
import { askPlay } from './play';
import type { AskPolicy } from './policy';

const NOW = '2026-03-02T18:00:00Z'; // Monday 2026-03-02, noon in Chicago (CST, UTC−6)
const plays = [askPlay];

type Builder = ReturnType<typeof scenario>;

function withAsk(patch: Partial<AskPolicy>) {
  return { ...defaultPlaybook, plays: { ...defaultPlaybook.plays, ask: { ...defaultPlaybook.plays.ask, ...patch } } };
}

function planOf(build: Builder, now = NOW, playbook = defaultPlaybook) {
  return planActions({ snapshot: build.build(), playbook, now, plays });
}

/** A referral handled on time: contacted after 2 hours, first visit 3 days later. */
function onTime(receivedAt: string, contactIds: string[] = []) {
  const at = Date.parse(receivedAt);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    contactIds,
    patientContactedAt: iso(at + 2 * 3_600_000),
    intake: [
      { status: 'accepted' as const, at: iso(at + 3_600_000) },
      { status: 'scheduled' as const, at: iso(at + 3 * 3_600_000), appointmentAt: iso(at + 3 * 86_400_000) },
      { status: 'first-visit-completed' as const, at: iso(at + 3 * 86_400_000) },
    ],
  };
}

/** A practice with `slots` openings (one accepting clinician), plus openings that must not count. */
function practice(slots: number, options: { holidays?: string[] } = {}) {
  return scenario(options)
    .clinician('cl-a', { name: 'Sam Lee', capacity: { openSlots: slots, acceptingNewClients: true } })
    .clinician('cl-full', { capacity: { openSlots: 5, acceptingNewClients: false } })
    .clinician('cl-gone', { active: false, capacity: { openSlots: 5, acceptingNewClients: true } });
}

const asks = (actions: ReturnType<typeof planOf>) => actions.filter((action) => action.kind === 'ask');
const intake = (actions: ReturnType<typeof planOf>) => actions.filter((action) => action.kind === 'expedite-intake');

describe('ask: ask boldly when there are openings', () => {
  it('when openings reach the threshold, the best offices not asked recently get an ask action', () => {
    const build = practice(1)
      .clinician('cl-b', { name: 'Ana Cruz', capacity: { openSlots: 1, acceptingNewClients: true } }) // 1 + 1 = 2 ≥ 2
      .office('busy')
      .office('some')
      .office('quiet')
      .office('asked')
      .referral('b1', 'busy', daysBefore(NOW, 200), onTime(daysBefore(NOW, 200)))
      .referral('b2', 'busy', daysBefore(NOW, 100), onTime(daysBefore(NOW, 100)))
      .referral('s1', 'some', daysBefore(NOW, 50), onTime(daysBefore(NOW, 50)))
      .referral('a1', 'asked', daysBefore(NOW, 300), onTime(daysBefore(NOW, 300)))
      .referral('a2', 'asked', daysBefore(NOW, 250), onTime(daysBefore(NOW, 250)))
      .referral('a3', 'asked', daysBefore(NOW, 240), onTime(daysBefore(NOW, 240)))
      .touch('t-ask', 'asked', daysBefore(NOW, 40), { purposes: ['ask', 'follow-up'] });
    const actions = asks(planOf(build, NOW, withAsk({ maxOfficesPerAsk: 2 })));
    // "asked" has the most referrals but was asked 40 days ago (< 90); of the rest,
    // busy (2 referrals) and some (1) beat quiet (0).
    expect(actions.map((a) => [a.officeId, a.details['rank']])).toEqual([
      ['busy', 2],
      ['some', 1],
    ]);
    expect(actions[0]).toMatchObject({
      play: 'ask',
      kind: 'ask',
      due: '2026-03-02',
      priority: 50,
      title: 'Ask Office busy for referrals: 2 openings now',
      explanation: {
        rule: 'ask/openings',
        summary:
          'The practice has 2 openings (Sam Lee 1, Ana Cruz 1); Office busy sent 2 referrals in the last 365 days and has never been asked.',
        policy: { openingsThreshold: 2, cooldownDays: 90, maxOfficesPerAsk: 2, referralWindowDays: 365 },
        facts: { openings: 2, referralsInWindow: 2, rank: 2, lastAskDate: null, daysSinceAsk: null },
        evidence: [
          { kind: 'referral', id: 'b1' },
          { kind: 'referral', id: 'b2' },
          { kind: 'clinician', id: 'cl-a' },
          { kind: 'clinician', id: 'cl-b' },
        ],
      },
      details: { rank: 2, openings: 2 },
    });
  });

  it('below the threshold nobody is asked; clinicians inactive or not accepting new clients do not count', () => {
    const build = practice(1).office('o');
    expect(asks(planOf(build))).toEqual([]);
    expect(asks(planOf(build, NOW, withAsk({ openingsThreshold: 1 })))).toHaveLength(1);
  });

  it('an office asked within the cooldown is not asked again; from day 90 it is', () => {
    const at = (days: number) =>
      asks(planOf(practice(3).office('o').touch('t-ask', 'o', daysBefore(NOW, days), { purposes: ['ask'] })));
    expect(at(89)).toEqual([]);
    const [action] = at(90);
    expect(action?.explanation.facts).toMatchObject({ lastAskDate: '2025-12-02', daysSinceAsk: 90 });
    expect(action?.explanation.summary).toContain('was last asked 90 days ago (2025-12-02).');
    expect(action?.explanation.evidence[0]).toEqual({ kind: 'touchpoint', id: 't-ask' });
  });

  it('only touchpoints with the ask purpose start the cooldown', () => {
    const build = practice(3).office('o').touch('t', 'o', daysBefore(NOW, 40), { purposes: ['follow-up', 'educate'] });
    expect(asks(planOf(build))).toHaveLength(1);
  });

  it('a cooldown of 0 days asks again whenever there are openings', () => {
    const build = practice(3).office('o').touch('t', 'o', daysBefore(NOW, 35), { purposes: ['ask'] });
    expect(asks(planOf(build))).toEqual([]);
    expect(asks(planOf(build, NOW, withAsk({ cooldownDays: 0 })))).toHaveLength(1);
  });

  it('asks the active providers and everyone who referred in the last 365 days', () => {
    const build = practice(3)
      .office('o')
      .contact('doc', 'o', 'physician')
      .contact('np-gone', 'o', 'nurse-practitioner', { active: false })
      .contact('pa', 'o', 'physician-assistant')
      .contact('rn', 'o', 'nurse')
      .contact('ma', 'o', 'medical-assistant')
      .contact('desk', 'o', 'receptionist')
      .contact('mgr-gone', 'o', 'office-manager', { active: false })
      .referral('r-rn', 'o', daysBefore(NOW, 100), onTime(daysBefore(NOW, 100), ['rn']))
      .referral('r-ma', 'o', daysBefore(NOW, 400), onTime(daysBefore(NOW, 400), ['ma']))
      .referral('r-mgr', 'o', daysBefore(NOW, 20), onTime(daysBefore(NOW, 20), ['mgr-gone']));
    const [action] = asks(planOf(build));
    expect(action?.contactIds).toEqual(['doc', 'pa', 'rn']);
  });

  it('counts referrals received 0 to 364 whole days ago toward the rank, not 365', () => {
    const build = practice(3)
      .office('o')
      .referral('r364', 'o', daysBefore(NOW, 364), onTime(daysBefore(NOW, 364)))
      .referral('r365', 'o', daysBefore(NOW, 365), onTime(daysBefore(NOW, 365)));
    expect(asks(planOf(build))[0]?.details['rank']).toBe(1);
  });

  it('breaks rank ties by office id and keeps at most maxOfficesPerAsk offices', () => {
    const build = practice(3).office('c').office('a').office('d').office('b');
    expect(asks(planOf(build, NOW, withAsk({ maxOfficesPerAsk: 3 }))).map((a) => a.officeId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps every intake action while choosing among the asks', () => {
    const build = practice(3)
      .office('a')
      .office('z')
      .referral('a1', 'a', daysBefore(NOW, 60), onTime(daysBefore(NOW, 60)))
      .referral('a2', 'a', daysBefore(NOW, 50), onTime(daysBefore(NOW, 50)))
      .referral('late', 'z', daysBefore(NOW, 10)); // never contacted, no first visit
    const actions = planOf(build, NOW, withAsk({ maxOfficesPerAsk: 1 }));
    expect(asks(actions).map((a) => a.officeId)).toEqual(['a']); // rank 2 beats z's 1
    expect(intake(actions).map((a) => [a.officeId, a.explanation.rule])).toEqual([
      ['z', 'ask/expedite-contact'],
      ['z', 'ask/expedite-first-visit'],
    ]);
  });

  it('never asks an office inside the follow-up nuisance floor (asking is outreach)', () => {
    const build = practice(3).office('o').touch('t', 'o', daysBefore(NOW, 10));
    expect(asks(planOf(build))).toEqual([]);
  });

  it('keeps the ask id while nothing changes and renews it after the next ask', () => {
    const base = practice(3).office('o').touch('t1', 'o', daysBefore(NOW, 200), { purposes: ['ask'] });
    const first = asks(planOf(base))[0]!.id;
    expect(asks(planOf(base))[0]!.id).toBe(first);
    base.touch('t2', 'o', daysBefore(NOW, 100), { purposes: ['ask'] });
    expect(asks(planOf(base))[0]!.id).not.toBe(first);
  });
});

describe('ask: then actually be responsive', () => {
  const MON = '2026-03-02T15:00:00Z'; // Monday 09:00 in Chicago
  const TUE_EVENING = '2026-03-03T23:00:00Z'; // Tuesday 17:00
  const WED = '2026-03-04T15:00:00Z'; // Wednesday 09:00
  const THU = '2026-03-05T15:00:00Z';
  const office = (options: { holidays?: string[] } = {}) => scenario(options).office('o', { name: 'Lakeside' });

  it('a referral not contacted within one business day becomes an expedite-intake action', () => {
    const build = office().referral('r', 'o', MON);
    expect(intake(planOf(build, TUE_EVENING))).toEqual([]); // 1 business day: still on time
    const [action, ...rest] = intake(planOf(build, WED)); // 2 business days: late
    expect(rest).toEqual([]);
    expect(action).toMatchObject({
      kind: 'expedite-intake',
      officeId: 'o',
      contactIds: [],
      due: '2026-03-03', // the 1st business day after Monday: already past
      priority: 95,
      title: 'Contact the patient referred on 2026-03-02',
      explanation: {
        rule: 'ask/expedite-contact',
        summary:
          'The patient Lakeside referred on 2026-03-02 has not been contacted after 2 business days; the promise is within 1 business day.',
        policy: { contactWithinBusinessDays: 1 },
        facts: { receivedDate: '2026-03-02', businessDaysSinceReceived: 2, contactDeadline: '2026-03-03' },
        evidence: [{ kind: 'referral', id: 'r' }],
      },
      details: { referralId: 'r' },
    });
    expect(action?.id.startsWith('ask:expedite-intake:')).toBe(true);
  });

  it('a referral received on Friday is on time until Monday is over: the weekend does not count', () => {
    const build = office().referral('r', 'o', '2026-02-27T15:00:00Z');
    expect(intake(planOf(build, NOW))).toEqual([]); // Monday: 1 business day
    expect(intake(planOf(build, '2026-03-03T15:00:00Z'))[0]?.due).toBe('2026-03-02'); // Tuesday: late since Monday
  });

  it('a referral received on a Saturday counts from the weekend: due Monday, late on Tuesday', () => {
    const build = office().referral('r', 'o', '2026-02-28T15:00:00Z');
    expect(intake(planOf(build, NOW))).toEqual([]);
    expect(intake(planOf(build, '2026-03-03T15:00:00Z'))[0]?.due).toBe('2026-03-02');
  });

  it('a holiday does not count as a business day', () => {
    const build = office({ holidays: ['2026-03-03'] }).referral('r', 'o', MON);
    expect(intake(planOf(build, WED))).toEqual([]); // Tuesday was a holiday: 1 business day
    const [action] = intake(planOf(build, THU));
    expect(action?.due).toBe('2026-03-04');
    expect(action?.explanation.facts['businessDaysSinceReceived']).toBe(2);
  });

  it('counts from the date the referral was received in the practice time zone', () => {
    // 04:30 UTC on Tuesday is still Monday 22:30 in Chicago: by Wednesday, 2 business days.
    const [action] = intake(planOf(office().referral('r', 'o', '2026-03-03T04:30:00Z'), WED));
    expect(action?.explanation.facts['receivedDate']).toBe('2026-03-02');
  });

  it('with contactWithinBusinessDays 0 the patient must be contacted the day the referral arrives', () => {
    const playbook = withAsk({ intake: { contactWithinBusinessDays: 0, firstVisitWithinDays: 7 } });
    const build = office().referral('r', 'o', MON);
    expect(intake(planOf(build, '2026-03-03T02:00:00Z', playbook))).toEqual([]); // Monday 20:00
    expect(intake(planOf(build, '2026-03-03T15:00:00Z', playbook))[0]?.due).toBe('2026-03-02');
  });

  it('a contacted patient needs no contact action, even if the contact was late', () => {
    const build = office().referral('r', 'o', MON, { patientContactedAt: WED });
    expect(intake(planOf(build, THU))).toEqual([]);
  });

  it('a referral not seen within 7 days becomes an expedite-intake action to get the first visit held', () => {
    const received = '2026-02-23T15:00:00Z'; // Monday 2026-02-23
    const build = office().referral('r', 'o', received, {
      patientContactedAt: received,
      intake: [{ status: 'accepted', at: received }],
    });
    expect(intake(planOf(build, NOW))).toEqual([]); // 7 days: on time
    const [action] = intake(planOf(build, '2026-03-03T18:00:00Z')); // 8 days: late
    expect(action).toMatchObject({
      due: '2026-03-02',
      priority: 90,
      title: 'Book the first visit for the patient referred on 2026-02-23',
      explanation: {
        rule: 'ask/expedite-first-visit',
        summary:
          'The patient Lakeside referred on 2026-02-23 has had no first visit after 8 days (accepted); the promise is within 7 days.',
        policy: { firstVisitWithinDays: 7 },
        facts: {
          receivedDate: '2026-02-23',
          daysSinceReceived: 8,
          firstVisitDeadline: '2026-03-02',
          status: 'accepted',
          appointmentDate: null,
        },
        evidence: [{ kind: 'referral', id: 'r' }],
      },
    });
  });

  it('names the booked date of a late scheduled visit, and asks to rebook a missed one', () => {
    const received = '2026-02-16T15:00:00Z';
    const scheduled = [
      { status: 'accepted' as const, at: received },
      { status: 'scheduled' as const, at: received, appointmentAt: '2026-03-05T16:00:00Z' },
    ];
    const build = office()
      .referral('booked', 'o', received, { patientContactedAt: received, intake: scheduled })
      .referral('missed', 'o', received, {
        patientContactedAt: received,
        intake: [
          { status: 'accepted', at: received },
          { status: 'scheduled', at: received, appointmentAt: '2026-02-20T16:00:00Z' },
          { status: 'no-show', at: '2026-02-20T17:00:00Z' },
        ],
      });
    expect(intake(planOf(build)).map((a) => a.title).sort()).toEqual([
      'Hold the first visit for the patient referred on 2026-02-16 (booked for 2026-03-05)',
      'Rebook the first visit for the patient referred on 2026-02-16 (missed)',
    ]);
  });

  it('a patient neither contacted nor seen gets two distinct actions', () => {
    const actions = intake(planOf(office().referral('r', 'o', daysBefore(NOW, 10))));
    expect(actions.map((a) => a.explanation.rule)).toEqual(['ask/expedite-contact', 'ask/expedite-first-visit']);
    expect(new Set(actions.map((a) => a.id)).size).toBe(2);
  });

  it('closed referrals (declined, cancelled, seen) need nothing, nor do referrals not yet received', () => {
    const old = daysBefore(NOW, 20);
    const build = office()
      .referral('declined', 'o', old, { intake: [{ status: 'declined', at: old, redirectedTo: 'Eastside' }] })
      .referral('cancelled', 'o', old, { intake: [{ status: 'cancelled', at: old }] })
      .referral('seen', 'o', old, onTime(old))
      .referral('future', 'o', daysBefore(NOW, -5));
    expect(intake(planOf(build))).toEqual([]);
  });

  it('expediting intake is not outreach: the nuisance floor does not hold it back', () => {
    const build = office().touch('t', 'o', daysBefore(NOW, 3)).referral('r', 'o', daysBefore(NOW, 10));
    expect(intake(planOf(build))).toHaveLength(2);
  });
});

describe('ask score', () => {
  const scoreOf = (build: Builder, now = NOW) =>
    scoreRelationship(build.history('o'), defaultPlaybook, now, { plays }).components[0]!;

  it('is the share of the last 365 days of referrals that kept both intake promises', () => {
    const build = scenario()
      .office('o')
      .referral('good', 'o', daysBefore(NOW, 100), onTime(daysBefore(NOW, 100)))
      .referral('late-contact', 'o', '2026-02-02T15:00:00Z', {
        patientContactedAt: '2026-02-05T15:00:00Z', // Monday → Thursday: 3 business days
        intake: [
          { status: 'accepted', at: '2026-02-05T15:00:00Z' },
          { status: 'scheduled', at: '2026-02-05T15:00:00Z', appointmentAt: '2026-02-06T15:00:00Z' },
          { status: 'first-visit-completed', at: '2026-02-06T15:00:00Z' },
        ],
      })
      .referral('waiting', 'o', daysBefore(NOW, 20)) // neither contacted nor seen: both late
      .referral('new', 'o', daysBefore(NOW, 0)) // today: nothing due yet
      .referral('old-late', 'o', daysBefore(NOW, 400)); // outside the window
    const component = scoreOf(build);
    // 4 referrals in the window; late-contact and waiting broke a promise: 100 × 2 / 4 = 50.
    expect(component.score).toBe(50);
    expect(component.facts).toMatchObject({ referrals: 4, met: 2, contactBreaches: 2, firstVisitBreaches: 1 });
    expect(component.reasons).toEqual([
      '2 of 4 referrals in the last 365 days kept both intake promises (contact within 1 business day, first visit within 7 days)',
      'late contact: late-contact, waiting',
      'late first visit: waiting',
    ]);
    expect(component.evidence.map((ref) => ref.id)).toEqual(['good', 'late-contact', 'waiting', 'new']);
  });

  it('is 100 when every referral was handled on time, and 2 of 3 gives 66.7', () => {
    const build = scenario()
      .office('o')
      .referral('a', 'o', daysBefore(NOW, 30), onTime(daysBefore(NOW, 30)))
      .referral('b', 'o', daysBefore(NOW, 60), onTime(daysBefore(NOW, 60)));
    expect(scoreOf(build).score).toBe(100);
    build.referral('c', 'o', daysBefore(NOW, 9));
    expect(scoreOf(build).score).toBe(66.7); // 100 × 2 / 3 = 66.67 → 66.7
  });

  it('is null without referrals in the window', () => {
    const component = scoreOf(scenario().office('o').referral('r', 'o', daysBefore(NOW, 500)));
    expect(component.score).toBeNull();
    expect(component.reasons).toEqual(['no referrals in the last 365 days']);
  });
});
