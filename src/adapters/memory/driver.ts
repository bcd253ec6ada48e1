/**
 * The in-memory storage driver behind `memoryStore` (see `./index.ts`), kept out
 * of the package's `./memory` entry so that it is not public.
 *
 * @module
 */
import type { Id } from '../../model/primitives';
import type { DriverTransaction, RowWrite, StorageDriver, StoredKind, StoredRow } from '../../store/driver';

interface TenantData {
  seq: number;
  readonly kinds: Map<StoredKind, Map<Id, StoredRow>>;
  readonly byOffice: Map<StoredKind, Map<Id, Set<Id>>>;
  /** Counts every change to the rows, so that a remembered {@link ListCursor} knows it still holds. */
  changes: number;
  /** Per kind, where the last `list` call stopped. */
  readonly cursors: Map<StoredKind, ListCursor>;
}

/**
 * Where a `list` call stopped: the next call that starts after the same row, with
 * no change in between, goes on from there instead of walking the kind's rows
 * from the first (so reading a kind page by page is linear, not quadratic).
 */
interface ListCursor {
  /** The `seq` of the last row returned. */
  readonly afterSeq: number;
  /** The rows not yet returned, in change order. */
  readonly rest: Iterator<StoredRow>;
  /** {@link TenantData.changes} when the cursor was made. */
  readonly changes: number;
}

/**
 * A memory database: the rows of every tenant, and a lock that runs one
 * transaction at a time. Create one with {@link memoryDatabase}.
 *
 * @category Storage
 */
export interface MemoryDatabase {
  /** @internal */
  readonly tenants: Map<Id, TenantData>;
  /** @internal */
  lock: Promise<unknown>;
}

/** Ends a lock chain link without keeping the value it settled with. */
const settled = (): undefined => undefined;

/**
 * Creates an empty memory database, to share between tenants' stores or to inspect
 * in tests.
 *
 * @returns The database.
 * @example
 * ```ts
 * const database = memoryDatabase();
 * const a = memoryStore({ tenantId: 'a', database });
 * const b = memoryStore({ tenantId: 'b', database }); // cannot see a's rows
 * ```
 * @category Storage
 */
export function memoryDatabase(): MemoryDatabase {
  return { tenants: new Map(), lock: Promise.resolve() };
}

function tenantData(database: MemoryDatabase, tenantId: Id): TenantData {
  let data = database.tenants.get(tenantId);
  if (data === undefined) {
    data = { seq: 0, kinds: new Map(), byOffice: new Map(), changes: 0, cursors: new Map() };
    database.tenants.set(tenantId, data);
  }
  return data;
}

function rowsOf(data: TenantData, kind: StoredKind): Map<Id, StoredRow> {
  let rows = data.kinds.get(kind);
  if (rows === undefined) {
    rows = new Map();
    data.kinds.set(kind, rows);
  }
  return rows;
}

function officeIndexOf(data: TenantData, kind: StoredKind): Map<Id, Set<Id>> {
  let index = data.byOffice.get(kind);
  if (index === undefined) {
    index = new Map();
    data.byOffice.set(kind, index);
  }
  return index;
}

/** Stores a row (moving it to the end of its kind's change order) and indexes it by office. */
function setRow(data: TenantData, kind: StoredKind, row: StoredRow | undefined, id: Id): void {
  data.changes += 1;
  const rows = rowsOf(data, kind);
  const index = officeIndexOf(data, kind);
  const previous = rows.get(id);
  if (previous?.officeId != null) index.get(previous.officeId)?.delete(id);
  rows.delete(id);
  if (row === undefined) return;
  rows.set(id, row);
  if (row.officeId !== null) {
    let ids = index.get(row.officeId);
    if (ids === undefined) {
      ids = new Set();
      index.set(row.officeId, ids);
    }
    ids.add(id);
  }
}

/**
 * The {@link memoryStore} options.
 *
 * @category Storage
 */
export interface MemoryStoreOptions {
  /** The tenant the store is bound to. */
  readonly tenantId: Id;
  /** The database to use; default a new, private one. */
  readonly database?: MemoryDatabase;
}

/**
 * The driver behind `memoryStore`, for tests that wrap or adjust a driver
 * before building a store over it.
 *
 * @param options - The tenant, and optionally a shared {@link MemoryDatabase}.
 * @returns The driver.
 * @example
 * ```ts
 * const store = createStore({ ...memoryDriver({ tenantId: 't1' }), snapshotPage: 2 });
 * ```
 * @internal
 */
export function memoryDriver(options: MemoryStoreOptions): StorageDriver {
  const database = options.database ?? memoryDatabase();
  const { tenantId } = options;
  const driver: StorageDriver = {
    adapter: 'memory',
    tenantId,
    capabilities: { durable: false, multiProcess: false, migrations: false },
    transaction<T>(work: (tx: DriverTransaction) => Promise<T>): Promise<T> {
      const result = database.lock.then(async () => {
        const data = tenantData(database, tenantId);
        const undo: { kind: StoredKind; id: Id; row: StoredRow | undefined }[] = [];
        const seqBefore = data.seq;
        const put = async (kind: StoredKind, row: RowWrite, expectedVersion: number): Promise<boolean> => {
          const current = rowsOf(data, kind).get(row.id);
          if ((current?.version ?? 0) !== expectedVersion) return false;
          undo.push({ kind, id: row.id, row: current });
          data.seq += 1;
          setRow(data, kind, { ...row, seq: data.seq }, row.id);
          return true;
        };
        const tx: DriverTransaction = {
          get: async (kind, id) => rowsOf(data, kind).get(id),
          put: async (kind, row: RowWrite, expectedVersion) => put(kind, row, expectedVersion),
          list: async (kind, afterSeq, limit) => {
            const out: StoredRow[] = [];
            const cursor = data.cursors.get(kind);
            // Rows are kept in change order (ascending seq), so the rest of the last
            // call's walk is exactly what comes after its last row.
            const rows =
              cursor !== undefined && cursor.afterSeq === afterSeq && cursor.changes === data.changes
                ? cursor.rest
                : rowsOf(data, kind).values();
            for (let next = rows.next(); !next.done; next = rows.next()) {
              const row = next.value;
              if (row.seq <= afterSeq) continue;
              out.push(row);
              if (out.length >= limit) break;
            }
            data.cursors.set(kind, { afterSeq: out.at(-1)?.seq ?? afterSeq, rest: rows, changes: data.changes });
            return out;
          },
          versionsOf: async (kind, ids) => {
            const versions = new Map<Id, number>();
            for (const id of ids) {
              const row = rowsOf(data, kind).get(id);
              if (row !== undefined) versions.set(id, row.version);
            }
            return versions;
          },
          putMany: async (kind, writes) => {
            const written: boolean[] = [];
            for (const { row, expectedVersion } of writes) written.push(await put(kind, row, expectedVersion));
            return written;
          },
          insertMany: async (kind, rows) => {
            const written: boolean[] = [];
            for (const row of rows) written.push(await put(kind, row, 0));
            return written;
          },
          listByOffice: async (kind, officeId) => {
            const rows = rowsOf(data, kind);
            return [...(officeIndexOf(data, kind).get(officeId) ?? [])].map((id) => rows.get(id)!);
          },
        };
        try {
          return await work(tx);
        } catch (error) {
          for (const entry of undo.reverse()) setRow(data, entry.kind, entry.row, entry.id);
          // Restored rows went to the end: put each touched kind back in change order.
          for (const kind of new Set(undo.map((entry) => entry.kind))) {
            const rows = rowsOf(data, kind);
            const sorted = [...rows.values()].sort((a, b) => a.seq - b.seq);
            rows.clear();
            for (const row of sorted) rows.set(row.id, row);
          }
          data.changes += 1;
          data.seq = seqBefore;
          throw error;
        }
      });
      // Settled to undefined either way: the lock must not keep the last result (a whole snapshot) alive.
      database.lock = result.then(settled, settled);
      return result;
    },
    close: async () => undefined,
  };
  return driver;
}
