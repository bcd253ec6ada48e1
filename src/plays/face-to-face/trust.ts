import { localDayNumbers } from '../../calendar/dates';
import type { OfficeHistory } from '../../model/history';
import type { TimeZone } from '../../model/primitives';
import { sharedFact } from '../shared-facts';
import type { FaceToFacePolicy } from './policy';

/**
 * An office's trust: the recency-decayed, channel-weighted sum of its
 * touchpoints up to `now`,
 *
 * ```
 * trust = Σ channelWeights[channel] × 0.5^(ageDays / trustHalfLifeDays)
 * ```
 *
 * over the touchpoints at or before `now`, where `ageDays` is the whole days
 * between the touchpoint and `now` in the practice's time zone (calendar dates,
 * not 24-hour periods). A touchpoint today counts fully; one `trustHalfLifeDays`
 * old counts half. With the default weights, one visit today is worth 1, a phone
 * call today 0.4, a visit 90 days ago 0.5. Touchpoints after `now` have not
 * happened and count for nothing.
 *
 * @param history - The office's history (only `touchpointRecords` and `touchpointTimes` are read).
 * @param policy - The `face-to-face` policy (`channelWeights`, `trustHalfLifeDays`).
 * @param ctx - The moment (epoch ms) and the practice's time zone; a play context fits.
 * @returns The trust, ≥ 0 (not capped; the score caps it at `trustSaturation`).
 * @example
 * ```ts
 * // a visit 90 days ago and a phone call today, default policy
 * trust(history, defaultFaceToFacePolicy, { now, timeZone: 'America/Chicago' });
 * //=> 0.9 (1 × 0.5 + 0.4 × 1)
 * ```
 * @category Plays
 */
export function trust(
  history: Pick<OfficeHistory, 'touchpointRecords' | 'touchpointTimes'>,
  policy: Pick<FaceToFacePolicy, 'channelWeights' | 'trustHalfLifeDays'>,
  ctx: { readonly now: number; readonly timeZone: TimeZone },
): number {
  return sharedFact(trust, history, policy, ctx.now, ctx.timeZone, () => trustOf(history, policy, ctx));
}

/** {@link trust}, worked out. */
function trustOf(
  history: Pick<OfficeHistory, 'touchpointRecords' | 'touchpointTimes'>,
  policy: Pick<FaceToFacePolicy, 'channelWeights' | 'trustHalfLifeDays'>,
  ctx: { readonly now: number; readonly timeZone: TimeZone },
): number {
  let sum = 0;
  const dayOf = localDayNumbers(ctx.timeZone);
  const today = dayOf(ctx.now);
  const records = history.touchpointRecords;
  const times = history.touchpointTimes;
  const halfLife = policy.trustHalfLifeDays;
  // Only a positive, finite half-life has a table (the policy requires ≥ 1 day);
  // anything else is computed term by term.
  const decay = halfLife > 0 && Number.isFinite(halfLife) ? decayTable(halfLife) : undefined;
  for (let i = 0; i < records.length; i += 1) {
    const at = times[i]!;
    if (at > ctx.now) continue;
    // Whole days old (`wholeDaysBetween`), as a difference of day numbers.
    const ageDays = today - dayOf(at);
    const factor =
      decay !== undefined && ageDays >= 0 && ageDays < DECAY_DAYS ? decay[ageDays]! : 0.5 ** (ageDays / halfLife);
    sum += policy.channelWeights[records[i]!.channel] * factor;
  }
  return sum;
}

/** Ages in whole days (0 up to this, excluded) whose decay factors a {@link decayTable} holds. */
const DECAY_DAYS = 4096;

/** At most this many half-lives keep a table; one more empties them all. */
const DECAY_TABLES = 16;

const decayTables = new Map<number, Float64Array>();

/**
 * The decay factor `0.5 ** (age / halfLife)` of every age in whole days from 0 to
 * {@link DECAY_DAYS} (excluded), worked out once per half-life: the same
 * expression, so the same numbers, as computing it for each touchpoint.
 */
function decayTable(halfLife: number): Float64Array {
  let table = decayTables.get(halfLife);
  if (table === undefined) {
    if (decayTables.size >= DECAY_TABLES) decayTables.clear();
    table = new Float64Array(DECAY_DAYS);
    for (let age = 0; age < DECAY_DAYS; age += 1) table[age] = 0.5 ** (age / halfLife);
    decayTables.set(halfLife, table);
  }
  return table;
}
