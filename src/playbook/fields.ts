/**
 * Building blocks shared by the policy schemas of every play: whole days, counts,
 * weights, kebab-case ids and arrays whose items must be unique.
 *
 * Each helper returns a fresh zod schema with a clear English message, so the
 * policies read as a list of settings and the messages are the same everywhere.
 *
 * @internal
 * @module
 */
import { z } from 'zod';

/** A kebab-case identifier: lower-case letters and digits in dash-separated words. @internal */
export const kebabCasePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A whole number of days (calendar or business days), ≥ `min` (default 0).
 *
 * @internal
 */
export function wholeDays(min = 0): z.ZodNumber {
  return z
    .number()
    .int('must be a whole number of days')
    .min(min, min === 0 ? 'must not be negative' : `must be at least ${min}`);
}

/**
 * A whole number of things (offices, cards, referrals, words), ≥ `min` (default 0).
 *
 * @internal
 */
export function wholeCount(min = 0): z.ZodNumber {
  return z
    .number()
    .int('must be a whole number')
    .min(min, min === 0 ? 'must not be negative' : `must be at least ${min}`);
}

/**
 * A non-negative number, fractions allowed (weights, estimates).
 *
 * @internal
 */
export function nonNegative(): z.ZodNumber {
  return z.number().min(0, 'must not be negative');
}

/**
 * A number from 0 to 1 inclusive.
 *
 * @internal
 */
export function unitInterval(): z.ZodNumber {
  return z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
}

/**
 * A kebab-case identifier, 1–100 characters.
 *
 * @internal
 */
export function kebabCaseId(): z.ZodString {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .regex(kebabCasePattern, 'must be kebab-case (lower-case words joined by dashes), e.g. "warm-handoff"');
}

/**
 * The `enabled` switch every play's policy carries.
 *
 * @internal
 */
export function enabledField(play: string): z.ZodBoolean {
  return z
    .boolean()
    .describe(`Whether the ${play} play runs at all: when false it proposes no action and adds nothing to scores.`);
}

/**
 * An array whose items must be unique (compared with `===`; meant for string
 * enums). Each repeated item is reported at its own index. `nonEmpty` (default
 * true) also requires at least one item. The JSON Schema carries `uniqueItems`.
 *
 * @internal
 */
export function uniqueArray<T extends z.ZodType>(item: T, options: { nonEmpty?: boolean } = {}) {
  const base = z.array(item);
  const sized = options.nonEmpty === false ? base : base.min(1, 'must list at least one value');
  return sized
    .superRefine((values, ctx) => {
      const seen = new Set<unknown>();
      values.forEach((value, index) => {
        if (seen.has(value)) {
          ctx.addIssue({ code: 'custom', path: [index], message: `duplicate value ${JSON.stringify(value)}` });
        }
        seen.add(value);
      });
    })
    .meta({ uniqueItems: true });
}

/**
 * `'all'`, or a non-empty list of unique values from `values`.
 *
 * @internal
 */
export function allOrSome<const V extends readonly [string, ...string[]]>(values: V) {
  const message = `must be "all" or a non-empty list without repeats of: ${values.join(', ')}`;
  return z.union([z.literal('all'), uniqueArray(z.enum(values))], {
    error: (issue) => (issue.input === undefined ? undefined : message),
  });
}

/**
 * The `scoreWeight` every play's policy carries: how much the play's component
 * counts in the overall relationship score (a weighted mean; 0 leaves it out).
 *
 * @internal
 */
export function scoreWeightField(play: string): z.ZodNumber {
  return nonNegative().describe(
    `Weight of the ${play} component in the overall relationship score (a weighted mean of the components; 0 leaves it out).`,
  );
}
