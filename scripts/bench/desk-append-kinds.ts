/**
 * (d)'s setup (the stored "large" fixture plus one office of 1,000 records, a desk
 * warmed with `plan()`), then `desk.office(bench-office)` timed after a full
 * collection in three cases, in turns: after a touchpoint appended to that office
 * (what (d) measures), after nothing at all (what the call costs when every play's
 * answer is remembered), and after a touchpoint appended to another office. Prints
 * the median of each over rounds 6–80, in ms. Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/desk-append-kinds.ts`.
 *
 * @module
 */
import { appendBenchTouchpoint, warmDesk } from './desk';
import { BENCH_NOW, storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

const { store, snapshot } = await storedFixture('large');
const { desk, officeId: benchOffice } = await warmDesk(store, snapshot);
const other = snapshot.offices[5]!.id;
const gc = collectGarbage();
const cases = { 'append to this office': benchOffice, 'nothing changed': undefined, 'append to another office': other };
const times = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
let appended = 0;
for (let round = 0; round < 80; round += 1) {
  for (const [name, officeId] of Object.entries(cases)) {
    if (officeId !== undefined) {
      appended += 1;
      await appendBenchTouchpoint(desk, snapshot, officeId, appended, 'kinds');
    }
    gc();
    const started = performance.now();
    await desk.office(benchOffice, BENCH_NOW);
    if (round >= 5) times.get(name)!.push(performance.now() - started);
  }
}
for (const [name, list] of times) console.log(`${name.padEnd(26)} ${median(list).toFixed(3)} ms`);
