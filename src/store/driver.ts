import type { Id } from '../model/primitives';
import type { RecordKind } from '../model/records';

/**
 * One stored record as a driver sees it: its key, the office it belongs to (for
 * loading one office), its version, its change sequence number and its JSON body.
 *
 * @category Storage
 */
export interface StoredRow {
  /** The record id. */
  readonly id: Id;
  /** The office the record belongs to, if any (indexed, for `loadOffice`). */
  readonly officeId: Id | null;
  /** 1 on creation, +1 on every change. */
  readonly version: number;
  /** Position in the tenant's change feed; higher is later. Assigned by the driver. */
  readonly seq: number;
  /** The record as JSON text. */
  readonly body: string;
}

/** What a driver is given to write: a row without its sequence number. @category Storage */
export type RowWrite = Omit<StoredRow, 'seq'>;

/**
 * What can be stored: every record kind, plus `practice` (one per tenant, id =
 * tenant id).
 *
 * @category Storage
 */
export type StoredKind = RecordKind | 'practice';

/**
 * The operations a storage driver performs inside one transaction. Every call is
 * scoped to the tenant the driver was bound to; a driver never reads or writes
 * another tenant's rows.
 *
 * @category Storage
 */
export interface DriverTransaction {
  /** One row by kind and id, or `undefined`. */
  get(kind: StoredKind, id: Id): Promise<StoredRow | undefined>;
  /**
   * Writes a row if the stored version is `expectedVersion` (0: the row must not
   * exist), giving it the next sequence number. Returns `false`, writing nothing,
   * when the stored version differs.
   */
  put(kind: StoredKind, row: RowWrite, expectedVersion: number): Promise<boolean>;
  /**
   * Rows of a kind with `seq` greater than `afterSeq`, ascending by `seq`, at most
   * `limit` (a driver may return fewer; `loadSnapshot` reads on until a call
   * returns none).
   */
  list(kind: StoredKind, afterSeq: number, limit: number): Promise<StoredRow[]>;
  /** Every row of a kind belonging to one office, in any order. */
  listByOffice(kind: StoredKind, officeId: Id): Promise<StoredRow[]>;
  /**
   * Optional, for batches: which of `ids` have a row of this kind. Without it the
   * store calls {@link DriverTransaction.get} per id.
   */
  presentIds?(kind: StoredKind, ids: readonly Id[]): Promise<ReadonlySet<Id>>;
  /**
   * Optional, for batches: writes each row whose id is not stored yet (as
   * {@link DriverTransaction.put} with `expectedVersion` 0 would, in order, each
   * written row taking the next sequence number), and says which were written.
   * The ids are distinct. Without it the store calls `put` per row.
   */
  insertMany?(kind: StoredKind, rows: readonly RowWrite[]): Promise<boolean[]>;
  /**
   * Optional, for batches: the stored version of each of `ids` that has a row.
   * A driver whose writers can run at once must make these versions hold until
   * the transaction ends (PostgreSQL: take the tenant's counter row first).
   */
  versionsOf?(kind: StoredKind, ids: readonly Id[]): Promise<ReadonlyMap<Id, number>>;
  /**
   * Optional, for batches: {@link DriverTransaction.put} for each write, in order
   * (the ids are distinct), saying which were written. Without it (or without
   * `versionsOf`) the store calls `put` per row.
   */
  putMany?(kind: StoredKind, writes: readonly { readonly row: RowWrite; readonly expectedVersion: number }[]): Promise<boolean[]>;
}

/**
 * What an adapter implements: transactions over one tenant's rows. Everything else
 * — validation, versions, the intake lifecycle, idempotent appends, snapshots —
 * is done once, by {@link createStore}, for every adapter alike.
 *
 * @category Storage
 */
export interface StorageDriver {
  /** The adapter's name, used in error messages, e.g. `sqlite`. */
  readonly adapter: string;
  /** The tenant the driver is bound to. */
  readonly tenantId: Id;
  /** What the adapter guarantees. */
  readonly capabilities: StoreCapabilities;
  /**
   * At most how many rows the store gives one {@link DriverTransaction.insertMany}
   * call of a batch; default: a whole run of appends at once. An in-process database
   * (SQLite) gains from a few thousand: each chunk's JSON texts and rows are garbage
   * before the next is made, so the garbage collector copies far less. A database
   * across a network should keep the default: every call costs round trips.
   */
  readonly batchChunk?: number;
  /**
   * How many rows `loadSnapshot` asks for at a time when it reads one kind of
   * record; default 50,000. The store asks for the next page before it checks the
   * current one, so a database across a network works on the next page
   * meanwhile; larger pages mean fewer round trips and less waiting, smaller ones
   * less memory held at once. Anything but a whole number from 1 up means the
   * default.
   */
  readonly snapshotPage?: number;
  /**
   * Runs `work` in one transaction: everything it wrote is kept if it resolves,
   * nothing if it throws. Driver errors must be thrown as they are; the store
   * wraps them. `readOnly` says the work only reads, so the driver may take a
   * lighter lock (e.g. SQLite's `BEGIN DEFERRED`); it must still see one
   * consistent state. A driver may run `work` again after a serialization
   * failure or deadlock it rolled back: `work` has no effect outside the
   * transaction, so that is safe.
   */
  transaction<T>(work: (tx: DriverTransaction) => Promise<T>, options?: { readonly readOnly?: boolean }): Promise<T>;
  /** Releases what the driver holds (never the host's client). */
  close(): Promise<void>;
}

/**
 * What a store guarantees, so hosts and the conformance suite know what to expect.
 *
 * @category Storage
 */
export interface StoreCapabilities {
  /** Data survives the process (false for memory). */
  readonly durable: boolean;
  /** Several processes may write the same tenant at once safely. */
  readonly multiProcess: boolean;
  /** The schema is versioned and migrated forward on open. */
  readonly migrations: boolean;
}
