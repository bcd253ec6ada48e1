import { describe, expect, it } from 'vitest';
import { joinWords, plural } from './english';

describe('joinWords', () => {
  it('joins with commas and the conjunction before the last item', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(joinWords(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });

  it('does not change its input', () => {
    const items = Object.freeze(['a', 'b', 'c']);
    joinWords(items);
    expect(items).toEqual(['a', 'b', 'c']);
  });
});

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'referral')).toBe('1 referral');
    expect(plural(0, 'referral')).toBe('0 referrals');
    expect(plural(2, 'business day')).toBe('2 business days');
    expect(plural(2, 'thank-you', 'thank-yous')).toBe('2 thank-yous');
  });
});
