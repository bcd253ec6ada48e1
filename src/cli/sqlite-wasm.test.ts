import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateSqlite, latestSqliteVersion, recordedSqliteVersion } from '../adapters/sqlite/migrations';
import { sqliteStore } from '../adapters/sqlite/sqlite-store';
import { layOut as layOutSqlite, rawTables, sqlInspector } from '../adapters/sqlite/test-support';
import { StoreError } from '../errors';
import type { StoredKind } from '../store/driver';
import { describeStoreConformance, type ConformanceHarness, type MigrationDatabase, type SeedRow, type StoreInspector } from '../testing/conformance';
import {
  bindValues,
  loadWasmModule,
  parameterShape,
  sqliteCodeOf,
  wasmDriver,
  WasmSqliteError,
  type WasmDatabase,
  type WasmDatabaseConstructor,
} from './sqlite-wasm';

let Driver: WasmDatabaseConstructor;
beforeAll(async () => {
  Driver = wasmDriver(await loadWasmModule());
});

/** The store takes better-sqlite3's type; the wrapper implements the part it calls (as the CLI's one cast says). */
const asBetterSqlite = (db: WasmDatabase) => db as unknown as Database.Database;

/** Raw reads and writes through the wrapper, bypassing the store. */
const inspector = (db: WasmDatabase): StoreInspector => sqlInspector(asBetterSqlite(db));

function tempDatabase(): { db: WasmDatabase; file: string; teardown: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'referwell-wasm-conformance-'));
  const file = join(folder, 'referwell.db');
  const db = new Driver(file);
  return {
    db,
    file,
    teardown: () => {
      db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Lays the database out at `version` with `rows`, as the previous release stored them. */
const layOut = (db: WasmDatabase, version: number, rows: readonly SeedRow[]): void =>
  layOutSqlite(asBetterSqlite(db), version, rows);

describeStoreConformance({
  name: 'sqlite over node-sqlite3-wasm (file)',
  capabilities: { durable: true, multiProcess: true, migrations: true },
  timeout: 30_000,
  async setup(): Promise<ConformanceHarness> {
    const { db, teardown } = tempDatabase();
    await sqliteStore(asBetterSqlite(db), { tenantId: 'setup' }).close();
    return { createStore: (tenantId) => sqliteStore(asBetterSqlite(db), { tenantId }), inspect: inspector(db), teardown };
  },
  migrations: {
    currentVersion: latestSqliteVersion,
    async setupPrevious(rows): Promise<MigrationDatabase> {
      const { db, teardown } = tempDatabase();
      layOut(db, latestSqliteVersion - 1, rows);
      return {
        createStore: (tenantId) => sqliteStore(asBetterSqlite(db), { tenantId }),
        inspect: inspector(db),
        teardown,
        schemaVersion: () => recordedSqliteVersion(asBetterSqlite(db)),
        stampVersion: (version) => {
          db.prepare(
            "INSERT INTO referwell_migrations (version, name, applied_at) VALUES (?, 'stamped by a newer release', '2099-01-01T00:00:00.000Z')",
          ).run(version);
        },
      };
    },
  },
});

describe('parameters', () => {
  it('reads named and positional parameters, not those in literals or comments', () => {
    const shape = parameterShape(
      "SELECT @a, :b, $c, @a, ?, ?3 FROM t WHERE x = ':no' AND \"@no\" = 1 -- @no\n/* :no */ AND y = strftime('%H:%M', 'now')",
    );
    expect([...shape.named]).toEqual([
      ['a', '@a'],
      ['b', ':b'],
      ['c', '$c'],
    ]);
    expect(shape.positional).toBe(3);
  });

  it('translates an object without prefixes to prefixed keys, ignoring extra keys', () => {
    expect(bindValues(parameterShape('SELECT @a, :b, $c'), [{ a: 1, b: 'x', c: null, extra: 3 }])).toEqual({ '@a': 1, ':b': 'x', $c: null });
  });

  it('spreads positional values (arrays too) and checks their count', () => {
    const shape = parameterShape('SELECT ?, ?');
    expect(bindValues(shape, [1, 'two'])).toEqual([1, 'two']);
    expect(bindValues(shape, [[1, 'two']])).toEqual([1, 'two']);
    expect(() => bindValues(shape, [1])).toThrow(/Too few parameter values/);
    expect(() => bindValues(shape, [1, 2, 3])).toThrow(/Too many parameter values/);
    expect(bindValues(parameterShape('SELECT 1'), [])).toBeUndefined();
  });

  it('refuses a missing named value and values SQLite cannot bind, as better-sqlite3 does', () => {
    expect(() => bindValues(parameterShape('SELECT @a, @b'), [{ a: 1 }])).toThrow(new RangeError('Missing named parameter "b"'));
    expect(() => bindValues(parameterShape('SELECT ?'), [true])).toThrow(TypeError);
    expect(() => bindValues(parameterShape('SELECT ?'), [undefined])).toThrow(TypeError);
  });
});

describe('the wrapper', () => {
  let folder: string;
  let file: string;
  const opened: WasmDatabase[] = [];
  const open = (...args: ConstructorParameters<WasmDatabaseConstructor>) => {
    const db = new Driver(...args);
    opened.push(db);
    return db;
  };
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'referwell-wasm-'));
    file = join(folder, 'x.db');
  });
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs statements with better-sqlite3 conventions: named objects, spread values, undefined for no row', () => {
    const db = open(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)');
    const insert = db.prepare('INSERT INTO t (id, name, data) VALUES (@id, @name, @data)');
    expect(insert.run({ id: 1, name: 'one', data: Buffer.from([1, 2]) })).toEqual({ changes: 1, lastInsertRowid: 1 });
    db.prepare('INSERT INTO t (id, name) VALUES (?, ?)').run(2, 'two');
    const byId = db.prepare('SELECT name, data FROM t WHERE id = ?');
    const first = byId.get(1);
    expect(first).toEqual({ name: 'one', data: Buffer.from([1, 2]) });
    expect(Buffer.isBuffer(first?.['data'])).toBe(true);
    expect(byId.get(3)).toBeUndefined();
    expect(db.prepare('SELECT id FROM t ORDER BY id').all()).toEqual([{ id: 1 }, { id: 2 }]);
    expect([...db.prepare('SELECT id FROM t WHERE id > ?').iterate(0)]).toEqual([{ id: 1 }, { id: 2 }]);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.pragma('table_info(t)')).toHaveLength(3);
  });

  it('returns integers beyond 2^53 as numbers, as better-sqlite3 does without safeIntegers', () => {
    const db = open(':memory:');
    expect(db.prepare('SELECT 9007199254740993 AS big, 5 AS small').safeIntegers(false).get()).toEqual({ big: 9007199254740992, small: 5 });
    expect(() => db.prepare('SELECT 1').safeIntegers()).toThrow(/not supported/);
  });

  it('keeps a statement usable after it failed (the library cannot reset it)', () => {
    const db = open(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)');
    const insert = db.prepare('INSERT INTO t (id, name) VALUES (?, ?)');
    insert.run(1, 'a');
    const error = (() => {
      try {
        insert.run(2, 'a');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(WasmSqliteError);
    expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: t.name' });
    expect(insert.run(2, 'b').changes).toBe(1);
  });

  it('maps SQLite messages to better-sqlite3 codes', () => {
    expect(sqliteCodeOf('database is locked')).toBe('SQLITE_BUSY');
    expect(sqliteCodeOf('NOT NULL constraint failed: t.a')).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(sqliteCodeOf('attempt to write a readonly database')).toBe('SQLITE_READONLY');
    expect(sqliteCodeOf('file is not a database')).toBe('SQLITE_NOTADB');
    expect(sqliteCodeOf('no such table: nope')).toBe('SQLITE_ERROR');
  });

  it('honours readonly and fileMustExist', () => {
    expect(() => open(join(folder, 'missing.db'), { fileMustExist: true })).toThrow(expect.objectContaining({ code: 'SQLITE_CANTOPEN' }));
    open(file).exec('CREATE TABLE t (a)');
    const reader = open(file, { readonly: true, fileMustExist: true });
    expect(reader.readonly).toBe(true);
    expect(() => reader.exec('INSERT INTO t VALUES (1)')).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
  });

  it('finalizes every statement on close, so the file is released', () => {
    const db = new Driver(file);
    db.exec('CREATE TABLE t (a)');
    const statements = [db.prepare('SELECT a FROM t'), db.prepare('INSERT INTO t VALUES (?)')];
    statements[1]!.run(1);
    expect(db.openStatements).toBe(2);
    db.close();
    expect(db.open).toBe(false);
    expect(db.openStatements).toBe(0);
    expect(() => statements[0]!.get()).toThrow(/not open/);
    expect(existsSync(`${file}.lock`)).toBe(false);
    // Another connection can write at once.
    const again = open(file, { timeout: 0 });
    expect(again.prepare('INSERT INTO t VALUES (2)').run().changes).toBe(1);
  });

  it('rolls a transaction back when its function throws, and nests as savepoints', () => {
    const db = open(file);
    db.exec('CREATE TABLE t (a)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const outer = db.transaction(() => {
      insert.run(1);
      expect(() =>
        db.transaction(() => {
          insert.run(2);
          throw new Error('inner');
        })(),
      ).toThrow('inner');
      return db.inTransaction;
    });
    expect(outer()).toBe(true);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT a FROM t').all()).toEqual([{ a: 1 }]);
  });

  it('gives up on a stale lock after the busy timeout, naming the lock directory', () => {
    const db = open(file);
    db.exec('CREATE TABLE t (a)');
    db.pragma('busy_timeout = 150');
    expect(db.busyTimeoutMs).toBe(150);
    mkdirSync(`${file}.lock`); // as a crashed process would leave it
    const started = Date.now();
    const error = (() => {
      try {
        db.prepare('SELECT a FROM t').all();
      } catch (thrown) {
        return thrown as WasmSqliteError;
      }
    })();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(error).toBeInstanceOf(WasmSqliteError);
    expect(error?.code).toBe('SQLITE_BUSY');
    expect(error?.message).toContain(`${file}.lock`);
    expect(error?.message).toContain('remove that directory');
  });

  it('through the store, a stale lock is a StoreError with the same advice', async () => {
    const db = open(file);
    const store = sqliteStore(asBetterSqlite(db), { tenantId: 't1', busyTimeoutMs: 100 });
    mkdirSync(`${file}.lock`);
    const error = await store.getPractice().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/^\[referwell\] \[sqlite\] database is locked: /);
    expect((error as Error).message).toContain(`${file}.lock`);
    rmSync(`${file}.lock`, { recursive: true });
    await expect(store.getPractice()).resolves.toBeUndefined();
    await store.close();
  });

  it('waits for a lock another process releases within the busy timeout', async () => {
    const db = open(file);
    db.exec('CREATE TABLE t (a)');
    mkdirSync(`${file}.lock`);
    // The wait blocks this thread, so another process releases the lock.
    const releaser = spawn('sh', ['-c', `sleep 0.3 && rmdir '${file}.lock'`], { stdio: 'ignore' });
    const exited = new Promise((done) => releaser.on('exit', done));
    const started = Date.now();
    expect(db.prepare('INSERT INTO t VALUES (?)').run(1).changes).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await exited;
  });
});

describe('files are shared with better-sqlite3', () => {
  let folder: string;
  beforeAll(() => void (folder = mkdtempSync(join(tmpdir(), 'referwell-wasm-both-'))));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('a practice written through one driver is read through the other', async () => {
    const { default: BetterSqlite } = await import('better-sqlite3');
    const practice = { tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago' };
    const wasmFile = join(folder, 'wasm.db');
    const wasm = new Driver(wasmFile);
    const written = sqliteStore(asBetterSqlite(wasm), { tenantId: 't1' });
    await written.savePractice(practice);
    await written.close();
    wasm.close();
    const native = new BetterSqlite(wasmFile);
    expect((await sqliteStore(native, { tenantId: 't1' }).getPractice())?.record).toMatchObject(practice);
    // better-sqlite3 switched the file to WAL; closing checkpoints it, and the wasm driver reads it back.
    const renamed = sqliteStore(native, { tenantId: 't1' });
    await renamed.savePractice({ ...practice, name: 'Northside' });
    await renamed.close();
    native.close();
    const back = new Driver(wasmFile);
    expect((await sqliteStore(asBetterSqlite(back), { tenantId: 't1' }).getPractice())?.record.name).toBe('Northside');
    back.close();
  });

  it('opens a file a crashed better-sqlite3 process left in WAL mode, with a -wal file, and switches it back', async () => {
    const { default: BetterSqlite } = await import('better-sqlite3');
    const live = join(folder, 'live.db');
    const native = new BetterSqlite(live);
    native.pragma('journal_mode = WAL');
    native.exec('CREATE TABLE t (a); INSERT INTO t VALUES (1), (2)');
    // A copy taken while the connection is open is what a crash leaves: the rows are only in the -wal file.
    const crashed = join(folder, 'crashed.db');
    copyFileSync(live, crashed);
    copyFileSync(`${live}-wal`, `${crashed}-wal`);
    native.close();
    const reader = new Driver(crashed, { readonly: true, fileMustExist: true });
    expect(reader.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    reader.close();
    const db = new Driver(crashed);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    db.close();
    expect(existsSync(`${crashed}-wal`)).toBe(false);
    expect(existsSync(`${crashed}.lock`)).toBe(false);
  });
});
