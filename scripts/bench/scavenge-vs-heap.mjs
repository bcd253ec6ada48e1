/**
 * What one young-generation collection (a scavenge) costs as the rest of the heap
 * grows, with nothing of referwell involved: a process keeps some old-generation
 * data alive, then allocates only short-lived objects, and the median scavenge
 * pause is read from `perf_hooks` "gc" entries. The kept data is either small
 * objects (like a loaded snapshot) or arrays of numbers, which hold no pointers
 * for the scavenger to follow. Each size runs in a fresh child process. For
 * reading the 10× figure; not a figure of record.
 *
 * Run: `node scripts/bench/scavenge-vs-heap.mjs` (under a minute; up to ~3 GiB).
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const [kind, megabytesArg] = process.argv.slice(2);

if (kind === undefined) {
  console.log('kept data             heap (MB)   scavenges   median pause (ms)');
  for (const keep of ['objects', 'numbers']) {
    for (const megabytes of [200, 800, 1600, 2400]) {
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', '--max-old-space-size=12288', fileURLToPath(import.meta.url), keep, String(megabytes)],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
      console.log(child.stdout.trim());
    }
  }
} else {
  const megabytes = Number(megabytesArg);
  const kept = [];
  if (kind === 'objects') {
    // About 180 bytes each: an object, a string, a one-element array and a nested object.
    for (let i = 0; i < (megabytes * 1e6) / 180; i += 1) kept.push({ a: i, b: `x${i}`, c: [i], d: { e: i } });
  } else {
    // 160 KB each: large objects of unboxed numbers.
    for (let i = 0; i < (megabytes * 1e6) / 160_000; i += 1) kept.push(new Array(20_000).fill(i + 0.5));
  }
  globalThis.gc();
  globalThis.gc();
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  const pauses = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) pauses.push(entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const ring = new Array(1000);
  for (let i = 0; i < 4e6; i += 1) ring[i % 1000] = { a: i, b: [i, i] };
  await new Promise((resolve) => setTimeout(resolve, 10));
  observer.disconnect();
  pauses.sort((a, b) => a - b);
  // The median as the benchmark takes it: the mean of the middle two for an even count.
  const middle = pauses.length >> 1;
  const median =
    pauses.length === 0 ? Number.NaN : pauses.length % 2 === 1 ? pauses[middle] : (pauses[middle - 1] + pauses[middle]) / 2;
  console.log(
    `${kind.padEnd(20)}  ${heapMb.toFixed(0).padStart(9)}   ${String(pauses.length).padStart(9)}   ${median.toFixed(2).padStart(17)}` +
      (kept.length > 0 ? '' : ' (nothing kept)'),
  );
}
