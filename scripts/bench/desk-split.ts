/**
 * What (d) is made of: the same desk as `measureDesk` (the stored large fixture
 * plus one office of 1,000 records, warmed with `plan()`), then 40 rounds of one
 * append and, each after a full collection, `desk.office(id)`, the relationship
 * score of its history alone, the same score again at once (warm), and the
 * follow-up status alone. Prints the medians of rounds 6–40. Not a figure of
 * record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/desk-split.ts`
 *
 * @module
 */
import { formatInstant } from '../../src/calendar/instant';
import { followUpStatus } from '../../src/engine/follow-up-status';
import { scoreRelationship } from '../../src/engine/score';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { createDesk } from '../../src/store/desk';
import { BENCH_NOW, extraOffice, storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

const gc = collectGarbage();
const { store, snapshot } = await storedFixture('large');
const extra = extraOffice(snapshot, 1_000);
await store.write(extra.operations);
const desk = createDesk({ store, playbook: defaultPlaybook, clock: () => BENCH_NOW });
await desk.plan(BENCH_NOW);
const now = Date.parse(BENCH_NOW);
const figures = { office: [] as number[], scoreCold: [] as number[], scoreWarm: [] as number[], followUpCold: [] as number[] };
const timed = async (list: number[], work: () => unknown): Promise<void> => {
  const started = performance.now();
  await work();
  list.push(performance.now() - started);
};
for (let round = 1; round <= 40; round += 1) {
  await desk.logTouchpoint({
    id: `split-${round}`,
    tenantId: snapshot.practice.tenantId,
    officeId: extra.officeId,
    at: formatInstant(now - round * 60_000),
    channel: 'phone',
    purposes: ['follow-up'],
    minutes: 5,
  });
  gc();
  let found: Awaited<ReturnType<typeof desk.office>>;
  await timed(figures.office, async () => (found = await desk.office(extra.officeId, BENCH_NOW)));
  const view = found;
  if (view === undefined) throw new Error('[referwell] bench: the office is missing');
  gc();
  await timed(figures.scoreCold, () => scoreRelationship(view.history, defaultPlaybook, BENCH_NOW));
  await timed(figures.scoreWarm, () => scoreRelationship(view.history, defaultPlaybook, BENCH_NOW));
  gc();
  await timed(figures.followUpCold, () => followUpStatus(view.history, defaultPlaybook, BENCH_NOW));
}
const last = (values: readonly number[]) => median(values.slice(5)).toFixed(3);
console.log(
  `desk.office cold ${last(figures.office)} ms; score alone cold ${last(figures.scoreCold)} ms, ` +
    `warm ${last(figures.scoreWarm)} ms; follow-up status alone cold ${last(figures.followUpCold)} ms`,
);
