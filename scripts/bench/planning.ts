/**
 * Benchmark (b): `planActions` with all nine plays and the default playbook,
 * everything it does included (indexing the snapshot too).
 *
 * @module
 */
import type { Action } from '../../src/engine/action';
import { planActions } from '../../src/engine/plan';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { BENCH_NOW } from './fixtures';
import { pauseReading, watchPauses, type PauseReading, type Pauses } from './gc-pauses';
import { sample, type Timing, type TimingOptions } from './timing';

/**
 * The figure of (b): the timing and how many actions the plan holds.
 *
 * @category Benchmark
 */
export interface PlanFigure extends Timing {
  /** How many actions the last run returned. */
  readonly actions: number;
  /** The collector's pauses during each timed run (a reading beside the figure, not part of any target). */
  readonly pauses: PauseReading;
}

/**
 * What the runs of {@link planTask} leave behind: the last run's action count and
 * every run's collector pauses, warm-up runs included.
 *
 * @category Benchmark
 */
export interface PlanRuns {
  /** How many actions the last run returned. */
  actions: number;
  /** Each run's collector pauses, in the order the runs ran. */
  readonly pauses: Pauses[];
}

/**
 * One run of (b), for {@link sample} or `sampleTogether`: plans the fixture, then
 * records the run's actions and the collector's pauses during it in `runs`.
 *
 * @param snapshot - The fixture.
 * @param watcher - A {@link watchPauses} watcher, started before the runs.
 * @param runs - Where each run leaves its actions and pauses.
 * @returns The task; it resolves to the run's milliseconds (the plan alone).
 * @example
 * ```ts
 * const runs = { actions: 0, pauses: [] };
 * await planTask(snapshot, watchPauses(), runs)(); //=> 412.5
 * ```
 * @category Benchmark
 */
export function planTask(
  snapshot: PracticeSnapshot,
  watcher: ReturnType<typeof watchPauses>,
  runs: PlanRuns,
): () => Promise<number> {
  return async () => {
    const start = performance.now();
    runs.actions = planFixture(snapshot).length;
    const ms = performance.now() - start;
    runs.pauses.push(await watcher.within(start, start + ms));
    return ms;
  };
}

/**
 * The figure of (b) from a timing and the runs behind it: the pauses of the timed
 * runs, which came last.
 *
 * @param timing - The timing of the runs.
 * @param runs - What {@link planTask} recorded, warm-up runs first.
 * @returns The figure.
 * @example
 * ```ts
 * planFigure({ medianMs: 80, runsMs: [80] }, { actions: 399, pauses: [warmUp, timed] }).pauses.runs; //=> [timed]
 * ```
 * @category Benchmark
 */
export function planFigure(timing: Timing, runs: PlanRuns): PlanFigure {
  return { ...timing, actions: runs.actions, pauses: pauseReading(runs.pauses.slice(-timing.runsMs.length)) };
}

/**
 * Plans the fixture as (b) does: `planActions({ snapshot, playbook: defaultPlaybook, now })`.
 *
 * @param snapshot - The fixture.
 * @returns The plan.
 * @example
 * ```ts
 * planFixture(snapshot).length; //=> 372
 * ```
 * @category Benchmark
 */
export function planFixture(snapshot: PracticeSnapshot): Action[] {
  return planActions({ snapshot, playbook: defaultPlaybook, now: BENCH_NOW });
}

/**
 * Measures (b): the median time of {@link planFixture}.
 *
 * @param snapshot - The fixture, as the store returned it.
 * @param options - Warm-up and timed runs.
 * @returns The timing and the number of actions.
 * @example
 * ```ts
 * await measurePlan(snapshot, { runs: 5 }); //=> { medianMs: 430.2, runsMs: [...], actions: 372, pauses: { medianMs: 3.1, runs: [...] } }
 * ```
 * @category Benchmark
 */
export async function measurePlan(snapshot: PracticeSnapshot, options: TimingOptions = {}): Promise<PlanFigure> {
  const watcher = watchPauses();
  const runs: PlanRuns = { actions: 0, pauses: [] };
  try {
    return planFigure(await sample(planTask(snapshot, watcher, runs), options), runs);
  } finally {
    watcher.stop();
  }
}
