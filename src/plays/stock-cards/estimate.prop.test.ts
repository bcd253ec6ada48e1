import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../../../test/scenario';
import { formatInstant } from '../../calendar/instant';
import { localDayNumbers } from '../../calendar/dates';
import { cardsDropped, estimateStock } from './estimate';
import { defaultStockCardsPolicy, type StockCardsPolicy } from './policy';

const NOW = Date.parse('2026-03-02T18:00:00Z');
const HOUR = 3_600_000;
const ZONE = 'America/Chicago';

/** The estimate written the plain way: every event listed, sorted (drops first on ties), applied. */
function referenceEstimate(
  drops: readonly { id: string; at: number; cards: number }[],
  referrals: readonly number[],
  policy: StockCardsPolicy,
): { estimate: number; dropped: number; lastDropId: string | null } {
  const dayOf = localDayNumbers(ZONE);
  const events = [
    ...drops.filter((d) => d.at <= NOW && d.cards > 0).map((d) => ({ at: d.at, order: 0, cards: d.cards, id: d.id })),
    ...referrals.filter((at) => at <= NOW).map((at) => ({ at, order: 1, cards: 0, id: '' })),
  ].sort((a, b) => a.at - b.at || a.order - b.order);
  let stock = 0;
  let dropped = 0;
  let previous: number | undefined;
  let lastDropId: string | null = null;
  for (const event of events) {
    const day = dayOf(event.at);
    if (previous !== undefined) stock = Math.max(0, stock - (policy.cardsPerWeek * (day - previous)) / 7);
    previous = day;
    if (event.order === 0) {
      stock += event.cards;
      dropped += event.cards;
      lastDropId = event.id;
    } else {
      stock = Math.max(0, stock - policy.cardsPerReferral);
    }
  }
  if (previous !== undefined) stock = Math.max(0, stock - (policy.cardsPerWeek * (dayOf(NOW) - previous)) / 7);
  return { estimate: Math.max(0, Math.floor(stock + 1e-9)), dropped, lastDropId };
}

describe('estimateStock (property)', () => {
  it('equals the plain merge of drops and referrals in time order, whatever the mix', () => {
    const touch = fc.record({
      hoursAgo: fc.integer({ min: -200, max: 6000 }),
      collateral: fc.option(fc.record({ cards: fc.integer({ min: 0, max: 80 }), brochures: fc.integer({ min: 0, max: 20 }) }), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(touch, { maxLength: 30 }),
        fc.array(fc.integer({ min: -200, max: 6000 }), { maxLength: 30 }),
        fc.boolean(),
        (touches, referralHours, countBrochures) => {
          const policy = { ...defaultStockCardsPolicy, countBrochures };
          const build = scenario().office('o');
          const drops: { id: string; at: number; cards: number }[] = [];
          touches.forEach((t, i) => {
            const at = NOW - t.hoursAgo * HOUR;
            const id = `t${String(i).padStart(3, '0')}`;
            build.touch(id, 'o', formatInstant(at), t.collateral === undefined ? {} : { purposes: ['collateral-drop'], collateral: t.collateral });
            drops.push({ id, at, cards: cardsDropped(t.collateral, policy) });
          });
          const referralTimes = referralHours.map((h) => NOW - h * HOUR);
          referralTimes.forEach((at, i) => build.referral(`r${String(i).padStart(3, '0')}`, 'o', formatInstant(at)));
          // The history's order: by time, then id (as the index sorts).
          drops.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
          const expected = referenceEstimate(drops, referralTimes, policy);
          const actual = estimateStock(build.history('o'), policy, { now: NOW, timeZone: ZONE });
          expect({ estimate: actual.estimate, dropped: actual.dropped, lastDropId: actual.lastDrop?.id ?? null }).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
