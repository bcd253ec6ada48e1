import { localDayNumbers, toCalendarDate } from '../../calendar/dates';
import type { OfficeHistory } from '../../model/history';
import type { CalendarDate, Id } from '../../model/primitives';
import type { Collateral } from '../../model/touchpoint';
import type { PlayContext } from '../play';
import { sharedFact } from '../shared-facts';
import type { StockCardsPolicy } from './policy';

/** Days in a week: weekly use is spread over whole days elapsed ÷ 7. */
const DAYS_PER_WEEK = 7;

/**
 * The last collateral drop counted by {@link estimateStock}.
 *
 * @category Plays
 */
export interface StockDrop {
  /** The touchpoint that left the collateral. */
  readonly id: Id;
  /** Its date in the practice's time zone. */
  readonly date: CalendarDate;
  /** The cards it left (plus brochures when the policy counts them). */
  readonly cards: number;
}

/**
 * What {@link estimateStock} estimates is left at an office.
 *
 * @category Plays
 */
export interface StockEstimate {
  /** The cards estimated to be left now, rounded down to a whole card; never negative. */
  readonly estimate: number;
  /** The last drop up to now, or `null` when the office was never stocked. */
  readonly lastDrop: StockDrop | null;
  /** Every card (plus brochures when counted) dropped up to now. */
  readonly dropped: number;
  /**
   * The cards estimated to have been used: `dropped` minus the exact (unrounded)
   * stock. Use while the stock is empty is not counted, so this can be less than
   * the referrals and weeks alone would use.
   */
  readonly used: number;
}

/**
 * How many cards one touchpoint's collateral adds to the stock.
 *
 * @param collateral - The collateral left, if any.
 * @param policy - Whether brochures count as cards.
 * @returns Cards, plus brochures when `countBrochures`; 0 without collateral.
 * @example
 * ```ts
 * cardsDropped({ cards: 50, brochures: 10 }, { countBrochures: true }); //=> 60
 * cardsDropped({ cards: 50, brochures: 10 }, { countBrochures: false }); //=> 50
 * ```
 * @category Plays
 */
export function cardsDropped(
  collateral: Collateral | undefined,
  policy: Pick<StockCardsPolicy, 'countBrochures'>,
): number {
  if (collateral === undefined) return 0;
  return collateral.cards + (policy.countBrochures ? collateral.brochures : 0);
}

/**
 * Estimates the business cards left at an office now.
 *
 * The office's drops and referrals up to `now` are walked in time order (a drop
 * and a referral at the same instant: the drop first). Starting from 0,
 *
 * - between two events, and from the last event to `now`, the stock falls by
 *   `cardsPerWeek × d ÷ 7`, with *d* the whole days between them in the
 *   practice's time zone (fractional weeks count);
 * - each touchpoint adds its `collateral.cards` (plus `brochures` when
 *   `countBrochures`);
 * - each referral received takes `cardsPerReferral`;
 * - the stock never goes below 0 (cards cannot be used that are not there).
 *
 * The result is rounded down to a whole card. The arithmetic is done in
 * sevenths of a card, so integer policy values give exact results.
 *
 * @param history - The office's history.
 * @param policy - The stock-cards policy (usage rates, whether brochures count).
 * @param ctx - The moment (`now`, epoch ms) and the practice's time zone.
 * @returns The estimate, the last drop, and the cards dropped and used.
 * @throws {@link ValidationError} when `now` or the time zone is invalid.
 * @example
 * ```ts
 * // 100 cards left 70 days ago, 5 referrals since: 100 − 5 − 70 ÷ 7 = 85.
 * estimateStock(history, defaultStockCardsPolicy, { now, timeZone: 'America/Chicago' }).estimate;
 * //=> 85
 * ```
 * @category Plays
 */
export function estimateStock(
  history: OfficeHistory,
  policy: Pick<StockCardsPolicy, 'cardsPerReferral' | 'cardsPerWeek' | 'countBrochures'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone'>,
): StockEstimate {
  return sharedFact(estimateStock, history, policy, ctx.now, ctx.timeZone, () => estimateStockOf(history, policy, ctx));
}

/** {@link estimateStock}, worked out. */
function estimateStockOf(
  history: OfficeHistory,
  policy: Pick<StockCardsPolicy, 'cardsPerReferral' | 'cardsPerWeek' | 'countBrochures'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone'>,
): StockEstimate {
  const { now, timeZone } = ctx;
  // Everything below is in sevenths of a card.
  let stock = 0;
  let dropped = 0;
  // The local day number of the previous event: weekly use is counted in whole days
  // between events (`wholeDaysBetween`, as differences of day numbers).
  let previousDay: number | undefined;
  const dayOf = localDayNumbers(timeZone);
  let lastDrop = -1;
  let lastDropCards = 0;

  // Both lists merged in time order, leaving out what happened after `now`. Only
  // drops matter among the touchpoints, so the collateral is read first and the
  // time only of a drop; the referrals received before each drop come before it.
  const records = history.touchpointRecords;
  const times = history.touchpointTimes;
  const referrals = history.referrals;
  let r = 0;
  for (let t = 0; t < records.length; t += 1) {
    const collateral = records[t]!.collateral;
    if (collateral === undefined) continue;
    const cards = cardsDropped(collateral, policy);
    const at = times[t]!;
    if (cards === 0 || at > now) continue;
    for (; r < referrals.length; r += 1) {
      const referralAt = referrals[r]!.at;
      // A drop and a referral at the same instant: the drop first.
      if (referralAt >= at) break;
      const day = dayOf(referralAt);
      if (previousDay !== undefined) stock = Math.max(0, stock - policy.cardsPerWeek * (day - previousDay));
      previousDay = day;
      stock = Math.max(0, stock - policy.cardsPerReferral * DAYS_PER_WEEK);
    }
    const day = dayOf(at);
    if (previousDay !== undefined) stock = Math.max(0, stock - policy.cardsPerWeek * (day - previousDay));
    previousDay = day;
    stock += cards * DAYS_PER_WEEK;
    dropped += cards;
    lastDrop = t;
    lastDropCards = cards;
  }
  for (; r < referrals.length; r += 1) {
    const referralAt = referrals[r]!.at;
    if (referralAt > now) continue;
    const day = dayOf(referralAt);
    if (previousDay !== undefined) stock = Math.max(0, stock - policy.cardsPerWeek * (day - previousDay));
    previousDay = day;
    stock = Math.max(0, stock - policy.cardsPerReferral * DAYS_PER_WEEK);
  }
  if (previousDay !== undefined) {
    stock = Math.max(0, stock - policy.cardsPerWeek * (dayOf(now) - previousDay));
  }

  const exact = stock / DAYS_PER_WEEK;
  return {
    // The tolerance keeps 24.9999999 (from fractional rates) from becoming 24.
    estimate: Math.max(0, Math.floor(exact + 1e-9)),
    lastDrop:
      lastDrop < 0
        ? null
        : { id: records[lastDrop]!.id, date: toCalendarDate(times[lastDrop]!, timeZone), cards: lastDropCards },
    dropped,
    used: dropped - exact,
  };
}
