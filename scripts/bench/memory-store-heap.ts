/**
 * Heap bytes per record that the memory store holds, beside the loaded snapshot:
 * the stored "large" fixture is kept (store and snapshot), then the store is let
 * go, each after two forced collections, and the difference is divided by the
 * records. Shows how much of the benchmark's heap is the store's rows (the heap
 * every young-generation collection walks). Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/memory-store-heap.ts [scale=1]`
 *
 * @module
 */
import { countRecords, storedFixture } from './fixtures';
import { collectGarbage } from './timing';

const scale = Number(process.argv[2] ?? 1);
if (!Number.isSafeInteger(scale) || scale < 1) throw new Error('usage: memory-store-heap.ts [scale ≥ 1]');
const gc = collectGarbage();
const held: { store?: unknown; snapshot?: Parameters<typeof countRecords>[0] } = {};
await (async () => {
  const fixture = await storedFixture('large', scale);
  held.store = fixture.store;
  held.snapshot = fixture.snapshot;
})();
const records = countRecords(held.snapshot!);
const used = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const withStore = used();
delete held.store;
const withoutStore = used();
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
console.log(`${records} records: heap ${mb(withStore)} MB with the store, ${mb(withoutStore)} MB without it`);
console.log(`the memory store: ${((withStore - withoutStore) / records).toFixed(0)} bytes per record`);
