/**
 * Profiles the raw baseline of (f)'s import (scripts/bench/sqlite.ts `rawSqliteImport`)
 * on the fixture `npm run bench` uses, to compare with the adapter's profile.
 * Run: `npx tsx scripts/bench/storage-profile-raw.ts`
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStore } from '../../src/adapters/sqlite/index';
import { storedFixture } from './fixtures';
import { rawSqliteImport } from './sqlite';
const { snapshot } = await storedFixture('large');
const db = new Database(join(mkdtempSync(join(tmpdir(), 'rwr-')), 'r.db'));
sqliteStore(db, { tenantId: snapshot.practice.tenantId }); // the adapter's tables
const { Session } = await import('node:inspector/promises');
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const t = performance.now();
rawSqliteImport(db, snapshot.practice.tenantId, snapshot);
console.log('raw import', performance.now() - t);
const { profile } = await session.post('Profiler.stop');
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
let total = 0;
profile.samples!.forEach((id, i) => {
  const f = byId.get(id)!.callFrame;
  const key = `${f.functionName || '(anon)'} ${f.url.replace(/.*\/node_modules\//, 'nm/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + profile.timeDeltas![i]!);
  total += profile.timeDeltas![i]!;
});
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(`${(v / 1000).toFixed(0).padStart(6)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}
