/**
 * How much the forced collection before a timed run weighs on the start of a
 * plan: `groupSnapshot` (the first step of `planActions`, one pass over every
 * record) timed right after a forced full collection, and after the same
 * collection plus a pause of `pauseMs` (V8's background threads have swept the
 * heap by then), in turns. On "large" the two are close; on 10× the sweeping of
 * a heap ten times larger overlaps the pass. Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/group-after-gc.ts [scale=1] [pauseMs=3000] [runs=8]`
 *
 * @module
 */
import { groupSnapshot } from '../../src/model/history';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

const [scale, pauseMs, runs] = [1, 3000, 8].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number, number];
if (![scale, runs].every((n) => Number.isSafeInteger(n) && n >= 1) || !(pauseMs >= 0)) {
  throw new Error('usage: group-after-gc.ts [scale ≥ 1] [pauseMs ≥ 0] [runs ≥ 1]');
}
/** The snapshot alone: the store that produced it is not kept. */
async function snapshotOf(): Promise<PracticeSnapshot> {
  return (await storedFixture('large', scale)).snapshot;
}
const snapshot = await snapshotOf();
const gc = collectGarbage();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const times = { now: [] as number[], paused: [] as number[] };
for (let run = 0; run < runs + 1; run += 1) {
  for (const mode of ['now', 'paused'] as const) {
    gc();
    await pause(mode === 'now' ? 0 : pauseMs);
    const started = performance.now();
    groupSnapshot(snapshot);
    if (run > 0) times[mode].push(performance.now() - started);
  }
}
console.log(
  `${scale}×: groupSnapshot ${median(times.now).toFixed(1)} ms right after the collection, ` +
    `${median(times.paused).toFixed(1)} ms after it and ${pauseMs} ms (medians of ${runs})`,
);
