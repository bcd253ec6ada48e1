/**
 * A function's answers for every value of a closed list, worked out once.
 *
 * @module
 */

/**
 * Wraps `decide` (typically an exhaustive `match` over a union) so that its
 * answer for each value of `values` is worked out once, at the call, and looked
 * up afterwards: for a question asked of every office or contact, where building
 * the match each time would allocate. A value outside the list still goes to
 * `decide`, so an exhaustive match keeps rejecting it.
 *
 * @param values - Every value of the union.
 * @param decide - The answer for one value; must be pure.
 * @returns A function giving the same answers as `decide`.
 * @example
 * ```ts
 * const isWeekend = answerTable(['sat', 'sun', 'mon'] as const, (day) => day !== 'mon');
 * isWeekend('sun'); //=> true
 * ```
 * @internal
 */
export function answerTable<V extends string, A>(values: readonly V[], decide: (value: V) => A): (value: V) => A {
  const answers = new Map<string, A>();
  for (const value of values) answers.set(value, decide(value));
  return (value) => (answers.has(value) ? (answers.get(value) as A) : decide(value));
}
