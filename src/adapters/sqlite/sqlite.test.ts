import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConflictError, CorruptRecordError, StoreError, ValidationError } from '../../errors';
import type { PracticeSnapshot } from '../../model/snapshot';
import type { StoredKind } from '../../store/driver';
import type { ReferwellStore } from '../../store/store';
import { recordTables, tableOf } from '../../store/tables';
import {
  describeStoreConformance,
  type ConformanceHarness,
  type MigrationDatabase,
  type SeedRow,
  type StoreInspector,
} from '../../testing/conformance';
import { generatePractice } from '../../testing/generator';
import { sqliteMigrations, sqliteStore } from './index';
import { latestSqliteVersion, migrateSqlite, recordedSqliteVersion } from './migrations';
import { layOut, rawTables, sqlInspector } from './test-support';

const NOW = '2026-03-02T14:00:00Z';

function practice(tenantId: string, seed = 7, offices = 4): PracticeSnapshot {
  return generatePractice({ seed, offices, now: NOW, tenantId, years: 1 });
}

/** Writes a whole generated practice through the store. */
async function fill(store: ReferwellStore, snapshot: PracticeSnapshot): Promise<void> {
  await store.savePractice(snapshot.practice);
  for (const office of snapshot.offices) await store.upsertOffice(office);
  for (const contact of snapshot.contacts) await store.upsertContact(contact);
  for (const clinician of snapshot.clinicians) await store.upsertClinician(clinician);
  for (const message of snapshot.messages) await store.upsertPracticeMessage(message);
  for (const touchpoint of snapshot.touchpoints) await store.appendTouchpoint(touchpoint);
  for (const referral of snapshot.referrals) await store.appendReferral(referral);
  for (const thankYou of snapshot.thankYous) await store.appendThankYou(thankYou);
  for (const decision of snapshot.decisions) await store.appendDecision(decision);
}

const byId = <T extends { id: string }>(records: readonly T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

function sortSnapshot(snapshot: PracticeSnapshot) {
  return {
    practice: snapshot.practice,
    offices: byId(snapshot.offices),
    contacts: byId(snapshot.contacts),
    clinicians: byId(snapshot.clinicians),
    messages: byId(snapshot.messages),
    touchpoints: byId(snapshot.touchpoints),
    referrals: byId(snapshot.referrals),
    thankYous: byId(snapshot.thankYous),
    decisions: byId(snapshot.decisions),
  };
}

// ---------------------------------------------------------------------------
// The shared conformance suite, on a new database file per test
// ---------------------------------------------------------------------------

/** A new database — a file in its own temp folder, or `:memory:` — and how to remove it. */
function tempDatabase(file: boolean): { db: Database.Database; teardown: () => void } {
  const folder = file ? mkdtempSync(join(tmpdir(), 'referwell-sqlite-conformance-')) : undefined;
  const db = new Database(folder === undefined ? ':memory:' : join(folder, 'referwell.db'));
  return {
    db,
    teardown: () => {
      if (db.open) db.close();
      if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    },
  };
}

for (const file of [true, false]) {
  describeStoreConformance({
    name: file ? 'sqlite (file, WAL)' : 'sqlite (:memory:)',
    capabilities: { durable: file, multiProcess: file, migrations: true },
    async setup(): Promise<ConformanceHarness> {
      const { db, teardown } = tempDatabase(file);
      // Opening a store creates the schema (and sets WAL), so the raw reads find the tables.
      await sqliteStore(db, { tenantId: 'setup' }).close();
      return { createStore: (tenantId) => sqliteStore(db, { tenantId }), inspect: sqlInspector(db), teardown };
    },
    migrations: {
      currentVersion: latestSqliteVersion,
      async setupPrevious(rows): Promise<MigrationDatabase> {
        const { db, teardown } = tempDatabase(file);
        layOut(db, latestSqliteVersion - 1, rows);
        return {
          createStore: (tenantId) => sqliteStore(db, { tenantId }),
          inspect: sqlInspector(db),
          teardown,
          schemaVersion: () => recordedSqliteVersion(db),
          stampVersion: (version) => {
            db.prepare(
              "INSERT INTO referwell_migrations (version, name, applied_at) VALUES (?, 'stamped by a newer release', '2099-01-01T00:00:00.000Z')",
            ).run(version);
          },
        };
      },
    },
  });
}

// ---------------------------------------------------------------------------
// The adapter's own tests
// ---------------------------------------------------------------------------

describe('sqlite adapter', () => {
  let dir: string;
  const opened: Database.Database[] = [];

  /** A database file in this test's temp folder; closed after the test. */
  function fileDb(name = 'referwell.db'): Database.Database {
    const db = new Database(join(dir, name));
    opened.push(db);
    return db;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'referwell-sqlite-'));
  });

  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('sqliteStore: schema and migrations', () => {
    it('creates every table and records each migration once, with its name', () => {
      const db = new Database(':memory:');
      sqliteStore(db, { tenantId: 't1' });
      sqliteStore(db, { tenantId: 't2' }); // a second store finds the schema up to date
      const recorded = db.prepare('SELECT version, name, applied_at FROM referwell_migrations ORDER BY version').all() as {
        version: number;
        name: string;
        applied_at: string;
      }[];
      expect(recorded.map(({ version, name }) => ({ version, name }))).toEqual(sqliteMigrations);
      for (const row of recorded) expect(row.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(sqliteMigrations.map((m) => m.version)).toEqual([1, 2]);
      expect(latestSqliteVersion).toBe(2);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      );
      expect(tables).toEqual(expect.arrayContaining([...recordTables, 'referwell_sequences', 'referwell_migrations']));
      for (const table of recordTables) {
        const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
        expect(columns.sort()).toEqual(['body', 'id', 'office_id', 'seq', 'tenant_id', 'version']);
        const indexes = (db.prepare(`PRAGMA index_list(${table})`).all() as { name: string }[]).map((i) => i.name);
        expect(indexes).toContain(`${table}_seq`);
      }
      expect(Object.isFrozen(sqliteMigrations)).toBe(true);
      db.close();
    });

    it('maps every stored kind to its own table', () => {
      const kinds: StoredKind[] = [
        'practice',
        'office',
        'contact',
        'clinician',
        'practice-message',
        'touchpoint',
        'referral',
        'thank-you',
        'action-decision',
      ];
      expect(kinds.map(tableOf)).toEqual(recordTables);
    });

    it('migrates a database at the previous schema version with its data intact', async () => {
      const snapshot = practice('t1');
      const db = fileDb();
      migrateSqlite(db, 1);
      expect(db.prepare('SELECT max(version) AS v FROM referwell_migrations').get()).toEqual({ v: 1 });
      // Rows as the v1 schema stored them: no office_id column.
      let seq = 0;
      const insert = (kind: StoredKind, id: string, record: unknown) =>
        db
          .prepare(`INSERT INTO ${tableOf(kind)} (tenant_id, id, version, seq, body) VALUES (?, ?, 1, ?, ?)`)
          .run('t1', id, ++seq, JSON.stringify(record));
      insert('practice', 't1', snapshot.practice);
      for (const r of snapshot.offices) insert('office', r.id, r);
      for (const r of snapshot.contacts) insert('contact', r.id, r);
      for (const r of snapshot.clinicians) insert('clinician', r.id, r);
      for (const r of snapshot.messages) insert('practice-message', r.id, r);
      for (const r of snapshot.touchpoints) insert('touchpoint', r.id, r);
      for (const r of snapshot.referrals) insert('referral', r.id, r);
      for (const r of snapshot.thankYous) insert('thank-you', r.id, r);
      for (const r of snapshot.decisions) insert('action-decision', r.id, r);
      db.prepare("INSERT INTO referwell_sequences (tenant_id, value) VALUES ('t1', ?)").run(seq);
      // And one row whose body is not JSON: it must not stop the migration.
      db.prepare(
        "INSERT INTO referwell_touchpoints (tenant_id, id, version, seq, body) VALUES ('t1', 'broken', 1, ?, '{oops')",
      ).run(++seq);
      db.prepare("UPDATE referwell_sequences SET value = ? WHERE tenant_id = 't1'").run(seq);

      const store = sqliteStore(db, { tenantId: 't1' });
      expect(db.prepare('SELECT version FROM referwell_migrations ORDER BY version').all()).toEqual([
        { version: 1 },
        { version: 2 },
      ]);
      // Every record kept, and the office index filled in from the bodies.
      await expect(store.loadSnapshot()).rejects.toThrow(CorruptRecordError);
      db.prepare("DELETE FROM referwell_touchpoints WHERE id = 'broken'").run();
      expect(sortSnapshot(await store.loadSnapshot())).toEqual(sortSnapshot(snapshot));
      for (const office of snapshot.offices) {
        const loaded = await store.loadOffice(office.id);
        expect(loaded?.office).toEqual(office);
        expect(byId(loaded!.contacts)).toEqual(byId(snapshot.contacts.filter((c) => c.officeId === office.id)));
        expect(byId(loaded!.touchpoints)).toEqual(byId(snapshot.touchpoints.filter((t) => t.officeId === office.id)));
        expect(byId(loaded!.referrals)).toEqual(byId(snapshot.referrals.filter((r) => r.officeId === office.id)));
        expect(byId(loaded!.thankYous)).toEqual(byId(snapshot.thankYous.filter((t) => t.officeId === office.id)));
      }
      // Versions are kept, and new writes continue the change sequence.
      const office = snapshot.offices[0]!;
      await expect(store.upsertOffice({ ...office, name: 'Renamed' }, { expectedVersion: 1 })).resolves.toMatchObject({
        version: 2,
      });
      const row = db.prepare('SELECT seq, office_id FROM referwell_offices WHERE id = ?').get(office.id) as {
        seq: number;
        office_id: string;
      };
      expect(row).toEqual({ seq: seq + 1, office_id: office.id });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it('leaves the database at the previous version when a migration fails part-way', () => {
      const db = fileDb();
      migrateSqlite(db, 1);
      db.prepare("INSERT INTO referwell_offices (tenant_id, id, version, seq, body) VALUES ('t1', 'o1', 1, 1, '{}')").run();
      // An object in the way of migration 2's third index.
      db.exec('CREATE INDEX referwell_touchpoints_office ON referwell_touchpoints (id)');
      const error = (() => {
        try {
          sqliteStore(db, { tenantId: 't1' });
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toMatch(/^\[referwell\] \[sqlite\] .*already exists/);
      expect((error as StoreError).cause).toMatchObject({ code: 'SQLITE_ERROR' });
      expect(db.inTransaction).toBe(false);
      expect(db.prepare('SELECT max(version) AS v FROM referwell_migrations').get()).toEqual({ v: 1 });
      // Migration 2's earlier steps were rolled back with it.
      const columns = (db.prepare('PRAGMA table_info(referwell_offices)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).not.toContain('office_id');
      expect(db.prepare('SELECT id, body FROM referwell_offices').all()).toEqual([{ id: 'o1', body: '{}' }]);
      // Once the obstacle is gone, opening migrates.
      db.exec('DROP INDEX referwell_touchpoints_office');
      sqliteStore(db, { tenantId: 't1' });
      expect(db.prepare('SELECT max(version) AS v FROM referwell_migrations').get()).toEqual({ v: 2 });
    });

    it('refuses a database whose schema is newer than it knows, and leaves it untouched', () => {
      const db = fileDb();
      db.exec(`CREATE TABLE referwell_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
             INSERT INTO referwell_migrations VALUES (1, 'a', 'x'), (2, 'b', 'x'), (3, 'from the future', 'x');`);
      const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
      expect(() => sqliteStore(db, { tenantId: 't1' })).toThrow(StoreError);
      expect(() => sqliteStore(db, { tenantId: 't1' })).toThrow(
        /^\[referwell\] \[sqlite\] the database schema is at version 3, newer than this release of referwell knows \(2\)/,
      );
      expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(db.prepare('SELECT count(*) AS n FROM referwell_migrations').get()).toEqual({ n: 3 });
    });
  });

  describe('sqliteStore: the connection', () => {
    it('sets WAL and the busy timeout on a file database', () => {
      const db = fileDb();
      const store = sqliteStore(db, { tenantId: 't1', busyTimeoutMs: 1234 });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(store.capabilities).toEqual({ durable: true, multiProcess: true, migrations: true });
      expect(store.adapter).toBe('sqlite');
      sqliteStore(db, { tenantId: 't1' });
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    });

    it('works on an in-memory database, which it says is not durable', async () => {
      const db = new Database(':memory:');
      const store = sqliteStore(db, { tenantId: 't1' });
      expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
      expect(store.capabilities).toEqual({ durable: false, multiProcess: false, migrations: true });
      const snapshot = practice('t1', 3, 2);
      await fill(store, snapshot);
      expect(sortSnapshot(await store.loadSnapshot())).toEqual(sortSnapshot(snapshot));
      db.close();
    });

    it('keeps every record in a file that is closed and opened again', async () => {
      const snapshot = practice('t1', 11, 3);
      const first = fileDb();
      const store = sqliteStore(first, { tenantId: 't1' });
      await fill(store, snapshot);
      await store.close();
      expect(first.open).toBe(true); // the host's connection stays open
      first.close();

      const again = fileDb();
      const reopened = sqliteStore(again, { tenantId: 't1' });
      expect(sortSnapshot(await reopened.loadSnapshot())).toEqual(sortSnapshot(snapshot));
      expect(again.prepare('SELECT count(*) AS n FROM referwell_migrations').get()).toEqual({ n: 2 });
      expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it('wraps the failure in a StoreError when the host closed the database', async () => {
      const db = new Database(':memory:');
      const store = sqliteStore(db, { tenantId: 't1' });
      await store.savePractice({ tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago' });
      db.close();
      const error = await store.getPractice().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toBe('[referwell] [sqlite] The database connection is not open');
      expect((error as StoreError).adapter).toBe('sqlite');
      expect((error as StoreError).cause).toBeInstanceOf(TypeError);
      expect(() => sqliteStore(db, { tenantId: 't1' })).toThrow(/^\[referwell\] \[sqlite\] The database connection is not open/);
    });

    it('gives a StoreError with SQLITE_BUSY when another connection holds the write lock past the timeout', async () => {
      const db = fileDb();
      const store = sqliteStore(db, { tenantId: 't1', busyTimeoutMs: 50 });
      const other = fileDb();
      other.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      const practice = { tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago' };
      const error = await store.savePractice(practice).catch((caught: unknown) => caught);
      expect(performance.now() - started).toBeGreaterThanOrEqual(40);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toMatch(/^\[referwell\] \[sqlite\] database is locked/);
      expect((error as StoreError).cause).toMatchObject({ code: 'SQLITE_BUSY' });
      other.exec('ROLLBACK');
      // The store is usable again once the lock is released.
      await expect(store.savePractice(practice)).resolves.toMatchObject({ version: 1 });
    });

    it('lets reads through while another connection holds the write lock (WAL, BEGIN DEFERRED)', async () => {
      const db = fileDb();
      const store = sqliteStore(db, { tenantId: 't1', busyTimeoutMs: 50 });
      const other = fileDb();
      other.exec('BEGIN IMMEDIATE');
      await expect(store.getPractice()).resolves.toBeUndefined();
      await expect(store.list('office')).resolves.toMatchObject({ records: [] });
      other.exec('ROLLBACK');
    });

    it('refuses to nest inside a transaction the host left open, instead of joining it', async () => {
      const db = new Database(':memory:');
      const store = sqliteStore(db, { tenantId: 't1' });
      db.exec('BEGIN');
      await expect(store.getPractice()).rejects.toThrow('[referwell] [sqlite] cannot start a transaction within a transaction');
      db.exec('ROLLBACK');
      await expect(store.getPractice()).resolves.toBeUndefined();
      db.close();
    });

    it('returns numbers even when the host asked the connection for BigInts', async () => {
      const db = new Database(':memory:');
      db.defaultSafeIntegers(true);
      const store = sqliteStore(db, { tenantId: 't1' });
      const snapshot = practice('t1', 5, 2);
      await fill(store, snapshot);
      const page = await store.list('office');
      expect(page.records.map((r) => r.version)).toEqual(snapshot.offices.map(() => 1));
      expect(sortSnapshot(await store.loadSnapshot())).toEqual(sortSnapshot(snapshot));
      db.close();
    });

    it('refuses ids with a lone surrogate, which UTF-8 text would merge, and keeps surrogate pairs', async () => {
      const db = new Database(':memory:');
      const store = sqliteStore(db, { tenantId: 't1' });
      const office = practice('t1', 1, 1).offices[0]!;
      for (const id of ['lone-\uD800', 'lone-\uDFFF', '\uDC00\uD800']) {
        await expect(store.upsertOffice({ ...office, id })).rejects.toThrow(
          '[referwell] invalid office: /id: must be well-formed Unicode (no lone surrogate)',
        );
        await expect(store.get('office', id)).rejects.toThrow(/must be well-formed Unicode/);
      }
      await expect(store.upsertOffice({ ...office, id: 'pair-😀' })).resolves.toMatchObject({ version: 1 });
      await expect(store.upsertOffice({ ...office, id: 'lone-\uFFFD' })).resolves.toMatchObject({ version: 1 });
      expect((await store.list('office')).records.map((r) => r.record.id)).toEqual(['pair-😀', 'lone-\uFFFD']);
      expect(() => sqliteStore(db, { tenantId: 't\uD83D' })).toThrow(/tenantId: must be well-formed Unicode/);
      db.close();
    });

    it('rejects options that are not valid', () => {
      const db = new Database(':memory:');
      expect(() => sqliteStore(db, { tenantId: '' })).toThrow(ValidationError);
      expect(() => sqliteStore(db, { tenantId: 't1', busyTimeoutMs: -1 })).toThrow(ValidationError);
      expect(() => sqliteStore(db, { tenantId: 't1', busyTimeoutMs: 1.5 })).toThrow(/busyTimeoutMs/);
      db.close();
    });

    it('refuses work after close() and leaves other stores on the connection working', async () => {
      const db = new Database(':memory:');
      const a = sqliteStore(db, { tenantId: 'a' });
      const b = sqliteStore(db, { tenantId: 'b' });
      const pending = a.getPractice();
      await a.close();
      await expect(pending).resolves.toBeUndefined(); // queued before close: it still ran
      await expect(a.getPractice()).rejects.toThrow('[referwell] [sqlite] this store was closed');
      await expect(b.getPractice()).resolves.toBeUndefined();
      db.close();
    });
  });

  describe('sqliteStore: statements and transactions', () => {
    it('prepares each statement once and reuses it', async () => {
      const db = new Database(':memory:');
      const prepare = vi.spyOn(db, 'prepare');
      const store = sqliteStore(db, { tenantId: 't1' });
      /** Every kind of operation: inserts, updates, appends, transitions, reads by id, cursor and office. */
      const round = async (seed: number) => {
        const snapshot = practice('t1', seed, 4);
        const suffix = <T extends { id: string }>(r: T): T => ({ ...r, id: `${r.id}-${seed}` });
        await store.savePractice(snapshot.practice);
        for (const office of snapshot.offices) await store.upsertOffice({ ...office, name: `${office.name} ${seed}` });
        for (const contact of snapshot.contacts) await store.upsertContact(contact);
        for (const touchpoint of snapshot.touchpoints.map(suffix)) await store.appendTouchpoint(touchpoint);
        for (const referral of snapshot.referrals.map(suffix)) await store.appendReferral(referral);
        for (const decision of snapshot.decisions.map(suffix)) await store.appendDecision(decision);
        const { id, officeId, contactIds, receivedAt, via, patient } = snapshot.referrals[0]!;
        const fresh = { id: `${id}-fresh-${seed}`, tenantId: 't1', officeId, contactIds, receivedAt, via, patient };
        await store.appendReferral(fresh);
        await store.transitionReferral(fresh.id, { status: 'accepted', at: NOW });
        for (const office of snapshot.offices) await store.loadOffice(office.id);
        await store.get('touchpoint', `${snapshot.touchpoints[0]!.id}-${seed}`);
        await store.list('touchpoint', { limit: 5 });
        await store.loadSnapshot();
        return snapshot.touchpoints.length;
      };
      await round(1); // inserts
      await round(2); // and updates of the same offices, contacts and practice
      const warm = prepare.mock.calls.length;
      // Everything again, with new records and new versions: not one more statement prepared.
      expect(await round(3)).toBeGreaterThan(20);
      expect(prepare.mock.calls.slice(warm).map((c) => c[0])).toEqual([]);
      // At most: 5 statements for each of 9 tables, the sequence bump, BEGIN/COMMIT/ROLLBACK, and the migration check.
      expect(warm).toBeLessThanOrEqual(5 * 9 + 4 + 1);
      db.close();
    });

    it('runs overlapping operations one at a time on one connection, across tenants', async () => {
      const db = new Database(':memory:');
      const a = sqliteStore(db, { tenantId: 'a' });
      const b = sqliteStore(db, { tenantId: 'b' });
      const pa = practice('a', 1, 3);
      const pb = practice('b', 2, 3);
      await Promise.all([
        a.savePractice(pa.practice),
        b.savePractice(pb.practice),
        ...pa.offices.map((office) => a.upsertOffice(office)),
        ...pb.offices.map((office) => b.upsertOffice(office)),
      ]);
      await Promise.all([
        ...pa.touchpoints.map((t) => a.appendTouchpoint(t)),
        ...pb.touchpoints.map((t) => b.appendTouchpoint(t)),
      ]);
      expect(byId((await a.loadSnapshot()).touchpoints)).toEqual(byId(pa.touchpoints));
      expect(byId((await b.loadSnapshot()).touchpoints)).toEqual(byId(pb.touchpoints));
      expect(db.inTransaction).toBe(false);
      db.close();
    });

    it('gives every write the next sequence number of its tenant, across all tables', async () => {
      const db = new Database(':memory:');
      const a = sqliteStore(db, { tenantId: 'a' });
      const b = sqliteStore(db, { tenantId: 'b' });
      await fill(a, practice('a', 1, 2));
      await fill(b, practice('b', 2, 1));
      const office = (await a.loadSnapshot()).offices[0]!;
      await a.upsertOffice({ ...office, name: 'Moved to the end' });
      for (const tenant of ['a', 'b']) {
        const seqs = recordTables.flatMap((table) =>
          (db.prepare(`SELECT seq FROM ${table} WHERE tenant_id = ?`).all(tenant) as { seq: number }[]).map((r) => r.seq),
        );
        const counter = db.prepare('SELECT value FROM referwell_sequences WHERE tenant_id = ?').get(tenant) as { value: number };
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(Math.max(...seqs)).toBe(counter.value);
      }
      const moved = db.prepare('SELECT seq FROM referwell_offices WHERE id = ?').get(office.id) as { seq: number };
      expect(moved.seq).toBe(
        (db.prepare("SELECT value FROM referwell_sequences WHERE tenant_id = 'a'").get() as { value: number }).value,
      );
      // An idempotent append that stores nothing takes no number.
      const before = db.prepare("SELECT value FROM referwell_sequences WHERE tenant_id = 'a'").get();
      const touchpoint = (await a.loadSnapshot()).touchpoints[0]!;
      await expect(a.appendTouchpoint(touchpoint)).resolves.toMatchObject({ created: false });
      expect(db.prepare("SELECT value FROM referwell_sequences WHERE tenant_id = 'a'").get()).toEqual(before);
      db.close();
    });

    it('rolls back a failed batch: rows, versions and the sequence counter', async () => {
      const db = new Database(':memory:');
      const store = sqliteStore(db, { tenantId: 't1' });
      const snapshot = practice('t1', 4, 2);
      await fill(store, snapshot);
      const dump = () => recordTables.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY tenant_id, id`).all());
      const counter = () => db.prepare('SELECT * FROM referwell_sequences').all();
      const before = [dump(), counter()];
      const [office] = snapshot.offices;
      await expect(
        store.write([
          { type: 'upsert', kind: 'office', record: { ...office, name: 'Changed' } },
          { type: 'append', kind: 'touchpoint', record: { ...snapshot.touchpoints[0]!, id: 'brand-new' } },
          { type: 'upsert', kind: 'office', record: { ...office, name: 'Stale' }, expectedVersion: 1 },
        ]),
      ).rejects.toThrow(ConflictError);
      expect([dump(), counter()]).toEqual(before);
      expect(db.inTransaction).toBe(false);
      db.close();
    });
  });

  describe('sqliteStore: packaging', () => {
    it('never loads better-sqlite3 itself: only its types are imported', () => {
      const here = dirname(fileURLToPath(import.meta.url));
      for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        const source = readFileSync(join(here, file), 'utf8');
        const imports = source.split('\n').filter((l) => /^\s*(import|export)\b.*'better-sqlite3'|require\(|import\(/.test(l));
        for (const line of imports) expect(line, file).toMatch(/^import type /);
      }
    });
  });
});

describe('sqlite adapter: a batch larger than one chunk of appends', () => {
  const tenantId = 't1';
  const office = { id: 'o1', tenantId, name: 'Elm Street Pediatrics', kind: 'pediatrics' as const };
  const touchpoint = (i: number) => ({
    id: `tp-${i}`,
    tenantId,
    officeId: 'o1',
    at: '2026-02-02T15:00:00Z',
    channel: 'phone' as const,
    purposes: ['follow-up' as const],
    minutes: 5,
    contactIds: [],
  });
  const appends = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ type: 'append' as const, kind: 'touchpoint' as const, record: touchpoint(i) }));

  it('gives a repeated id across chunks the first record as not created, in one change order', async () => {
    const db = new Database(':memory:');
    const store = sqliteStore(db, { tenantId });
    await store.upsertOffice(office);
    const ops = appends(9000);
    ops.push({ type: 'append', kind: 'touchpoint', record: touchpoint(7) });
    const results = (await store.write(ops)) as { record: { id: string }; created: boolean; version: number }[];
    expect(results).toHaveLength(9001);
    expect(results[7]).toMatchObject({ created: true, version: 1 });
    expect(results[9000]).toMatchObject({ record: { id: 'tp-7' }, created: false, version: 1 });
    expect(results.filter((result) => result.created)).toHaveLength(9000);
    const count = db.prepare('SELECT count(*) AS n, max(seq) AS last FROM referwell_touchpoints').get() as { n: number; last: number };
    expect(count).toEqual({ n: 9000, last: 9001 });
    await store.close();
    db.close();
  });

  it('writes nothing when a record in a later chunk is invalid or names a missing office', async () => {
    for (const bad of [{ ...touchpoint(8500), channel: 'telepathy' }, { ...touchpoint(8500), officeId: 'nowhere' }]) {
      const db = new Database(':memory:');
      const store = sqliteStore(db, { tenantId });
      await store.upsertOffice(office);
      const ops = appends(9000);
      ops[8500] = { type: 'append', kind: 'touchpoint', record: bad as never };
      await expect(store.write(ops)).rejects.toBeInstanceOf(ValidationError);
      expect((db.prepare('SELECT count(*) AS n FROM referwell_touchpoints').get() as { n: number }).n).toBe(0);
      expect((await store.list('touchpoint')).records).toHaveLength(0);
      await store.close();
      db.close();
    }
  });
});
