import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { defaultPlaybook, type Playbook } from '../../playbook/playbook';
import { estimateStock } from './estimate';
import { stockCardsPlay } from './play';
import { defaultStockCardsPolicy, type StockCardsPolicy } from './policy';

const NOW = '2026-03-02T18:00:00Z'; // Monday, noon in Chicago
const plays = [stockCardsPlay];
const drop = (cards: number, brochures = 0) => ({
  purposes: ['collateral-drop' as const],
  collateral: { cards, brochures },
});

function planOf(build: ReturnType<typeof scenario>, now = NOW, playbook: Playbook = defaultPlaybook) {
  return planActions({ snapshot: build.build(), playbook, now, plays });
}

function withPolicy(patch: Partial<StockCardsPolicy>): Playbook {
  return { ...defaultPlaybook, plays: { ...defaultPlaybook.plays, 'stock-cards': { ...defaultStockCardsPolicy, ...patch } } };
}

function estimate(build: ReturnType<typeof scenario>, policy: StockCardsPolicy = defaultStockCardsPolicy, now = NOW) {
  return estimateStock(build.history('o'), policy, { now: Date.parse(now), timeZone: 'America/Chicago' });
}

/** Adds `n` referrals, one a day from `firstDaysAgo` days before NOW. */
function referrals(build: ReturnType<typeof scenario>, n: number, firstDaysAgo: number) {
  for (let i = 0; i < n; i += 1) build.referral(`r${i}`, 'o', daysBefore(NOW, firstDaysAgo - i));
  return build;
}

describe('stock-cards: keep their office stocked with cards', () => {
  it('an office with fewer than 25 cards left gets a restock action for up to 100', () => {
    // 40 cards left 70 days ago; 10 weeks use 10 cards and 8 referrals 8 more: 40 − 10 − 8 = 22 < 25.
    const build = referrals(scenario().office('o').touch('drop', 'o', daysBefore(NOW, 70), drop(40)), 8, 60);
    const actions = planOf(build);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      play: 'stock-cards',
      kind: 'restock',
      officeId: 'o',
      contactIds: [],
      due: '2026-03-02',
      priority: 35,
      title: 'Bring 78 business cards to Office o',
      details: { quantity: 78, estimate: 22 },
      explanation: {
        rule: 'stock-cards/running-low',
        facts: { estimate: 22, dropped: 40, used: 18, lastDropDate: '2025-12-22', quantity: 78 },
        policy: { minimumCards: 25, restockUpTo: 100, cardsPerReferral: 1, cardsPerWeek: 1, countBrochures: false },
      },
    });
    expect(actions[0]!.explanation.evidence).toEqual([
      { kind: 'touchpoint', id: 'drop' },
      ...Array.from({ length: 8 }, (_, i) => ({ kind: 'referral', id: `r${i}` })),
    ]);
    expect(actions[0]!.explanation.summary).toBe(
      'About 22 cards are left at Office o (40 dropped, last on 2025-12-22; about 18 used), below the minimum of 25; bring 78 to get back to 100.',
    );
  });

  it('an office with 25 or more cards left gets nothing', () => {
    // 100 − 60 ÷ 7 = 91.4 → 91.
    const build = scenario().office('o').touch('drop', 'o', daysBefore(NOW, 60), drop(100));
    expect(planOf(build)).toEqual([]);
    // Exactly the minimum is enough: 32 − 49 ÷ 7 = 25.
    expect(planOf(scenario().office('o').touch('drop', 'o', daysBefore(NOW, 49), drop(32)))).toEqual([]);
    // One card less is not: 31 − 7 = 24.
    expect(planOf(scenario().office('o').touch('drop', 'o', daysBefore(NOW, 49), drop(31)))[0]?.details).toEqual({
      quantity: 76,
      estimate: 24,
    });
  });

  it('an office never left any cards gets a restock of the full 100', () => {
    const [action] = planOf(scenario().office('o').touch('visit', 'o', daysBefore(NOW, 40)));
    expect(action).toMatchObject({
      details: { quantity: 100, estimate: 0 },
      explanation: { rule: 'stock-cards/never-stocked', facts: { lastDropDate: null, dropped: 0 }, evidence: [] },
    });
  });

  it('holds the restock back inside the follow-up nuisance floor (it is outreach)', () => {
    expect(planOf(scenario().office('o').touch('visit', 'o', daysBefore(NOW, 10)))).toEqual([]);
  });

  it('keeps the action id while the last drop is the same, and renews it after a new drop', () => {
    const build = scenario().office('o').touch('drop', 'o', daysBefore(NOW, 100), drop(30));
    const [today] = planOf(build);
    const [nextWeek] = planOf(build, daysBefore(NOW, -7));
    expect(nextWeek!.id).toBe(today!.id);
    expect([today!.details['quantity'], nextWeek!.details['quantity']]).toEqual([85, 86]); // 30 − 14.3 = 15, then 14
    const [afterNewDrop] = planOf(build.touch('drop-2', 'o', daysBefore(NOW, 40), drop(5)), daysBefore(NOW, -7));
    expect(afterNewDrop!.id).not.toBe(today!.id);
  });

  it('reads the restock quantity from the policy', () => {
    const [action] = planOf(
      scenario().office('o').touch('drop', 'o', daysBefore(NOW, 70), drop(40)),
      NOW,
      withPolicy({ minimumCards: 40, restockUpTo: 60 }),
    );
    expect(action?.details).toEqual({ quantity: 30, estimate: 30 }); // 40 − 10 = 30 < 40; 60 − 30
  });
});

describe('estimateStock', () => {
  it('uses cardsPerWeek for fractional weeks of whole days', () => {
    // 50 − 10 ÷ 7 = 48.57 → 48.
    const result = estimate(scenario().office('o').touch('drop', 'o', daysBefore(NOW, 10), drop(50)));
    expect(result.estimate).toBe(48);
    expect(result.dropped).toBe(50);
    expect(result.used).toBeCloseTo(10 / 7, 12);
    expect(result.lastDrop).toEqual({ id: 'drop', date: '2026-02-20', cards: 50 });
  });

  it('never lets the stock go below zero between events', () => {
    // 10 cards, then 140 days (20 weeks) empty the office; 30 more cards 7 days ago: 30 − 1 = 29 (not 19).
    const build = scenario()
      .office('o')
      .touch('d1', 'o', daysBefore(NOW, 147), drop(10))
      .touch('d2', 'o', daysBefore(NOW, 7), drop(30));
    const result = estimate(build);
    expect(result).toMatchObject({ estimate: 29, dropped: 40, used: 11 });
    expect(result.lastDrop?.id).toBe('d2');
  });

  it('does not charge referrals received before any cards were left', () => {
    const build = referrals(scenario().office('o'), 5, 100).touch('drop', 'o', daysBefore(NOW, 14), drop(30));
    expect(estimate(build).estimate).toBe(28); // 30 − 2 weeks
  });

  it('charges cardsPerReferral for each referral after a drop', () => {
    const build = referrals(scenario().office('o').touch('drop', 'o', daysBefore(NOW, 7), drop(30)), 3, 5);
    expect(estimate(build, { ...defaultStockCardsPolicy, cardsPerReferral: 2.5, cardsPerWeek: 0 }).estimate).toBe(22); // 30 − 7.5
  });

  it('counts brochures only when countBrochures is set', () => {
    const build = scenario().office('o').touch('drop', 'o', daysBefore(NOW, 0), drop(10, 20));
    expect(estimate(build).estimate).toBe(10);
    expect(estimate(build, { ...defaultStockCardsPolicy, countBrochures: true }).estimate).toBe(30);
    const brochuresOnly = scenario().office('o').touch('drop', 'o', daysBefore(NOW, 0), drop(0, 20));
    expect(estimate(brochuresOnly).lastDrop).toBeNull();
    expect(estimate(brochuresOnly, { ...defaultStockCardsPolicy, countBrochures: true }).lastDrop?.cards).toBe(20);
  });

  it('ignores drops and referrals after now', () => {
    const build = scenario()
      .office('o')
      .touch('drop', 'o', daysBefore(NOW, 7), drop(30))
      .touch('later', 'o', daysBefore(NOW, -1), drop(500))
      .referral('r-later', 'o', daysBefore(NOW, -1));
    expect(estimate(build)).toMatchObject({ estimate: 29, dropped: 30, lastDrop: { id: 'drop' } });
  });

  it('counts whole days in the practice time zone, not 24-hour periods', () => {
    // 2026-02-21 23:30 CST to 2026-03-01 00:30 CST: 8 calendar days, only 7 × 24 h + 1 h.
    const build = scenario().office('o').touch('drop', 'o', '2026-02-22T05:30:00Z', drop(50));
    const result = estimate(build, { ...defaultStockCardsPolicy, cardsPerWeek: 7 }, '2026-03-01T06:30:00Z');
    expect(result.estimate).toBe(42); // 50 − 8 days × 1 card a day
  });

  it('rounds down to a whole card and stays exact for whole-number rates', () => {
    // 63 days = 9 weeks exactly: 100 − 9 = 91, not 90.99999.
    const build = scenario().office('o').touch('drop', 'o', daysBefore(NOW, 63), drop(100));
    expect(estimate(build)).toMatchObject({ estimate: 91, used: 9 });
  });

  it('does not mutate the history', () => {
    const history = scenario().office('o').touch('drop', 'o', daysBefore(NOW, 7), drop(30)).history('o');
    const copy = structuredClone(history);
    estimateStock(history, defaultStockCardsPolicy, { now: Date.parse(NOW), timeZone: 'America/Chicago' });
    expect(history).toEqual(copy);
  });
});

describe('stock-cards score', () => {
  const scoreOf = (build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook) =>
    scoreRelationship(build.history('o'), playbook, NOW, { plays }).components[0]!;

  it('is 100 × estimate ÷ minimumCards, capped at 100', () => {
    // 17 − 7 ÷ 7 = 16 cards: 100 × 16 ÷ 25 = 64.
    expect(scoreOf(scenario().office('o').touch('d', 'o', daysBefore(NOW, 7), drop(17))).score).toBe(64);
    // 11 − 1 = 10 cards: 100 × 10 ÷ 25 = 40.
    const ten = scoreOf(scenario().office('o').touch('d', 'o', daysBefore(NOW, 7), drop(11)));
    expect(ten).toMatchObject({ score: 40, facts: { estimate: 10, dropped: 11, used: 1, lastDropDate: '2026-02-23' } });
    expect(ten.reasons).toEqual(['about 10 cards left (11 dropped, last on 2026-02-23); full marks from 25']);
    // 80 cards: capped.
    expect(scoreOf(scenario().office('o').touch('d', 'o', daysBefore(NOW, 0), drop(80))).score).toBe(100);
  });

  it('is 0 for an office never stocked (never null)', () => {
    expect(scoreOf(scenario().office('o'))).toMatchObject({ score: 0, reasons: ['never stocked with cards'] });
  });

  it('is 100 when the minimum is 0', () => {
    expect(scoreOf(scenario().office('o'), withPolicy({ minimumCards: 0 })).score).toBe(100);
  });
});
