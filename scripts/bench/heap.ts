/**
 * Benchmark (e): heap bytes per record of a snapshot loaded through a store.
 *
 * @module
 */
import type { PracticeSnapshot } from '../../src/model/snapshot';
import type { ReferwellStore } from '../../src/store/store';
import { countRecords } from './fixtures';
import { collectGarbage } from './timing';

/**
 * The figure of (e).
 *
 * @category Benchmark
 */
export interface HeapFigure {
  /** Heap growth divided by records, in bytes. */
  readonly bytesPerRecord: number;
  /** Heap growth while the loaded snapshot is kept, in bytes. */
  readonly retainedBytes: number;
  /** Records in the loaded snapshot (practice included). */
  readonly records: number;
}

/**
 * Measures (e): a full garbage collection, `heapUsed`; the snapshot loaded through
 * the store and kept; another full collection, `heapUsed` again. The growth over
 * the number of records is the figure. Without `node --expose-gc` the collector is
 * obtained by setting the flag at run time.
 *
 * @param store - A store holding the fixture.
 * @returns Bytes per record, the growth, and the record count.
 * @example
 * ```ts
 * (await measureHeap(store)).bytesPerRecord; //=> 812.4
 * ```
 * @category Benchmark
 */
export async function measureHeap(store: ReferwellStore): Promise<HeapFigure> {
  const gc = collectGarbage();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  let kept: PracticeSnapshot | undefined = await store.loadSnapshot();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const records = countRecords(kept);
  kept = undefined;
  const retainedBytes = after - before;
  return { bytesPerRecord: retainedBytes / records, retainedBytes, records };
}
