/**
 * Splits (f)'s import into parts, on the fixture `npm run bench` uses, to see where
 * the adapter's time goes beside the raw baseline's.
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/storage-breakdown.ts`
 *
 * @module
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStore } from '../../src/adapters/sqlite/index';
import { canonicalCopy } from '../../src/model/canonical';
import { recordSchemas } from '../../src/model/records';
import { storedFixture, importSnapshot } from './fixtures';
import { rawRows } from './raw-rows';
import { rawSqliteImport } from './sqlite';

const { snapshot } = await storedFixture('large');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const dir = mkdtempSync(join(tmpdir(), 'rw-breakdown-'));
const time = (label: string, work: () => void): void => {
  gc();
  const t = performance.now();
  work();
  console.log(`${label.padEnd(40)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
};
for (let round = 0; round < 3; round += 1) {
  console.log(`-- round ${round}`);
  time('rawRows (stringify all)', () => void rawRows(snapshot));
  time('touchpoints: canonicalCopy', () => {
    for (const t of snapshot.touchpoints) canonicalCopy('touchpoint', t);
  });
  time('touchpoints: zod', () => { for (const t of snapshot.touchpoints) recordSchemas.touchpoint.parse(t); });
  time('referrals: zod', () => { for (const t of snapshot.referrals) recordSchemas.referral.parse(t); });
  time('contacts+offices+thank-yous: zod', () => {
    for (const t of snapshot.contacts) recordSchemas.contact.parse(t);
    for (const t of snapshot.offices) recordSchemas.office.parse(t);
    for (const t of snapshot.thankYous) recordSchemas['thank-you'].parse(t);
  });
  const rawDb = new Database(join(dir, `raw-${round}.db`));
  rawDb.pragma('journal_mode = WAL');
  const adapterDb = new Database(join(dir, `a-${round}.db`));
  const store = sqliteStore(adapterDb, { tenantId: snapshot.practice.tenantId });
  await store.getPractice();
  // The adapter's tables, written raw.
  const rawIntoAdapterShape = new Database(join(dir, `ra-${round}.db`));
  sqliteStore(rawIntoAdapterShape, { tenantId: snapshot.practice.tenantId });
  time('raw import into adapter schema', () => rawSqliteImport(rawIntoAdapterShape, snapshot.practice.tenantId, snapshot));
  gc();
  let t = performance.now();
  await importSnapshot(store, snapshot);
  console.log(`${'adapter import'.padEnd(40)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  rawDb.close(); adapterDb.close(); rawIntoAdapterShape.close();
}
rmSync(dir, { recursive: true, force: true });
