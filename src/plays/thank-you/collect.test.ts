import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { businessCalendar } from '../../calendar/business-days';
import type { OfficeHistory } from '../../model/history';
import { collectTriggered, SCAN_PAIRS } from './collect';
import { defaultThankYouPolicy } from './policy';
import { triggeredReferrals } from './triggers';

const NOW = '2026-03-02T18:00:00Z';
const ctx = { now: Date.parse(NOW), timeZone: 'America/Chicago', calendar: businessCalendar() };

/** Which thank-you acknowledges each triggered referral, by referral id. */
function acknowledgedBy(history: OfficeHistory): Record<string, string | null> {
  const answer: Record<string, string | null> = {};
  for (const triggered of triggeredReferrals(history, defaultThankYouPolicy, ctx)) {
    answer[triggered.referral.record.id] = triggered.acknowledgedBy?.record.id ?? null;
  }
  return answer;
}

/**
 * An office with `extra` more referrals (unthanked) besides r1, r2 and r3: r1 and
 * r3 are listed by a late thank-you and an earlier one, r2 only by one sent after
 * now. The extra thank-yous list nothing.
 */
function office(extra: number): OfficeHistory {
  const build = scenario().office('o').contact('c', 'o', 'physician');
  // r2 and r3 come last, so that in a large office they are looked up through the map.
  build.referral('r1', 'o', daysBefore(NOW, 20)).referral('r2', 'o', daysBefore(NOW, 18));
  build.referral('r3', 'o', daysBefore(NOW, 17));
  for (let i = 0; i < extra; i += 1) build.referral(`x${String(i).padStart(3, '0')}`, 'o', daysBefore(NOW, 19));
  build.thankYou('t-late', 'o', daysBefore(NOW, 5), { contactIds: ['c'], referralIds: ['r1', 'r3'] });
  build.thankYou('t-early', 'o', daysBefore(NOW, 10), { contactIds: ['c'], referralIds: ['r1', 'r3'] });
  build.thankYou('t-future', 'o', daysBefore(NOW, -2), { contactIds: ['c'], referralIds: ['r2'] });
  for (let i = 0; i < extra; i += 1) {
    build.thankYou(`u${String(i).padStart(3, '0')}`, 'o', daysBefore(NOW, 1), { contactIds: ['c'] });
  }
  return build.history('o');
}

describe('triggeredReferrals: which thank-you acknowledges a referral', () => {
  it('is the first sent by now that lists it, in an office with few referrals and thank-yous', () => {
    const history = office(0);
    expect(history.referrals.length * history.thankYous.length).toBeLessThanOrEqual(SCAN_PAIRS);
    expect(acknowledgedBy(history)).toEqual({ r1: 't-early', r2: null, r3: 't-early' });
  });

  it('is the same in an office with many of both (read in turn, then through a map)', () => {
    const history = office(20);
    expect(history.referrals.length * history.thankYous.length).toBeGreaterThan(SCAN_PAIRS);
    expect(acknowledgedBy(history)).toMatchObject({ r1: 't-early', r2: null, r3: 't-early', x000: null });
  });

  it('is, for any office, the first thank-you by time, then id, sent by now that lists the referral', () => {
    // Up to 30 referrals and 24 thank-yous: offices on both sides of SCAN_PAIRS.
    // The thank-yous' ids are a shuffle of their places, so that ties of days are
    // broken by an id the input's order does not give away.
    const practice = fc
      .record({ referrals: fc.integer({ min: 1, max: 30 }), thankYous: fc.integer({ min: 0, max: 24 }) })
      .chain(({ referrals, thankYous }) =>
        fc.record({
          referralDays: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: referrals, maxLength: referrals }),
          thankYous: fc.array(
            fc.record({
              // Negative: sent after now.
              daysBefore: fc.integer({ min: -3, max: 25 }),
              lists: fc.subarray([...Array(referrals).keys()]),
            }),
            { minLength: thankYous, maxLength: thankYous },
          ),
          ids: fc.shuffledSubarray([...Array(thankYous).keys()], { minLength: thankYous, maxLength: thankYous }),
        }),
      );
    fc.assert(
      fc.property(practice, fc.integer({ min: 0, max: 26 }), fc.integer({ min: 0, max: 3 }), (given, lookback, slack) => {
        const { referralDays, thankYous, ids } = given;
        const build = scenario().office('o').contact('c', 'o', 'physician');
        referralDays.forEach((days, i) => build.referral(`r${i}`, 'o', daysBefore(NOW, days)));
        const sent = thankYous.map((thankYou, i) => ({ ...thankYou, id: `t${String(ids[i]).padStart(2, '0')}` }));
        for (const thankYou of sent) {
          build.thankYou(thankYou.id, 'o', daysBefore(NOW, thankYou.daysBefore), {
            contactIds: ['c'],
            referralIds: thankYou.lists.map((r) => `r${r}`),
          });
        }
        // Sent earliest first (most days before now), ties by id; only those sent by now.
        const byTime = sent
          .filter((thankYou) => thankYou.daysBefore >= 0)
          .sort((a, b) => b.daysBefore - a.daysBefore || (a.id < b.id ? -1 : 1));
        const expected: Record<string, string | null> = {};
        referralDays.forEach((_, r) => {
          expected[`r${r}`] = byTime.find((thankYou) => thankYou.lists.includes(r))?.id ?? null;
        });
        const history = build.history('o');
        expect(acknowledgedBy(history)).toEqual(expected);
        // The planner's shortcut: only the owed referrals its filter accepts, the same entries
        // (`since` at or before every time `within` accepts).
        const within = (at: number) => ctx.now - at <= lookback * 86_400_000;
        const since = ctx.now - (lookback + slack) * 86_400_000;
        expect(collectTriggered(history, defaultThankYouPolicy, ctx, { within, since })).toEqual(
          triggeredReferrals(history, defaultThankYouPolicy, ctx).filter(
            (triggered) => triggered.acknowledgedBy === undefined && within(triggered.at),
          ),
        );
      }),
      { numRuns: 150 },
    );
  });
});
