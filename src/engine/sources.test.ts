import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../test/scenario';
import type { PracticeSnapshot } from '../model/snapshot';
import { defaultPlaybook, type Playbook } from '../playbook/playbook';
import { generatePractice } from '../testing/generator';
import { rankIndexedSources, rankSources } from './sources';

const NOW = '2026-03-02T18:00:00Z'; // noon in Chicago; today = 2026-03-02

/** A playbook with short windows, so that boundaries are easy to place by hand. */
function withSources(windowDays: number, trendDays: number): Playbook {
  return { ...defaultPlaybook, sources: { windowDays, trendDays } };
}

/** Intake steps ending in a first visit completed 49 hours after `receivedAt`. */
function completedFirstVisit(receivedAt: string) {
  const received = Date.parse(receivedAt);
  const at = (hours: number) => new Date(received + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
  return [
    { status: 'accepted' as const, at: at(1) },
    { status: 'scheduled' as const, at: at(2), appointmentAt: at(48) },
    { status: 'first-visit-completed' as const, at: at(49) },
  ];
}

/**
 * Four offices:
 * - A: three touchpoints (60 + 30 + 10 = 100 minutes), three referrals (one seen);
 * - B: one 240-minute visit, two referrals;
 * - C: one zero-minute email, one referral;
 * - D: nothing at all.
 */
function yieldScenario() {
  const r1 = daysBefore(NOW, 20);
  return scenario()
    .office('A')
    .office('B')
    .office('C')
    .office('D')
    .contact('a-doc', 'A', 'physician')
    .contact('a-fd', 'A', 'receptionist')
    .contact('a-rn', 'A', 'nurse')
    .contact('b-doc', 'B', 'physician')
    .touch('t1', 'A', daysBefore(NOW, 40), { minutes: 60, contactIds: ['a-doc'] })
    .touch('t2', 'A', daysBefore(NOW, 30), { minutes: 30, contactIds: ['a-fd'] })
    .touch('t3', 'A', daysBefore(NOW, 25), { minutes: 10, channel: 'phone' })
    .touch('t4', 'B', daysBefore(NOW, 50), { minutes: 240, contactIds: ['b-doc'] })
    .touch('t5', 'C', daysBefore(NOW, 10), { minutes: 0, channel: 'email' })
    .referral('r1', 'A', r1, { contactIds: ['a-doc', 'a-fd'], intake: completedFirstVisit(r1) })
    .referral('r2', 'A', daysBefore(NOW, 15), { contactIds: ['a-fd'] })
    .referral('r3', 'A', daysBefore(NOW, 5))
    .referral('r4', 'B', daysBefore(NOW, 45), { contactIds: ['b-doc'] })
    .referral('r5', 'B', daysBefore(NOW, 44), { contactIds: ['b-doc'] })
    .referral('r6', 'C', daysBefore(NOW, 9));
}

describe('rankSources: source yield per office and per contact', () => {
  it('counts referrals, first visits, touchpoints and minutes, and divides them as documented', () => {
    const { offices } = rankSources(yieldScenario().build(), defaultPlaybook, NOW);
    // A: 3 referrals × 60 / 100 min = 1.8 per hour; 1 first visit × 60 / 100 = 0.6; 3 / 3 touchpoints = 1.
    expect(offices[0]).toMatchObject({
      rank: 1,
      officeId: 'A',
      name: 'Office A',
      kind: 'primary-care',
      lifecycle: 'active',
      referrals: 3,
      firstVisits: 1,
      touchpoints: 3,
      outreachMinutes: 100,
      referralsPerHour: 1.8,
      firstVisitsPerHour: 0.6,
      referralsPerTouchpoint: 1,
      referralIds: ['r1', 'r2', 'r3'],
      touchpointIds: ['t1', 't2', 't3'],
    });
    // B: 2 × 60 / 240 = 0.5 per hour; 2 / 1 = 2 per touchpoint; no first visit.
    expect(offices[1]).toMatchObject({
      rank: 2,
      officeId: 'B',
      referrals: 2,
      firstVisits: 0,
      outreachMinutes: 240,
      referralsPerHour: 0.5,
      firstVisitsPerHour: 0,
      referralsPerTouchpoint: 2,
    });
  });

  it('an office whose outreach took zero minutes has no per-hour yield and ranks after every timed office', () => {
    const { offices } = rankSources(yieldScenario().build(), defaultPlaybook, NOW);
    // C has a referral but no minutes: a null rate sorts after every rate; D (0 referrals) after C.
    expect(offices.map((o) => [o.rank, o.officeId, o.referralsPerHour])).toEqual([
      [1, 'A', 1.8],
      [2, 'B', 0.5],
      [3, 'C', null],
      [4, 'D', null],
    ]);
    expect(offices[2]).toMatchObject({ touchpoints: 1, outreachMinutes: 0, referralsPerTouchpoint: 1, firstVisitsPerHour: null });
    expect(offices[3]).toMatchObject({ touchpoints: 0, referralsPerTouchpoint: null, followUpStatus: 'never-contacted', daysSinceContact: null });
  });

  it('credits every contact on a referral, staff included, not only the physician', () => {
    const { contacts } = rankSources(yieldScenario().build(), defaultPlaybook, NOW);
    // a-fd (receptionist): r1 + r2 = 2 referrals over t2's 30 min = 4 per hour; r1 seen → 2 first visits per hour.
    // a-doc (physician): r1 over t1's 60 min = 1 per hour.
    // b-doc: r4 + r5 over t4's 240 min = 0.5 per hour.
    // a-rn: named nowhere → null, last.
    expect(contacts.map((c) => [c.rank, c.contactId, c.referrals, c.outreachMinutes, c.referralsPerHour])).toEqual([
      [1, 'a-fd', 2, 30, 4],
      [2, 'a-doc', 1, 60, 1],
      [3, 'b-doc', 2, 240, 0.5],
      [4, 'a-rn', 0, 0, null],
    ]);
    expect(contacts[0]).toMatchObject({
      officeId: 'A',
      name: 'Contact a-fd',
      role: 'receptionist',
      active: true,
      firstVisits: 1,
      firstVisitsPerHour: 2,
      touchpoints: 1,
      referralsPerTouchpoint: 2,
      referralIds: ['r1', 'r2'],
      touchpointIds: ['t2'],
    });
  });

  it('a contact’s follow-up status comes from the touchpoints that name them', () => {
    const { contacts } = rankSources(yieldScenario().build(), defaultPlaybook, NOW);
    const byId = new Map(contacts.map((c) => [c.contactId, c]));
    expect(byId.get('a-doc')).toMatchObject({ followUpStatus: 'on-track', daysSinceContact: 40 });
    expect(byId.get('a-rn')).toMatchObject({ followUpStatus: 'never-contacted', daysSinceContact: null, lapsed: false });
  });

  it('breaks per-hour ties by referrals, then by id', () => {
    // X: 2 referrals / 120 min = 1 per hour; Y: 1 / 60 min = 1 per hour; Z: 1 / 60 = 1 per hour.
    const snapshot = scenario()
      .office('Z')
      .office('Y')
      .office('X')
      .touch('tx', 'X', daysBefore(NOW, 3), { minutes: 120 })
      .touch('ty', 'Y', daysBefore(NOW, 3), { minutes: 60 })
      .touch('tz', 'Z', daysBefore(NOW, 3), { minutes: 60 })
      .referral('rx1', 'X', daysBefore(NOW, 2))
      .referral('rx2', 'X', daysBefore(NOW, 2))
      .referral('ry', 'Y', daysBefore(NOW, 2))
      .referral('rz', 'Z', daysBefore(NOW, 2))
      .build();
    expect(rankSources(snapshot, defaultPlaybook, NOW).offices.map((o) => o.officeId)).toEqual(['X', 'Y', 'Z']);
  });

  it('compares rates exactly: 1/3 per minute beats 33/100 per minute', () => {
    // P: 1 referral in 3 min = 20 per hour; Q: 33 referrals in 100 min = 19.8 per hour.
    const build = scenario().office('P').office('Q').touch('tp', 'P', daysBefore(NOW, 1), { minutes: 3 });
    build.touch('tq', 'Q', daysBefore(NOW, 1), { minutes: 100 }).referral('rp', 'P', daysBefore(NOW, 1));
    for (let i = 0; i < 33; i += 1) build.referral(`rq${i}`, 'Q', daysBefore(NOW, 1));
    const { offices } = rankSources(build.build(), defaultPlaybook, NOW);
    expect(offices.map((o) => [o.officeId, o.referralsPerHour])).toEqual([
      ['P', 20],
      ['Q', 19.8],
    ]);
  });
});

describe('rankSources: the counting window', () => {
  // windowDays 30 → the window is 2026-02-01 … 2026-03-02 in Chicago (CST, UTC−6):
  // it starts at 2026-02-01T06:00:00Z and ends at NOW.
  const playbook = withSources(30, 10);

  function windowScenario() {
    return scenario()
      .office('o')
      .referral('first-in', 'o', '2026-02-01T06:00:00Z') // 00:00 on the window's first day
      .referral('last-out', 'o', '2026-02-01T05:59:59Z') // 23:59:59 the day before
      .referral('now', 'o', NOW)
      .referral('future', 'o', '2026-03-02T18:00:01Z') // later today, after now
      .touch('t-in', 'o', '2026-02-01T06:00:00Z', { minutes: 30 })
      .touch('t-out', 'o', '2026-02-01T05:59:59Z', { minutes: 45 })
      .touch('t-future', 'o', '2026-03-02T23:00:00Z', { minutes: 60 });
  }

  it('counts the last windowDays calendar days in the practice zone, today and now included', () => {
    const ranking = rankSources(windowScenario().build(), playbook, NOW);
    const [office] = ranking.offices;
    expect(office).toMatchObject({
      referrals: 2,
      referralIds: ['first-in', 'now'],
      touchpoints: 1,
      touchpointIds: ['t-in'],
      outreachMinutes: 30,
      referralsPerHour: 4, // 2 × 60 / 30
    });
    expect(ranking.periods).toEqual({
      today: '2026-03-02',
      window: { from: '2026-02-01', to: '2026-03-02' },
      recent: { from: '2026-02-21', to: '2026-03-02' },
      previous: { from: '2026-02-11', to: '2026-02-20' },
    });
  });

  it('reads days in the practice’s time zone, not UTC', () => {
    // Both instants fall on January 31 in Chicago; in New York the second is already February 1.
    const inNewYork = scenario({ timeZone: 'America/New_York' })
      .office('o')
      .referral('r', 'o', '2026-02-01T04:59:59Z') // 23:59:59 on Jan 31 in New York
      .referral('s', 'o', '2026-02-01T05:00:00Z') // 00:00 on Feb 1 in New York
      .build();
    expect(rankSources(inNewYork, playbook, NOW).offices[0]?.referralIds).toEqual(['s']);
  });

  it('counts a first visit only for a referral in the window whose visit was completed by now', () => {
    const inside = daysBefore(NOW, 5);
    const outside = daysBefore(NOW, 40);
    const lateVisit = daysBefore(NOW, 1); // received yesterday; visit completed 49 h later, after now
    const snapshot = scenario()
      .office('o')
      .referral('seen', 'o', inside, { intake: completedFirstVisit(inside) })
      .referral('old', 'o', outside, { intake: completedFirstVisit(outside) })
      .referral('later', 'o', lateVisit, { intake: completedFirstVisit(lateVisit) })
      .build();
    expect(rankSources(snapshot, playbook, NOW).offices[0]).toMatchObject({ referrals: 2, firstVisits: 1 });
  });

  it('uses playbook.sources.windowDays (365 by default)', () => {
    const snapshot = scenario()
      .office('o')
      .referral('r364', 'o', daysBefore(NOW, 364))
      .referral('r365', 'o', daysBefore(NOW, 365))
      .build();
    expect(rankSources(snapshot, defaultPlaybook, NOW).offices[0]?.referralIds).toEqual(['r364']);
  });
});

describe('rankSources: trend', () => {
  // trendDays 10 → recent = 2026-02-21 … 2026-03-02, previous = 2026-02-11 … 2026-02-20.
  const playbook = withSources(30, 10);

  it('compares the last trendDays days with the trendDays before; fewer recent referrals is declining', () => {
    const snapshot = scenario()
      .office('o')
      .referral('recent-first', 'o', '2026-02-21T06:00:00Z') // 00:00 Feb 21 Chicago → recent
      .referral('previous-last', 'o', '2026-02-21T05:59:59Z') // 23:59:59 Feb 20 → previous
      .referral('previous-first', 'o', '2026-02-11T06:00:00Z') // 00:00 Feb 11 → previous
      .referral('too-old', 'o', '2026-02-11T05:59:59Z') // Feb 10 → neither (but in the window)
      .build();
    expect(rankSources(snapshot, playbook, NOW).offices[0]).toMatchObject({
      referrals: 4,
      recentReferrals: 1,
      previousReferrals: 2,
      trend: -1,
      declining: true,
    });
  });

  it('a rising source has a positive trend and is not declining; equal periods are not declining', () => {
    const snapshot = scenario()
      .office('up')
      .office('flat')
      .referral('u1', 'up', daysBefore(NOW, 1))
      .referral('u2', 'up', daysBefore(NOW, 2))
      .referral('u3', 'up', daysBefore(NOW, 12))
      .referral('f1', 'flat', daysBefore(NOW, 3))
      .referral('f2', 'flat', daysBefore(NOW, 13))
      .build();
    const byId = new Map(rankSources(snapshot, playbook, NOW).offices.map((o) => [o.officeId, o]));
    expect(byId.get('up')).toMatchObject({ recentReferrals: 2, previousReferrals: 1, trend: 1, declining: false });
    expect(byId.get('flat')).toMatchObject({ recentReferrals: 1, previousReferrals: 1, trend: 0, declining: false });
  });

  it('the trend periods do not depend on the counting window', () => {
    // windowDays 5 is shorter than the two trend periods (20 days); the trend still counts both.
    const snapshot = scenario().office('o').referral('old', 'o', daysBefore(NOW, 15)).build();
    expect(rankSources(snapshot, withSources(5, 10), NOW).offices[0]).toMatchObject({
      referrals: 0,
      previousReferrals: 1,
      declining: true,
    });
  });
});

describe('rankSources: follow-up status', () => {
  it('an office last contacted 200 days ago is lapsed; one contacted 100 days ago is due', () => {
    const snapshot = scenario()
      .office('lapsed')
      .office('due')
      .touch('t1', 'lapsed', daysBefore(NOW, 200))
      .touch('t2', 'due', daysBefore(NOW, 100))
      .build();
    const byId = new Map(rankSources(snapshot, defaultPlaybook, NOW).offices.map((o) => [o.officeId, o]));
    expect(byId.get('lapsed')).toMatchObject({ followUpStatus: 'lapsed', lapsed: true, daysSinceContact: 200 });
    expect(byId.get('due')).toMatchObject({ followUpStatus: 'due', lapsed: false, daysSinceContact: 100 });
  });

  it('follows the follow-up policy’s counting channels', () => {
    const playbook: Playbook = {
      ...defaultPlaybook,
      plays: { ...defaultPlaybook.plays, 'follow-up': { ...defaultPlaybook.plays['follow-up'], countingChannels: ['in-person'] } },
    };
    const snapshot = scenario()
      .office('o')
      .touch('visit', 'o', daysBefore(NOW, 190))
      .touch('mail', 'o', daysBefore(NOW, 10), { channel: 'email' })
      .build();
    expect(rankSources(snapshot, playbook, NOW).offices[0]).toMatchObject({ lapsed: true, daysSinceContact: 190, touchpoints: 2 });
  });
});

describe('rankSources: purity', () => {
  function reversed(snapshot: PracticeSnapshot): PracticeSnapshot {
    return {
      ...snapshot,
      offices: [...snapshot.offices].reverse(),
      contacts: [...snapshot.contacts].reverse(),
      touchpoints: [...snapshot.touchpoints].reverse(),
      referrals: [...snapshot.referrals].reverse(),
    };
  }

  it('gives the same ranking whatever the order of the records', () => {
    const snapshot = yieldScenario().build();
    expect(rankSources(reversed(snapshot), defaultPlaybook, NOW)).toEqual(rankSources(snapshot, defaultPlaybook, NOW));
  });

  it('does not change its input, and accepts epoch ms and Date for now', () => {
    const snapshot = yieldScenario().build();
    const before = JSON.stringify(snapshot);
    const expected = rankSources(snapshot, defaultPlaybook, NOW);
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(rankSources(snapshot, defaultPlaybook, Date.parse(NOW))).toEqual(expected);
    expect(rankSources(snapshot, defaultPlaybook, new Date(NOW))).toEqual(expected);
  });

  it('rankIndexedSources over an index gives the same result', () => {
    const build = yieldScenario();
    expect(rankIndexedSources(build.index(), defaultPlaybook, NOW)).toEqual(rankSources(build.build(), defaultPlaybook, NOW));
  });

  it('ranks only the offices asked for, and their contacts', () => {
    const build = yieldScenario();
    const ranking = rankSources(build.build(), defaultPlaybook, NOW, { officeIds: ['B', 'C'] });
    expect(ranking.offices.map((o) => [o.rank, o.officeId])).toEqual([
      [1, 'B'],
      [2, 'C'],
    ]);
    expect(ranking.contacts.map((c) => c.contactId)).toEqual(['b-doc']);
    const prospects = rankSources(build.office('E', { lifecycle: 'prospect' }).build(), defaultPlaybook, NOW, {
      lifecycles: ['prospect'],
    });
    expect(prospects.offices.map((o) => o.officeId)).toEqual(['E']);
  });

  it('on a generated practice: any record order gives the same ranking, and ranks run 1…n', () => {
    const snapshot = generatePractice({ seed: 12, offices: 60, now: NOW, timeZone: 'America/Chicago' });
    const ranking = rankSources(snapshot, defaultPlaybook, NOW);
    expect(rankSources(reversed(snapshot), defaultPlaybook, NOW)).toEqual(ranking);
    expect(ranking.offices.map((o) => o.rank)).toEqual(snapshot.offices.map((_, i) => i + 1));
    expect(ranking.contacts.map((c) => c.rank)).toEqual(snapshot.contacts.map((_, i) => i + 1));
    // The offices' window referrals add up to the referrals received in the window.
    const from = Date.parse('2025-03-03T06:00:00Z'); // 2026-03-02 − 364 days, midnight in Chicago
    const inWindow = snapshot.referrals.filter((r) => Date.parse(r.receivedAt) >= from && Date.parse(r.receivedAt) <= Date.parse(NOW));
    expect(ranking.offices.reduce((sum, o) => sum + o.referrals, 0)).toBe(inWindow.length);
  });

  it('rejects an invalid now', () => {
    expect(() => rankSources(yieldScenario().build(), defaultPlaybook, 'yesterday')).toThrow(/referwell/);
  });
});
