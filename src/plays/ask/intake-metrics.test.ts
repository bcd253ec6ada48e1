import { describe, expect, it } from 'vitest';
import { scenario } from '../../../test/scenario';
import { businessCalendar } from '../../calendar/business-days';
import { intakeMetrics, isOpenIntake, nearestRankPercentile, referralIntakeFacts } from './intake-metrics';
import { defaultAskPolicy } from './policy';

const NOW = '2026-03-16T17:00:00Z'; // Monday 2026-03-16, noon in Chicago (CDT)
const clock = { now: Date.parse(NOW), timeZone: 'America/Chicago', calendar: businessCalendar() };

/** Accepted on receipt, booked for `visitAt`, seen then. */
function seen(receivedAt: string, visitAt: string) {
  return [
    { status: 'accepted' as const, at: receivedAt },
    { status: 'scheduled' as const, at: receivedAt, appointmentAt: visitAt },
    { status: 'first-visit-completed' as const, at: visitAt },
  ];
}

// February 2026 in Chicago is CST (UTC−6): 15:00Z is 09:00 local.
const referrals = scenario()
  .office('o')
  // Mon 02-02: contacted after 4 h; seen Thu 02-05 (3 days).
  .referral('r1', 'o', '2026-02-02T15:00:00Z', {
    patientContactedAt: '2026-02-02T19:00:00Z',
    intake: seen('2026-02-02T15:00:00Z', '2026-02-05T16:00:00Z'),
  })
  // Tue 02-03: contacted Wed after 26 h (1 business day: on time); seen 02-12 (9 days: late).
  .referral('r2', 'o', '2026-02-03T15:00:00Z', {
    patientContactedAt: '2026-02-04T17:00:00Z',
    intake: seen('2026-02-03T15:00:00Z', '2026-02-12T16:00:00Z'),
  })
  // Fri 02-06: contacted Tue 02-10 after 96 h (Mon, Tue = 2 business days: late); seen 02-13 (7 days: on time).
  .referral('r3', 'o', '2026-02-06T15:00:00Z', {
    patientContactedAt: '2026-02-10T15:00:00Z',
    intake: seen('2026-02-06T15:00:00Z', '2026-02-13T16:00:00Z'),
  })
  // Mon 02-09: contacted after 1 h; booked but never seen, 35 days on: late, still open.
  .referral('r4', 'o', '2026-02-09T15:00:00Z', {
    patientContactedAt: '2026-02-09T16:00:00Z',
    intake: [
      { status: 'accepted', at: '2026-02-09T16:00:00Z' },
      { status: 'scheduled', at: '2026-02-09T16:00:00Z', appointmentAt: '2026-03-20T16:00:00Z' },
    ],
  })
  // Tue 02-10: declined without a recorded contact: closed, judged on neither promise.
  .referral('r5', 'o', '2026-02-10T15:00:00Z', { intake: [{ status: 'declined', at: '2026-02-10T16:00:00Z' }] })
  // Today 09:00: not contacted yet, nothing due.
  .referral('r6', 'o', '2026-03-16T14:00:00Z')
  // Tomorrow: not received yet, left out.
  .referral('r7', 'o', '2026-03-17T14:00:00Z')
  .history('o').referrals;

describe('intakeMetrics', () => {
  it('measures contact and first-visit times with nearest-rank percentiles, and lists the breaches', () => {
    // Hours to contact, sorted: [1, 4, 26, 96] (r4, r1, r2, r3).
    //   median = ⌈0.5 × 4⌉ = 2nd smallest = 4; p90 = ⌈0.9 × 4⌉ = ⌈3.6⌉ = 4th = 96.
    // Days to first visit, sorted: [3, 7, 9] (r1, r3, r2).
    //   median = ⌈1.5⌉ = 2nd = 7; p90 = ⌈2.7⌉ = 3rd = 9.
    expect(intakeMetrics(referrals, defaultAskPolicy, clock)).toEqual({
      count: 6,
      contacted: 4,
      firstVisits: 3,
      timeToContact: { medianHours: 4, p90Hours: 96 },
      timeToFirstVisit: { medianDays: 7, p90Days: 9 },
      contactBreaches: ['r3'],
      firstVisitBreaches: ['r2', 'r4'],
    });
  });

  it('gives null times and no breaches when there is nothing to measure', () => {
    expect(intakeMetrics([], defaultAskPolicy, clock)).toEqual({
      count: 0,
      contacted: 0,
      firstVisits: 0,
      timeToContact: { medianHours: null, p90Hours: null },
      timeToFirstVisit: { medianDays: null, p90Days: null },
      contactBreaches: [],
      firstVisitBreaches: [],
    });
  });

  it('follows the policy: with 2 business days to contact, r3 is on time', () => {
    const policy = { intake: { contactWithinBusinessDays: 2, firstVisitWithinDays: 9 } };
    const metrics = intakeMetrics(referrals, policy, clock);
    expect(metrics.contactBreaches).toEqual([]);
    expect(metrics.firstVisitBreaches).toEqual(['r4']);
  });

  it('ignores contacts and visits recorded after now, and does not depend on input order', () => {
    const earlier = { ...clock, now: Date.parse('2026-02-04T12:00:00Z') }; // Wednesday 06:00: r2 not contacted yet
    const metrics = intakeMetrics([...referrals].reverse(), defaultAskPolicy, earlier);
    expect(metrics).toMatchObject({ count: 2, contacted: 1, firstVisits: 0, contactBreaches: [] });
    expect(metrics.timeToContact).toEqual({ medianHours: 4, p90Hours: 4 });
  });

  it('does not change its input', () => {
    const copy = structuredClone(referrals);
    intakeMetrics(referrals, defaultAskPolicy, clock);
    expect(referrals).toEqual(copy);
  });
});

describe('referralIntakeFacts', () => {
  it('gives the deadlines and day counts of one referral', () => {
    expect(referralIntakeFacts(referrals[2]!, defaultAskPolicy, clock)).toEqual({
      referralId: 'r3',
      receivedDate: '2026-02-06',
      open: false,
      contactDate: '2026-02-10',
      contactBusinessDays: 2,
      contactDeadline: '2026-02-09',
      contactBreached: true,
      hoursToContact: 96,
      firstVisitDate: '2026-02-13',
      firstVisitDays: 7,
      firstVisitDeadline: '2026-02-13',
      firstVisitBreached: false,
      daysToFirstVisit: 7,
    });
  });
});

describe('nearestRankPercentile', () => {
  it('is the ⌈p/100 · n⌉-th smallest value', () => {
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(nearestRankPercentile(ten, 50)).toBe(5);
    expect(nearestRankPercentile(ten, 90)).toBe(9);
    expect(nearestRankPercentile(ten, 100)).toBe(10);
    expect(nearestRankPercentile([7], 50)).toBe(7);
    expect(nearestRankPercentile([], 50)).toBeNull();
  });

  it('is exact where 0.9 × n is not (0.9 × 30 = 27.000000000000004 in floating point)', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(nearestRankPercentile(thirty, 90)).toBe(27);
  });
});

describe('isOpenIntake', () => {
  it('is open until the first visit, a decline or a cancellation', () => {
    expect((['received', 'accepted', 'scheduled', 'no-show'] as const).map(isOpenIntake)).toEqual([true, true, true, true]);
    expect((['declined', 'cancelled', 'first-visit-completed'] as const).map(isOpenIntake)).toEqual([false, false, false]);
  });
});
