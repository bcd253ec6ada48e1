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
import { sample, time, type Timing, type TimingOptions } from './timing';

/**
 * The figure of (b): the timing and how many actions the plan holds.
 *
 * @category Benchmark
 */
export interface PlanFigure extends Timing {
  /** How many actions the last run returned. */
  readonly actions: number;
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
 * await measurePlan(snapshot, { runs: 5 }); //=> { medianMs: 430.2, runsMs: [...], actions: 372 }
 * ```
 * @category Benchmark
 */
export async function measurePlan(snapshot: PracticeSnapshot, options: TimingOptions = {}): Promise<PlanFigure> {
  let actions = 0;
  const timing = await sample(() => time(() => (actions = planFixture(snapshot).length)), options);
  return { ...timing, actions };
}
