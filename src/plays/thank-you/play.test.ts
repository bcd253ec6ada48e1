import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { defaultPlaybook, type Playbook } from '../../playbook/playbook';
import { momentFor, playContext } from '../../engine/context';
import { withSharedFacts } from '../shared-facts';
import { thankYouPlay } from './play';
import { sharedTriggeredReferrals } from './collect';
import { triggeredReferrals } from './triggers';
import { defaultThankYouPolicy, type ThankYouPolicy } from './policy';

// Monday 2026-03-02, noon in Chicago. February 2026: the 20th and 27th are Fridays,
// the 19th and 26th Thursdays, the 23rd a Monday.
const NOW = '2026-03-02T18:00:00Z';
const plays = [thankYouPlay];

/** An office with Dr. Okafor (contact `c`) and a nurse (contact `n`). */
const office = (options: { holidays?: string[] } = {}) =>
  scenario(options)
    .office('o', { name: 'Elm Street Pediatrics' })
    .contact('c', 'o', 'physician', { name: 'Ada Okafor', salutation: 'Dr. Okafor' })
    .contact('n', 'o', 'nurse', { name: 'Ben Ames' });

function planOf(build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook, now = NOW) {
  return planActions({ snapshot: build.build(), playbook, now, plays });
}

function withPolicy(patch: Partial<ThankYouPolicy>): Playbook {
  return { ...defaultPlaybook, plays: { ...defaultPlaybook.plays, 'thank-you': { ...defaultThankYouPolicy, ...patch } } };
}

const referralIds = (actions: ReturnType<typeof planOf>) => actions.map((action) => action.details['referralIds']);

describe('thank-you: acknowledge every referral with a personal card', () => {
  it('every referral gets a thank-you due within three business days', () => {
    // Received Thursday 2026-02-26: Friday (1), Monday (2), Tuesday (3), across the weekend.
    const actions = planOf(office().referral('r1', 'o', daysBefore(NOW, 4), { contactIds: ['c'] }));
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      play: 'thank-you',
      kind: 'send-thank-you',
      officeId: 'o',
      contactIds: ['c'],
      due: '2026-03-03',
      priority: 80,
      title: 'Send a handwritten thank-you card to Dr. Okafor at Elm Street Pediatrics',
      details: { referralIds: ['r1'], medium: 'handwritten-card', enclosedCards: 3, askForMore: true },
      explanation: {
        rule: 'thank-you/owed',
        summary:
          'A referral from Dr. Okafor at Elm Street Pediatrics (first triggered on 2026-02-26: every-referral) has not been thanked; the thank-you is due within 3 business days, by 2026-03-03.',
        policy: {
          triggers: [{ kind: 'every-referral' }],
          dueWithinBusinessDays: 3,
          batchWindowDays: 7,
          lookbackDays: 30,
          medium: 'handwritten-card',
          enclosedCards: 3,
          askForMore: true,
        },
        facts: {
          referrals: 1,
          firstTriggerDate: '2026-02-26',
          lastTriggerDate: '2026-02-26',
          triggers: 'every-referral',
          addressedTo: 'c',
          due: '2026-03-03',
        },
        evidence: [{ kind: 'referral', id: 'r1' }],
      },
    });
  });

  it('skips a holiday when counting the three business days', () => {
    // Monday 2026-03-02 is a holiday: Friday (1), Tuesday (2), Wednesday (3).
    const [action] = planOf(office({ holidays: ['2026-03-02'] }).referral('r1', 'o', daysBefore(NOW, 4), { contactIds: ['c'] }));
    expect(action?.due).toBe('2026-03-04');
  });

  it('two referrals from one contact within seven days share one card', () => {
    // Friday 2026-02-20 and Friday 2026-02-27: 7 days apart, one card, due 3 business days after the first.
    const actions = planOf(
      office()
        .referral('r1', 'o', daysBefore(NOW, 10), { contactIds: ['c'] })
        .referral('r2', 'o', daysBefore(NOW, 3), { contactIds: ['c'] }),
    );
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      due: '2026-02-25',
      title: 'Send a handwritten thank-you card to Dr. Okafor at Elm Street Pediatrics for 2 referrals',
      details: { referralIds: ['r1', 'r2'] },
      explanation: { facts: { referrals: 2, firstTriggerDate: '2026-02-20', lastTriggerDate: '2026-02-27' } },
    });
    expect(actions[0]!.details['text']).toBe(
      [
        'Dear Dr. Okafor,',
        '',
        'Thank you for the two patients you referred to Northside Counseling last month. It means a great deal that you and your colleagues at Elm Street Pediatrics trust us to help. We have enclosed three of our business cards for your front desk. Please keep us in mind: we would be glad to see any other patients you think we could help.',
        '',
        'Warmly,',
        'The team at Northside Counseling',
      ].join('\n'),
    );
  });

  it('a referral eight days after the first of a batch starts a new card', () => {
    // Thursday 2026-02-19 and Friday 2026-02-27: 8 days apart.
    const actions = planOf(
      office()
        .referral('r1', 'o', daysBefore(NOW, 11), { contactIds: ['c'] })
        .referral('r2', 'o', daysBefore(NOW, 3), { contactIds: ['c'] }),
    );
    expect(referralIds(actions)).toEqual([['r1'], ['r2']]);
    expect(actions.map((action) => action.due)).toEqual(['2026-02-24', '2026-03-04']);
  });

  it('measures the batch window from the first referral of the batch, not the previous one', () => {
    // Days 0, 5 and 9 (2026-02-19, 24, 28): the third is 4 days after the second but 9 after the first.
    const actions = planOf(
      office()
        .referral('r1', 'o', daysBefore(NOW, 11), { contactIds: ['c'] })
        .referral('r2', 'o', daysBefore(NOW, 6), { contactIds: ['c'] })
        .referral('r3', 'o', daysBefore(NOW, 2), { contactIds: ['c'] }),
    );
    expect(referralIds(actions)).toEqual([['r1', 'r2'], ['r3']]);
  });

  it('counts the batch window in whole days of the practice time zone', () => {
    // 2026-02-20 00:30 CST and 2026-02-27 23:30 CST: 7 calendar days, though 7 × 24 h + 23 h apart.
    const actions = planOf(
      office()
        .referral('r1', 'o', '2026-02-20T06:30:00Z', { contactIds: ['c'] })
        .referral('r2', 'o', '2026-02-28T05:30:00Z', { contactIds: ['c'] }),
    );
    expect(referralIds(actions)).toEqual([['r1', 'r2']]);
  });

  it('sends separate cards to different contacts, and addresses a referral without contacts to the office', () => {
    const actions = planOf(
      office()
        .referral('r1', 'o', daysBefore(NOW, 3), { contactIds: ['c'] })
        .referral('r2', 'o', daysBefore(NOW, 3), { contactIds: ['n', 'c'] })
        .referral('r3', 'o', daysBefore(NOW, 2)),
    );
    // All three are due Wednesday 2026-03-04, so the engine orders them by id: compare as a set.
    const cards = actions.map((action) => [action.contactIds, action.details['referralIds']]);
    expect(cards).toHaveLength(3);
    expect(cards).toEqual(
      expect.arrayContaining([
        [['c'], ['r1']],
        [['n'], ['r2']],
        [[], ['r3']],
      ]),
    );
    const toOffice = actions.find((action) => action.contactIds.length === 0);
    expect(toOffice).toMatchObject({
      title: 'Send a handwritten thank-you card to Elm Street Pediatrics',
      explanation: { facts: { addressedTo: null } },
    });
    expect(toOffice!.details['text']).toMatch(/^Dear friends at Elm Street Pediatrics,\n\nThank you for the patient you referred/);
  });

  it('acknowledged referrals produce nothing', () => {
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 4), { contactIds: ['c'] })
      .thankYou('ty', 'o', daysBefore(NOW, 2), { contactIds: ['c'], referralIds: ['r1'] });
    expect(planOf(build)).toEqual([]);
  });

  it('leaves out of a batch the referrals already thanked for', () => {
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 5), { contactIds: ['c'] })
      .referral('r2', 'o', daysBefore(NOW, 3), { contactIds: ['c'] })
      .thankYou('ty', 'o', daysBefore(NOW, 4), { contactIds: ['c'], referralIds: ['r1'] });
    expect(referralIds(planOf(build))).toEqual([['r2']]);
  });

  it('does not count a thank-you dated after now', () => {
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 4), { contactIds: ['c'] })
      .thankYou('ty', 'o', daysBefore(NOW, -1), { contactIds: ['c'], referralIds: ['r1'] });
    expect(referralIds(planOf(build))).toEqual([['r1']]);
  });

  it('only plans for triggers within lookbackDays', () => {
    const at = (days: number) => planOf(office().referral('r1', 'o', daysBefore(NOW, days), { contactIds: ['c'] }));
    expect(at(30)).toHaveLength(1);
    expect(at(31)).toEqual([]);
  });

  it('is not outreach: a card is proposed even inside the follow-up nuisance floor', () => {
    const build = office()
      .touch('visit', 'o', daysBefore(NOW, 1))
      .referral('r1', 'o', daysBefore(NOW, 1), { contactIds: ['c'] });
    expect(planOf(build)).toHaveLength(1);
  });

  it('keeps the action id while nothing changes and renews it when a referral joins the batch', () => {
    const build = office().referral('r1', 'o', daysBefore(NOW, 5), { contactIds: ['c'] });
    const first = planOf(build)[0]!.id;
    expect(planOf(build)[0]!.id).toBe(first);
    expect(planOf(build, defaultPlaybook, daysBefore(NOW, -1))[0]!.id).toBe(first);
    const joined = planOf(build.referral('r2', 'o', daysBefore(NOW, 1), { contactIds: ['c'] }));
    expect(joined).toHaveLength(1);
    expect(joined[0]!.id).not.toBe(first);
  });

  it('follows the policy: medium, cards and asking for more', () => {
    const [action] = planOf(
      office().referral('r1', 'o', daysBefore(NOW, 1), { contactIds: ['c'] }),
      withPolicy({ medium: 'email', enclosedCards: 0, askForMore: false, dueWithinBusinessDays: 1 }),
    );
    expect(action).toMatchObject({
      title: 'Send a thank-you email to Dr. Okafor at Elm Street Pediatrics',
      due: '2026-03-02', // Sunday 2026-03-01 + 1 business day
      details: { medium: 'email', enclosedCards: 0, askForMore: false },
    });
    expect(action!.details['text']).not.toMatch(/business cards|keep us in mind/);
  });
});

describe('thank-you triggers', () => {
  it('every-referral fires for each referral, whatever its intake', () => {
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 20), { contactIds: ['c'] })
      .referral('r2', 'o', daysBefore(NOW, 10), {
        contactIds: ['c'],
        intake: [{ status: 'declined', at: daysBefore(NOW, 9), redirectedTo: 'Riverside Clinic' }],
      });
    expect(referralIds(planOf(build))).toEqual([['r1'], ['r2']]);
  });

  it('first-from-contact fires for the first referral from any of its contacts', () => {
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 25), { contactIds: ['c'] })
      .referral('r2', 'o', daysBefore(NOW, 15), { contactIds: ['c'] })
      .referral('r3', 'o', daysBefore(NOW, 5), { contactIds: ['c', 'n'] }) // n's first
      .referral('r4', 'o', daysBefore(NOW, 4)); // no contact: never a first from a contact
    const actions = planOf(build, withPolicy({ triggers: [{ kind: 'first-from-contact' }] }));
    expect(referralIds(actions)).toEqual([['r1'], ['r3']]);
    expect(actions[1]?.explanation.facts['triggers']).toBe('first-from-contact');
  });

  it("first-from-contact counts a contact's referrals older than the look-back", () => {
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 400), { contactIds: ['c'] })
      .referral('r2', 'o', daysBefore(NOW, 5), { contactIds: ['c'] });
    expect(planOf(build, withPolicy({ triggers: [{ kind: 'first-from-contact' }] }))).toEqual([]);
  });

  it("milestones fires for a contact's N-th referral, N in milestones", () => {
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 20), { contactIds: ['c'] })
      .referral('r2', 'o', daysBefore(NOW, 15), { contactIds: ['c'] })
      .referral('r3', 'o', daysBefore(NOW, 10), { contactIds: ['c'] })
      .referral('r4', 'o', daysBefore(NOW, 5), { contactIds: ['c'] });
    const actions = planOf(build, withPolicy({ triggers: [{ kind: 'milestones', milestones: [2, 3] }] }));
    expect(referralIds(actions)).toEqual([['r2', 'r3']]);
    expect(actions[0]?.explanation.facts['triggers']).toBe('milestones');
  });

  it('first-visit-completed fires at the first visit, not when the referral arrived', () => {
    // Received 40 days ago (outside the look-back); first visit Wednesday 2026-02-18.
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 40), {
        contactIds: ['c'],
        intake: [
          { status: 'accepted', at: daysBefore(NOW, 39) },
          { status: 'scheduled', at: daysBefore(NOW, 38), appointmentAt: daysBefore(NOW, 12) },
          { status: 'first-visit-completed', at: daysBefore(NOW, 12) },
        ],
      })
      .referral('r2', 'o', daysBefore(NOW, 5), {
        contactIds: ['c'],
        intake: [{ status: 'accepted', at: daysBefore(NOW, 4) }],
      });
    const actions = planOf(build, withPolicy({ triggers: [{ kind: 'first-visit-completed' }] }));
    expect(referralIds(actions)).toEqual([['r1']]);
    expect(actions[0]).toMatchObject({
      due: '2026-02-23', // Thursday (1), Friday (2), Monday (3)
      explanation: { facts: { firstTriggerDate: '2026-02-18', triggers: 'first-visit-completed' } },
    });
  });

  it('with several triggers, any that fires counts and the earliest sets the due date', () => {
    const build = office().referral('r1', 'o', daysBefore(NOW, 11), {
      contactIds: ['c'],
      intake: [
        { status: 'accepted', at: daysBefore(NOW, 10) },
        { status: 'scheduled', at: daysBefore(NOW, 10), appointmentAt: daysBefore(NOW, 4) },
        { status: 'first-visit-completed', at: daysBefore(NOW, 4) },
      ],
    });
    const [action] = planOf(
      build,
      withPolicy({ triggers: [{ kind: 'first-visit-completed' }, { kind: 'first-from-contact' }] }),
    );
    expect(action).toMatchObject({
      due: '2026-02-24', // from Thursday 2026-02-19, the referral
      explanation: { facts: { firstTriggerDate: '2026-02-19', triggers: 'first-visit-completed, first-from-contact' } },
    });
  });
});

describe('thank-you privacy', () => {
  it('never puts a patient reference or an unconsented name in an action', () => {
    const build = office()
      .referral('r1', 'o', daysBefore(NOW, 4), {
        contactIds: ['c'],
        patient: { reference: 'MRN-884422', displayName: 'Jane Doe' },
      })
      .referral('r2', 'o', daysBefore(NOW, 3), {
        contactIds: ['c'],
        patient: { reference: 'MRN-551100', displayName: 'Sam Roe', consentToShare: true },
      });
    const json = JSON.stringify(planOf(build));
    for (const secret of ['MRN-884422', 'MRN-551100', 'Jane', 'Sam Roe']) expect(json).not.toContain(secret);
  });

  it('names the patients, and signs with their clinicians, only when every one of them consented', () => {
    const build = office()
      .clinician('cl', { name: 'Lee Park, LCSW' })
      .referral('r1', 'o', daysBefore(NOW, 4), {
        contactIds: ['c'],
        clinicianId: 'cl',
        patient: { reference: 'MRN-884422', displayName: 'Jane Doe', consentToShare: true },
      })
      .referral('r2', 'o', daysBefore(NOW, 3), {
        contactIds: ['c'],
        clinicianId: 'cl',
        patient: { reference: 'MRN-551100', displayName: 'Sam Roe', consentToShare: true },
      });
    const text = planOf(build)[0]!.details['text'];
    expect(text).toContain('Thank you for referring Jane Doe and Sam Roe to Northside Counseling last month.');
    expect(text).toMatch(/Warmly,\nLee Park, LCSW\nNorthside Counseling$/);
    expect(text).not.toContain('MRN-');
  });
});

describe('thank-you score', () => {
  const componentOf = (build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook) =>
    scoreRelationship(build.history('o'), playbook, NOW, { plays }).components[0]!;

  it('is the share of judged referrals thanked by their due date', () => {
    const build = office()
      // Monday 2026-01-05, due Thursday 01-08; thanked on 01-07: on time.
      .referral('r1', 'o', '2026-01-05T18:00:00Z', { contactIds: ['c'] })
      .thankYou('ty1', 'o', '2026-01-07T18:00:00Z', { contactIds: ['c'], referralIds: ['r1'] })
      // Monday 01-12, due Thursday 01-15; thanked at 23:00 on 01-15 in Chicago: on time.
      .referral('r2', 'o', '2026-01-12T18:00:00Z', { contactIds: ['c'] })
      .thankYou('ty2', 'o', '2026-01-16T05:00:00Z', { contactIds: ['c'], referralIds: ['r2'] })
      // Tuesday 01-20, due Friday 01-23; thanked Monday 01-26: late.
      .referral('r3', 'o', '2026-01-20T18:00:00Z', { contactIds: ['c'] })
      .thankYou('ty3', 'o', '2026-01-26T18:00:00Z', { contactIds: ['c'], referralIds: ['r3'] })
      // Monday 02-02, due Thursday 02-05; never thanked.
      .referral('r4', 'o', '2026-02-02T18:00:00Z', { contactIds: ['c'] })
      // This morning, due Thursday 03-05: pending, left out.
      .referral('r5', 'o', '2026-03-02T15:00:00Z', { contactIds: ['c'] });
    // 2 on time of 4 judged: 100 × 2 ÷ 4 = 50.
    expect(componentOf(build)).toMatchObject({
      score: 50,
      reasons: [
        '2 of 4 referrals in the last 365 days thanked within 3 business days',
        '1 thanked late',
        '1 never thanked',
        '1 not yet due',
      ],
      facts: { judged: 4, onTime: 2, late: 1, unthanked: 1, pending: 1 },
      evidence: [
        { kind: 'referral', id: 'r1' },
        { kind: 'thank-you', id: 'ty1' },
        { kind: 'referral', id: 'r2' },
        { kind: 'thank-you', id: 'ty2' },
        { kind: 'referral', id: 'r3' },
        { kind: 'thank-you', id: 'ty3' },
        { kind: 'referral', id: 'r4' },
      ],
    });
  });

  it('credits one card that acknowledges a batch for each referral on time', () => {
    // Monday 02-16 (due 02-19) and Wednesday 02-18 (due 02-23), both thanked Thursday 02-19: 100.
    const build = office()
      .referral('r1', 'o', '2026-02-16T18:00:00Z', { contactIds: ['c'] })
      .referral('r2', 'o', '2026-02-18T18:00:00Z', { contactIds: ['c'] })
      .thankYou('ty', 'o', '2026-02-19T18:00:00Z', { contactIds: ['c'], referralIds: ['r1', 'r2'] });
    expect(componentOf(build)).toMatchObject({ score: 100, facts: { judged: 2, onTime: 2 } });
  });

  it('judges only triggers within scoreWindowDays', () => {
    const at = (days: number) => componentOf(office().referral('r1', 'o', daysBefore(NOW, days), { contactIds: ['c'] }));
    expect(at(365).score).toBe(0);
    expect(at(366)).toMatchObject({ score: null, reasons: ['no referral to thank in the last 365 days'] });
    const narrow = withPolicy({ scoreWindowDays: 90 });
    expect(componentOf(office().referral('r1', 'o', daysBefore(NOW, 91), { contactIds: ['c'] }), narrow).score).toBeNull();
  });

  it('is null when nothing is due yet', () => {
    expect(componentOf(office().referral('r1', 'o', daysBefore(NOW, 1), { contactIds: ['c'] }))).toMatchObject({
      score: null,
      reasons: ['nothing to judge yet: 1 thank-you is not yet due'],
      facts: { judged: 0, pending: 1 },
    });
  });

  it('judges only triggered referrals', () => {
    const build = office()
      .referral('r1', 'o', '2026-01-05T18:00:00Z', { contactIds: ['c'] })
      .thankYou('ty1', 'o', '2026-01-06T18:00:00Z', { contactIds: ['c'], referralIds: ['r1'] })
      .referral('r2', 'o', '2026-01-12T18:00:00Z', { contactIds: ['c'] }); // not c's first: not owed
    expect(componentOf(build, withPolicy({ triggers: [{ kind: 'first-from-contact' }] }))).toMatchObject({
      score: 100,
      facts: { judged: 1 },
    });
  });
});

describe('thank-you where facts are shared (the desk)', () => {
  const build = () =>
    office()
      .referral('r1', 'o', daysBefore(NOW, 4), { contactIds: ['c'] })
      .referral('r2', 'o', daysBefore(NOW, 6), { contactIds: ['n'] })
      .referral('r3', 'o', daysBefore(NOW, 10), { contactIds: ['c'] })
      .referral('old', 'o', daysBefore(NOW, 45), { contactIds: ['c'] })
      .referral('later', 'o', daysBefore(NOW, -2), { contactIds: ['c'] })
      .thankYou('ty', 'o', daysBefore(NOW, 5), { contactIds: ['n'], referralIds: ['r2'] });
  const contextOf = (playbook: Playbook) => {
    const index = build().index();
    const moment = momentFor(index.context, Date.parse(NOW));
    return { history: index.offices.get('o')!, ctx: playContext(thankYouPlay, playbook, moment) as never };
  };

  it('plans exactly what it plans alone, with every trigger kind', () => {
    for (const playbook of [
      defaultPlaybook,
      withPolicy({ triggers: [{ kind: 'first-from-contact' }, { kind: 'milestones', milestones: [2] }] }),
      withPolicy({ lookbackDays: 60, batchWindowDays: 1 }),
    ]) {
      const { history, ctx } = contextOf(playbook);
      const alone = thankYouPlay.plan(history, ctx);
      expect(alone.length).toBeGreaterThan(0);
      expect(withSharedFacts(() => thankYouPlay.plan(history, ctx))).toStrictEqual(alone);
    }
  });

  it('works the triggered referrals out once per scope, for plan and score alike', () => {
    const { history, ctx } = contextOf(defaultPlaybook);
    const policy = defaultThankYouPolicy;
    const [first, second] = withSharedFacts(() => [
      sharedTriggeredReferrals(history, policy, ctx),
      sharedTriggeredReferrals(history, policy, ctx),
    ]);
    expect(second).toBe(first);
    expect(first).toStrictEqual(triggeredReferrals(history, policy, ctx));
    // Outside a scope every call works it out afresh.
    expect(sharedTriggeredReferrals(history, policy, ctx)).not.toBe(sharedTriggeredReferrals(history, policy, ctx));
  });

  it('gives a caller of the public function a list of its own, even inside a scope', () => {
    const { history, ctx } = contextOf(defaultPlaybook);
    const policy = defaultThankYouPolicy;
    withSharedFacts(() => {
      const shared = sharedTriggeredReferrals(history, policy, ctx);
      const own = triggeredReferrals(history, policy, ctx);
      expect(own).not.toBe(shared);
      expect(own).toStrictEqual(shared);
      own.length = 0;
      expect(sharedTriggeredReferrals(history, policy, ctx).length).toBeGreaterThan(0);
    });
  });

  it('does not share a list between two moments or two time zones', () => {
    const { history, ctx } = contextOf(defaultPlaybook);
    const policy = defaultThankYouPolicy;
    const later = { ...(ctx as object), now: Date.parse(NOW) + 86_400_000 } as never;
    const elsewhere = { ...(ctx as object), timeZone: 'Pacific/Auckland' } as never;
    withSharedFacts(() => {
      const base = sharedTriggeredReferrals(history, policy, ctx);
      expect(sharedTriggeredReferrals(history, policy, later)).not.toBe(base);
      expect(sharedTriggeredReferrals(history, policy, elsewhere)).not.toBe(base);
    });
  });
});

describe('thank-you: the lookback at its edge, in any zone', () => {
  // The planner passes over trigger times well before the lookback without reading
  // their local day; planned inside a fact-sharing scope, it reads every one. Both
  // must owe the same referrals. What tests the margin is a zone whose offset
  // changed shortly before now (clocks going back, or a whole day repeated), so
  // each case plans a moment just after such a change, with a referral every 7
  // minutes from `lookbackDays` to `lookbackDays + 3` days before it.
  const cases = [
    { timeZone: 'America/New_York', now: '2026-11-02T04:59:00Z' }, // the night after clocks went back
    { timeZone: 'America/Santiago', now: '2026-04-06T02:30:00Z' }, // clocks went back across midnight
    { timeZone: 'Pacific/Kwajalein', now: '1969-10-02T12:00:00Z' }, // UTC+11 to UTC-12 the day before
    { timeZone: 'Pacific/Kiritimati', now: NOW },
    { timeZone: 'UTC', now: NOW },
  ];

  it.each(cases)('owes the same referrals however it reaches them: $timeZone at $now', ({ timeZone, now }) => {
    for (let lookbackDays = 1; lookbackDays <= 3; lookbackDays += 1) {
      const build = scenario({ timeZone }).office('o').contact('c', 'o', 'physician');
      const at = Date.parse(now);
      for (let minutes = lookbackDays * 1440; minutes <= (lookbackDays + 3) * 1440; minutes += 7) {
        const receivedAt = new Date(at - minutes * 60_000).toISOString().replace('.000Z', 'Z');
        build.referral(`r${minutes}`, 'o', receivedAt, { contactIds: ['c'] });
      }
      const index = build.index();
      const playbook = withPolicy({ lookbackDays });
      const ctx = playContext(thankYouPlay, playbook, momentFor(index.context, at)) as never;
      const history = index.offices.get('o')!;
      const planned = thankYouPlay.plan(history, ctx);
      expect(planned.length).toBeGreaterThan(0);
      expect(planned).toStrictEqual(withSharedFacts(() => thankYouPlay.plan(history, ctx)));
    }
  });
});
