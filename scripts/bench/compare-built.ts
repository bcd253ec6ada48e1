/**
 * (b) for two builds of the package in one process, in turns: `planActions` from
 * each build's `dist/index.js` plans the same stored fixture ("large", then ten
 * times it), alternating which build goes first, each run after a forced full
 * collection. Both builds then meet the same heap and the same machine load,
 * which two separate processes on a shared machine do not. Prints each build's
 * median, its collector pauses during the runs (`perf_hooks` "gc" entries) and
 * the 10×/large ratio of each. Not a figure of record.
 *
 * Run: `npm run build` in each checkout, then
 * `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/compare-built.ts <old dist/index.js> <new dist/index.js> [rounds=9]`
 * (the 10× fixture takes about a minute to prepare, and gets a third of the rounds).
 *
 * @module
 */
import { resolve } from 'node:path';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Action } from '../../src/engine/action';
import type { PlanOptions } from '../../src/engine/plan';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import type { Playbook } from '../../src/playbook/playbook';
import { BENCH_NOW, storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

/** What the script needs of a build. */
interface Build {
  readonly planActions: (options: PlanOptions) => Action[];
  readonly defaultPlaybook: Playbook;
}

const [oldPath, newPath, roundsArg] = process.argv.slice(2);
if (oldPath === undefined || newPath === undefined) {
  throw new Error('usage: compare-built.ts <old dist/index.js> <new dist/index.js> [rounds=9]');
}
const rounds = Number(roundsArg ?? 9);
if (!Number.isSafeInteger(rounds) || rounds < 1) throw new Error(`rounds must be a whole number ≥ 1, not ${roundsArg}`);
const load = async (path: string): Promise<Build> => (await import(pathToFileURL(resolve(path)).href)) as Build;
const builds: Record<'old' | 'new', Build> = { old: await load(oldPath), new: await load(newPath) };

const gc = collectGarbage();
let entries: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => void entries.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });
const tick = () => new Promise((done) => setTimeout(done, 0));

/** One timed plan: its duration, its action count, and the collector's pauses that started during it. */
async function planOnce(build: Build, snapshot: PracticeSnapshot): Promise<{ ms: number; actions: number; paused: number; pauses: number }> {
  gc();
  await tick();
  entries = [];
  const started = performance.now();
  const actions = build.planActions({ snapshot, playbook: build.defaultPlaybook, now: BENCH_NOW }).length;
  const ms = performance.now() - started;
  await tick(); // the observer reports asynchronously
  let paused = 0;
  let pauses = 0;
  for (const entry of entries) {
    if (entry.startTime < started || entry.startTime > started + ms) continue;
    paused += entry.duration;
    pauses += 1;
  }
  return { ms, actions, paused, pauses };
}

/** Both builds on one snapshot, in turns; prints and returns each one's median. */
async function compare(label: string, snapshot: PracticeSnapshot, timed: number): Promise<Record<'old' | 'new', number>> {
  const runs = { old: [] as number[], new: [] as number[] };
  const paused = { old: [] as number[], new: [] as number[] };
  const pauses = { old: [] as number[], new: [] as number[] };
  const actions = { old: 0, new: 0 };
  for (let round = -1; round < timed; round += 1) {
    const order: ('old' | 'new')[] = round % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
    for (const name of order) {
      const run = await planOnce(builds[name], snapshot);
      actions[name] = run.actions;
      if (round < 0) continue; // one untimed round each
      runs[name].push(run.ms);
      paused[name].push(run.paused);
      pauses[name].push(run.pauses);
    }
  }
  for (const name of ['old', 'new'] as const) {
    console.log(
      `${label} ${name}: median ${median(runs[name]).toFixed(0)} ms, ${actions[name]} actions; ` +
        `collector ${median(paused[name]).toFixed(0)} ms in ${median(pauses[name])} pauses (runs: ${runs[name].map((ms) => ms.toFixed(0)).join(', ')})`,
    );
  }
  return { old: median(runs.old), new: median(runs.new) };
}

const large = await storedFixture('large');
const base = await compare('large', large.snapshot, rounds);
const big = await storedFixture('large', 10);
const tenfold = await compare('10×', big.snapshot, Math.max(1, Math.ceil(rounds / 3)));
observer.disconnect();
console.log(`10×/large: old ${(tenfold.old / base.old).toFixed(2)}, new ${(tenfold.new / base.new).toFixed(2)}`);
