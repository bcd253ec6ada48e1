/**
 * `planActions` (b) on the stored fixture ("large", or ten times it), each run
 * after a full collection, in turns with and without a 3-second pause after the
 * collection. The pause lets the collector's background sweeping of the heap
 * finish before the run; without it, the run shares the machine with that
 * sweeping, which grows with the heap. Four rounds; medians of the last three.
 * For reading the 10× figure; not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/plan-settle.ts [scale=10]`
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { storedFixture } from './fixtures';
import { planFixture } from './planning';
import { collectGarbage, median, time } from './timing';

const scale = Number(process.argv[2] ?? 10);
if (!(scale > 0)) throw new Error(`scale must be a positive number, not ${process.argv[2]}`);
const gc = collectGarbage();
const { snapshot } = await storedFixture('large', scale);
const runs = { none: [] as number[], settled: [] as number[] };
for (let round = 0; round < 4; round += 1) {
  for (const mode of ['none', 'settled'] as const) {
    gc();
    if (mode === 'settled') await sleep(3000);
    runs[mode].push(time(() => planFixture(snapshot)));
  }
}
for (const [mode, values] of Object.entries(runs)) {
  console.log(`scale ${scale}, ${mode}: median ${median(values.slice(1)).toFixed(0)} ms [${values.map((ms) => ms.toFixed(0)).join(' ')}]`);
}
