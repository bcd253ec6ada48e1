/**
 * The bytes `planActions` allocates per call, counted exactly rather than sampled
 * (compare `alloc-plan.ts`): with a young generation large enough that no
 * collection runs during a plan, the growth of the used heap across one call is
 * everything it allocated (its result included). One or more builds' `planActions`
 * plan the stored "large" fixture in turns, after four untimed plans each; seven
 * rounds, each after a forced full collection. A round during which the collector
 * ran anyway is reported and left out. Not a figure of record.
 *
 * Run: `npm run build`, then
 * `node --expose-gc --max-old-space-size=12288 --min-semi-space-size=512 --max-semi-space-size=512 --import tsx scripts/bench/alloc-exact.ts <dist/index.js> [<other dist/index.js> …]`
 *
 * @module
 */
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Action } from '../../src/engine/action';
import type { PlanOptions } from '../../src/engine/plan';
import type { Playbook } from '../../src/playbook/playbook';
import { BENCH_NOW, storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

/** What the script needs of a build. */
interface Build {
  readonly planActions: (options: PlanOptions) => Action[];
  readonly defaultPlaybook: Playbook;
}

const paths = process.argv.slice(2);
if (paths.length === 0) throw new Error('usage: alloc-exact.ts <dist/index.js> [<dist/index.js> …]');
const builds = await Promise.all(
  paths.map(async (path) => (await import(pathToFileURL(resolve(path)).href)) as Build),
);
const { snapshot } = await storedFixture('large');
const gc = collectGarbage();
let collections = 0;
const observer = new PerformanceObserver((list) => void (collections += list.getEntries().length));
observer.observe({ entryTypes: ['gc'] });
const tick = () => new Promise((done) => setTimeout(done, 0));

const plan = (build: Build) => build.planActions({ snapshot, playbook: build.defaultPlaybook, now: BENCH_NOW });
for (const build of builds) for (let i = 0; i < 4; i += 1) plan(build);
const megabytes: number[][] = builds.map(() => []);
let skipped = 0;
for (let round = 0; round < 7; round += 1) {
  for (let b = 0; b < builds.length; b += 1) {
    gc();
    await tick(); // the observer reports the forced collection before the count is read
    const seen = collections;
    const before = process.memoryUsage().heapUsed;
    plan(builds[b]!);
    const after = process.memoryUsage().heapUsed;
    await tick();
    if (collections !== seen) skipped += 1;
    else megabytes[b]!.push((after - before) / 1e6);
  }
}
observer.disconnect();
paths.forEach((path, b) => {
  const values = megabytes[b]!;
  const figure = values.length === 0 ? 'no round without a collection' : `${median(values).toFixed(2)} MB per plan`;
  console.log(`${path}: ${figure} (rounds: ${values.map((value) => value.toFixed(2)).join(', ')})`);
});
if (skipped > 0) console.log(`${skipped} rounds left out: the collector ran during them (is the young generation large enough?)`);
