/**
 * How much optimised code (b) loses to the full collections the benchmark forces:
 * runs `planActions` on the stored large fixture for `rounds` rounds, each after a
 * forced full collection (as `sample` does), in a child process started with
 * V8's `--trace-opt --trace-deopt`, and counts per round after the warm-up rounds
 * the functions TurboFan compiled, the compiled code thrown away because an object
 * it embedded died ("weak objects") or an assumption it made about a shape broke
 * ("code dependencies"), and the milliseconds of the compiler's execute phase (on
 * a background thread; wall time, so it grows when the thread waits). Also prints
 * the median `planActions` time of those rounds. Not a figure of record: V8's
 * trace format is not a stable interface.
 *
 * Run: `npx tsx scripts/bench/recompiles.ts [rounds=14] [warm-up rounds=4]`.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './timing';

const MARK = '### referwell round';

if (process.argv[2] === '--child') {
  const rounds = Number(process.argv[3]);
  const { storedFixture, BENCH_NOW } = await import('./fixtures');
  const { planActions } = await import('../../src/engine/plan');
  const { defaultPlaybook } = await import('../../src/playbook/playbook');
  const { collectGarbage } = await import('./timing');
  const gc = collectGarbage();
  const { snapshot } = await storedFixture('large');
  let actions = 0;
  for (let round = 0; round < rounds; round += 1) {
    // The marker first, so that what the collection drops is counted in this round.
    console.log(`${MARK} ${round} start`);
    gc();
    const started = performance.now();
    actions += planActions({ snapshot, playbook: defaultPlaybook, now: BENCH_NOW }).length;
    console.log(`${MARK} ${round} end ${(performance.now() - started).toFixed(2)}`);
  }
  if (actions === 0) throw new Error('[referwell] bench: the plan proposed nothing');
} else {
  const rounds = Number(process.argv[2] ?? 14);
  const warmups = Number(process.argv[3] ?? 4);
  if (!Number.isSafeInteger(rounds) || !Number.isSafeInteger(warmups) || warmups < 0 || rounds <= warmups) {
    throw new Error('usage: recompiles.ts [rounds] [warm-up rounds < rounds]');
  }
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=12288',
      '--trace-opt',
      '--trace-deopt',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--child',
      String(rounds),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (child.status !== 0) throw new Error(`[referwell] bench: the child failed: ${child.stderr}`);
  interface Round {
    compiled: number;
    compileMs: number;
    weakObjects: number;
    dependencies: number;
    planMs: number;
  }
  const perRound: Round[] = [];
  let current: Round | undefined;
  // A round's lines run from its start marker to the next one: the collection
  // forced after the marker, and what it drops, belong to the round.
  for (const line of child.stdout.split('\n')) {
    if (line.startsWith(MARK)) {
      const [, , , index, what, ms] = line.split(' ');
      if (what === 'start') {
        current = { compiled: 0, compileMs: 0, weakObjects: 0, dependencies: 0, planMs: 0 };
        perRound[Number(index)] = current;
      } else if (current !== undefined) {
        current.planMs = Number(ms);
      }
      continue;
    }
    if (current === undefined) continue;
    const took = /^\[completed compiling .*took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/.exec(line);
    if (took) {
      current.compiled += 1;
      // V8 reports three phases: prepare and finalise on the main thread, execute
      // (the middle one) on a background thread when compiling concurrently.
      current.compileMs += Number(took[2]);
    } else if (line.startsWith('[marking dependent code') && line.includes('reason: weak objects')) {
      current.weakObjects += 1;
    } else if (line.startsWith('[marking dependent code') && line.includes('reason: code dependencies')) {
      current.dependencies += 1;
    }
  }
  const kept = perRound.slice(warmups);
  const mean = (pick: (round: Round) => number) => kept.reduce((sum, round) => sum + pick(round), 0) / kept.length;
  console.log(`planActions on the stored large fixture, rounds ${warmups}–${rounds - 1} (a forced full collection before each):`);
  console.log(`  median planActions                 ${median(kept.map((round) => round.planMs)).toFixed(1)} ms`);
  console.log(`  functions compiled per round       ${mean((round) => round.compiled).toFixed(1)}`);
  console.log(`  compile (execute phase) per round  ${mean((round) => round.compileMs).toFixed(0)} ms, wall time as V8 reports it`);
  console.log(`  code dropped: weak objects / round ${mean((round) => round.weakObjects).toFixed(1)}`);
  console.log(`  code dropped: dependencies / round ${mean((round) => round.dependencies).toFixed(1)}`);
}
