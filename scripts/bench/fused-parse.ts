/**
 * Whether reading each touchpoint's time during the grouping pass (one pass over
 * the records instead of two) makes a plan's first steps faster. Two ways to get
 * every office's touchpoints and their times, in turns, each after a forced full
 * collection:
 *
 * - "engine": what `planActions` does — `groupSnapshot` reads each touchpoint's
 *   office, then each office's times are read from its records, office by office
 *   (as `historyOfGroup` reads them);
 * - "fused": a variant kept only in this script — one pass reads each
 *   touchpoint's office and its time (into a `Float64Array`), then each office's
 *   times are copied from it.
 *
 * Both give every office the same times (checked once). Prints the medians of
 * the grouping step, the per-office step, and both. Not a figure of record; see
 * docs/performance.md, "Where a target is not met".
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/fused-parse.ts [scale=1] [runs=15]`
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { readInstantInto } from '../../src/calendar/instant';
import { groupSnapshot } from '../../src/model/history';
import type { Id } from '../../src/model/primitives';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

const [scale, runs] = [1, 15].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number];
if (![scale, runs].every((n) => Number.isSafeInteger(n) && n >= 1)) throw new Error('usage: fused-parse.ts [scale ≥ 1] [runs ≥ 1]');

/** Positions of each office's touchpoints (`order`, `start`) and, when fused, every touchpoint's time. */
interface Grouped {
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly times?: Float64Array;
}

/** The engine's grouping, touchpoints only (the other collections emptied, so both ways group the same records). */
function engineGroup(snapshot: PracticeSnapshot): Grouped {
  return groupSnapshot({ ...snapshot, contacts: [], referrals: [], thankYous: [], decisions: [] }).touchpoints;
}

/**
 * The engine's counting sort with each time read in the same pass: the same
 * office map (built the same way, inside the timing), the same shortcut of
 * trying the previous record's office before the map.
 */
function fusedGroup(snapshot: PracticeSnapshot): Grouped {
  const offices = groupSnapshot({ ...snapshot, touchpoints: [], contacts: [], referrals: [], thankYous: [], decisions: [] }).offices;
  const records = snapshot.touchpoints;
  const officeAt = new Int32Array(records.length);
  const times = new Float64Array(records.length);
  const start = new Int32Array(offices.size + 1);
  const one = [0];
  let officeId: Id | undefined;
  let position = -1;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i]!;
    if (record.officeId !== officeId) {
      officeId = record.officeId;
      position = offices.get(officeId)?.position ?? -1;
    }
    officeAt[i] = position;
    if (position < 0) continue;
    start[position + 1] = start[position + 1]! + 1;
    readInstantInto(record.at, one, 0);
    times[i] = one[0]!;
  }
  for (let k = 0; k < offices.size; k += 1) start[k + 1] = start[k + 1]! + start[k]!;
  const order = new Int32Array(start[offices.size]!);
  const next = start.slice(0, offices.size);
  for (let i = 0; i < records.length; i += 1) {
    const k = officeAt[i]!;
    if (k >= 0) order[next[k]!++] = i;
  }
  return { order, start, times };
}

/** Every office's times, read from the records or copied from the fused pass's array. */
function officeTimes(snapshot: PracticeSnapshot, grouped: Grouped): number[][] {
  const { order, start, times } = grouped;
  const records = snapshot.touchpoints;
  const lists: number[][] = [];
  for (let k = 0; k + 1 < start.length; k += 1) {
    const from = start[k]!;
    const list = new Array<number>(start[k + 1]! - from);
    if (times === undefined) for (let j = 0; j < list.length; j += 1) readInstantInto(records[order[from + j]!]!.at, list, j);
    else for (let j = 0; j < list.length; j += 1) list[j] = times[order[from + j]!]!;
    lists.push(list);
  }
  return lists;
}

/** The snapshot alone: the store that produced it is not kept. */
async function snapshotOf(): Promise<PracticeSnapshot> {
  return (await storedFixture('large', scale)).snapshot;
}
const snapshot = await snapshotOf();
if (!isDeepStrictEqual(officeTimes(snapshot, engineGroup(snapshot)), officeTimes(snapshot, fusedGroup(snapshot)))) {
  throw new Error('fused-parse: the two ways disagree');
}
const gc = collectGarbage();
/** Every run's office count, summed and printed, so that no run's result goes unused. */
let sink = 0;
const steps = { engine: { group: [] as number[], offices: [] as number[] }, fused: { group: [] as number[], offices: [] as number[] } };
for (let run = 0; run < runs + 2; run += 1) {
  for (const way of run % 2 === 0 ? (['engine', 'fused'] as const) : (['fused', 'engine'] as const)) {
    gc();
    const started = performance.now();
    const grouped = way === 'engine' ? engineGroup(snapshot) : fusedGroup(snapshot);
    const grouping = performance.now();
    sink += officeTimes(snapshot, grouped).length;
    if (run >= 2) {
      steps[way].group.push(grouping - started);
      steps[way].offices.push(performance.now() - grouping);
    }
  }
}
for (const way of ['engine', 'fused'] as const) {
  const { group, offices } = steps[way];
  const both = group.map((ms, i) => ms + offices[i]!);
  console.log(
    `${scale}× ${way}: grouping ${median(group).toFixed(1)} ms, offices' times ${median(offices).toFixed(1)} ms, ` +
      `both ${median(both).toFixed(1)} ms (medians of ${runs})`,
  );
}
console.log(`(${sink} office lists built in all)`);
