/**
 * Benchmark (g): the PostgreSQL adapter's import (one `store.write` batch) and
 * `loadSnapshot`, against raw node-postgres writing the same rows (multi-row
 * `INSERT`s of 1,000 rows, one transaction) and reading them back (plain
 * `SELECT`, bodies decoded with `JSON.parse`). Every run works in throw-away
 * schemas, dropped afterwards.
 *
 * @module
 */
import pg from 'pg';
import { postgresStore } from '../../src/adapters/postgres/index';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { recordTables, tableOf } from '../../src/store/tables';
import { countRecords, importSnapshot } from './fixtures';
import { countRaw, officeTables, rawCollections, rawRows, type RawSnapshot } from './raw-rows';
import { compareStorage, versus, type StorageCheck, type StorageFigure } from './sqlite';
import { collectGarbage, timeAsync, type TimingOptions } from './timing';

/**
 * The server the benchmark uses unless told otherwise: `REFERWELL_POSTGRES_URL`,
 * else the project machines' test server.
 *
 * @category Benchmark
 */
export const DEFAULT_POSTGRES_URL = process.env.REFERWELL_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Rows per multi-row `INSERT` of the raw baseline. */
const ROWS_PER_INSERT = 1_000;

/**
 * The server's version when it answers within `timeoutMs`, else `undefined`.
 *
 * @param url - The connection string.
 * @param timeoutMs - How long to wait for the connection.
 * @returns The version, e.g. `15.14`, or `undefined`.
 * @example
 * ```ts
 * await postgresVersion('postgres://postgres@127.0.0.1:5432/test'); //=> '15.14'
 * ```
 * @category Benchmark
 */
export async function postgresVersion(url: string, timeoutMs = 2_000): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version.split(' ')[0];
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the adapter's tables (as of its schema version 2) in a raw schema. */
async function createRawPostgresTables(client: pg.PoolClient, schema: string): Promise<void> {
  await client.query(`CREATE SCHEMA ${schema}`);
  for (const table of recordTables) {
    await client.query(
      `CREATE TABLE ${schema}.${table} (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
         seq BIGINT NOT NULL, body TEXT NOT NULL, office_id TEXT, PRIMARY KEY (tenant_id, id))`,
    );
    await client.query(`CREATE UNIQUE INDEX ${table}_seq ON ${schema}.${table} (tenant_id, seq)`);
    if (officeTables.has(table)) await client.query(`CREATE INDEX ${table}_office ON ${schema}.${table} (tenant_id, office_id)`);
  }
}

/** Ignores an error event (a dropped idle connection is not a failure of the run). */
const ignoreError = (): void => undefined;

/**
 * The pool {@link measurePostgres} works through. Made here, not inside it, so
 * that nothing the pool holds on to refers to that function's variables: any
 * function written inside it keeps them all (the snapshot among them) for as
 * long as it lives, and the pool's sockets can outlive `pool.end()` for a
 * while. An error listener written there kept the whole "large" fixture alive
 * into (b) on 10×.
 */
function benchPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', ignoreError);
  return pool;
}

/**
 * Raw import: multi-row `INSERT`s of up to 1,000 rows each, in one transaction.
 *
 * @param client - A connection of the pool.
 * @param schema - The raw schema (with the tables).
 * @param tenantId - The tenant.
 * @param snapshot - The records.
 * @returns When committed.
 * @throws Whatever node-postgres throws (after a `ROLLBACK`).
 * @example
 * ```ts
 * await rawPostgresImport(client, 'rw_bench_raw', 'demo', snapshot);
 * ```
 * @category Benchmark
 */
export async function rawPostgresImport(
  client: pg.PoolClient,
  schema: string,
  tenantId: string,
  snapshot: PracticeSnapshot,
): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const [table, rows] of rawRows(snapshot)) {
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        const chunk = rows.slice(start, start + ROWS_PER_INSERT);
        const values: unknown[] = [];
        const tuples = chunk.map((row, i) => {
          values.push(tenantId, row.id, row.officeId, row.seq, row.body);
          const p = i * 5;
          return `($${p + 1}, $${p + 2}, $${p + 3}, 1, $${p + 4}, $${p + 5})`;
        });
        await client.query(
          `INSERT INTO ${schema}.${table} (tenant_id, id, office_id, version, seq, body) VALUES ${tuples.join(', ')}`,
          values,
        );
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Raw load: a plain `SELECT` per table in change order, in one read-only
 * repeatable-read transaction (as the adapter reads), bodies decoded with
 * `JSON.parse` (no validation).
 *
 * @param client - A connection of the pool.
 * @param schema - The raw schema.
 * @param tenantId - The tenant.
 * @returns The records.
 * @example
 * ```ts
 * (await rawPostgresLoad(client, 'rw_bench_raw', 'demo')).touchpoints.length; //=> 199976
 * ```
 * @category Benchmark
 */
export async function rawPostgresLoad(client: pg.PoolClient, schema: string, tenantId: string): Promise<RawSnapshot> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const select = async (table: string) =>
      (
        await client.query<{ body: string }>(
          `SELECT id, office_id, version, seq, body FROM ${schema}.${table} WHERE tenant_id = $1 ORDER BY seq`,
          [tenantId],
        )
      ).rows.map((row) => JSON.parse(row.body) as unknown);
    const loaded = { practice: (await select(tableOf('practice')))[0] } as RawSnapshot;
    for (const [key, table] of rawCollections) loaded[key] = await select(table);
    return loaded;
  } finally {
    await client.query('COMMIT');
  }
}

/** Rows per record table of a schema. */
async function postgresRowCounts(client: pg.PoolClient, schema: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of recordTables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table}`);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

/**
 * Measures (g) on the server at `url`. Each run creates two throw-away schemas
 * (`rw_bench_<pid>_<time>_<run>_a` for the adapter, `…_r` for the raw tables),
 * imports the fixture into each — the adapter's migrations run before the clock
 * starts — and loads it back each way; the schemas are dropped at the end, also
 * after a failure.
 *
 * @param snapshot - The fixture, as the store returned it.
 * @param url - The server.
 * @param options - Warm-up and timed runs (each run is a full import and load).
 * @returns The medians and the check.
 * @throws Whatever node-postgres or the store throws (the server must answer).
 * @example
 * ```ts
 * const figure = await measurePostgres(snapshot, DEFAULT_POSTGRES_URL, { warmups: 0, runs: 3 });
 * figure.load.adapterMs / figure.load.rawMs; //=> 1.8
 * ```
 * @category Benchmark
 */
export async function measurePostgres(
  snapshot: PracticeSnapshot,
  url: string = DEFAULT_POSTGRES_URL,
  options: TimingOptions = {},
): Promise<StorageFigure> {
  const tenantId = snapshot.practice.tenantId;
  const gc = collectGarbage();
  const pool = benchPool(url);
  const base = `rw_bench_${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  const runs = { adapterImport: [] as number[], rawImport: [] as number[], adapterLoad: [] as number[], rawLoad: [] as number[] };
  let check: StorageCheck | undefined;
  const client = await pool.connect();
  try {
    const total = (options.warmups ?? 1) + (options.runs ?? 3);
    for (let run = 0; run < total; run += 1) {
      const timed = run >= (options.warmups ?? 1);
      const adapterSchema = `${base}_${run}_a`;
      const rawSchema = `${base}_${run}_r`;
      schemas.push(adapterSchema, rawSchema);
      const store = postgresStore(pool, { tenantId, schema: adapterSchema });
      await store.getPractice(); // creates the schema and runs the migrations
      await createRawPostgresTables(client, rawSchema);
      gc();
      const adapterImport = await timeAsync(() => importSnapshot(store, snapshot));
      gc();
      const rawImport = await timeAsync(() => rawPostgresImport(client, rawSchema, tenantId, snapshot));
      gc();
      let adapterLoaded: PracticeSnapshot | undefined;
      const adapterLoad = await timeAsync(async () => (adapterLoaded = await store.loadSnapshot()));
      const adapterCount = countRecords(adapterLoaded!);
      adapterLoaded = undefined;
      gc();
      let rawLoaded: RawSnapshot | undefined;
      const rawLoad = await timeAsync(async () => (rawLoaded = await rawPostgresLoad(client, rawSchema, tenantId)));
      const rawCount = countRaw(rawLoaded!);
      rawLoaded = undefined;
      if (timed) {
        runs.adapterImport.push(adapterImport);
        runs.rawImport.push(rawImport);
        runs.adapterLoad.push(adapterLoad);
        runs.rawLoad.push(rawLoad);
      }
      check ??= compareStorage(await postgresRowCounts(client, adapterSchema), await postgresRowCounts(client, rawSchema), {
        adapter: adapterCount,
        raw: rawCount,
        expected: countRecords(snapshot),
      });
      await store.close();
      // Drop each run's schemas as soon as it is done, so the server does not fill up.
      for (const schema of [adapterSchema, rawSchema]) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  } finally {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    client.release();
    await pool.end();
  }
  return {
    import: versus(runs.adapterImport, runs.rawImport),
    load: versus(runs.adapterLoad, runs.rawLoad),
    check: check!,
  };
}
