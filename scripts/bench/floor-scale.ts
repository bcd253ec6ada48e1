/**
 * How the floor (a) scales from "large" to ten times it, beside `planActions`
 * (b): both on each size, in turns, each run after a forced full collection, one
 * size at a time with only its snapshot in memory. If the floor — one pass that
 * parses and groups, the least any planner does — grows more than tenfold too,
 * what is above ten in b(10×)/b comes from the machine (its caches, the
 * collector), not from work per office. Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/floor-scale.ts [runs=9] [runs10x=3]`
 *
 * @module
 */
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { floorPass } from './floor';
import { storedFixture } from './fixtures';
import { planFixture } from './planning';
import { collectGarbage, median } from './timing';

const [runs, runs10x] = [9, 3].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number];
if (![runs, runs10x].every((n) => Number.isSafeInteger(n) && n >= 1)) throw new Error('usage: floor-scale.ts [runs ≥ 1] [runs10x ≥ 1]');

/** The snapshot alone: the store that produced it is not kept. */
async function snapshotOf(scale: number): Promise<PracticeSnapshot> {
  return (await storedFixture('large', scale)).snapshot;
}

/** Medians of the floor and of the plan on one size: one warm-up round, then `count` rounds in turns. */
async function measure(scale: number, count: number): Promise<{ floor: number; plan: number; runs: string }> {
  const snapshot = await snapshotOf(scale);
  const gc = collectGarbage();
  const times = { floor: [] as number[], plan: [] as number[] };
  for (let round = 0; round <= count; round += 1) {
    // Which goes first alternates, so that neither always follows the other.
    for (const which of round % 2 === 0 ? (['floor', 'plan'] as const) : (['plan', 'floor'] as const)) {
      gc();
      const started = performance.now();
      if (which === 'floor') floorPass(snapshot);
      else planFixture(snapshot);
      if (round > 0) times[which].push(performance.now() - started);
    }
  }
  const list = (values: number[]) => values.map((ms) => ms.toFixed(0)).join(', ');
  return { floor: median(times.floor), plan: median(times.plan), runs: `floor ${list(times.floor)}; plan ${list(times.plan)}` };
}

const large = await measure(1, runs);
console.log(`large: floor ${large.floor.toFixed(1)} ms, plan ${large.plan.toFixed(1)} ms (${large.runs})`);
const tenfold = await measure(10, runs10x);
console.log(`10×: floor ${tenfold.floor.toFixed(1)} ms, plan ${tenfold.plan.toFixed(1)} ms (${tenfold.runs})`);
console.log(
  `a(10×)/a ${(tenfold.floor / large.floor).toFixed(2)}, b(10×)/b ${(tenfold.plan / large.plan).toFixed(2)}`,
);
