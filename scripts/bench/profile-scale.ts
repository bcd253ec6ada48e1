/**
 * A CPU profile of warm `planActions` runs on "large" or on `scale` times it, for
 * comparing where the time goes at the two sizes: the stored fixture is prepared
 * as `npm run bench` prepares it (its memory store let go), planned twice
 * untimed, then profiled over `runs` plans, each after a forced collection and a
 * 50 ms pause. Divide a function's self time by `runs` for its time per plan.
 * Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/profile-scale.ts <scale> <runs> <out.cpuprofile>`,
 * then `npx tsx scripts/bench/profile-summary.ts <out.cpuprofile> 25 planActions`.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { planActions } from '../../src/engine/plan';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { BENCH_NOW, storedFixture } from './fixtures';
import { collectGarbage } from './timing';

const [scaleArg, runsArg, out] = process.argv.slice(2);
const scale = Number(scaleArg);
const runs = Number(runsArg);
if (!Number.isSafeInteger(scale) || scale < 1 || !Number.isSafeInteger(runs) || runs < 1 || out === undefined) {
  throw new Error('usage: profile-scale.ts <scale ≥ 1> <runs ≥ 1> <out.cpuprofile>');
}
/** The snapshot alone: the store that produced it is not kept. */
async function snapshotOf(): Promise<PracticeSnapshot> {
  return (await storedFixture('large', scale)).snapshot;
}
const snapshot = await snapshotOf();
const gc = collectGarbage();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
const times: number[] = [];
for (let run = 0; run < runs + 2; run += 1) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (run === 2) await session.post('Profiler.start');
  const started = performance.now();
  planActions({ snapshot, playbook: defaultPlaybook, now: BENCH_NOW });
  times.push(performance.now() - started);
}
const { profile } = await session.post('Profiler.stop');
writeFileSync(out, JSON.stringify(profile));
console.log(`${scale}×: plans of ${times.map((ms) => ms.toFixed(0)).join(', ')} ms (the first two untimed); profile in ${out}`);
