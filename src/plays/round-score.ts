/**
 * Rounds a score to one decimal place, half away from zero (scores are never
 * negative, so half up). Every published score goes through this, so ports can
 * match it exactly.
 *
 * @param value - A score.
 * @returns The score rounded to one decimal.
 * @example
 * ```ts
 * roundScore(88.8888); //=> 88.9
 * roundScore(12.25); //=> 12.3
 * ```
 * @category Plays
 */
export function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}
