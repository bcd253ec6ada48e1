/**
 * `indexSnapshot` alone on the stored fixture ("large", or ten times it), with a
 * full collection before each run, and how much of each run the collector's
 * pauses took (from `perf_hooks` GC entries). Seven runs; the median of the last
 * five. Shows how indexing scales and what its allocations cost; not a figure of
 * record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/index-alone.ts [scale=1]`
 * (scale 10 is the 10× fixture: about a minute to prepare).
 *
 * @module
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { indexSnapshot } from '../../src/model/history';
import { storedFixture } from './fixtures';
import { collectGarbage, median, time } from './timing';

const scale = Number(process.argv[2] ?? 1);
if (!(scale > 0)) throw new Error(`scale must be a positive number, not ${process.argv[2]}`);
const gc = collectGarbage();
let paused = 0;
let pauses = 0;
let counting = false;
new PerformanceObserver((list) => {
  if (!counting) return;
  for (const entry of list.getEntries()) {
    paused += entry.duration;
    pauses += 1;
  }
}).observe({ entryTypes: ['gc'] });

const { snapshot } = await storedFixture('large', scale);
const runs: number[] = [];
const collector: number[] = [];
const counts: number[] = [];
for (let run = 0; run < 7; run += 1) {
  gc();
  await sleep(10);
  paused = 0;
  pauses = 0;
  counting = true;
  runs.push(time(() => indexSnapshot(snapshot)));
  // GC entries arrive after the synchronous run: let them in before counting stops.
  await sleep(10);
  counting = false;
  collector.push(paused);
  counts.push(pauses);
}
const last = (values: readonly number[]) => median(values.slice(2)).toFixed(0);
console.log(`scale ${scale}: indexSnapshot ${last(runs)} ms, of which collector pauses ${last(collector)} ms in ${last(counts)} pauses`);
console.log(`runs (ms): ${runs.map((ms) => ms.toFixed(0)).join(' ')}`);
