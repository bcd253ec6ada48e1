/**
 * The same loop over "large" and over 10×: one read of each touchpoint's
 * `officeId`, nothing else, on the stored fixture's snapshot (its memory store
 * let go, as `npm run bench` lets it go). The loop does ten times the work on
 * 10×; the printed ratio says how much more time that takes on this machine —
 * above 10 where "large" fits in the processor's caches and 10× does not. Not a
 * figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/cache-reach.ts [runs=9]`
 *
 * @module
 */
import { cpus } from 'node:os';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

const runs = Number(process.argv[2] ?? 9);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error('usage: cache-reach.ts [runs ≥ 1]');
const gc = collectGarbage();

/** The snapshot alone: the store that produced it is not kept. */
async function snapshotOf(scale: number): Promise<PracticeSnapshot> {
  return (await storedFixture('large', scale)).snapshot;
}

/** The loop: how many touchpoints name an office (all of them). */
function readOffices(touchpoints: PracticeSnapshot['touchpoints']): number {
  let named = 0;
  for (let i = 0; i < touchpoints.length; i += 1) if (touchpoints[i]!.officeId.length > 0) named += 1;
  return named;
}

/** Untimed runs before the timed ones, so that the loop is optimised on both sizes. */
const WARMUPS = 5;

/** Median ms of the loop over `runs` timed runs, and the heap in use. */
async function measure(scale: number): Promise<{ readonly records: number; readonly ms: number; readonly heapMiB: number }> {
  const snapshot = await snapshotOf(scale);
  gc();
  const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const touchpoints = snapshot.touchpoints;
  let named = 0;
  const times: number[] = [];
  for (let run = 0; run < WARMUPS + runs; run += 1) {
    const started = performance.now();
    named += readOffices(touchpoints);
    if (run >= WARMUPS) times.push(performance.now() - started);
  }
  if (named !== touchpoints.length * (WARMUPS + runs)) throw new Error('[referwell] bench: a touchpoint without an office');
  return { records: touchpoints.length, ms: median(times), heapMiB };
}

const large = await measure(1);
gc();
const tenfold = await measure(10);
const line = (name: string, m: { records: number; ms: number; heapMiB: number }) =>
  `${name}: ${m.records} touchpoints, ${m.ms.toFixed(2)} ms (${((m.ms * 1e6) / m.records).toFixed(1)} ns each), heap in use ${m.heapMiB.toFixed(0)} MiB`;
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores`);
console.log(line('large', large));
console.log(line('10×', tenfold));
console.log(`time 10× / large: ${(tenfold.ms / large.ms).toFixed(1)} for ${(tenfold.records / large.records).toFixed(1)} times the records`);
