import type { RecordRef } from '../../engine/action';
import type { OfficeHistory } from '../../model/history';
import { definePlay, type ActionDraft, type PlayScore } from '../play';
import { entriesUpTo } from '../timeline';
import { estimateStock, type StockEstimate } from './estimate';
import { stockCardsPolicyDefinition, type StockCardsPolicy } from './policy';

/** The policy values every stock-cards explanation shows. */
function settings(policy: StockCardsPolicy) {
  return {
    minimumCards: policy.minimumCards,
    restockUpTo: policy.restockUpTo,
    cardsPerReferral: policy.cardsPerReferral,
    cardsPerWeek: policy.cardsPerWeek,
    countBrochures: policy.countBrochures,
  };
}

/**
 * The stock-cards score: how full the office is against the minimum,
 * `min(100, 100 × estimate ÷ minimumCards)`; 100 when `minimumCards` is 0 (no
 * estimate is ever below it).
 *
 * @param estimate - The whole cards estimated left ({@link estimateStock}).
 * @param policy - The stock-cards policy.
 * @returns 0–100.
 * @example
 * ```ts
 * stockCardsScore(10, defaultStockCardsPolicy); //=> 40
 * stockCardsScore(80, defaultStockCardsPolicy); //=> 100
 * ```
 * @category Plays
 */
export function stockCardsScore(estimate: number, policy: Pick<StockCardsPolicy, 'minimumCards'>): number {
  if (policy.minimumCards === 0) return 100;
  return Math.min(100, (100 * estimate) / policy.minimumCards);
}

/** The records behind an estimate: the last drop, then the referrals received since it. */
function evidenceOf(stock: StockEstimate, history: OfficeHistory, now: number): RecordRef[] {
  if (stock.lastDrop === null) return [];
  const dropId = stock.lastDrop.id;
  // The last drop: search from the end (ids are unique in a history).
  const dropAt = history.touchpointTimes[history.touchpointRecords.findLastIndex((record) => record.id === dropId)]!;
  return [
    { kind: 'touchpoint', id: dropId },
    ...entriesUpTo(history.referrals, now)
      .filter((entry) => entry.at >= dropAt)
      .map((entry): RecordRef => ({ kind: 'referral', id: entry.record.id })),
  ];
}

/**
 * Play 7, **stock-cards**: keep their office stocked with business cards and
 * brochures. The cards left are estimated with {@link estimateStock}; below
 * `minimumCards`, a *restock* action (outreach, due today, priority 35) brings
 * `restockUpTo − estimate` cards (`details.quantity`).
 *
 * @example
 * ```ts
 * planActions({ snapshot, playbook: defaultPlaybook, now, plays: [stockCardsPlay] })[0]?.details;
 * //=> { quantity: 78, estimate: 22 }
 * ```
 * @category Plays
 */
export const stockCardsPlay = definePlay({
  id: 'stock-cards',
  title: 'Stock cards',
  policy: stockCardsPolicyDefinition,
  reads: ['touchpoints', 'referrals'],
  outreachOnly: true,
  // The estimate reads only drops: touchpoints that left collateral.
  readsTouchpoint: (touchpoint) => touchpoint.collateral !== undefined,

  plan(history, ctx): ActionDraft[] {
    const { policy } = ctx;
    const stock = estimateStock(history, policy, ctx);
    if (stock.estimate >= policy.minimumCards) return [];
    const name = history.office.name;
    const quantity = policy.restockUpTo - stock.estimate;
    const last = stock.lastDrop;
    return [
      {
        kind: 'restock',
        officeId: history.office.id,
        contactIds: [],
        due: ctx.today,
        priority: 35,
        title: `Bring ${quantity} business cards to ${name}`,
        anchor: last?.id ?? 'never',
        outreach: true,
        explanation: {
          rule: last === null ? 'stock-cards/never-stocked' : 'stock-cards/running-low',
          summary:
            last === null
              ? `${name} has never been left any cards; bring ${quantity} (up to ${policy.restockUpTo}).`
              : `About ${stock.estimate} cards are left at ${name} (${stock.dropped} dropped, last on ${last.date}; about ${Math.round(stock.used)} used), below the minimum of ${policy.minimumCards}; bring ${quantity} to get back to ${policy.restockUpTo}.`,
          policy: settings(policy),
          facts: {
            estimate: stock.estimate,
            dropped: stock.dropped,
            used: stock.used,
            lastDropDate: last?.date ?? null,
            quantity,
          },
          evidence: evidenceOf(stock, history, ctx.now),
        },
        details: { quantity, estimate: stock.estimate },
      },
    ];
  },

  score(history, ctx): PlayScore {
    const { policy } = ctx;
    const stock = estimateStock(history, policy, ctx);
    return {
      score: stockCardsScore(stock.estimate, policy),
      reasons: [
        stock.lastDrop === null
          ? 'never stocked with cards'
          : `about ${stock.estimate} cards left (${stock.dropped} dropped, last on ${stock.lastDrop.date}); full marks from ${policy.minimumCards}`,
      ],
      facts: {
        estimate: stock.estimate,
        dropped: stock.dropped,
        used: stock.used,
        lastDropDate: stock.lastDrop?.date ?? null,
      },
      evidence: evidenceOf(stock, history, ctx.now),
    };
  },
});
