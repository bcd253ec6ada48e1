/**
 * Where a fault test's processes meet: one SQLite file or one PostgreSQL schema,
 * described as plain JSON so the parent can hand it to worker processes on argv,
 * and opened the way a host would (its own better-sqlite3 connection, its own
 * `pg.Pool`), by workers and by the parent alike.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresStore } from '../../../src/adapters/postgres/index';
import { sqliteStore } from '../../../src/adapters/sqlite/index';
import type { ReferwellStore } from '../../../src/store/store';

/** The database the processes of one fault test share. */
export type Target =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string; readonly applicationName: string };

/** A store over a connection this process opened, and how to let both go. */
export interface OpenedStore {
  readonly store: ReferwellStore;
  /** Closes the store, then the connection (the host's job, not the store's). */
  close(): Promise<void>;
}

/**
 * Opens a store on the target through a new connection of this process.
 *
 * @param target - The shared database.
 * @param tenantId - The tenant the store is bound to.
 * @param poolMax - Postgres only: connections the pool may open (default 2).
 */
export function openTarget(target: Target, tenantId: string, poolMax = 2): OpenedStore {
  if (target.kind === 'sqlite') {
    const db = new Database(target.file);
    try {
      const store = sqliteStore(db, { tenantId });
      return {
        store,
        async close() {
          await store.close();
          db.close();
        },
      };
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: poolMax,
    application_name: target.applicationName,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection the server drops must not crash the process.
  pool.on('error', () => undefined);
  const store = postgresStore(pool, { tenantId, schema: target.schema });
  return {
    store,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

/** Writes one JSON message as a line on stdout (a pipe: synchronous on Linux). */
export function say(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** A small seeded PRNG (mulberry32): the same seed gives the same run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in a seeded random order. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What a worker reports about an error it did not expect. */
export interface Failure {
  readonly op: string;
  /** Whether it was a `ReferwellError` (typed) at all. */
  readonly typed: boolean;
  readonly name: string;
  readonly code: string | undefined;
  readonly message: string;
  readonly cause: string | undefined;
}
