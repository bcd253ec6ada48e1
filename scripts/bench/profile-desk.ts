/**
 * Profiles benchmark (d): the same setup as `measureDesk` (the "large" fixture in
 * a memory store plus one office of 1,000 records, a desk warmed with `plan()`),
 * then `cycles` rounds of one appended touchpoint and a timed `desk.office(id)`.
 * A full garbage collection runs before each timed call, as in `sample`.
 * Prints the figure as `npm run bench` takes it (the median of cycles 3–9), the
 * median and quartiles of all timed calls, and whether the last answer equals the
 * full plan filtered to the office.
 *
 * Run: `node --cpu-prof --cpu-prof-dir=<dir> --import tsx scripts/bench/profile-desk.ts [cycles=200]`,
 * then `npx tsx scripts/bench/profile-summary.ts <dir>/<file>.cpuprofile 20 office`.
 * Without `--cpu-prof` it is a quick timing loop for (d); `NOGC=1` skips the
 * collections (the warm, steady-state figure). Two more settings tell apart why
 * (d) is slower right after a collection: `SPIN=ms` keeps the main thread busy
 * that long after it (the collector's background threads finish meanwhile), and
 * `EVICT=MiB` reads a buffer of that size before each call (pushing the desk's
 * data out of the processor's caches, with or without a collection). The busy
 * wait never yields to the event loop, unlike `REFERWELL_BENCH_SETTLE_MS`.
 * For example `NOGC=1 EVICT=512 node --expose-gc --import tsx scripts/bench/profile-desk.ts 200`.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { formatInstant } from '../../src/calendar/instant';
import { planActions } from '../../src/engine/plan';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { createDesk } from '../../src/store/desk';
import { BENCH_NOW, extraOffice, storedFixture } from './fixtures';
import { collectGarbage, median } from './timing';

const cycles = Number(process.argv[2] ?? 200);
const { store, snapshot } = await storedFixture('large');
const extra = extraOffice(snapshot, 1_000);
await store.write(extra.operations);
const { officeId } = extra;
const desk = createDesk({ store, playbook: defaultPlaybook, clock: () => BENCH_NOW });
await desk.plan(BENCH_NOW);
const now = Date.parse(BENCH_NOW);
const times: number[] = [];
const spinMs = Number(process.env.SPIN ?? 0);
const evictMiB = Number(process.env.EVICT ?? 0);
if (!(spinMs >= 0) || !(evictMiB >= 0)) throw new Error('SPIN and EVICT must be numbers ≥ 0');
/** Read before each call, one byte in every 64-byte cache line; the sum is printed, so that no read is left out. */
const evict = evictMiB > 0 ? new Uint8Array(evictMiB * 1024 * 1024).fill(1) : undefined;
let evicted = 0;
const gc = collectGarbage();
let actions: readonly unknown[] = [];
for (let cycle = 1; cycle <= cycles; cycle += 1) {
  await desk.logTouchpoint({
    id: `bench-append-${cycle}`,
    tenantId: snapshot.practice.tenantId,
    officeId,
    at: formatInstant(now - cycle * 60_000),
    channel: 'phone',
    purposes: ['follow-up'],
    minutes: 5,
  });
  if (!process.env.NOGC) gc();
  if (spinMs > 0) for (const until = performance.now() + spinMs; performance.now() < until; );
  if (evict !== undefined) for (let i = 0; i < evict.length; i += 64) evicted += evict[i]!;
  const started = performance.now();
  actions = (await desk.office(officeId, BENCH_NOW))!.actions;
  times.push(performance.now() - started);
}
if (evict !== undefined) console.log(`read every 64-byte line of a ${evictMiB} MiB buffer before each call (${evicted} reads in all)`);
console.log(`as npm run bench takes it (2 warm-ups, then the median of 7): ${median(times.slice(2, 9)).toFixed(3)} ms`);
console.log(`first 10: ${times.slice(0, 10).map((t) => t.toFixed(2)).join(" ")}`);
const sorted = [...times].sort((a, b) => a - b);
const at = (q: number): string => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3);
console.log(`desk.office after one append, ${cycles} cycles: median ${at(0.5)} ms (p25 ${at(0.25)}, p75 ${at(0.75)}, p90 ${at(0.9)})`);
const full = planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: BENCH_NOW }).filter(
  (action) => action.officeId === officeId,
);
console.log(`equal to the full plan filtered to ${officeId}: ${isDeepStrictEqual(actions, full)} (${actions.length} actions)`);
