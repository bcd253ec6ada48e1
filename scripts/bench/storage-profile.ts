/**
 * Profiles the SQLite store's import (`import`) or snapshot load (`load`) on the
 * "large" practice and prints the top self-time functions.
 * Run: `npx tsx scripts/bench/storage-profile.ts import|load|pg-import|pg-load`
 * (`pg-…`: PostgreSQL at postgres://postgres@127.0.0.1:5432/test).
 * Env `HARNESS=1`: as `npm run bench` does it — the fixture as a store returns it
 * (`storedFixture('large')`) and the whole import as one `store.write` batch.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { postgresStore } from '../../src/adapters/postgres/index';
import { sqliteStore } from '../../src/adapters/sqlite/index';
import { generatePractice } from '../../src/testing/generator';
import type { WriteOperation } from '../../src/store/store';
import { storedFixture } from './fixtures';
const what = process.argv[2] ?? 'load';
const harness = process.env.HARNESS === '1';
const snap = harness
  ? (await storedFixture('large')).snapshot
  : generatePractice({ seed: 1, offices: 2000, now: '2026-03-02T14:00:00Z', touchpoints: 200_000, referrals: 20_000 });
const batch = harness ? Number.MAX_SAFE_INTEGER : 1000;
const db = new Database(join(mkdtempSync(join(tmpdir(), 'rwp-')), 'p.db'));
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 4 });
const onPostgres = what.startsWith('pg-');
const schema = `rw_prof_${process.pid}`;
const store = onPostgres ? postgresStore(pool, { tenantId: 'demo', schema }) : sqliteStore(db, { tenantId: 'demo' });
await store.savePractice(snap.practice);
const ops: WriteOperation[] = [
  ...snap.offices.map((record) => ({ type: 'upsert' as const, kind: 'office' as const, record })),
  ...snap.contacts.map((record) => ({ type: 'upsert' as const, kind: 'contact' as const, record })),
  ...snap.clinicians.map((record) => ({ type: 'upsert' as const, kind: 'clinician' as const, record })),
  ...snap.messages.map((record) => ({ type: 'upsert' as const, kind: 'practice-message' as const, record })),
  ...snap.touchpoints.map((record) => ({ type: 'append' as const, kind: 'touchpoint' as const, record })),
  ...snap.referrals.map((record) => ({ type: 'append' as const, kind: 'referral' as const, record })),
  ...snap.thankYous.map((record) => ({ type: 'append' as const, kind: 'thank-you' as const, record })),
  ...snap.decisions.map((record) => ({ type: 'append' as const, kind: 'action-decision' as const, record })),
];
const { Session } = await import('node:inspector/promises');
const session = new Session(); session.connect();
await session.post('Profiler.enable');
if (what.endsWith('import')) await session.post('Profiler.start');
let t = performance.now();
for (let i = 0; i < ops.length; i += batch) await store.write(ops.slice(i, i + batch));
console.log('import', performance.now() - t);
if (what.endsWith('import')) { const { profile } = await session.post('Profiler.stop'); report(profile); }
if (what.endsWith('load')) await session.post('Profiler.start');
t = performance.now();
await store.loadSnapshot();
console.log('load', performance.now() - t);
if (what.endsWith('load')) { const { profile } = await session.post('Profiler.stop'); report(profile); }
function report(profile: any) {
  const self = new Map<string, number>();
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas; let total = 0;
  profile.samples.forEach((id: number, i: number) => {
    const n = byId.get(id); const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(/.*\/node_modules\//, 'nm/').replace('file:///work/main/', '')}:${f.lineNumber + 1}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + dt[i]); total += dt[i];
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, v] of top) console.log(`${(v / 1000).toFixed(0).padStart(6)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
}
if (onPostgres) await pool.query(`DROP SCHEMA ${schema} CASCADE`);
await pool.end();
