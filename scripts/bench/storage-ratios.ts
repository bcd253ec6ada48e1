/**
 * Targets (e), (f) and (g) of issue 7: the store's import and snapshot load
 * against raw drivers doing the same rows, and heap bytes per record of a loaded
 * snapshot.
 *
 * Run: `node --expose-gc --import tsx scripts/bench/storage-ratios.ts [sqlite|postgres|heap|all]`
 * Env: `SIZE=large|small` (default large), `RUNS` (default 3), `BATCH` (records per
 * `store.write` call, default 1000), `PG_URL` (default postgres://postgres@127.0.0.1:5432/test).
 *
 * Fairness (the same for every adapter):
 * - the rows are the generated "large" practice (seed 1; 2,000 offices, 200,000
 *   touchpoints, 20,000 referrals) in the order offices, contacts, clinicians,
 *   messages, touchpoints, referrals, thank-yous, decisions;
 * - the raw side writes into tables of the same shape as the adapter's
 *   (`tenant_id, id, office_id, version, seq, body`, primary key
 *   `(tenant_id, id)`, the same `seq` and office indexes), the body being
 *   `JSON.stringify(record)`; SQLite: one prepared INSERT per table in one
 *   transaction; PostgreSQL: multi-row INSERTs of 1,000 rows in one transaction;
 * - the raw load is a plain `SELECT id, office_id, version, seq, body … ORDER BY seq`
 *   per table with `JSON.parse` of each body into the same record objects the
 *   store returns (the adapter stores JSON, so the raw side decodes it too);
 * - the adapter import is `store.write([...])` of `BATCH` append/upsert operations
 *   per call (every record validated, its office checked, versioned, sequenced);
 *   the adapter load is `store.loadSnapshot()` (every row validated).
 * Each figure is the median of `RUNS` runs after one warm-up, in one process.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStore } from '../../src/adapters/memory/index';
import { postgresStore } from '../../src/adapters/postgres/index';
import { sqliteStore } from '../../src/adapters/sqlite/index';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import type { ReferwellStore, WriteOperation } from '../../src/store/store';
import { generatePractice } from '../../src/testing/generator';

const size = process.env.SIZE ?? 'large';
const RUNS = Number(process.env.RUNS ?? 3);
const BATCH = Number(process.env.BATCH ?? 1000);
const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const what = process.argv[2] ?? 'all';
const tenantId = 'demo';

const snapshot: PracticeSnapshot =
  size === 'small'
    ? generatePractice({ seed: 1, offices: 50, now: '2026-03-02T14:00:00Z' })
    : generatePractice({ seed: 1, offices: 2000, now: '2026-03-02T14:00:00Z', touchpoints: 200_000, referrals: 20_000 });

/** The record collections in import order, with their kind and table. */
const collections = [
  ['office', 'offices', 'referwell_offices'],
  ['contact', 'contacts', 'referwell_contacts'],
  ['clinician', 'clinicians', 'referwell_clinicians'],
  ['practice-message', 'messages', 'referwell_practice_messages'],
  ['touchpoint', 'touchpoints', 'referwell_touchpoints'],
  ['referral', 'referrals', 'referwell_referrals'],
  ['thank-you', 'thankYous', 'referwell_thank_yous'],
  ['action-decision', 'decisions', 'referwell_action_decisions'],
] as const;
const upserted = new Set(['office', 'contact', 'clinician', 'practice-message']);
const records = collections.reduce((n, [, key]) => n + snapshot[key].length, 0);

function operations(): WriteOperation[] {
  const ops: WriteOperation[] = [];
  for (const [kind, key] of collections) {
    for (const record of snapshot[key]) {
      ops.push(upserted.has(kind) ? ({ type: 'upsert', kind, record } as WriteOperation) : ({ type: 'append', kind, record } as WriteOperation));
    }
  }
  return ops;
}

async function importThrough(store: ReferwellStore): Promise<void> {
  await store.savePractice(snapshot.practice);
  const ops = operations();
  for (let i = 0; i < ops.length; i += BATCH) await store.write(ops.slice(i, i + BATCH));
}

function officeOf(kind: string, record: { id: string; officeId?: string }): string | null {
  if (kind === 'office') return record.id;
  return kind === 'contact' || kind === 'touchpoint' || kind === 'referral' || kind === 'thank-you' ? (record.officeId ?? null) : null;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function timeRuns(label: string, run: () => Promise<void> | void): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    globalThis.gc?.();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  console.log(`  ${label}: ${times.map(fmt).join(', ')} → median ${fmt(median(times))}`);
  return median(times);
}

// ---------------------------------------------------------------- SQLite (f)

const SQLITE_DDL = (table: string) => `
  CREATE TABLE ${table} (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
    body TEXT NOT NULL, office_id TEXT, PRIMARY KEY (tenant_id, id));
  CREATE UNIQUE INDEX ${table}_seq ON ${table} (tenant_id, seq);
  CREATE INDEX ${table}_office ON ${table} (tenant_id, office_id);`;

async function sqliteBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rw-ratio-'));
  let n = 0;
  const fresh = () => {
    const db = new Database(join(dir, `db${(n += 1)}.db`));
    db.pragma('journal_mode = WAL');
    return db;
  };
  console.log(`SQLite (f), ${records} records, file databases in WAL mode, store batches of ${BATCH}`);

  const rawImport = (db: Database.Database) => {
    db.exec(`CREATE TABLE referwell_practices (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, office_id TEXT, PRIMARY KEY (tenant_id, id));`);
    for (const [, , table] of collections) db.exec(SQLITE_DDL(table));
    let seq = 0;
    db.transaction(() => {
      db.prepare('INSERT INTO referwell_practices (tenant_id, id, office_id, version, seq, body) VALUES (?, ?, NULL, 1, ?, ?)').run(
        tenantId,
        tenantId,
        (seq += 1),
        JSON.stringify(snapshot.practice),
      );
      for (const [kind, key, table] of collections) {
        const insert = db.prepare(`INSERT INTO ${table} (tenant_id, id, office_id, version, seq, body) VALUES (?, ?, ?, 1, ?, ?)`);
        for (const record of snapshot[key] as readonly { id: string; officeId?: string }[]) {
          insert.run(tenantId, record.id, officeOf(kind, record), (seq += 1), JSON.stringify(record));
        }
      }
    })();
  };
  const rawLoad = (db: Database.Database): PracticeSnapshot => {
    const out: Record<string, unknown> = {};
    db.transaction(() => {
      const row = db.prepare('SELECT body FROM referwell_practices WHERE tenant_id = ? AND id = ?').get(tenantId, tenantId) as { body: string };
      out.practice = JSON.parse(row.body);
      for (const [, key, table] of collections) {
        const rows = db.prepare(`SELECT id, office_id, version, seq, body FROM ${table} WHERE tenant_id = ? ORDER BY seq`).all(tenantId) as { body: string }[];
        out[key] = rows.map((r) => JSON.parse(r.body));
      }
    })();
    return out as unknown as PracticeSnapshot;
  };

  const rawImportMs = await timeRuns('raw import', () => {
    const db = fresh();
    rawImport(db);
    db.close();
  });
  const rawDb = fresh();
  rawImport(rawDb);
  const rawLoadMs = await timeRuns('raw load', () => void rawLoad(rawDb));

  const storeImportMs = await timeRuns('store import', async () => {
    const db = fresh();
    const store = sqliteStore(db, { tenantId });
    await importThrough(store);
    await store.close();
    db.close();
  });
  const db = fresh();
  const store = sqliteStore(db, { tenantId });
  await importThrough(store);
  const loaded = await store.loadSnapshot();
  if (loaded.touchpoints.length !== snapshot.touchpoints.length) throw new Error('sqlite: wrong touchpoint count');
  const storeLoadMs = await timeRuns('store loadSnapshot', async () => void (await store.loadSnapshot()));
  console.log(
    `  ratios: import ${(storeImportMs / rawImportMs).toFixed(2)}× raw, load ${(storeLoadMs / rawLoadMs).toFixed(2)}× raw, ` +
      `import+load ${((storeImportMs + storeLoadMs) / (rawImportMs + rawLoadMs)).toFixed(2)}× raw (target ≤ 1.5×)`,
  );
  await store.close();
  db.close();
  rawDb.close();
  rmSync(dir, { recursive: true });
}

// -------------------------------------------------------------- Postgres (g)

async function postgresBench(): Promise<void> {
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  const prefix = `rw_ratio_${process.pid}`;
  let n = 0;
  const schemas: string[] = [];
  const freshSchema = () => {
    const name = `${prefix}_${(n += 1)}`;
    schemas.push(name);
    return name;
  };
  console.log(`PostgreSQL (g), ${records} records, store batches of ${BATCH}, raw INSERTs of 1,000 rows`);

  const rawImport = async (schema: string) => {
    const client = await pool.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      for (const table of ['referwell_practices', ...collections.map((c) => c[2])]) {
        await client.query(`CREATE TABLE ${schema}.${table} (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
          seq BIGINT NOT NULL, body TEXT NOT NULL, office_id TEXT, PRIMARY KEY (tenant_id, id))`);
        await client.query(`CREATE UNIQUE INDEX ON ${schema}.${table} (tenant_id, seq)`);
        await client.query(`CREATE INDEX ON ${schema}.${table} (tenant_id, office_id)`);
      }
      await client.query('BEGIN');
      let seq = 0;
      await client.query(`INSERT INTO ${schema}.referwell_practices VALUES ($1, $1, 1, $2, $3, NULL)`, [
        tenantId,
        (seq += 1),
        JSON.stringify(snapshot.practice),
      ]);
      for (const [kind, key, table] of collections) {
        const all = snapshot[key] as readonly { id: string; officeId?: string }[];
        for (let i = 0; i < all.length; i += 1000) {
          const chunk = all.slice(i, i + 1000);
          const params: unknown[] = [];
          const tuples = chunk.map((record) => {
            const base = params.length;
            params.push(tenantId, record.id, officeOf(kind, record), (seq += 1), JSON.stringify(record));
            return `($${base + 1}, $${base + 2}, 1, $${base + 4}, $${base + 5}, $${base + 3})`;
          });
          await client.query(`INSERT INTO ${schema}.${table} (tenant_id, id, version, seq, body, office_id) VALUES ${tuples.join(', ')}`, params);
        }
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const rawLoad = async (schema: string) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const out: Record<string, unknown> = {};
      const practice = await client.query(`SELECT body FROM ${schema}.referwell_practices WHERE tenant_id = $1 AND id = $1`, [tenantId]);
      out.practice = JSON.parse(practice.rows[0].body);
      for (const [, key, table] of collections) {
        const result = await client.query(`SELECT id, office_id, version, seq, body FROM ${schema}.${table} WHERE tenant_id = $1 ORDER BY seq`, [tenantId]);
        out[key] = result.rows.map((r: { body: string }) => JSON.parse(r.body));
      }
      await client.query('COMMIT');
      return out;
    } finally {
      client.release();
    }
  };

  const rawImportMs = await timeRuns('raw import', () => rawImport(freshSchema()));
  const rawSchema = freshSchema();
  await rawImport(rawSchema);
  const rawLoadMs = await timeRuns('raw load', async () => void (await rawLoad(rawSchema)));

  const storeImportMs = await timeRuns('store import', async () => {
    const schema = freshSchema();
    // The migrations are not part of the import: run them before the clock starts? They run in the
    // store's first operation (savePractice), a few ms, inside the timing.
    const store = postgresStore(pool, { tenantId, schema });
    await importThrough(store);
    await store.close();
  });
  const store = postgresStore(pool, { tenantId, schema: freshSchema() });
  await importThrough(store);
  const loaded = await store.loadSnapshot();
  if (loaded.touchpoints.length !== snapshot.touchpoints.length) throw new Error('postgres: wrong touchpoint count');
  const storeLoadMs = await timeRuns('store loadSnapshot', async () => void (await store.loadSnapshot()));
  console.log(
    `  ratios: import ${(storeImportMs / rawImportMs).toFixed(2)}× raw, load ${(storeLoadMs / rawLoadMs).toFixed(2)}× raw, ` +
      `import+load ${((storeImportMs + storeLoadMs) / (rawImportMs + rawLoadMs)).toFixed(2)}× raw (target ≤ 2×)`,
  );
  await store.close();
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
}

// ------------------------------------------------------------------ heap (e)

async function heapBench(): Promise<void> {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  console.log(`Heap bytes per record of a loaded snapshot (e), ${records} records (+ practice)`);
  const dir = mkdtempSync(join(tmpdir(), 'rw-heap-'));
  const db = new Database(join(dir, 'heap.db'));
  const stores: [string, ReferwellStore][] = [
    ['memory', memoryStore({ tenantId })],
    ['sqlite', sqliteStore(db, { tenantId })],
  ];
  for (const [name, store] of stores) {
    await importThrough(store);
    await store.loadSnapshot(); // warm-up: compiled code and caches are not part of the snapshot
    const perRecord: number[] = [];
    // One holder, emptied before each measurement; an unrelated read after each
    // load, so that no awaited temporary still holds the previous snapshot.
    const holder: { kept: PracticeSnapshot | undefined } = { kept: undefined };
    for (let i = 0; i < RUNS; i += 1) {
      holder.kept = undefined;
      await store.getPractice();
      gc();
      gc();
      const before = process.memoryUsage().heapUsed;
      holder.kept = await store.loadSnapshot();
      await store.getPractice();
      gc();
      gc();
      const after = process.memoryUsage().heapUsed;
      perRecord.push((after - before) / records);
      if (holder.kept.touchpoints.length !== snapshot.touchpoints.length) throw new Error('wrong count');
    }
    holder.kept = undefined;
    console.log(`  ${name}: ${perRecord.map((b) => b.toFixed(0)).join(', ')} B/record → median ${median(perRecord).toFixed(0)} (target ≤ 300)`);
  }
  // The generator's own objects, for comparison (the same records, built in memory).
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = generatePractice({ seed: 2, offices: size === 'small' ? 50 : 2000, now: '2026-03-02T14:00:00Z', ...(size === 'small' ? {} : { touchpoints: 200_000, referrals: 20_000 }) });
  gc();
  gc();
  console.log(`  generator's own snapshot: ${((process.memoryUsage().heapUsed - before) / records).toFixed(0)} B/record (${kept.offices.length} offices)`);
  db.close();
  rmSync(dir, { recursive: true });
}

console.log(`${size}: ${records} records (${snapshot.touchpoints.length} touchpoints, ${snapshot.referrals.length} referrals, ${snapshot.contacts.length} contacts)`);
if (what === 'sqlite' || what === 'all') await sqliteBench();
if (what === 'heap' || what === 'all') await heapBench();
if (what === 'postgres' || what === 'all') await postgresBench();
