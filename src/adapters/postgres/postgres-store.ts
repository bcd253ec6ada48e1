import { StoreError, ValidationError, type ValidationIssue } from '../../errors';
import { idSchema, type Id } from '../../model/primitives';
import type { DriverTransaction, RowWrite, StorageDriver, StoreCapabilities, StoredKind, StoredRow } from '../../store/driver';
import { createStore, type ReferwellStore } from '../../store/store';
import { tableOf } from '../../store/tables';
import { migratePostgres, quoteIdentifier } from './migrations';
import { connectionOf, type Access, type Connection, type PostgresQueryable, type Query } from './queryable';

/**
 * The {@link postgresStore} options.
 *
 * @category Storage
 */
export interface PostgresStoreOptions {
  /** The tenant the store is bound to: it reads and writes only rows with this `tenant_id`. */
  readonly tenantId: Id;
  /**
   * The schema that holds referwell's tables; default `public`. Created on first
   * use when it does not exist. Lower-case letters, digits and `_`, starting with a
   * letter or `_`, at most 63 characters, not starting with `pg_`.
   */
  readonly schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A UTF-16 surrogate without its other half: PostgreSQL text cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store `value` as TEXT unchanged (no NUL, no lone surrogate). */
function storableText(value: string): boolean {
  // Printable ASCII (the usual id) needs no regular expression.
  let plain = true;
  for (let i = 0; i < value.length && plain; i += 1) {
    const code = value.charCodeAt(i);
    plain = code >= 0x20 && code < 0x7f;
  }
  return plain || (!value.includes('\u0000') && !LONE_SURROGATE.test(value));
}

function checkOptions(options: PostgresStoreOptions): { tenantId: Id; schema: string } {
  const issues: ValidationIssue[] = [];
  const tenantId: unknown = options?.tenantId;
  if (!idSchema.safeParse(tenantId).success || (typeof tenantId === 'string' && !storableText(tenantId))) {
    issues.push({
      path: ['tenantId'],
      pointer: '/tenantId',
      message: 'must be 1–200 characters of well-formed Unicode without control characters',
      code: 'custom',
    });
  }
  const schema: unknown = options?.schema ?? 'public';
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
    issues.push({
      path: ['schema'],
      pointer: '/schema',
      message:
        'must be lower-case letters, digits and "_", starting with a letter or "_", at most 63 characters, not starting with "pg_"',
      code: 'custom',
    });
  }
  if (issues.length > 0) throw new ValidationError('postgresStore options', issues);
  return { tenantId: tenantId as Id, schema: schema as string };
}

function isQueryable(client: unknown): client is PostgresQueryable {
  return typeof client === 'object' && client !== null && typeof (client as PostgresQueryable).query === 'function';
}

/**
 * Whether a transaction failed only because of another transaction
 * (`40001` serialization_failure, `40P01` deadlock_detected): it can be run again.
 */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** A whole number from a column (node-postgres returns BIGINT as a string, PGlite as a number). */
function integerOf(value: unknown, column: string): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' || typeof value === 'bigint' ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw new Error(`column ${column} holds ${String(value)}, not a whole number`);
  return number;
}

function rowOf(row: Record<string, unknown>): StoredRow {
  return {
    id: String(row.id),
    officeId: row.office_id == null ? null : String(row.office_id),
    // Not checked here: the store reports a bad version as a corrupt record.
    version: Number(row.version),
    seq: integerOf(row.seq, 'seq'),
    body: typeof row.body === 'string' ? row.body : String(row.body),
  };
}

function capabilitiesOf(connection: Connection): StoreCapabilities {
  if (connection.kind !== 'pglite') return { durable: true, multiProcess: true, migrations: true };
  const dataDir = (connection.client as { dataDir?: unknown }).dataDir;
  const durable = typeof dataDir === 'string' && dataDir !== '' && !dataDir.startsWith('memory://');
  return { durable, multiProcess: false, migrations: true };
}

const COLUMNS = 'id, office_id, version, seq, body';

/** Rows per INSERT statement of a batch. */
const INSERT_CHUNK = 1000;

/** Refuses a row whose id or office id PostgreSQL text cannot hold unchanged. */
function checkStorable(kind: StoredKind, row: RowWrite): void {
  for (const [name, value] of [['id', row.id], ['officeId', row.officeId ?? '']] as const) {
    if (!storableText(value)) {
      // Sent as UTF-8, an unpaired surrogate would silently become U+FFFD: refuse it.
      throw new ValidationError(kind, [
        {
          path: [name],
          pointer: `/${name}`,
          message: 'must be well-formed Unicode (no unpaired surrogate, no NUL): PostgreSQL text cannot hold it',
          code: 'custom',
        },
      ]);
    }
  }
}

/**
 * A store that keeps one tenant's records in PostgreSQL, through a client the host
 * built and owns: a `pg.Pool` (recommended), a `pg.Client`, or a PGlite instance —
 * anything with node-postgres' `query(text, params)` (see {@link PostgresQueryable}).
 * {@link ReferwellStore.close} never ends the host's pool or client.
 *
 * The store's first operation checks the schema's version and migrates it forward
 * (each migration in its own transaction, under an advisory lock, recorded in
 * `referwell_migrations`); a schema newer than this release is refused. Create a
 * store once per tenant and keep it, rather than one per request. Every table is
 * keyed `(tenant_id, id)` and every index leads with `tenant_id`, so a
 * tenant-sharded PostgreSQL such as Citus can distribute the tables by `tenant_id`
 * unchanged.
 *
 * Each store operation is one transaction. Reads (`get`, `list`, `loadSnapshot`,
 * `loadOffice`) run `REPEATABLE READ READ ONLY`, so a snapshot or a page comes from
 * one consistent state, without blocking writers. Writes run `READ COMMITTED`;
 * writers of one tenant queue on its change-sequence row, so change order is
 * commit order, and the conditional writes catch stale versions. On a pool,
 * transactions run in parallel on their own connections; on a single connection
 * they are queued, one at a time — don't run your own statements on that
 * connection while a store operation is pending, they would join its transaction.
 *
 * @param client - The host's pool, client or PGlite instance.
 * @param options - The tenant, and the schema (default `public`).
 * @returns The store.
 * @throws A `ValidationError` when the client or the options are not valid.
 * Operations throw {@link StoreError} (`[referwell] [postgres] …`, the driver's
 * error as `cause`) when the database fails or its schema is newer than this
 * release knows (it is left untouched).
 * @example
 * ```ts
 * import pg from 'pg';
 * import { postgresStore } from 'referwell/postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = postgresStore(pool, { tenantId: 't1', schema: 'referwell' });
 * await store.savePractice({ tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago' });
 * (await store.getPractice())?.version; //=> 1
 * await store.close(); // the pool stays open
 * await pool.end();
 * ```
 * @category Storage
 */
export function postgresStore(client: PostgresQueryable, options: PostgresStoreOptions): ReferwellStore {
  if (!isQueryable(client)) {
    throw new ValidationError('postgresStore client', [
      {
        path: [],
        pointer: '',
        message: 'must have a query(text, params) method: a pg.Pool, a pg.Client or a PGlite instance',
        code: 'custom',
      },
    ]);
  }
  const { tenantId, schema } = checkOptions(options);
  const connection = connectionOf(client);
  const quotedSchema = quoteIdentifier(schema);
  const qualified = (kind: StoredKind) => `${quotedSchema}.${tableOf(kind)}`;
  const sequences = `${quotedSchema}.referwell_sequences`;

  const transactionOf = (query: Query): DriverTransaction => {
    /** The tenant's next change sequence number; locks its counter row until the transaction ends. */
    const nextSeq = async (): Promise<number> => {
      const [row] = await query(
        `INSERT INTO ${sequences} AS s (tenant_id, value) VALUES ($1, 1)
           ON CONFLICT (tenant_id) DO UPDATE SET value = s.value + 1 RETURNING value`,
        [tenantId],
      );
      return integerOf(row?.value, 'value');
    };
    /** Locks the tenant's counter row until the transaction ends; returns its value. */
    const lockCounter = async (): Promise<number> => {
      const [counter] = await query(
        `INSERT INTO ${sequences} AS s (tenant_id, value) VALUES ($1, 0)
           ON CONFLICT (tenant_id) DO UPDATE SET value = s.value RETURNING value`,
        [tenantId],
      );
      return integerOf(counter?.value, 'value');
    };
    const presentIds = async (kind: StoredKind, ids: readonly Id[]): Promise<ReadonlySet<Id>> => {
      const storable = ids.filter(storableText);
      if (storable.length === 0) return new Set();
      const rows = await query(`SELECT id FROM ${qualified(kind)} WHERE tenant_id = $1 AND id = ANY($2::text[])`, [tenantId, storable]);
      return new Set(rows.map((row) => String(row.id)));
    };
    return {
      async get(kind, id) {
        if (!storableText(id)) return undefined;
        const [row] = await query(`SELECT ${COLUMNS} FROM ${qualified(kind)} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
        return row === undefined ? undefined : rowOf(row);
      },
      async put(kind, row, expectedVersion) {
        checkStorable(kind, row);
        // The counter row first, then the record row: every writer takes its locks in
        // that order, so writers of one tenant queue on the counter and never deadlock.
        const seq = await nextSeq();
        const written =
          expectedVersion === 0
            ? await query(
                `INSERT INTO ${qualified(kind)} (tenant_id, id, office_id, version, seq, body) VALUES ($1, $2, $3, $4, $5, $6)
                   ON CONFLICT (tenant_id, id) DO NOTHING RETURNING 1 AS written`,
                [tenantId, row.id, row.officeId, row.version, seq, row.body],
              )
            : await query(
                `UPDATE ${qualified(kind)} SET office_id = $3, version = $4, seq = $5, body = $6
                  WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1 AS written`,
                [tenantId, row.id, row.officeId, row.version, seq, row.body, expectedVersion],
              );
        if (written.length === 1) return true;
        // Nothing written: give the number back (the counter row is still ours), so
        // the sequence has no gaps.
        await query(`UPDATE ${sequences} SET value = value - 1 WHERE tenant_id = $1`, [tenantId]);
        return false;
      },
      async list(kind, afterSeq, limit) {
        const rows = await query(
          `SELECT ${COLUMNS} FROM ${qualified(kind)} WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
          [tenantId, afterSeq, limit],
        );
        return rows.map(rowOf);
      },
      presentIds,
      async versionsOf(kind, ids) {
        // The counter row first: the versions read now then hold until the transaction ends.
        await lockCounter();
        const storable = ids.filter(storableText);
        const versions = new Map<Id, number>();
        if (storable.length === 0) return versions;
        const rows = await query(`SELECT id, version FROM ${qualified(kind)} WHERE tenant_id = $1 AND id = ANY($2::text[])`, [
          tenantId,
          storable,
        ]);
        for (const row of rows) versions.set(String(row.id), Number(row.version));
        return versions;
      },
      async putMany(kind, writes) {
        for (const { row } of writes) checkStorable(kind, row);
        let seq = await lockCounter();
        const inserts: RowWrite[] = [];
        const updates: { row: RowWrite; expectedVersion: number }[] = [];
        const seqOf = new Map<Id, number>();
        for (const write of writes) {
          seqOf.set(write.row.id, (seq += 1));
          if (write.expectedVersion === 0) inserts.push(write.row);
          else updates.push(write);
        }
        const written = new Set<Id>();
        for (let start = 0; start < inserts.length; start += INSERT_CHUNK) {
          const chunk = inserts.slice(start, start + INSERT_CHUNK);
          // A plain INSERT: under the counter lock no other writer can have stored these
          // ids since their versions were read (if one had, the unique key fails the transaction).
          await query(
            `INSERT INTO ${qualified(kind)} (tenant_id, id, office_id, version, seq, body)
               SELECT $1, * FROM unnest($2::text[], $3::text[], $4::integer[], $5::bigint[], $6::text[])`,
            [tenantId, chunk.map((r) => r.id), chunk.map((r) => r.officeId), chunk.map((r) => r.version), chunk.map((r) => seqOf.get(r.id)), chunk.map((r) => r.body)],
          );
          for (const row of chunk) written.add(row.id);
        }
        for (let start = 0; start < updates.length; start += INSERT_CHUNK) {
          const chunk = updates.slice(start, start + INSERT_CHUNK);
          const rows = await query(
            `UPDATE ${qualified(kind)} AS t SET office_id = v.office_id, version = v.version, seq = v.seq, body = v.body
               FROM unnest($2::text[], $3::text[], $4::integer[], $5::bigint[], $6::text[], $7::integer[])
                 AS v (id, office_id, version, seq, body, expected)
              WHERE t.tenant_id = $1 AND t.id = v.id AND t.version = v.expected RETURNING t.id`,
            [
              tenantId,
              chunk.map((w) => w.row.id),
              chunk.map((w) => w.row.officeId),
              chunk.map((w) => w.row.version),
              chunk.map((w) => seqOf.get(w.row.id)),
              chunk.map((w) => w.row.body),
              chunk.map((w) => w.expectedVersion),
            ],
          );
          for (const row of rows) written.add(String(row.id));
        }
        if (written.size !== writes.length) {
          // Under the counter lock nothing else writes this tenant's rows: a miss means a
          // row changed before the versions were read under the lock. Report it as a
          // conflict of the whole batch rather than leave gaps in the sequence.
          throw new Error(`${writes.length - written.size} rows of a batch changed meanwhile`);
        }
        if (writes.length > 0) await query(`UPDATE ${sequences} SET value = $2 WHERE tenant_id = $1`, [tenantId, seq]);
        return writes.map(() => true);
      },
      async insertMany(kind, rows) {
        for (const row of rows) checkStorable(kind, row);
        // The counter row first (locked until the transaction ends, as in put): no other
        // writer of the tenant can insert meanwhile, so the ids found stored now stay
        // the only ones stored, and the new rows take the next numbers without gaps.
        let seq = await lockCounter();
        const stored = await presentIds(kind, rows.map((row) => row.id));
        const fresh = rows.filter((row) => !stored.has(row.id));
        for (let start = 0; start < fresh.length; start += INSERT_CHUNK) {
          const chunk = fresh.slice(start, start + INSERT_CHUNK);
          const columns: [Id[], (Id | null)[], number[], number[], string[]] = [[], [], [], [], []];
          for (const row of chunk) {
            columns[0].push(row.id);
            columns[1].push(row.officeId);
            columns[2].push(row.version);
            columns[3].push((seq += 1));
            columns[4].push(row.body);
          }
          // One statement per chunk: the rows travel as five arrays. A plain INSERT: under
          // the counter lock none of these ids can have been stored since they were looked
          // up (if one had, the unique key fails the transaction instead of losing a row).
          await query(
            `INSERT INTO ${qualified(kind)} (tenant_id, id, office_id, version, seq, body)
               SELECT $1, * FROM unnest($2::text[], $3::text[], $4::integer[], $5::bigint[], $6::text[])`,
            [tenantId, ...columns],
          );
        }
        if (fresh.length > 0) await query(`UPDATE ${sequences} SET value = $2 WHERE tenant_id = $1`, [tenantId, seq]);
        return rows.map((row) => !stored.has(row.id));
      },
      async listByOffice(kind, officeId) {
        if (!storableText(officeId)) return [];
        const rows = await query(`SELECT ${COLUMNS} FROM ${qualified(kind)} WHERE tenant_id = $1 AND office_id = $2`, [
          tenantId,
          officeId,
        ]);
        return rows.map(rowOf);
      },
    };
  };

  /** The schema check and migrations, run once per store, by its first operation. */
  let ready: Promise<void> | undefined;
  const whenReady = (): Promise<void> => {
    if (ready === undefined) {
      const attempt = migratePostgres(connection, schema);
      ready = attempt;
      // A failure (server down, schema too new) is tried again by the next operation.
      attempt.catch(() => {
        if (ready === attempt) ready = undefined;
      });
    }
    return ready;
  };

  let closed = false;
  const pending = new Set<Promise<unknown>>();

  const driver: StorageDriver = {
    adapter: 'postgres',
    tenantId,
    capabilities: capabilitiesOf(connection),
    transaction<T>(work: (tx: DriverTransaction) => Promise<T>, options?: { readonly readOnly?: boolean }): Promise<T> {
      if (closed) return Promise.reject(new StoreError('postgres', 'this store was closed'));
      const access: Access = options?.readOnly === true ? 'read-only' : 'read-write';
      const result = (async () => {
        await whenReady();
        try {
          return await connection.transaction(access, (query) => work(transactionOf(query)));
        } catch (error) {
          if (!isRetryable(error)) throw error;
        }
        // Only reachable when something outside referwell's lock order got in the way
        // (a deadlock with the host's own transaction, a server default of
        // SERIALIZABLE): the work is run once more, from the start.
        return connection.transaction(access, (query) => work(transactionOf(query)));
      })();
      pending.add(result);
      void result.catch(() => undefined).finally(() => pending.delete(result));
      return result;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...pending]);
    },
  };
  return createStore(driver);
}
