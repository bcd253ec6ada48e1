/**
 * The floor (a) against `planActions` (b) on the fixture exactly as `npm run bench`
 * prepares it: generated, written to a memory store and loaded back
 * (`storedFixture`). Both run in turn, a full GC before each run, and the medians
 * and b/a are printed. With `generated` as the second argument the generator's own
 * objects are planned instead (no store round trip), to tell the two apart.
 *
 * Run: `npx tsx scripts/bench/profile-plan-stored.ts [large|small] [stored|generated] [runs=7]`.
 * Profile: `node --cpu-prof --cpu-prof-dir=<dir> --import tsx scripts/bench/profile-plan-stored.ts`,
 * then `npx tsx scripts/bench/profile-summary.ts <dir>/<file>.cpuprofile 25 planActions`.
 */
import { BENCH_NOW, generateFixture, storedFixture, type BenchSize } from './fixtures';
import { floorPass } from './floor';
import { planActions } from '../../src/engine/plan';
import { defaultPlaybook } from '../../src/playbook/playbook';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { sampleTogether, time } from './timing';

const size = (process.argv[2] ?? 'large') as BenchSize;
const source = process.argv[3] ?? 'stored';
const runs = Number(process.argv[4] ?? 7);

const snapshot: PracticeSnapshot =
  source === 'generated' ? generateFixture(size) : (await storedFixture(size)).snapshot;

let actions = 0;
let sink = 0;
const result = await sampleTogether(
  {
    floor: () => time(() => (sink += floorPass(snapshot).parsed)),
    plan: () => time(() => (actions = planActions({ snapshot, playbook: defaultPlaybook, now: BENCH_NOW }).length)),
  },
  { warmups: 2, runs },
);
if (sink <= 0) throw new Error('[referwell] bench: the floor pass parsed nothing');
const a = result.floor.medianMs;
const b = result.plan.medianMs;
const list = (values: readonly number[]) => values.map((value) => value.toFixed(0)).join(' ');
console.log(`${size} ${source}: ${actions} actions`);
console.log(`(a) floor       ${a.toFixed(1)} ms  [${list(result.floor.runsMs)}]`);
console.log(`(b) planActions ${b.toFixed(1)} ms  [${list(result.plan.runsMs)}]`);
console.log(`b/a = ${(b / a).toFixed(3)}`);
