/**
 * The PostgreSQL adapter's test suite — the shared conformance suite plus the
 * adapter's own tests — registered for one backend: the real server (through a
 * `pg.Pool`, in `postgres.test.ts`) or PGlite (in `pglite.test.ts`). Two files, so
 * vitest runs the two backends in parallel. Each file uses its own schemas
 * (`rw_test_<pid>_<random>_<n>`), dropped afterwards.
 *
 * Only test files import this module (it imports vitest).
 *
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConflictError, CorruptRecordError, ReferwellError, StoreError, ValidationError } from '../../errors';
import { recordKinds } from '../../model/records';
import type { StoredKind } from '../../store/driver';
import type { ReferwellStore } from '../../store/store';
import { recordTables, tableOf } from '../../store/tables';
import { describeStoreConformance, type ConformanceHarness, type MigrationDatabase, type SeedRow } from '../../testing/conformance';
import { postgresMigrations, postgresStore, type PostgresQueryable } from './index';
import { latestPostgresVersion, migratePostgres, quoteIdentifier, recordedPostgresVersion } from './migrations';
import { connectionOf, type Query } from './queryable';
import { SERVER_AT, SERVER_URL, probeServer as probeServerAt } from '../../../test/postgres-server';

export { SERVER_AT, SERVER_URL };

const storedKinds: readonly StoredKind[] = ['practice', ...recordKinds];

/** The server's version when it answers; `undefined` otherwise (an error in CI). */
export const probeServer = (): Promise<string | undefined> => probeServerAt('the postgres tests', 1500);

/** One database to test on: the server through a pool, or one PGlite instance. */
export interface Backend {
  /** For titles, e.g. `PostgreSQL 15.20 at 127.0.0.1:5432/test`. */
  readonly label: string;
  readonly kind: 'server' | 'pglite';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The host's client the stores use: a pg.Pool or the PGlite instance. */
  client(): PostgresQueryable;
  /** Plain SQL on the same database, bypassing the adapter. */
  readonly raw: Query;
  /** A new schema name, dropped by stop(). */
  schemaName(): string;
}

/**
 * A backend, not started yet: the server through a `pg.Pool` of 10, or a new PGlite
 * instance. Its schemas come from {@link Backend.schemaName} and are dropped by stop().
 */
export function backendOf(kind: 'server' | 'pglite', serverVersion = ''): Backend {
  let pool: pg.Pool | undefined;
  let pglite: PGlite | undefined;
  const schemas: string[] = [];
  const base = `rw_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = (): PostgresQueryable => {
    const value = kind === 'server' ? pool : pglite;
    if (value === undefined) throw new Error('backend not started');
    return value;
  };
  const raw: Query = async (text, params) => (await client().query(text, params && [...params])).rows as Record<string, unknown>[];
  return {
    label: kind === 'server' ? `PostgreSQL ${serverVersion} at ${SERVER_AT}` : 'PGlite (in-process)',
    kind,
    async start() {
      if (kind === 'server') {
        pool = new pg.Pool({ connectionString: SERVER_URL, max: 10 });
        pool.on('error', () => undefined);
      } else {
        pglite = await PGlite.create();
        const [row] = await raw('SELECT version() AS v');
        console.info(`[referwell] PGlite backend: ${String(row?.v).split(',')[0]}`);
      }
    },
    async stop() {
      for (const schema of schemas) await raw(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      await pool?.end();
      await pglite?.close();
    },
    client,
    raw,
    schemaName() {
      const name = `${base}_${schemas.length}`;
      schemas.push(name);
      return name;
    },
  };
}

/** Raw reads and damage, bypassing the adapter. */
function inspectorOf(raw: Query, schema: string): ConformanceHarness['inspect'] {
  const table = (kind: StoredKind) => `${quoteIdentifier(schema)}.${tableOf(kind)}`;
  return {
    async readRow(kind, tenantId, id) {
      const [row] = await raw(`SELECT version, body FROM ${table(kind)} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return row === undefined ? undefined : { version: Number(row.version), body: String(row.body) };
    },
    async countRows(kind, tenantId) {
      const [row] = await raw(`SELECT count(*)::int AS n FROM ${table(kind)} WHERE tenant_id = $1`, [tenantId]);
      return Number(row?.n);
    },
    async corruptRow(kind, tenantId, id, body) {
      await raw(`UPDATE ${table(kind)} SET body = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, body]);
    },
  };
}

/**
 * Lays out `schema` at version `version` (through the real migrations) and stores
 * `rows` as that release would have: in the order given, with per-tenant sequence
 * numbers. Version 1 has no `office_id` column.
 */
async function layOut(backend: Backend, schema: string, version: number, rows: readonly SeedRow[]): Promise<void> {
  await migratePostgres(connectionOf(backend.client()), schema, version);
  const quoted = quoteIdentifier(schema);
  const seqs = new Map<string, number>();
  for (const row of rows) {
    const seq = (seqs.get(row.tenantId) ?? 0) + 1;
    seqs.set(row.tenantId, seq);
    const table = `${quoted}.${tableOf(row.kind)}`;
    if (version === 1) {
      await backend.raw(`INSERT INTO ${table} (tenant_id, id, version, seq, body) VALUES ($1, $2, $3, $4, $5)`, [
        row.tenantId,
        row.id,
        row.version,
        seq,
        row.body,
      ]);
    } else {
      await backend.raw(`INSERT INTO ${table} (tenant_id, id, office_id, version, seq, body) VALUES ($1, $2, $3, $4, $5, $6)`, [
        row.tenantId,
        row.id,
        row.officeId,
        row.version,
        seq,
        row.body,
      ]);
    }
  }
  for (const [tenantId, value] of seqs) {
    await backend.raw(`INSERT INTO ${quoted}.referwell_sequences (tenant_id, value) VALUES ($1, $2)`, [tenantId, value]);
  }
}

function migrationDatabase(backend: Backend, schema: string): MigrationDatabase {
  const quoted = quoteIdentifier(schema);
  return {
    createStore: (tenantId) => postgresStore(backend.client(), { tenantId, schema }),
    inspect: inspectorOf(backend.raw, schema),
    schemaVersion: () => recordedPostgresVersion(backend.raw, schema),
    async stampVersion(version) {
      await backend.raw(`INSERT INTO ${quoted}.referwell_migrations (version, name) VALUES ($1, 'from a newer release')`, [version]);
    },
    teardown: async () => {
      await backend.raw(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
    },
  };
}

const office = (tenantId: string, id = 'off-1', over: Record<string, unknown> = {}) => ({
  id,
  tenantId,
  name: 'Elm Street Pediatrics',
  kind: 'pediatrics' as const,
  timeZone: 'America/Chicago',
  ...over,
});
const contact = (tenantId: string, id: string, officeId: string) => ({
  id,
  tenantId,
  officeId,
  name: 'Dr. Ames',
  role: 'physician' as const,
});
const touchpoint = (tenantId: string, id: string, officeId = 'off-1', notes = '') => ({
  id,
  tenantId,
  officeId,
  at: '2026-02-02T15:00:00Z',
  channel: 'in-person' as const,
  purposes: ['follow-up' as const],
  minutes: 30,
  ...(notes === '' ? {} : { notes }),
});

/** Which error a promise rejected with. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Registers the conformance suite and the adapter's tests on `backend`. */
export function describePostgresAdapter(backend: Backend): void {
  describe(`postgres adapter on ${backend.label}`, () => {
    let schema = '';

    beforeAll(async () => {
      await backend.start();
      schema = backend.schemaName();
      await migratePostgres(connectionOf(backend.client()), schema);
    }, 60_000);
    afterAll(() => backend.stop(), 60_000);

    const capabilities =
      backend.kind === 'server'
        ? ({ durable: true, multiProcess: true, migrations: true } as const)
        : ({ durable: false, multiProcess: false, migrations: true } as const);

    describeStoreConformance({
      name: `postgres (${backend.label})`,
      capabilities,
      timeout: 20_000,
      async setup() {
        // Every test starts empty: the schema stays, its rows go.
        for (const table of [...recordTables, 'referwell_sequences']) {
          await backend.raw(`DELETE FROM ${quoteIdentifier(schema)}.${table}`);
        }
        return {
          createStore: (tenantId) => postgresStore(backend.client(), { tenantId, schema }),
          inspect: inspectorOf(backend.raw, schema),
        };
      },
      migrations: {
        currentVersion: latestPostgresVersion,
        async setupPrevious(rows) {
          const previous = backend.schemaName();
          await layOut(backend, previous, latestPostgresVersion - 1, rows);
          return migrationDatabase(backend, previous);
        },
      },
    });

    describe('adapter', () => {
      const store = (tenantId: string, on = schema) => postgresStore(backend.client(), { tenantId, schema: on });

      test('migrations are recorded in order, once', async () => {
        expect(postgresMigrations.map((m) => m.version)).toEqual([1, 2]);
        const rows = await backend.raw(
          `SELECT version, name, applied_at FROM ${quoteIdentifier(schema)}.referwell_migrations ORDER BY version`,
        );
        expect(rows.map((r) => [r.version, r.name])).toEqual(postgresMigrations.map((m) => [m.version, m.name]));
        expect(rows.every((r) => r.applied_at instanceof Date)).toBe(true);
      });

      test('every primary key and index leads with tenant_id; every stored kind has its table and indexes', async () => {
        const indexes = await backend.raw(
          `SELECT t.relname AS "table", i.relname AS "index", x.indisprimary AS "primary", x.indisunique AS "unique",
                  array_to_string(ARRAY(
                    SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS k (attnum, n)
                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n
                  ), ',') AS "columns"
             FROM pg_index x
             JOIN pg_class t ON t.oid = x.indrelid
             JOIN pg_class i ON i.oid = x.indexrelid
             JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = $1
            ORDER BY 1, 2`,
          [schema],
        );
        const tenantScoped = indexes.filter((row) => row.table !== 'referwell_migrations');
        expect(tenantScoped.length).toBeGreaterThanOrEqual(recordTables.length * 2 + 1);
        for (const row of tenantScoped) expect(String(row.columns), `${String(row.index)}`).toMatch(/^tenant_id(,|$)/);
        // The migrations table is not tenant data: a Citus reference table (see docs/storage.md).
        expect(indexes.filter((row) => row.table === 'referwell_migrations').map((r) => r.columns)).toEqual(['version']);

        const byTable = (table: string) => tenantScoped.filter((row) => row.table === table);
        for (const kind of storedKinds) {
          const table = tableOf(kind);
          const own = byTable(table);
          expect(own.find((row) => row.primary)?.columns, table).toBe('tenant_id,id');
          expect(own.find((row) => row.unique && !row.primary)?.columns, table).toBe('tenant_id,seq');
          if (['office', 'contact', 'touchpoint', 'referral', 'thank-you'].includes(kind)) {
            expect(own.find((row) => !row.unique)?.columns, table).toBe('tenant_id,office_id');
          }
        }
        expect(byTable('referwell_sequences').map((row) => [row.columns, row.primary])).toEqual([['tenant_id', true]]);

        const columns = await backend.raw(
          `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = $1 AND table_name = 'referwell_offices' ORDER BY ordinal_position`,
          [schema],
        );
        expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
          ['tenant_id', 'text', 'NO'],
          ['id', 'text', 'NO'],
          ['version', 'integer', 'NO'],
          ['seq', 'bigint', 'NO'],
          ['body', 'text', 'NO'],
          ['office_id', 'text', 'YES'],
        ]);
      });

      test('a version-1 schema migrates with its data: office ids filled from the bodies, a corrupt body kept and reported', async () => {
        const v1 = backend.schemaName();
        const t = 'tenant-v1';
        const body = (record: object) => JSON.stringify(record);
        await layOut(backend, v1, 1, [
          { kind: 'practice', tenantId: t, id: t, officeId: null, version: 1, body: body({ tenantId: t, name: 'P', timeZone: 'America/Chicago' }) },
          { kind: 'office', tenantId: t, id: 'off-1', officeId: 'off-1', version: 2, body: body(office(t)) },
          { kind: 'contact', tenantId: t, id: 'c-1', officeId: 'off-1', version: 1, body: body(contact(t, 'c-1', 'off-1')) },
          // Valid JSON that PostgreSQL's json parser refuses to take apart (escaped NUL, lone surrogate).
          {
            kind: 'touchpoint',
            tenantId: t,
            id: 'tp-1',
            officeId: 'off-1',
            version: 1,
            body: body(touchpoint(t, 'tp-1', 'off-1', 'nul \u0000 lone \uD800 end')),
          },
          { kind: 'touchpoint', tenantId: t, id: 'tp-bad', officeId: null, version: 1, body: '{"not json' },
        ]);
        expect(await recordedPostgresVersion(backend.raw, v1)).toBe(1);
        const columnsBefore = await backend.raw(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'referwell_touchpoints'`,
          [v1],
        );
        expect(columnsBefore.map((c) => c.column_name)).not.toContain('office_id');

        const s = store(t, v1);
        expect((await s.getPractice())?.record.name).toBe('P');
        expect(await recordedPostgresVersion(backend.raw, v1)).toBe(2);
        const filled = await backend.raw(`SELECT id, office_id FROM ${quoteIdentifier(v1)}.referwell_touchpoints ORDER BY id`);
        expect(filled.map((r) => [r.id, r.office_id])).toEqual([
          ['tp-1', 'off-1'],
          ['tp-bad', null],
        ]);
        const loaded = await s.loadOffice('off-1');
        expect(loaded?.contacts.map((c) => c.id)).toEqual(['c-1']);
        expect(loaded?.touchpoints.map((tp) => tp.notes)).toEqual(['nul \u0000 lone \uD800 end']);
        const bad = await failure(s.get('touchpoint', 'tp-bad'));
        expect(bad).toBeInstanceOf(CorruptRecordError);
        expect((bad as CorruptRecordError).id).toBe('tp-bad');
        // The sequence carries on after the rows the older release wrote.
        await s.appendTouchpoint(touchpoint(t, 'tp-2'));
        const [seq] = await backend.raw(`SELECT seq FROM ${quoteIdentifier(v1)}.referwell_touchpoints WHERE id = 'tp-2'`);
        expect(Number(seq?.seq)).toBe(6);
        await s.close();
      });

      test('a schema newer than this release is refused on first use, and nothing is created or changed', async () => {
        const newer = backend.schemaName();
        const quoted = quoteIdentifier(newer);
        await backend.raw(`CREATE SCHEMA ${quoted}`);
        await backend.raw(`CREATE TABLE ${quoted}.referwell_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
        await backend.raw(`INSERT INTO ${quoted}.referwell_migrations (version, name) VALUES (1, 'a'), (99, 'from the future')`);
        const s = store('t', newer);
        const error = await failure(s.savePractice({ tenantId: 't', name: 'P', timeZone: 'America/Chicago' }));
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).message).toBe(
          `[referwell] [postgres] the schema "${newer}" is at version 99, newer than this release of referwell knows (2); upgrade referwell to use it (the database was not changed)`,
        );
        // Tried again (not cached as done), refused again.
        expect(await failure(s.getPractice())).toBeInstanceOf(StoreError);
        const tables = await backend.raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [newer]);
        expect(tables.map((r) => r.table_name)).toEqual(['referwell_migrations']);
        await s.close();
      });

      test('a new schema opened by many stores at once is migrated exactly once', async () => {
        const fresh = backend.schemaName();
        // On the server: two pools, as two processes would have.
        const extra = backend.kind === 'server' ? new pg.Pool({ connectionString: SERVER_URL, max: 4 }) : undefined;
        const clients = extra === undefined ? [backend.client()] : [backend.client(), extra];
        try {
          const stores = Array.from({ length: 8 }, (_, i) =>
            postgresStore(clients[i % clients.length]!, { tenantId: `t${i}`, schema: fresh }),
          );
          await Promise.all(stores.map((s) => s.savePractice({ tenantId: s.tenantId, name: 'P', timeZone: 'UTC' })));
          const rows = await backend.raw(`SELECT version FROM ${quoteIdentifier(fresh)}.referwell_migrations ORDER BY version`);
          expect(rows.map((r) => r.version)).toEqual([1, 2]);
          for (const s of stores) expect((await s.getPractice())?.version).toBe(1);
          await Promise.all(stores.map((s) => s.close()));
        } finally {
          await extra?.end();
        }
      });

      test('concurrent writers of one tenant: no lost update, no duplicate, conflicts are typed, the sequence has no gaps', async () => {
        const t = `conc-${backend.kind}`;
        const s = store(t);
        await s.upsertOffice(office(t));
        const racing = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) => s.upsertOffice(office(t, 'off-1', { name: `Name ${i}` }), { expectedVersion: 1 })),
        );
        expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of racing) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
        }
        const appends = await Promise.all(Array.from({ length: 12 }, () => s.appendTouchpoint(touchpoint(t, 'tp-same'))));
        expect(appends.filter((r) => r.created)).toHaveLength(1);
        await Promise.all(Array.from({ length: 30 }, (_, i) => s.appendTouchpoint(touchpoint(t, `tp-${i}`))));
        const page = await s.list('touchpoint', { limit: 100 });
        expect(page.records).toHaveLength(31);
        // 1 office + 1 winning update + 31 touchpoints: every refused write gave its number back.
        const [counter] = await backend.raw(`SELECT value FROM ${quoteIdentifier(schema)}.referwell_sequences WHERE tenant_id = $1`, [t]);
        expect(Number(counter?.value)).toBe(33);
        const seqs = await backend.raw(
          `SELECT seq FROM ${quoteIdentifier(schema)}.referwell_touchpoints WHERE tenant_id = $1 UNION ALL
           SELECT seq FROM ${quoteIdentifier(schema)}.referwell_offices WHERE tenant_id = $1 ORDER BY 1`,
          [t],
        );
        // The office was written at 1 and moved to 2 by the winning update; the touchpoints follow.
        expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 32 }, (_, i) => i + 2));
        await s.close();
      });

      test('a snapshot is read from one consistent state while batches are written', async () => {
        const t = `snap-${backend.kind}`;
        const writer = store(t);
        const reader = store(t);
        await writer.savePractice({ tenantId: t, name: 'P', timeZone: 'America/Chicago' });
        let writing = true;
        const writes = (async () => {
          for (let i = 0; i < 40; i++) {
            await writer.write([
              { type: 'upsert', kind: 'office', record: office(t, `o-${i}`) },
              { type: 'upsert', kind: 'contact', record: contact(t, `c-${i}`, `o-${i}`) },
            ]);
          }
          writing = false;
        })();
        let reads = 0;
        while (writing || reads === 0) {
          const snapshot = await reader.loadSnapshot();
          const offices = new Set(snapshot.offices.map((o) => o.id));
          for (const c of snapshot.contacts) expect(offices.has(c.officeId), `contact ${c.id} without its office`).toBe(true);
          expect(snapshot.contacts).toHaveLength(snapshot.offices.length);
          reads += 1;
        }
        await writes;
        expect((await reader.loadSnapshot()).contacts).toHaveLength(40);
        await Promise.all([writer.close(), reader.close()]);
      });

      test('close() waits for pending operations, refuses new ones, and leaves the host client open', async () => {
        const s = store('closing');
        const pending = s.savePractice({ tenantId: 'closing', name: 'P', timeZone: 'UTC' });
        await s.close();
        expect((await pending).version).toBe(1);
        const error = await failure(s.getPractice());
        expect(error).toBeInstanceOf(StoreError);
        expect((error as Error).message).toBe('[referwell] [postgres] this store was closed');
        expect(await backend.raw('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      });

      test('driver failures are StoreErrors with the driver error as cause; the connection stays usable', async () => {
        const broken = backend.schemaName();
        const s = store('t', broken);
        await s.savePractice({ tenantId: 't', name: 'P', timeZone: 'UTC' });
        await backend.raw(`DROP TABLE ${quoteIdentifier(broken)}.referwell_clinicians`);
        const error = await failure(s.get('clinician', 'cl-1'));
        expect(error).toBeInstanceOf(StoreError);
        expect((error as Error).message).toMatch(/^\[referwell\] \[postgres\] relation ".*referwell_clinicians" does not exist$/);
        expect(((error as Error).cause as { code?: string }).code).toBe('42P01');
        expect((await s.getPractice())?.version).toBe(1);
        await s.close();
      });

      test('a server that cannot be reached is a StoreError, and the next operation tries again', async () => {
        const nowhere = new pg.Pool({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'test', connectionTimeoutMillis: 2000 });
        nowhere.on('error', () => undefined);
        try {
          const s = postgresStore(nowhere, { tenantId: 't' });
          for (let attempt = 0; attempt < 2; attempt++) {
            const error = await failure(s.getPractice());
            expect(error).toBeInstanceOf(StoreError);
            expect(ReferwellError.isInstance(error) && error.code).toBe('store-failure');
            expect((error as Error).message).toMatch(/^\[referwell\] \[postgres\] .*ECONNREFUSED/);
            expect(((error as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
          }
        } finally {
          await nowhere.end();
        }
      });

      test('ids PostgreSQL text cannot hold are refused, never stored altered', async () => {
        const s = store('odd-ids');
        await s.upsertOffice(office('odd-ids', 'off-ok'));
        for (const id of ['off-\uD800', 'off-\uDFFF', 'off-\u0000']) {
          expect(await failure(s.upsertOffice(office('odd-ids', id)))).toBeInstanceOf(ValidationError);
          // A read with such an id is refused by the store or finds nothing: never another record.
          const read = await s.get('office', id).catch((error: unknown) => error);
          if (read !== undefined) expect(read).toBeInstanceOf(ValidationError);
        }
        expect(await s.get('office', 'off-\uFFFD')).toBeUndefined();
        expect((await s.list('office')).records.map((r) => r.record.id)).toEqual(['off-ok']);
        await s.close();
      });

      test('the options are validated before anything runs', () => {
        const client = backend.client();
        for (const bad of ['Public', 'a-b', 'pg_catalog', 'x'.repeat(64), '"; DROP SCHEMA public; --', '', '1abc']) {
          expect(() => postgresStore(client, { tenantId: 't', schema: bad }), bad).toThrow(ValidationError);
        }
        expect(() => postgresStore(client, { tenantId: '' })).toThrow(ValidationError);
        expect(() => postgresStore(client, { tenantId: 'a\uDC00' })).toThrow(ValidationError);
        expect(() => postgresStore({} as PostgresQueryable, { tenantId: 't' })).toThrow(/query\(text, params\)/);
        expect(postgresStore(client, { tenantId: 't', schema: '_ok_1' }).tenantId).toBe('t');
      });

      test('never loads a driver itself: no run-time import of pg or PGlite', () => {
        const here = dirname(fileURLToPath(import.meta.url));
        const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'postgres-suite.ts');
        expect(sources).toContain('postgres-store.ts');
        for (const file of sources) {
          // Code lines only (the TSDoc examples show `import pg from 'pg'`).
          const code = readFileSync(join(here, file), 'utf8')
            .split('\n')
            .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line));
          for (const line of code) expect(line, file).not.toMatch(/from '(pg|@electric-sql\/pglite)[^']*'|require\(|import\(/);
        }
      });

      test(`capabilities: ${JSON.stringify(capabilities)}`, () => {
        expect(store('t').capabilities).toEqual(capabilities);
      });

      if (backend.kind === 'server') {
        test('a pg.Client (one connection) works: transactions are queued, a failed one is rolled back', async () => {
          const client = new pg.Client({ connectionString: SERVER_URL });
          await client.connect();
          try {
            const t = 'single-client';
            const [a, b] = [postgresStore(client, { tenantId: t, schema }), postgresStore(client, { tenantId: t, schema })];
            await a.upsertOffice(office(t));
            const results = await Promise.allSettled([
              ...Array.from({ length: 10 }, (_, i) => a.appendTouchpoint(touchpoint(t, `tp-${i}`))),
              b.write([
                { type: 'append', kind: 'touchpoint', record: touchpoint(t, 'tp-batch') },
                { type: 'append', kind: 'touchpoint', record: touchpoint(t, 'tp-x', 'no-such-office') },
              ]),
              ...Array.from({ length: 10 }, (_, i) => b.appendTouchpoint(touchpoint(t, `tp-b${i}`))),
            ]);
            expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
            expect(await b.get('touchpoint', 'tp-batch')).toBeUndefined();
            expect((await a.list('touchpoint')).records).toHaveLength(20);
            const [state] = (await client.query('SELECT now() = statement_timestamp() AS idle')).rows;
            expect(state.idle).toBe(true); // not left inside a transaction
            await Promise.all([a.close(), b.close()]);
          } finally {
            await client.end();
          }
        });

        test('a client checked out of a pool works as one connection', async () => {
          const checkedOut = await (backend.client() as pg.Pool).connect();
          try {
            const s = postgresStore(checkedOut, { tenantId: 'checked-out', schema });
            await s.savePractice({ tenantId: 'checked-out', name: 'P', timeZone: 'UTC' });
            expect((await s.getPractice())?.version).toBe(1);
          } finally {
            checkedOut.release();
          }
        });
      } else {
        test('PGlite: the host’s own queries wait while a store transaction is open', async () => {
          const t = 'pglite-host';
          const s = store(t);
          const writing = s.write([
            { type: 'upsert', kind: 'office', record: office(t) },
            ...Array.from({ length: 20 }, (_, i) => ({ type: 'append' as const, kind: 'touchpoint' as const, record: touchpoint(t, `tp-${i}`) })),
          ]);
          // Issued while the batch runs; must not see (or join) half of it.
          const [count] = await backend.raw(`SELECT count(*)::int AS n FROM ${quoteIdentifier(schema)}.referwell_touchpoints WHERE tenant_id = $1`, [t]);
          await writing;
          expect([0, 20]).toContain(count?.n);
          await s.close();
        });
      }
    });
  });
}

/** Compile-time: the structural type accepts the real clients. */
function acceptsClients(pool: pg.Pool, client: pg.Client, poolClient: pg.PoolClient, pglite: PGlite): ReferwellStore[] {
  return [pool, client, poolClient, pglite].map((c) => postgresStore(c, { tenantId: 't' }));
}
void acceptsClients;
