import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { postgresStore, type PostgresQueryable } from '../../src/adapters/postgres/index';
import { generatePractice } from '../../src/testing/generator';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const snap = generatePractice({ seed: 7, offices: 200, now: '2026-03-02T14:00:00Z', tenantId: 't', years: 3, touchpoints: 10_000 });
const count = snap.offices.length + snap.contacts.length + snap.touchpoints.length + snap.referrals.length + snap.thankYous.length + snap.decisions.length + snap.clinicians.length + snap.messages.length;
console.log('records', count, 'touchpoints', snap.touchpoints.length);
async function bench(label: string, client: PostgresQueryable, counter: { rc: number }) {
  const schema = `rw_bench2_${process.pid}`;
  const s = postgresStore(client, { tenantId: 't', schema });
  await s.savePractice(snap.practice);
  let t = performance.now();
  const ops = [
    ...snap.offices.map((record) => ({ type: 'upsert' as const, kind: 'office' as const, record })),
    ...snap.contacts.map((record) => ({ type: 'upsert' as const, kind: 'contact' as const, record })),
    ...snap.clinicians.map((record) => ({ type: 'upsert' as const, kind: 'clinician' as const, record })),
    ...snap.messages.map((record) => ({ type: 'upsert' as const, kind: 'practice-message' as const, record })),
    ...snap.touchpoints.map((record) => ({ type: 'append' as const, kind: 'touchpoint' as const, record })),
    ...snap.referrals.map((record) => ({ type: 'append' as const, kind: 'referral' as const, record })),
    ...snap.thankYous.map((record) => ({ type: 'append' as const, kind: 'thank-you' as const, record })),
    ...snap.decisions.map((record) => ({ type: 'append' as const, kind: 'action-decision' as const, record })),
  ];
  for (let i = 0; i < ops.length; i += 500) await s.write(ops.slice(i, i + 500));
  const dt = performance.now() - t;
  console.log(label, `write batches of 500: ${(ops.length / dt * 1000).toFixed(0)} records/s`);
  for (let r = 0; r < 3; r++) {
    t = performance.now();
    const loaded = await s.loadSnapshot();
    console.log(label, `loadSnapshot ${loaded.touchpoints.length} tp: ${(performance.now() - t).toFixed(0)} ms`);
  }
  t = performance.now();
  for (const o of snap.offices) await s.loadOffice(o.id);
  console.log(label, `loadOffice ${((performance.now() - t) / snap.offices.length).toFixed(2)} ms/office`);
  // contention: 8 concurrent single appends at a time
  const before = counter.rc;
  t = performance.now();
  const n = 400;
  await Promise.all(Array.from({ length: 8 }, async (_, w) => {
    for (let i = 0; i < n / 8; i++) await s.appendTouchpoint({ ...snap.touchpoints[0]!, id: `c-${w}-${i}` });
  }));
  console.log(label, `8 concurrent writers, ${n} appends: ${((performance.now() - t)).toFixed(0)} ms; write transactions begun: ${counter.rc - before}`);
  t = performance.now();
  for (let i = 0; i < 200; i++) await s.appendTouchpoint({ ...snap.touchpoints[0]!, id: `s-${i}` });
  console.log(label, `single appends: ${(200 / (performance.now() - t) * 1000).toFixed(0)}/s`);
}
const pool = new pg.Pool({ connectionString: url, max: 10 });
const counter = { rc: 0 };
const counting: PostgresQueryable & { totalCount: number; connect(): Promise<unknown> } = {
  totalCount: 0,
  query: (t: string, p?: unknown[]) => pool.query(t, p),
  connect: async () => {
    const c = await pool.connect();
    return { query: (t: string, p?: unknown[]) => { if (t.startsWith('BEGIN ISOLATION LEVEL READ COMMITTED')) counter.rc++; return c.query(t, p); }, release: (e?: Error | boolean) => c.release(e) };
  },
};
await bench('server', counting, counter);
await pool.query(`DROP SCHEMA rw_bench2_${process.pid} CASCADE`);
await pool.end();
const db = await PGlite.create();
await bench('pglite', db, { rc: 0 });
await db.close();
