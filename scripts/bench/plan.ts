/**
 * Engine benchmark on the generated practice, all in one process: the floor (a),
 * `planActions` (b) and re-planning one office through the desk (d), with the
 * ratios of issue 7. One warm-up, then the median of several runs. A quick check
 * while optimising the engine; `npm run bench` is the benchmark of record.
 *
 * Run: `npx tsx scripts/bench/plan.ts [large|small|10x] [runs=5]` (10x needs
 * `NODE_OPTIONS=--max-old-space-size=8000`; `DESK_RUNS=n` times (d) n times;
 * `BENCH_CLOCK=cpu` measures CPU time instead of wall time).
 * (d) uses a store stub that serves the snapshot plus one office of 1,000
 * touchpoints, so only the desk's own work is timed, and passes the same `now`
 * to `plan()` and `office()`.
 * Profile: `node --cpu-prof --cpu-prof-dir=<dir> --import tsx scripts/bench/plan.ts`,
 * then `npx tsx scripts/bench/profile-summary.ts <dir>/<file>.cpuprofile 25 planActions`.
 */
import { planActions } from '../../src/engine/plan';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { touchpointSchema, type Touchpoint } from '../../src/model/touchpoint';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { createDesk } from '../../src/store/desk';
import type { ReferwellStore } from '../../src/store/store';
import { generatePractice } from '../../src/testing/generator';

const size = process.argv[2] ?? 'large';
const runs = Number(process.argv[3] ?? 5);
const scale = size === '10x' ? 10 : size === 'small' ? 0.025 : 1;
const now = '2026-03-02T14:00:00Z';
const snapshot = generatePractice({
  seed: 1,
  offices: Math.round(2000 * scale),
  now,
  touchpoints: Math.round(200_000 * scale),
  referrals: Math.round(20_000 * scale),
});

/** (a) One pass: parse each timestamp once, group records by office. */
function floor(s: PracticeSnapshot): number {
  const groups = new Map<string, { touchpoints: unknown[]; referrals: unknown[]; thankYous: unknown[]; contacts: unknown[] }>();
  for (const office of s.offices) groups.set(office.id, { touchpoints: [], referrals: [], thankYous: [], contacts: [] });
  const officeOfContact = new Map<string, string>();
  for (const contact of s.contacts) {
    officeOfContact.set(contact.id, contact.officeId);
    groups.get(contact.officeId)?.contacts.push(contact);
  }
  let sum = 0;
  for (const t of s.touchpoints) {
    const at = Date.parse(t.at);
    sum += at;
    groups.get(t.officeId)?.touchpoints.push({ record: t, at });
  }
  for (const r of s.referrals) {
    const at = Date.parse(r.receivedAt);
    sum += at;
    for (const step of r.intake) sum += Date.parse(step.at);
    if (r.patientContactedAt !== undefined) sum += Date.parse(r.patientContactedAt);
    if (r.reportSentToReferrerAt !== undefined) sum += Date.parse(r.reportSentToReferrerAt);
    groups.get(r.officeId)?.referrals.push({ record: r, at });
  }
  for (const y of s.thankYous) {
    const at = Date.parse(y.sentAt);
    sum += at;
    groups.get(y.officeId)?.thankYous.push({ record: y, at });
  }
  for (const m of s.messages) sum += Date.parse(m.publishedAt);
  for (const d of s.decisions) sum += Date.parse(d.decidedAt);
  return sum + groups.size;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The clock: wall time, or with `BENCH_CLOCK=cpu` this process's CPU time (user +
 * system, all threads, so GC helpers count), steadier on a shared, busy machine.
 */
const clock =
  process.env['BENCH_CLOCK'] === 'cpu'
    ? () => {
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1000;
      }
    : () => performance.now();

function time(fn: () => unknown): number {
  const started = clock();
  fn();
  return clock() - started;
}

const records =
  snapshot.offices.length + snapshot.contacts.length + snapshot.touchpoints.length + snapshot.referrals.length + snapshot.thankYous.length;
console.log(`${size}: ${snapshot.offices.length} offices, ${records} records (${process.env['BENCH_CLOCK'] === 'cpu' ? 'CPU' : 'wall'} time)`);

floor(snapshot);
let actions = planActions({ snapshot, playbook: defaultPlaybook, now });
const as: number[] = [];
const bs: number[] = [];
for (let run = 0; run < runs; run += 1) {
  as.push(time(() => floor(snapshot)));
  bs.push(time(() => (actions = planActions({ snapshot, playbook: defaultPlaybook, now }))));
}
const a = median(as);
const b = median(bs);
console.log(`(a) floor       ${a.toFixed(1)} ms  [${as.map((x) => x.toFixed(0)).join(' ')}]`);
console.log(`(b) planActions ${b.toFixed(1)} ms  [${bs.map((x) => x.toFixed(0)).join(' ')}]  ${actions.length} actions`);
console.log(`b/a = ${(b / a).toFixed(2)} (target ≤ 2.0)`);

// (d) A store stub that serves the snapshot plus one office of 1,000 records:
// the desk's own work is what is timed, not the store's.
const busy = 'off-bench-busy';
const tenantId = snapshot.practice.tenantId;
const busyTouchpoints: Touchpoint[] = [];
for (let i = 0; i < 1000; i += 1) {
  const at = new Date(Date.parse(now) - (i + 1) * 86_400_000).toISOString();
  busyTouchpoints.push(
    touchpointSchema.parse({ id: `${busy}-t${i}`, tenantId, officeId: busy, at, channel: i % 3 ? 'phone' : 'in-person', purposes: ['follow-up'] }),
  );
}
const deskSnapshot: PracticeSnapshot = {
  ...snapshot,
  offices: [...snapshot.offices, { ...snapshot.offices[0]!, id: busy, name: 'Busy Office' }],
  touchpoints: [...snapshot.touchpoints, ...busyTouchpoints],
};
const store = {
  tenantId,
  loadSnapshot: () => Promise.resolve(deskSnapshot),
  appendTouchpoint: (input: unknown) => Promise.resolve({ record: touchpointSchema.parse(input), version: 1, created: true }),
} as unknown as ReferwellStore;
const desk = createDesk({ store, clock: () => now });
const planned = await desk.plan(now);
const ds: number[] = [];
for (let run = 0; run < Math.max(runs, Number(process.env.DESK_RUNS ?? 5)); run += 1) {
  await desk.logTouchpoint({ id: `${busy}-new${run}`, tenantId, officeId: busy, at: now, channel: 'phone', purposes: ['follow-up'] } as never);
  const started = clock();
  const view = await desk.office(busy, now);
  ds.push(clock() - started);
  if (view === undefined) throw new Error('office missing');
}
const d = median(ds);
console.log(`(d) desk.office ${d.toFixed(2)} ms  [${ds.map((x) => x.toFixed(1)).join(' ')}]  (plan had ${planned.length} actions)`);
console.log(`d/b = ${((100 * d) / b).toFixed(2)}% (target ≤ 1%)`);
