/**
 * The PostgreSQL schema as an ordered list of forward-only migrations, and the
 * code that applies them. Each migration runs in its own transaction under a
 * transaction-scoped advisory lock and is recorded in `referwell_migrations`; a
 * schema whose recorded version is newer than this list is refused and left
 * untouched.
 *
 * @module
 */
import { match } from 'ts-pattern';
import { StoreError } from '../../errors';
import { tablesAtSchemaV1 as tablesV1, type MigrationInfo, type RecordTable } from '../../store/tables';
import type { Connection, Query } from './queryable';


/** The tables whose rows belong to an office (the office id is the body's `officeId`). */
const officeScopedTables: readonly RecordTable[] = [
  'referwell_contacts',
  'referwell_touchpoints',
  'referwell_referrals',
  'referwell_thank_yous',
];

/**
 * Quotes an SQL identifier (`"name"`, inner quotes doubled).
 *
 * @param name - A schema, table or index name.
 * @returns The quoted identifier.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One schema step: its version (1, 2, …), a name, and what it does in its transaction. */
interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs the step; `schema` is the quoted schema name. */
  readonly up: (query: Query, schema: string) => Promise<void>;
}

/** Rows per batch when a migration fills a column from the JSON bodies. */
const BACKFILL_BATCH = 1000;

/** The office id of a stored body, or `null` when the body is not a JSON object with one. */
function officeIdOfBody(body: unknown): string | null {
  if (typeof body !== 'string') return null;
  try {
    const record: unknown = JSON.parse(body);
    if (typeof record !== 'object' || record === null) return null;
    const officeId = (record as { officeId?: unknown }).officeId;
    return typeof officeId === 'string' ? officeId : null;
  } catch {
    return null;
  }
}

/**
 * The migrations, oldest first. Forward only: released entries are never edited
 * or removed; a change to the schema is a new entry at the end. Every key and
 * index leads with `tenant_id` (see docs/storage.md, sharding by tenant).
 */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'record tables and change sequence',
    up: async (query, schema) => {
      await query(
        `CREATE TABLE ${schema}.referwell_sequences (tenant_id TEXT NOT NULL, value BIGINT NOT NULL, PRIMARY KEY (tenant_id))`,
      );
      for (const table of tablesV1) {
        await query(
          `CREATE TABLE ${schema}.${table} (
             tenant_id TEXT NOT NULL,
             id TEXT NOT NULL,
             version INTEGER NOT NULL,
             seq BIGINT NOT NULL,
             body TEXT NOT NULL,
             PRIMARY KEY (tenant_id, id)
           )`,
        );
        await query(`CREATE UNIQUE INDEX ${table}_seq ON ${schema}.${table} (tenant_id, seq)`);
      }
    },
  },
  {
    version: 2,
    name: 'office index',
    up: async (query, schema) => {
      for (const table of tablesV1) {
        await query(`ALTER TABLE ${schema}.${table} ADD COLUMN office_id TEXT`);
        if (table === 'referwell_offices') {
          await query(`UPDATE ${schema}.${table} SET office_id = id`);
        } else if (officeScopedTables.includes(table)) {
          await backfillOfficeIds(query, `${schema}.${table}`);
        } else {
          continue;
        }
        await query(`CREATE INDEX ${table}_office ON ${schema}.${table} (tenant_id, office_id)`);
      }
    },
  },
];

/**
 * Fills `office_id` of rows written before version 2 from their JSON bodies, in
 * batches. Parsed here rather than with `body::json`, which refuses a valid body
 * holding an escaped NUL (`\u0000`) or a lone surrogate anywhere in it; a body that
 * is not JSON (a corrupt row) keeps NULL and is reported when it is read.
 */
async function backfillOfficeIds(query: Query, table: string): Promise<void> {
  let after: readonly [string, string] | undefined;
  for (;;) {
    const rows =
      after === undefined
        ? await query(`SELECT tenant_id, id, body FROM ${table} ORDER BY tenant_id, id LIMIT ${BACKFILL_BATCH}`)
        : await query(
            `SELECT tenant_id, id, body FROM ${table} WHERE (tenant_id, id) > ($1, $2) ORDER BY tenant_id, id LIMIT ${BACKFILL_BATCH}`,
            after,
          );
    const tenants: string[] = [];
    const ids: string[] = [];
    const officeIds: string[] = [];
    for (const row of rows) {
      const officeId = officeIdOfBody(row.body);
      if (officeId === null) continue;
      tenants.push(String(row.tenant_id));
      ids.push(String(row.id));
      officeIds.push(officeId);
    }
    if (ids.length > 0) {
      await query(
        `UPDATE ${table} AS t SET office_id = v.office_id
           FROM unnest($1::text[], $2::text[], $3::text[]) AS v (tenant_id, id, office_id)
          WHERE t.tenant_id = v.tenant_id AND t.id = v.id`,
        [tenants, ids, officeIds],
      );
    }
    const last = rows[rows.length - 1];
    if (rows.length < BACKFILL_BATCH || last === undefined) return;
    after = [String(last.tenant_id), String(last.id)];
  }
}

/** One entry of {@link postgresMigrations}. @category Storage */
export type PostgresMigrationInfo = MigrationInfo;

/**
 * The PostgreSQL adapter's migrations, oldest first (read-only information: the
 * versions and names recorded in `referwell_migrations`). They run on a store's
 * first operation; see {@link postgresStore}.
 *
 * @example
 * ```ts
 * postgresMigrations.map((m) => m.version); //=> [1, 2]
 * postgresMigrations.at(-1)?.name; //=> 'office index'
 * ```
 * @category Storage
 */
export const postgresMigrations: readonly PostgresMigrationInfo[] = Object.freeze(
  migrations.map(({ version, name }) => Object.freeze({ version, name })),
);

/** The schema version this release writes. */
export const latestPostgresVersion = migrations[migrations.length - 1]!.version;

/**
 * The advisory-lock class referwell's migrations take (the second key is a hash of
 * the schema name): `0x72776d67`, "rwmg".
 */
const MIGRATION_LOCK = 0x72776d67;

/** The highest recorded migration version in `schema` (unquoted), or 0 when there is none. */
export async function recordedPostgresVersion(query: Query, schema: string): Promise<number> {
  // A plain read of the catalog (not to_regclass, whose cached catalog view can miss
  // a table another session just committed, right after an advisory lock).
  const [found] = await query(
    `SELECT 1 AS found FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = 'referwell_migrations'`,
    [schema],
  );
  if (found === undefined) return 0;
  const [row] = await query(`SELECT max(version) AS version FROM ${quoteIdentifier(schema)}.referwell_migrations`);
  return row?.version == null ? 0 : Number(row.version);
}

/**
 * Brings the schema up to `target` (default: the latest), one migration per
 * transaction, each recorded in `referwell_migrations`. Every transaction first
 * takes `pg_advisory_xact_lock`, so processes opening the same schema at once
 * wait for each other and each migration runs exactly once. Creates the schema
 * when it does not exist.
 *
 * @param connection - The host's client.
 * @param schema - The schema name, unquoted (already validated).
 * @param target - The version to stop at (tests use it to build an older schema).
 * @throws {@link StoreError} when the schema is newer than this release (nothing is
 * changed); driver errors as they are.
 */
export async function migratePostgres(
  connection: Connection,
  schema: string,
  target: number = latestPostgresVersion,
): Promise<void> {
  const quoted = quoteIdentifier(schema);
  const refuseNewer = (version: number): never => {
    throw new StoreError(
      'postgres',
      `the schema ${quoted} is at version ${version}, newer than this release of referwell knows ` +
        `(${latestPostgresVersion}); upgrade referwell to use it (the database was not changed)`,
    );
  };
  // Read first, without the lock: an up-to-date schema needs no more than this, and
  // a newer one is refused before anything is written.
  const recorded = await connection.transaction('read-only', (query) => recordedPostgresVersion(query, schema));
  if (recorded > latestPostgresVersion) refuseNewer(recorded);
  if (recorded >= target) return;
  for (;;) {
    const done = await connection.transaction('read-write', async (query) => {
      // Re-read under the lock: another process may have migrated meanwhile.
      await query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
      const current = await recordedPostgresVersion(query, schema);
      if (current > latestPostgresVersion) refuseNewer(current);
      const next = migrations.find((migration) => migration.version > current);
      if (next === undefined || next.version > target) return true;
      if (current === 0) {
        const [exists] = await query('SELECT 1 AS found FROM pg_namespace WHERE nspname = $1', [schema]);
        if (exists === undefined) await query(`CREATE SCHEMA ${quoted}`);
        await query(
          `CREATE TABLE IF NOT EXISTS ${quoted}.referwell_migrations (
             version INTEGER NOT NULL PRIMARY KEY,
             name TEXT NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
           )`,
        );
      }
      await next.up(query, quoted);
      await query(`INSERT INTO ${quoted}.referwell_migrations (version, name) VALUES ($1, $2)`, [next.version, next.name]);
      return false;
    });
    if (done) return;
  }
}
