import { describe, expect, test } from 'vitest';
import { pauseReading, watchPauses } from '../../scripts/bench/gc-pauses';
import { collectGarbage } from '../../scripts/bench/timing';

describe('watchPauses', () => {
  test('counts a collection that starts during a run, and none outside it', async () => {
    const watcher = watchPauses();
    try {
      const start = performance.now();
      collectGarbage()();
      const end = performance.now();
      const during = await watcher.within(start, end);
      expect(during.count).toBeGreaterThanOrEqual(1);
      expect(during.ms).toBeGreaterThan(0);
      expect(await watcher.within(end + 1, end + 2)).toEqual({ ms: 0, count: 0 });
    } finally {
      watcher.stop();
    }
  });
});

describe('pauseReading', () => {
  test('is the median of the runs’ summed pauses, with every run', () => {
    const runs = [
      { ms: 4, count: 1 },
      { ms: 0, count: 0 },
      { ms: 9, count: 2 },
    ];
    expect(pauseReading(runs)).toEqual({ medianMs: 4, runs });
  });
});
