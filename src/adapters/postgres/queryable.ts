/**
 * The shape of client the PostgreSQL adapter accepts, and how it runs one
 * transaction on each kind of client: a pool (a connection checked out per
 * transaction), a single connection (transactions queued one at a time), or
 * PGlite (its own `transaction()`, which also holds back the host's queries).
 *
 * Nothing here imports `pg` or PGlite: the host's object is used through its
 * `query(text, params)` method only, plus `connect()` / `transaction()` when they
 * are there.
 *
 * @module
 */
import { match } from 'ts-pattern';

/**
 * What a query returns, as far as referwell reads it: the rows, one object per
 * row keyed by column name (node-postgres' and PGlite's default row mode).
 *
 * @category Storage
 */
export interface PostgresQueryResult {
  /** The rows, as objects keyed by column name. */
  readonly rows: readonly object[];
}

/**
 * Anything with node-postgres' `query(text, params)` shape: a `pg.Pool`, a
 * `pg.Client` (or a client checked out of a pool), or a PGlite instance
 * (`@electric-sql/pglite`). It is a structural type: referwell never imports a
 * driver.
 *
 * How the adapter runs transactions depends on what else the object has:
 *
 * - a **pool** — a `connect()` method and a numeric `totalCount` (`pg.Pool`, and
 *   pools built on `pg-pool`): each transaction checks out its own connection and
 *   releases it, so transactions run in parallel;
 * - **PGlite** — a `transaction()` method: each transaction runs inside it, which
 *   also makes the host's own queries on the instance wait until it ends;
 * - anything else is **one connection** (`pg.Client`, a `pg.PoolClient`): referwell's
 *   transactions on it are queued, one at a time, even across stores.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const pool: PostgresQueryable = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 * @category Storage
 */
export interface PostgresQueryable {
  /**
   * Runs one SQL statement with `$1, $2, …` parameters.
   *
   * @param text - One SQL statement.
   * @param params - The parameter values.
   * @returns The rows it returned.
   */
  query(text: string, params?: unknown[]): Promise<PostgresQueryResult>;
}

/** A pool: hands out connections (`pg.Pool`). */
interface PoolLike extends PostgresQueryable {
  connect(): Promise<PoolClientLike>;
  readonly totalCount: number;
}

/** A connection checked out of a pool. */
interface PoolClientLike extends PostgresQueryable {
  release(error?: Error | boolean): void;
  /** node-postgres clients are event emitters: a lost connection emits `error`. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  off?(event: 'error', listener: (error: Error) => void): unknown;
}

/** PGlite (or PGliteWorker): runs a callback in a transaction of its own. */
interface TransactionalLike extends PostgresQueryable {
  transaction<T>(work: (tx: PostgresQueryable) => Promise<T>): Promise<T>;
}

/** One statement, returning its rows. */
export type Query = (text: string, params?: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

/**
 * What a transaction does: `read-only` runs at `REPEATABLE READ` (every statement
 * reads the same snapshot, and PostgreSQL refuses writes), `read-write` at
 * `READ COMMITTED` (each statement sees the latest commits; writers wait for row
 * locks instead of failing).
 */
export type Access = 'read-only' | 'read-write';

/** How the adapter talks to the host's client. */
export interface Connection {
  /** What kind of client it is. */
  readonly kind: 'pool' | 'client' | 'pglite';
  /** The host's object, as given. */
  readonly client: PostgresQueryable;
  /**
   * Runs `work` in one transaction, committed when it resolves and rolled back when
   * it throws (the error is rethrown as it was).
   */
  transaction<T>(access: Access, work: (query: Query) => Promise<T>): Promise<T>;
}

function isPool(client: PostgresQueryable): client is PoolLike {
  const candidate = client as Partial<PoolLike>;
  return typeof candidate.connect === 'function' && typeof candidate.totalCount === 'number';
}

function isTransactional(client: PostgresQueryable): client is TransactionalLike {
  return typeof (client as Partial<TransactionalLike>).transaction === 'function';
}

function queryOf(client: PostgresQueryable): Query {
  return async (text, params) => {
    const result = await client.query(text, params === undefined ? undefined : [...params]);
    return result.rows as readonly Record<string, unknown>[];
  };
}

/** The isolation level is always spelled out: the server's default may have been changed. */
function beginOf(access: Access): string {
  return match(access)
    .with('read-only', () => 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    .with('read-write', () => 'BEGIN ISOLATION LEVEL READ COMMITTED')
    .exhaustive();
}

/**
 * Runs `work` between BEGIN and COMMIT on one connection; ROLLBACK when it throws.
 * Returns the error a failed ROLLBACK raised (the connection is then unusable).
 */
async function inTransaction<T>(
  client: PostgresQueryable,
  access: Access,
  work: (query: Query) => Promise<T>,
  onBroken: (error: Error) => void,
): Promise<T> {
  const query = queryOf(client);
  await query(beginOf(access));
  try {
    const value = await work(query);
    await query('COMMIT');
    return value;
  } catch (error) {
    try {
      // After a failed COMMIT there is no transaction left: ROLLBACK only warns.
      await query('ROLLBACK');
    } catch (rollbackError) {
      onBroken(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
    }
    throw error;
  }
}

/** The queue of transactions on each single connection, shared by every store over it. */
const queues = new WeakMap<object, { tail: Promise<unknown> }>();

function queueOf(client: object): { tail: Promise<unknown> } {
  let queue = queues.get(client);
  if (queue === undefined) {
    queue = { tail: Promise.resolve() };
    queues.set(client, queue);
  }
  return queue;
}

/** Ends a lock chain link without keeping the value it settled with. */
const settled = (): undefined => undefined;

/**
 * Wraps the host's client.
 *
 * @param client - A pool, a connection, or PGlite.
 * @returns How to run transactions on it.
 */
export function connectionOf(client: PostgresQueryable): Connection {
  if (isPool(client)) {
    return {
      kind: 'pool',
      client,
      async transaction(access, work) {
        const connection = await client.connect();
        let broken: Error | undefined;
        // While a connection is checked out, pg-pool no longer listens for its errors:
        // a backend that dies (server restart, failover, pg_terminate_backend) would
        // emit an unhandled `error` and end the host's process. Listen, remember it,
        // and let the failing query reject the transaction as usual.
        const onError = (error: Error) => {
          broken ??= error;
        };
        connection.on?.('error', onError);
        try {
          return await inTransaction(connection, access, work, (error) => {
            broken ??= error;
          });
        } finally {
          connection.off?.('error', onError);
          // A connection whose ROLLBACK failed, or that reported an error, is destroyed, not reused.
          connection.release(broken);
        }
      },
    };
  }
  if (isTransactional(client)) {
    return {
      kind: 'pglite',
      client,
      // One backend running one transaction at a time: every read is consistent
      // whatever the isolation level. READ ONLY still guards a read-only transaction.
      transaction: (access, work) =>
        client.transaction(async (tx) => {
          const query = queryOf(tx);
          if (access === 'read-only') await query('SET TRANSACTION READ ONLY');
          return work(query);
        }),
    };
  }
  const queue = queueOf(client);
  return {
    kind: 'client',
    client,
    transaction(access, work) {
      const result = queue.tail.then(() => inTransaction(client, access, work, () => undefined));
      // Settled to undefined either way: the queue must not keep the last result alive.
      queue.tail = result.then(settled, settled);
      return result;
    },
  };
}
