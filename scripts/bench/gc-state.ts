/**
 * How much the collector's state moves (a) and (b): both measured in turns on the
 * stored large fixture, in three modes —
 *
 * - `forced`: a full collection before each run, as `npm run bench` does;
 * - `settled`: the same, then a 200 ms pause, so that the collector's concurrent
 *   sweeping is over before the run starts;
 * - `none`: no forced collection; each run pays for the garbage of the one before.
 *
 * Information for reading the benchmark of record, not a figure of it: targets are
 * judged on `npm run bench` alone.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/gc-state.ts [runs=9]`
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { storedFixture } from './fixtures';
import { floorPass } from './floor';
import { planFixture } from './planning';
import { collectGarbage, median, time } from './timing';

type Mode = 'forced' | 'settled' | 'none';

const runs = Number(process.argv[2] ?? 9);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`runs must be a whole number ≥ 1, not ${process.argv[2]}`);
const gc = collectGarbage();
const { snapshot } = await storedFixture('large');

async function measure(mode: Mode): Promise<{ a: number; b: number }> {
  const a: number[] = [];
  const b: number[] = [];
  let actions = 0;
  for (let i = 0; i < runs + 2; i += 1) {
    for (const which of ['a', 'b'] as const) {
      if (mode !== 'none') gc();
      if (mode === 'settled') await sleep(200);
      const ms = which === 'a' ? time(() => floorPass(snapshot)) : time(() => (actions = planFixture(snapshot).length));
      if (i >= 2) (which === 'a' ? a : b).push(ms);
    }
  }
  if (actions === 0) throw new Error('[referwell] bench: planActions proposed nothing');
  return { a: median(a), b: median(b) };
}

console.log(`gc-state: ${runs} runs each after 2 warm-ups; medians in ms`);
for (const mode of ['forced', 'settled', 'none'] as const) {
  const { a, b } = await measure(mode);
  console.log(`${mode.padEnd(8)} a ${a.toFixed(1).padStart(7)}   b ${b.toFixed(1).padStart(7)}   b/a ${(b / a).toFixed(2)}`);
}
