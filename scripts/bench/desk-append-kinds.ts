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
import { formatInstant } from '../../src/calendar/instant';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { createDesk } from '../../src/store/desk';
import { BENCH_NOW, extraOffice, storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

const { store, snapshot } = await storedFixture('large');
const extra = extraOffice(snapshot, 1_000);
await store.write(extra.operations);
const desk = createDesk({ store, playbook: defaultPlaybook, clock: () => BENCH_NOW });
await desk.plan(BENCH_NOW);
const now = Date.parse(BENCH_NOW);
const other = snapshot.offices[5]!.id;
const gc = collectGarbage();
const cases = { 'append to this office': extra.officeId, 'nothing changed': undefined, 'append to another office': other };
const times = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
let appended = 0;
for (let round = 0; round < 80; round += 1) {
  for (const [name, officeId] of Object.entries(cases)) {
    if (officeId !== undefined) {
      appended += 1;
      await desk.logTouchpoint({
        id: `kinds-${appended}`,
        tenantId: snapshot.practice.tenantId,
        officeId,
        at: formatInstant(now - appended * 60_000),
        channel: 'phone',
        purposes: ['follow-up'],
        minutes: 5,
      });
    }
    gc();
    const started = performance.now();
    await desk.office(extra.officeId, BENCH_NOW);
    if (round >= 5) times.get(name)!.push(performance.now() - started);
  }
}
for (const [name, list] of times) console.log(`${name.padEnd(26)} ${median(list).toFixed(3)} ms`);
