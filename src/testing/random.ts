/**
 * A small seeded pseudo-random number generator for the synthetic practice
 * generator: mulberry32 (a 32-bit state, one multiply-xorshift round per draw).
 * Fast, tiny and plenty for test data; not for anything that needs secrecy.
 *
 * Only integer and basic floating-point arithmetic is used (no `Math.log`,
 * `Math.exp`, …), so a seed gives the same stream on every JavaScript engine.
 *
 * @module
 */

/**
 * A table of values with relative weights, compiled once for {@link Random.weighted}.
 *
 * @typeParam T - The values.
 * @internal
 */
export interface WeightTable<T> {
  readonly values: readonly T[];
  /** Running sums of the weights. */
  readonly cumulative: readonly number[];
  /** The sum of the weights. */
  readonly total: number;
}

/**
 * Compiles `[value, weight]` pairs into a {@link WeightTable}.
 *
 * @param entries - Values and their non-negative weights (at least one positive).
 * @returns The table.
 * @throws {RangeError} When no weight is positive or one is negative.
 * @example
 * ```ts
 * weights([['in-person', 45], ['phone', 20]]).total; //=> 65
 * ```
 * @internal
 */
export function weights<T>(entries: readonly (readonly [T, number])[]): WeightTable<T> {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight >= 0)) throw new RangeError('[referwell] weights must not be negative');
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (!(total > 0)) throw new RangeError('[referwell] at least one weight must be positive');
  return { values, cumulative, total };
}

/**
 * A seeded stream of pseudo-random numbers (mulberry32). The same seed always
 * gives the same stream.
 *
 * @example
 * ```ts
 * const random = new Random(7);
 * random.int(1, 6); //=> a whole number from 1 to 6, the same one for every `new Random(7)`
 * ```
 * @internal
 */
export class Random {
  private state: number;

  /**
   * @param seed - Any safe integer; seeds that differ give unrelated streams.
   */
  constructor(seed: number) {
    // Fold the high bits of a large seed into the 32-bit state.
    this.state = (seed ^ Math.floor(seed / 4_294_967_296)) >>> 0;
  }

  /**
   * The next number in [0, 1).
   *
   * @returns A multiple of 2⁻³² in [0, 1).
   */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /**
   * A whole number from `lo` to `hi`, both included (`lo` when `hi < lo`).
   *
   * @param lo - The smallest value.
   * @param hi - The largest value.
   * @returns A whole number in [lo, hi].
   */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /**
   * `true` with probability `p`.
   *
   * @param p - A probability, 0–1.
   * @returns Whether the event happened.
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * One element, uniformly.
   *
   * @param items - A non-empty list.
   * @returns One of its elements.
   */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /**
   * One value of a weight table, with probability proportional to its weight.
   *
   * @param table - A compiled table ({@link weights}).
   * @returns One of its values.
   */
  weighted<T>(table: WeightTable<T>): T {
    const target = this.next() * table.total;
    const { cumulative, values } = table;
    // Tables are short (a dozen entries at most): a linear scan beats bisection.
    for (let i = 0; i < cumulative.length; i += 1) {
      if (target < cumulative[i]!) return values[i]!;
    }
    return values[values.length - 1]!;
  }
}
