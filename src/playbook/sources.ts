/**
 * The source-yield settings of the playbook: the windows over which referral
 * sources are counted and their trend is judged (`rankSources`). Not a play.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../model/deep-readonly';
import { deepFreeze } from './deep-freeze';
import { wholeDays } from './fields';

/**
 * The validation schema of the source-yield settings.
 *
 * - `windowDays` — referrals, first visits and outreach time are counted over this
 *   many days up to today.
 * - `trendDays` — the trend compares the last `trendDays` days with the
 *   `trendDays` before them; a source is *declining* when the recent period has
 *   fewer referrals.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * sourcesPolicySchema.safeParse({ windowDays: 0, trendDays: 90 }).success;
 * //=> false
 * ```
 * @category Playbook
 */
export const sourcesPolicySchema = z
  .strictObject({
    windowDays: wholeDays(1).describe('Referrals, first visits and outreach time are counted over this many days.'),
    trendDays: wholeDays(1).describe('The trend compares the last trendDays days with the trendDays before them.'),
  })
  .describe('Source-yield settings: the counting window and the trend period.');

/**
 * The source-yield settings of a playbook (see {@link sourcesPolicySchema}),
 * deeply read-only.
 *
 * @category Playbook
 */
export type SourcesPolicy = DeepReadonly<z.output<typeof sourcesPolicySchema>>;

/**
 * The default source-yield settings: count the last 365 days; compare the last 90
 * days with the 90 before. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultSourcesPolicy.trendDays;
 * //=> 90
 * ```
 * @category Playbook
 */
export const defaultSourcesPolicy: SourcesPolicy = deepFreeze({
  windowDays: 365,
  trendDays: 90,
});
