/**
 * Timing helpers: warm-up runs, then the median of timed runs, with a full
 * garbage collection before each run when the process allows it.
 *
 * @module
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How many runs a measurement makes.
 *
 * @category Benchmark
 */
export interface TimingOptions {
  /** Untimed runs first (JIT warm-up, caches), default 1. */
  readonly warmups?: number;
  /** Timed runs; the figure is their median. Default 5. */
  readonly runs?: number;
  /**
   * A pause after each forced collection, before the timed run, in ms (default
   * 0, or `REFERWELL_BENCH_SETTLE_MS`): the collector's background threads finish
   * freeing the earlier runs' garbage before the run instead of during it. For
   * studying the harness; the benchmark of record uses no pause.
   */
  readonly settleMs?: number;
  /**
   * Whether a full collection precedes each timed run (default `true`). Without
   * it, runs follow one another as calls in a running host do, and a collection
   * falls inside whichever run allocation happens to trigger it.
   */
  readonly collect?: boolean;
}

/** A forced full collection, then the pause of `options` (neither with `collect: false`). */
async function collectAndSettle(gc: () => void, options: TimingOptions): Promise<void> {
  if (options.collect === false) return;
  gc();
  const ms = options.settleMs ?? Number(process.env['REFERWELL_BENCH_SETTLE_MS'] ?? 0);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A timed figure: the median and every run.
 *
 * @category Benchmark
 */
export interface Timing {
  /** The median of the timed runs, in milliseconds. */
  readonly medianMs: number;
  /** Every timed run, in milliseconds, in the order they ran. */
  readonly runsMs: readonly number[];
}

let cachedGc: (() => void) | undefined;

/**
 * A function that runs a full garbage collection: `globalThis.gc` when node was
 * started with `--expose-gc`, else one obtained by setting that flag at run time
 * (as under vitest).
 *
 * @returns The collector.
 * @example
 * ```ts
 * collectGarbage()(); // a full, synchronous collection
 * ```
 * @category Benchmark
 */
export function collectGarbage(): () => void {
  if (cachedGc === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') {
      cachedGc = exposed;
    } else {
      setFlagsFromString('--expose-gc');
      cachedGc = runInNewContext('gc') as () => void;
    }
  }
  return cachedGc;
}

/**
 * The median of some numbers (the mean of the middle two for an even count).
 *
 * @param values - At least one number.
 * @returns The median.
 * @throws Error when `values` is empty.
 * @example
 * ```ts
 * median([3, 1, 2]); //=> 2
 * median([4, 1, 3, 2]); //=> 2.5
 * ```
 * @category Benchmark
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('[referwell] bench: median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs `once` warm-up times, then `runs` times, and returns the median of what
 * the timed runs reported. `once` reports its own duration, so that each run can
 * prepare its state (a fresh database, an append) outside the timed part.
 *
 * @param once - One run; resolves to the milliseconds of its timed part.
 * @param options - Warm-up and timed run counts.
 * @returns The median and every timed run.
 * @example
 * ```ts
 * await sample(async () => time(() => planActions(options)), { warmups: 1, runs: 5 });
 * //=> { medianMs: 412.5, runsMs: [420.1, 405.3, 412.5, 398.0, 430.7] }
 * ```
 * @category Benchmark
 */
export async function sample(once: () => Promise<number> | number, options: TimingOptions = {}): Promise<Timing> {
  const gc = collectGarbage();
  for (let i = 0; i < (options.warmups ?? 1); i += 1) await once();
  const runsMs: number[] = [];
  for (let i = 0; i < (options.runs ?? 5); i += 1) {
    await collectAndSettle(gc, options);
    runsMs.push(await once());
  }
  return { medianMs: median(runsMs), runsMs };
}

/**
 * Times one synchronous call.
 *
 * @param work - The call.
 * @returns Its duration in milliseconds.
 * @example
 * ```ts
 * time(() => planActions(options)); //=> 412.5
 * ```
 * @category Benchmark
 */
export function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/**
 * Times one asynchronous call.
 *
 * @param work - The call.
 * @returns Its duration in milliseconds.
 * @example
 * ```ts
 * await timeAsync(() => store.loadSnapshot()); //=> 5120.3
 * ```
 * @category Benchmark
 */
export async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Like {@link sample}, for several measurements at once: every round runs each of
 * them once, in turn, so that a change of load on a shared machine weighs on all
 * of them alike and their ratios stay fair. The figure of each is the median of
 * its timed rounds.
 *
 * @param tasks - One run of each measurement, by name; each resolves to its milliseconds.
 * @param options - Warm-up and timed rounds.
 * @returns Each measurement's median and runs, by name.
 * @example
 * ```ts
 * const { floor, plan } = await sampleTogether({ floor: () => time(pass), plan: () => time(plan) }, { runs: 5 });
 * plan.medianMs / floor.medianMs; //=> 3.1
 * ```
 * @category Benchmark
 */
export async function sampleTogether<K extends string>(
  tasks: Readonly<Record<K, () => Promise<number> | number>>,
  options: TimingOptions = {},
): Promise<Record<K, Timing>> {
  const gc = collectGarbage();
  const names = Object.keys(tasks) as K[];
  for (let i = 0; i < (options.warmups ?? 1); i += 1) for (const name of names) await tasks[name]();
  const runs = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < (options.runs ?? 5); i += 1) {
    for (const name of names) {
      await collectAndSettle(gc, options);
      runs[name].push(await tasks[name]());
    }
  }
  const result = {} as Record<K, Timing>;
  for (const name of names) result[name] = { medianMs: median(runs[name]), runsMs: runs[name] };
  return result;
}
