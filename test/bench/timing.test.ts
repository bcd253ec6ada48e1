import { describe, expect, test } from 'vitest';
import { watchPauses } from '../../scripts/bench/gc-pauses';
import { sample } from '../../scripts/bench/timing';

describe('sample', () => {
  /** How many collections started while `sample` ran three timed runs of nothing. */
  async function collectionsDuring(collect: boolean | undefined): Promise<number> {
    const watcher = watchPauses();
    try {
      const start = performance.now();
      const timing = await sample(() => 0, { warmups: 0, runs: 3, ...(collect === undefined ? {} : { collect }) });
      const end = performance.now();
      expect(timing.runsMs).toEqual([0, 0, 0]);
      return (await watcher.within(start, end)).count;
    } finally {
      watcher.stop();
    }
  }

  test('forces a collection before each timed run by default', async () => {
    expect(await collectionsDuring(undefined)).toBeGreaterThanOrEqual(3);
  });

  test('forces none with collect: false', async () => {
    expect(await collectionsDuring(false)).toBe(0);
  });
});
