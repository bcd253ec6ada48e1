/**
 * Reading an office's history at a moment: what had happened by `now`, the
 * latest record of some kind, and records in time order. An office history lists
 * its records oldest first; anything after `now` has not happened yet, and every
 * play ignores it.
 *
 * @module
 */
import type { RecordRef } from '../engine/action';
import type { Timed } from '../model/history';

/**
 * The entries that had happened by `now` (`at ≤ now`), in their order.
 *
 * @param entries - History entries, in any order.
 * @param now - Epoch milliseconds.
 * @returns A new array; the input is not changed.
 * @example
 * ```ts
 * entriesUpTo(history.referrals, now).length; //=> 4 (a fifth is dated tomorrow)
 * ```
 * @internal
 */
export function entriesUpTo<T extends { readonly at: number }>(entries: readonly T[], now: number): T[] {
  // Usually nothing lies after `now`: then a plain copy does, without a callback per entry.
  let i = 0;
  while (i < entries.length && entries[i]!.at <= now) i += 1;
  if (i === entries.length) return entries.slice();
  const kept = entries.slice(0, i);
  for (i += 1; i < entries.length; i += 1) {
    const entry = entries[i]!;
    if (entry.at <= now) kept.push(entry);
  }
  return kept;
}

/**
 * The latest record at or before `now` that matches, in an office's parallel
 * lists of records and times (oldest first): the last match in the lists, with
 * its time, or `undefined` when none matches. Only the wrapper of the match is
 * made.
 *
 * @param records - Records, oldest first (e.g. `history.touchpointRecords`).
 * @param times - Their times in epoch ms, one per record (e.g. `history.touchpointTimes`).
 * @param now - Epoch milliseconds.
 * @param matches - Which records count.
 * @returns The record and its time, or `undefined`.
 * @example
 * ```ts
 * lastTimedUpTo(history.touchpointRecords, history.touchpointTimes, now, (t) => t.channel === 'in-person')?.record.id;
 * //=> 'tp-7'
 * ```
 * @internal
 */
export function lastTimedUpTo<T>(
  records: readonly T[],
  times: readonly number[],
  now: number,
  matches: (record: T) => boolean,
): Timed<T> | undefined {
  const i = lastIndexUpTo(records, times, now, matches);
  return i < 0 ? undefined : { record: records[i]!, at: times[i]! };
}

/**
 * {@link lastTimedUpTo}'s position alone: where the latest matching record at or
 * before `now` is in the lists, or -1. Nothing is made.
 *
 * @param records - Records, oldest first.
 * @param times - Their times in epoch ms, one per record.
 * @param now - Epoch milliseconds.
 * @param matches - Which records count.
 * @returns The index, or -1.
 * @example
 * ```ts
 * lastIndexUpTo(history.touchpointRecords, history.touchpointTimes, now, (t) => t.channel === 'in-person');
 * //=> 6
 * ```
 * @internal
 */
export function lastIndexUpTo<T>(
  records: readonly T[],
  times: readonly number[],
  now: number,
  matches: (record: T) => boolean,
): number {
  for (let i = records.length - 1; i >= 0; i -= 1) {
    // The test first: it rules out most records.
    if (matches(records[i]!) && times[i]! <= now) return i;
  }
  return -1;
}

/**
 * Record references ordered oldest first, as explanations and scores list their
 * evidence. The sort is stable: references at the same instant keep their order.
 *
 * @param timed - Each reference with its record's instant.
 * @returns The references, oldest first.
 * @example
 * ```ts
 * oldestFirst([{ ref: { kind: 'referral', id: 'r-2' }, at: 20 }, { ref: { kind: 'touchpoint', id: 't-1' }, at: 10 }]);
 * //=> [{ kind: 'touchpoint', id: 't-1' }, { kind: 'referral', id: 'r-2' }]
 * ```
 * @internal
 */
export function oldestFirst(timed: readonly { readonly ref: RecordRef; readonly at: number }[]): RecordRef[] {
  // Often in order already: then the stable sort would leave it as it is.
  let ordered = true;
  for (let i = 1; i < timed.length && ordered; i += 1) ordered = timed[i - 1]!.at <= timed[i]!.at;
  const list = ordered ? timed : [...timed].sort((a, b) => a.at - b.at);
  const refs = new Array<RecordRef>(list.length);
  for (let i = 0; i < list.length; i += 1) refs[i] = list[i]!.ref;
  return refs;
}

/**
 * Orders ids by their UTF-16 code units (`<`), the order in which histories list
 * records that share an instant; unlike `localeCompare`, it is the same on every
 * runtime and locale.
 *
 * @param a - An id.
 * @param b - Another id.
 * @returns Negative, 0 or positive, as `Array.prototype.sort` expects.
 * @example
 * ```ts
 * ['r-10', 'r-2'].sort(compareIds); //=> ['r-10', 'r-2']
 * ```
 * @internal
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
