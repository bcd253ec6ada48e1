import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { defaultStockCardsPolicy, stockCardsPolicySchema } from './policy';

const pointers = (input: unknown) => {
  const result = stockCardsPolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('stock-cards policy', () => {
  it('parses its default to an equal value', () => {
    expect(stockCardsPolicySchema.parse(defaultStockCardsPolicy)).toEqual(defaultStockCardsPolicy);
    expect(defaultStockCardsPolicy).toEqual({
      enabled: true,
      scoreWeight: 5,
      minimumCards: 25,
      restockUpTo: 100,
      cardsPerReferral: 1,
      cardsPerWeek: 1,
      countBrochures: false,
    });
  });

  it('requires restockUpTo > minimumCards, reported at restockUpTo', () => {
    expect(pointers({ ...defaultStockCardsPolicy, restockUpTo: 25 })).toEqual(['/restockUpTo']);
    expect(pointers({ ...defaultStockCardsPolicy, restockUpTo: 26 })).toEqual([]);
  });

  it('allows fractional usage estimates but not negative ones', () => {
    expect(pointers({ ...defaultStockCardsPolicy, cardsPerWeek: 0.5 })).toEqual([]);
    expect(pointers({ ...defaultStockCardsPolicy, cardsPerReferral: -1 })).toEqual(['/cardsPerReferral']);
    expect(pointers({ ...defaultStockCardsPolicy, minimumCards: 2.5 })).toEqual(['/minimumCards']);
  });
});
