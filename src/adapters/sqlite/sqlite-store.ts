import type Database from 'better-sqlite3';
import { match } from 'ts-pattern';
import { ReferwellError, StoreError, ValidationError } from '../../errors';
import type { Id } from '../../model/primitives';
import type { DriverTransaction, StorageDriver, StoredKind, StoredRow } from '../../store/driver';
import { createStore, type ReferwellStore } from '../../store/store';
import { tableOf } from '../../store/tables';
import { checkNotNewer, migrateSqlite } from './migrations';

/**
 * The {@link sqliteStore} options.
 *
 * @category Storage
 */
export interface SqliteStoreOptions {
  /** The tenant the store is bound to: it reads and writes only rows with this `tenant_id`. */
  readonly tenantId: Id;
  /**
   * How long a statement waits for another connection's write lock before it fails
   * with `SQLITE_BUSY`, in milliseconds; default 5000. Set on the connection
   * (`PRAGMA busy_timeout`). The wait blocks the thread, as every better-sqlite3
   * call does.
   */
  readonly busyTimeoutMs?: number;
}

/** What referwell keeps per connection, shared by every store over it. */
interface ConnectionState {
  /** The end of the chain of transactions on this connection: one runs at a time. */
  lock: Promise<unknown>;
}

const connections = new WeakMap<Database.Database, ConnectionState>();

function connectionState(db: Database.Database): ConnectionState {
  let state = connections.get(db);
  if (state === undefined) {
    state = { lock: Promise.resolve() };
    connections.set(db, state);
  }
  return state;
}

const COLUMNS = 'id, office_id AS officeId, version, seq, body';
/** The next change sequence number of the tenant (the counter row is bumped after a write). */
const NEXT_SEQ = '(coalesce((SELECT value FROM referwell_sequences WHERE tenant_id = @tenant), 0) + 1)';

type StatementName = 'get' | 'insert' | 'update' | 'list' | 'byOffice' | 'insertAt' | 'updateAt';

function sqlOf(table: string, name: StatementName): string {
  return match(name)
    .with('get', () => `SELECT ${COLUMNS} FROM ${table} WHERE tenant_id = @tenant AND id = @id`)
    .with(
      'insert',
      () =>
        `INSERT INTO ${table} (tenant_id, id, office_id, version, seq, body) ` +
        `VALUES (@tenant, @id, @officeId, @version, ${NEXT_SEQ}, @body) ON CONFLICT (tenant_id, id) DO NOTHING`,
    )
    .with(
      'update',
      () =>
        `UPDATE ${table} SET office_id = @officeId, version = @version, seq = ${NEXT_SEQ}, body = @body ` +
        'WHERE tenant_id = @tenant AND id = @id AND version = @expected',
    )
    .with(
      'insertAt',
      () =>
        `INSERT INTO ${table} (tenant_id, id, office_id, version, seq, body) ` +
        // Positional parameters (tenant, id, office, version, seq, body): binding them is
        // cheaper than binding named ones, and batches bind hundreds of thousands.
        'VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, id) DO NOTHING',
    )
    .with(
      'updateAt',
      () =>
        // Positional: office, version, seq, body, tenant, id, expected version.
        `UPDATE ${table} SET office_id = ?, version = ?, seq = ?, body = ? ` + 'WHERE tenant_id = ? AND id = ? AND version = ?',
    )
    .with('list', () => `SELECT ${COLUMNS} FROM ${table} WHERE tenant_id = @tenant AND seq > @after ORDER BY seq LIMIT @limit`)
    .with('byOffice', () => `SELECT ${COLUMNS} FROM ${table} WHERE tenant_id = @tenant AND office_id = @officeId`)
    .exhaustive();
}

/**
 * A UTF-16 surrogate without its pair. SQLite keeps text as UTF-8, and
 * better-sqlite3 encodes a lone surrogate as U+FFFD, so two different ids would
 * become one key. Such ids are refused (they are never stored, so never found).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string): boolean => {
  // Printable ASCII (the usual id) needs no regular expression.
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code >= 0x7f) return !LONE_SURROGATE.test(text);
  }
  return true;
};
const NOT_WELL_FORMED = 'must be well-formed Unicode (no lone surrogate): SQLite stores text as UTF-8';

function checkOptions(options: SqliteStoreOptions): number {
  const busy = options.busyTimeoutMs ?? 5000;
  const issues = [];
  if (typeof options.tenantId !== 'string' || options.tenantId.length === 0) {
    issues.push({ path: ['tenantId'], pointer: '/tenantId', message: 'must be a non-empty string', code: 'custom' });
  } else if (!wellFormed(options.tenantId)) {
    issues.push({ path: ['tenantId'], pointer: '/tenantId', message: NOT_WELL_FORMED, code: 'invalid_format' });
  }
  if (!Number.isSafeInteger(busy) || busy < 0) {
    issues.push({ path: ['busyTimeoutMs'], pointer: '/busyTimeoutMs', message: 'must be a whole number ≥ 0', code: 'custom' });
  }
  if (issues.length > 0) throw new ValidationError('sqliteStore options', issues);
  return busy;
}

/** Ends a lock chain link without keeping the value it settled with. */
const settled = (): undefined => undefined;

/**
 * A store that keeps one tenant's records in SQLite, through a better-sqlite3 12
 * connection the host opened (and closes: {@link ReferwellStore.close} releases only
 * the store's prepared statements).
 *
 * On creation it sets `busy_timeout` and `journal_mode = WAL` on the connection
 * (an in-memory database keeps its `memory` journal), then migrates the schema
 * forward — each migration in its own transaction, recorded in
 * `referwell_migrations`. Every store write is one `BEGIN IMMEDIATE` (reads `BEGIN DEFERRED`)
 * transaction; transactions on one connection run one at a time, even across
 * stores of different tenants sharing it. Several processes may open the same file.
 *
 * Don't run your own statements on the connection while a store operation is
 * pending: they would join its transaction.
 *
 * @param db - An open better-sqlite3 `Database` (a file, or `:memory:`).
 * @param options - The tenant, and the busy timeout.
 * @returns The store.
 * @throws A {@link StoreError} when the database's schema is newer than this release
 * knows (it is left untouched), or when the database fails (closed, read-only,
 * corrupt, locked past the busy timeout); the driver's error is the `cause`.
 * @throws A {@link ValidationError} when the options are not valid.
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { sqliteStore } from 'referwell/sqlite';
 *
 * const db = new Database('referwell.db');
 * const store = sqliteStore(db, { tenantId: 't1' });
 * await store.savePractice({ tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago' });
 * (await store.getPractice())?.version; //=> 1
 * db.pragma('journal_mode', { simple: true }); //=> 'wal'
 * await store.close();
 * db.close();
 * ```
 * @category Storage
 */
export function sqliteStore(db: Database.Database, options: SqliteStoreOptions): ReferwellStore {
  const busyTimeoutMs = checkOptions(options);
  const { tenantId } = options;
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // A schema newer than this release is refused before anything is changed.
    checkNotNewer(db);
    // WAL before migrating, so that processes opening a new file at once already
    // share the write-ahead log. (An in-memory database keeps its `memory` journal.)
    if (!db.memory && !db.readonly) db.pragma('journal_mode = WAL');
    migrateSqlite(db);
  } catch (error) {
    if (ReferwellError.isInstance(error)) throw error;
    throw new StoreError('sqlite', error instanceof Error ? error.message : String(error), { cause: error });
  }

  const state = connectionState(db);
  const statements = new Map<string, Database.Statement>();
  let closed = false;

  /** A prepared statement, made once per store and kept. */
  const statement = (key: string, sql: () => string): Database.Statement => {
    let prepared = statements.get(key);
    if (prepared === undefined) {
      prepared = db.prepare(sql());
      // Numbers, not BigInts, whatever the host set with db.defaultSafeIntegers().
      prepared.safeIntegers(false);
      statements.set(key, prepared);
    }
    return prepared;
  };
  /** Statements by kind and name, looked up without building a key on every call. */
  const byKind = new Map<StoredKind, Map<StatementName, Database.Statement>>();
  const of = (kind: StoredKind, name: StatementName): Database.Statement => {
    let named = byKind.get(kind);
    if (named === undefined) {
      named = new Map();
      byKind.set(kind, named);
    }
    let prepared = named.get(name);
    if (prepared === undefined) {
      const table = tableOf(kind);
      prepared = statement(`${table}:${name}`, () => sqlOf(table, name));
      named.set(name, prepared);
    }
    return prepared;
  };
  const counter = () => statement('counter', () => 'SELECT value FROM referwell_sequences WHERE tenant_id = @tenant');
  const setCounter = () =>
    statement(
      'set-counter',
      () =>
        'INSERT INTO referwell_sequences (tenant_id, value) VALUES (@tenant, @value) ' +
        'ON CONFLICT (tenant_id) DO UPDATE SET value = excluded.value',
    );
  const begin = () => statement('begin', () => 'BEGIN IMMEDIATE');
  // Reads need a consistent view, not the write lock: other processes may write meanwhile.
  const beginRead = () => statement('begin-read', () => 'BEGIN DEFERRED');
  const commit = () => statement('commit', () => 'COMMIT');
  const rollback = () => statement('rollback', () => 'ROLLBACK');
  const bump = () =>
    statement(
      'bump',
      () =>
        'INSERT INTO referwell_sequences (tenant_id, value) VALUES (@tenant, 1) ' +
        'ON CONFLICT (tenant_id) DO UPDATE SET value = value + 1',
    );

  const tenant = tenantId; // the only tenant any statement of this store binds
  const tx: DriverTransaction = {
    get: async (kind, id) => (wellFormed(id) ? (of(kind, 'get').get({ tenant, id }) as StoredRow | undefined) : undefined),
    put: async (kind, row, expectedVersion) => {
      if (!wellFormed(row.id)) {
        throw new ValidationError(kind, [{ path: ['id'], pointer: '/id', message: NOT_WELL_FORMED, code: 'invalid_format' }]);
      }
      const values = { tenant, id: row.id, officeId: row.officeId, version: row.version, body: row.body };
      const result =
        expectedVersion === 0 ? of(kind, 'insert').run(values) : of(kind, 'update').run({ ...values, expected: expectedVersion });
      if (result.changes !== 1) return false;
      bump().run({ tenant });
      return true;
    },
    list: async (kind, afterSeq, limit) => of(kind, 'list').all({ tenant, after: afterSeq, limit }) as StoredRow[],
    presentIds: async (kind, ids) => {
      const get = of(kind, 'get');
      const found = new Set<Id>();
      for (const id of ids) if (wellFormed(id) && get.get({ tenant, id }) !== undefined) found.add(id);
      return found;
    },
    versionsOf: async (kind, ids) => {
      const get = of(kind, 'get');
      const versions = new Map<Id, number>();
      for (const id of ids) {
        const row = wellFormed(id) ? (get.get({ tenant, id }) as StoredRow | undefined) : undefined;
        if (row !== undefined) versions.set(id, row.version);
      }
      return versions;
    },
    putMany: async (kind, writes) => {
      for (const { row } of writes) {
        if (!wellFormed(row.id)) {
          throw new ValidationError(kind, [{ path: ['id'], pointer: '/id', message: NOT_WELL_FORMED, code: 'invalid_format' }]);
        }
      }
      // As in insertMany: the counter is read once and stored once, under the write lock.
      const start = (counter().get({ tenant }) as { value: number } | undefined)?.value ?? 0;
      let seq = start;
      const insert = of(kind, 'insertAt');
      const update = of(kind, 'updateAt');
      const written = writes.map(({ row, expectedVersion }) => {
        const result =
          expectedVersion === 0
            ? insert.run(tenant, row.id, row.officeId, row.version, seq + 1, row.body)
            : update.run(row.officeId, row.version, seq + 1, row.body, tenant, row.id, expectedVersion);
        if (result.changes !== 1) return false;
        seq += 1;
        return true;
      });
      if (seq !== start) setCounter().run({ tenant, value: seq });
      return written;
    },
    insertMany: async (kind, rows) => {
      for (const row of rows) {
        if (!wellFormed(row.id)) {
          throw new ValidationError(kind, [{ path: ['id'], pointer: '/id', message: NOT_WELL_FORMED, code: 'invalid_format' }]);
        }
      }
      // The write transaction holds SQLite's write lock: the counter is read once,
      // each written row takes the next number, and the counter is stored once.
      const start = (counter().get({ tenant }) as { value: number } | undefined)?.value ?? 0;
      let seq = start;
      const insert = of(kind, 'insertAt');
      const written = rows.map((row) => {
        if (insert.run(tenant, row.id, row.officeId, row.version, seq + 1, row.body).changes !== 1) return false;
        seq += 1;
        return true;
      });
      if (seq !== start) setCounter().run({ tenant, value: seq });
      return written;
    },
    listByOffice: async (kind, officeId) =>
      wellFormed(officeId) ? (of(kind, 'byOffice').all({ tenant, officeId }) as StoredRow[]) : [],
  };

  const driver: StorageDriver = {
    adapter: 'sqlite',
    tenantId,
    capabilities: { durable: !db.memory, multiProcess: !db.memory, migrations: true },
    // In process: chunks of a few thousand rows keep a big batch's garbage young
    // (measured on the "large" import: see docs/storage.md). For the same reason a
    // snapshot is read in pages of 10,000 rows: no round trip is saved by more.
    batchChunk: 4096,
    snapshotPage: 10_000,
    transaction<T>(work: (tx: DriverTransaction) => Promise<T>, options?: { readOnly?: boolean }): Promise<T> {
      const result = state.lock.then(async () => {
        if (closed) throw new StoreError('sqlite', 'this store was closed');
        (options?.readOnly ? beginRead() : begin()).run();
        try {
          const value = await work(tx);
          commit().run();
          return value;
        } catch (error) {
          // A failed COMMIT may already have ended the transaction; report the first error.
          if (db.open && db.inTransaction) {
            try {
              rollback().run();
            } catch {
              // The original error says more than the failed rollback.
            }
          }
          throw error;
        }
      });
      // Settled to undefined either way: the lock must not keep the last result (a whole snapshot) alive.
      state.lock = result.then(settled, settled);
      return result;
    },
    close() {
      const done = state.lock.then(() => {
        closed = true;
        statements.clear();
        byKind.clear();
      });
      state.lock = done;
      return done;
    },
  };
  return createStore(driver);
}
