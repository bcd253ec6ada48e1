/**
 * What a `{ record, at }` wrapper per touchpoint costs — the measurement behind
 * `OfficeHistory` keeping its touchpoints as parallel lists (`touchpointRecords`,
 * `touchpointTimes`) since the third pass, with `touchpoints` a view built on
 * first read:
 *
 * 1. heap bytes per wrapper with a small-integer `at` and with an epoch-ms `at`
 *    (V8 keeps a double field in a separate heap number);
 * 2. on the stored large fixture, with a full collection before each run (as the
 *    benchmark does): grouping the touchpoints by office with their times read,
 *    then six newest-first scans reading each record's collateral and time —
 *    once as wrappers, once as parallel arrays of records and times.
 *
 * Prints the fastest and median of 11 runs after 2 warm-ups. Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/wrapper-cost.ts`
 *
 * @module
 */
import { readInstant } from '../../src/calendar/instant';
import type { Touchpoint } from '../../src/model/touchpoint';
import { storedFixture } from './fixtures';
import { collectGarbage } from './timing';

const gc = collectGarbage();

function bytesPerWrapper(base: number): number {
  const count = 200_000;
  const record = {};
  gc();
  const before = process.memoryUsage().heapUsed;
  const list = new Array<{ record: object; at: number }>(count);
  for (let i = 0; i < count; i += 1) list[i] = { record, at: base + i };
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / count;
  if (list.length !== count) throw new Error('unreachable');
  return bytes;
}
console.log(
  `heap per wrapper (with its array slot): small-integer at ${bytesPerWrapper(0).toFixed(1)} B, epoch-ms at ${bytesPerWrapper(1.7e12).toFixed(1)} B`,
);

const { snapshot } = await storedFixture('large');
const NOW = Date.parse('2026-03-02T14:00:00Z');
const SCANS = 6;

function wrappers(): number {
  const byOffice = new Map<string, { record: Touchpoint; at: number }[]>();
  for (const office of snapshot.offices) byOffice.set(office.id, []);
  for (const touchpoint of snapshot.touchpoints) byOffice.get(touchpoint.officeId)?.push({ record: touchpoint, at: readInstant(touchpoint.at) });
  let found = 0;
  for (let scan = 0; scan < SCANS; scan += 1) {
    for (const list of byOffice.values()) {
      for (let i = list.length - 1; i >= 0; i -= 1) if (list[i]!.record.collateral !== undefined && list[i]!.at <= NOW) found += 1;
    }
  }
  return found;
}

function parallel(): number {
  const byOffice = new Map<string, { records: Touchpoint[]; times: number[] }>();
  for (const office of snapshot.offices) byOffice.set(office.id, { records: [], times: [] });
  for (const touchpoint of snapshot.touchpoints) {
    const lists = byOffice.get(touchpoint.officeId);
    if (lists === undefined) continue;
    lists.records.push(touchpoint);
    lists.times.push(readInstant(touchpoint.at));
  }
  let found = 0;
  for (let scan = 0; scan < SCANS; scan += 1) {
    for (const { records, times } of byOffice.values()) {
      for (let i = records.length - 1; i >= 0; i -= 1) if (records[i]!.collateral !== undefined && times[i]! <= NOW) found += 1;
    }
  }
  return found;
}

const runs: Record<'wrappers' | 'parallel', number[]> = { wrappers: [], parallel: [] };
const found = new Set<number>();
for (let round = 0; round < 13; round += 1) {
  for (const [name, task] of [['wrappers', wrappers], ['parallel', parallel]] as const) {
    gc();
    const started = performance.now();
    found.add(task());
    if (round >= 2) runs[name].push(performance.now() - started);
  }
}
if (found.size !== 1) throw new Error('[referwell] bench: the two layouts found different touchpoints');
for (const [name, list] of Object.entries(runs)) {
  list.sort((x, y) => x - y);
  console.log(`${name.padEnd(8)} fastest ${list[0]!.toFixed(1)} ms, median ${list[list.length >> 1]!.toFixed(1)} ms`);
}
