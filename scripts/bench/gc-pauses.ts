/**
 * The garbage collector's pauses during timed runs, from `perf_hooks` "gc"
 * entries: a reading, not a figure, printed beside (b) so that a report shows how
 * much of each run the collector took.
 *
 * @module
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { median } from './timing';

/**
 * The collector's pauses that started during one run.
 *
 * @category Benchmark
 */
export interface Pauses {
  /** Their durations summed, in milliseconds. */
  readonly ms: number;
  /** How many. */
  readonly count: number;
}

/**
 * What the collector took during each timed run of a figure.
 *
 * @category Benchmark
 */
export interface PauseReading {
  /** The median of the runs' summed pauses, in milliseconds. */
  readonly medianMs: number;
  /** Each timed run's pauses, in the order the runs ran. */
  readonly runs: readonly Pauses[];
}

/**
 * Watches the collector from now until `stop`: `within(start, end)` sums the
 * pauses that started between two `performance.now()` readings. The observer
 * reports asynchronously, so `within` first lets the event loop turn once.
 *
 * @returns The watcher.
 * @example
 * ```ts
 * const pauses = watchPauses();
 * const start = performance.now();
 * planActions(options);
 * await pauses.within(start, performance.now()); //=> { ms: 9.5, count: 1 }
 * pauses.stop();
 * ```
 * @category Benchmark
 */
export function watchPauses(): { within(start: number, end: number): Promise<Pauses>; stop(): void } {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => void entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    async within(start, end) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      let ms = 0;
      let count = 0;
      for (const entry of entries) {
        if (entry.startTime < start || entry.startTime > end) continue;
        ms += entry.duration;
        count += 1;
      }
      return { ms, count };
    },
    stop() {
      observer.disconnect();
    },
  };
}

/**
 * The reading of some runs' pauses.
 *
 * @param runs - Each timed run's pauses (at least one).
 * @returns Their median and the runs.
 * @example
 * ```ts
 * pauseReading([{ ms: 4, count: 1 }, { ms: 0, count: 0 }, { ms: 6, count: 1 }]).medianMs; //=> 4
 * ```
 * @category Benchmark
 */
export function pauseReading(runs: readonly Pauses[]): PauseReading {
  return { medianMs: median(runs.map((run) => run.ms)), runs };
}
