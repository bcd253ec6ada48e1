/**
 * Joins words or phrases the English way: `a`, `a and b`, `a, b and c` (no
 * serial comma). The plays use it for titles, coaching and thank-you text.
 *
 * @param items - The words or phrases, in order.
 * @param conjunction - The word before the last item: `and` (default) or `or`.
 * @returns The joined phrase; empty for no items.
 * @example
 * ```ts
 * joinWords(['Dr. Okafor', 'Rosa']); //=> 'Dr. Okafor and Rosa'
 * joinWords(['tea', 'coffee', 'water'], 'or'); //=> 'tea, coffee or water'
 * ```
 * @internal
 */
export function joinWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)!}`;
}

/**
 * A count with its noun: `1 referral`, `2 referrals`.
 *
 * @param n - The count.
 * @param one - The noun for one.
 * @param many - The noun for any other count; default `one` + `s`.
 * @returns E.g. `3 openings`.
 * @example
 * ```ts
 * plural(1, 'business day'); //=> '1 business day'
 * plural(0, 'opening'); //=> '0 openings'
 * ```
 * @internal
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
