/**
 * Benchmark (f): the SQLite adapter's import (one `store.write` batch) and
 * `loadSnapshot`, against raw better-sqlite3 writing the same rows (prepared
 * statements, one transaction) and reading them back (plain `SELECT`, bodies
 * decoded with `JSON.parse`).
 *
 * @module
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStore } from '../../src/adapters/sqlite/index';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { recordTables, tableOf } from '../../src/store/tables';
import { countRecords, importSnapshot } from './fixtures';
import { countRaw, officeTables, rawCollections, rawRows, type RawSnapshot } from './raw-rows';
import { median, timeAsync, collectGarbage, type TimingOptions } from './timing';

/**
 * Adapter and raw timings of one operation.
 *
 * @category Benchmark
 */
export interface VersusRaw {
  /** The adapter's median, in ms. */
  readonly adapterMs: number;
  /** The raw driver's median, in ms. */
  readonly rawMs: number;
  /** Every adapter run, in ms. */
  readonly adapterRunsMs: readonly number[];
  /** Every raw run, in ms. */
  readonly rawRunsMs: readonly number[];
}

/**
 * Whether the adapter and the raw baseline hold and load the same records.
 *
 * @category Benchmark
 */
export interface StorageCheck {
  /** Rows per table, adapter vs raw (tables with a difference are listed in `differences`). */
  readonly rows: Readonly<Record<string, { readonly adapter: number; readonly raw: number }>>;
  /** Records loaded by the adapter and by the raw read. */
  readonly loaded: { readonly adapter: number; readonly raw: number; readonly expected: number };
  /** What differs; empty when the check passes. */
  readonly differences: readonly string[];
}

/**
 * The figure of (f) or (g).
 *
 * @category Benchmark
 */
export interface StorageFigure {
  readonly import: VersusRaw;
  readonly load: VersusRaw;
  readonly check: StorageCheck;
}

/**
 * Compares row counts and loaded record counts.
 *
 * @param adapterRows - Rows per table in the adapter's database.
 * @param rawRowCounts - Rows per table in the raw database.
 * @param loaded - Records loaded each way, and how many the fixture holds.
 * @returns The check.
 * @example
 * ```ts
 * compareStorage({ t: 2 }, { t: 2 }, { adapter: 2, raw: 2, expected: 2 }).differences; //=> []
 * ```
 * @category Benchmark
 */
export function compareStorage(
  adapterRows: Readonly<Record<string, number>>,
  rawRowCounts: Readonly<Record<string, number>>,
  loaded: StorageCheck['loaded'],
): StorageCheck {
  const differences: string[] = [];
  const rows: Record<string, { adapter: number; raw: number }> = {};
  for (const table of recordTables) {
    const adapter = adapterRows[table] ?? 0;
    const raw = rawRowCounts[table] ?? 0;
    rows[table] = { adapter, raw };
    if (adapter !== raw) differences.push(`${table}: adapter ${adapter} rows, raw ${raw}`);
  }
  if (loaded.adapter !== loaded.raw || loaded.adapter !== loaded.expected) {
    differences.push(`loaded records: adapter ${loaded.adapter}, raw ${loaded.raw}, fixture ${loaded.expected}`);
  }
  return { rows, loaded, differences };
}

/** Creates the adapter's tables (as of its schema version 2) in a raw database. */
function createRawSqliteTables(db: Database.Database): void {
  for (const table of recordTables) {
    db.exec(
      `CREATE TABLE ${table} (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
         body TEXT NOT NULL, office_id TEXT, PRIMARY KEY (tenant_id, id));
       CREATE UNIQUE INDEX ${table}_seq ON ${table} (tenant_id, seq);`,
    );
    if (officeTables.has(table)) db.exec(`CREATE INDEX ${table}_office ON ${table} (tenant_id, office_id);`);
  }
}

/**
 * Raw import: every row through one prepared `INSERT` per table, in one transaction.
 *
 * @param db - A database with the raw tables.
 * @param tenantId - The tenant.
 * @param snapshot - The records.
 * @returns When written.
 * @example
 * ```ts
 * rawSqliteImport(db, 'demo', snapshot);
 * ```
 * @category Benchmark
 */
export function rawSqliteImport(db: Database.Database, tenantId: string, snapshot: PracticeSnapshot): void {
  const write = db.transaction(() => {
    for (const [table, rows] of rawRows(snapshot)) {
      const insert = db.prepare(
        `INSERT INTO ${table} (tenant_id, id, office_id, version, seq, body) VALUES (?, ?, ?, 1, ?, ?)`,
      );
      for (const row of rows) insert.run(tenantId, row.id, row.officeId, row.seq, row.body);
    }
  });
  write.immediate();
}

/**
 * Raw load: a plain `SELECT` per table in change order, each body decoded with
 * `JSON.parse` (no validation).
 *
 * @param db - A database with the raw tables.
 * @param tenantId - The tenant.
 * @returns The records.
 * @example
 * ```ts
 * rawSqliteLoad(db, 'demo').touchpoints.length; //=> 199976
 * ```
 * @category Benchmark
 */
export function rawSqliteLoad(db: Database.Database, tenantId: string): RawSnapshot {
  const read = db.transaction(() => {
    const select = (table: string) =>
      (db.prepare(`SELECT id, office_id, version, seq, body FROM ${table} WHERE tenant_id = ? ORDER BY seq`).all(tenantId) as {
        body: string;
      }[]).map((row) => JSON.parse(row.body) as unknown);
    const loaded = { practice: select(tableOf('practice'))[0] } as RawSnapshot;
    for (const [key, table] of rawCollections) loaded[key] = select(table);
    return loaded;
  });
  return read.deferred();
}

/** Rows per record table. */
function sqliteRowCounts(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of recordTables) {
    counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

/**
 * Measures (f). Each run imports the fixture into a fresh database file twice —
 * through the adapter (`savePractice`, then one `store.write` batch) and raw —
 * and loads it back each way; adapter and raw alternate. Runs go to a temporary
 * directory, removed afterwards.
 *
 * @param snapshot - The fixture, as the store returned it.
 * @param options - Warm-up and timed runs (each run is a full import and load).
 * @returns The medians and the check.
 * @throws Whatever better-sqlite3 or the store throws.
 * @example
 * ```ts
 * const figure = await measureSqlite(snapshot, { warmups: 0, runs: 3 });
 * figure.import.adapterMs / figure.import.rawMs; //=> 1.4
 * ```
 * @category Benchmark
 */
export async function measureSqlite(snapshot: PracticeSnapshot, options: TimingOptions = {}): Promise<StorageFigure> {
  const tenantId = snapshot.practice.tenantId;
  const gc = collectGarbage();
  const dir = mkdtempSync(join(tmpdir(), 'referwell-bench-'));
  const runs = { adapterImport: [] as number[], rawImport: [] as number[], adapterLoad: [] as number[], rawLoad: [] as number[] };
  let check: StorageCheck | undefined;
  try {
    const total = (options.warmups ?? 1) + (options.runs ?? 3);
    for (let run = 0; run < total; run += 1) {
      const timed = run >= (options.warmups ?? 1);
      const runDir = mkdtempSync(join(dir, `run-${run}-`));
      const adapterDb = new Database(join(runDir, 'adapter.db'));
      const rawDb = new Database(join(runDir, 'raw.db'));
      try {
        const store = sqliteStore(adapterDb, { tenantId });
        rawDb.pragma('journal_mode = WAL');
        createRawSqliteTables(rawDb);
        gc();
        const adapterImport = await timeAsync(() => importSnapshot(store, snapshot));
        gc();
        const rawImport = await timeAsync(async () => rawSqliteImport(rawDb, tenantId, snapshot));
        gc();
        let adapterLoaded: PracticeSnapshot | undefined;
        const adapterLoad = await timeAsync(async () => (adapterLoaded = await store.loadSnapshot()));
        const adapterCount = countRecords(adapterLoaded!);
        adapterLoaded = undefined;
        gc();
        let rawLoaded: RawSnapshot | undefined;
        const rawLoad = await timeAsync(async () => (rawLoaded = rawSqliteLoad(rawDb, tenantId)));
        const rawCount = countRaw(rawLoaded!);
        rawLoaded = undefined;
        if (timed) {
          runs.adapterImport.push(adapterImport);
          runs.rawImport.push(rawImport);
          runs.adapterLoad.push(adapterLoad);
          runs.rawLoad.push(rawLoad);
        }
        check ??= compareStorage(sqliteRowCounts(adapterDb), sqliteRowCounts(rawDb), {
          adapter: adapterCount,
          raw: rawCount,
          expected: countRecords(snapshot),
        });
        await store.close();
      } finally {
        adapterDb.close();
        rawDb.close();
        rmSync(runDir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    import: versus(runs.adapterImport, runs.rawImport),
    load: versus(runs.adapterLoad, runs.rawLoad),
    check: check!,
  };
}

/**
 * Pairs adapter and raw runs into medians.
 *
 * @param adapterRunsMs - The adapter's runs.
 * @param rawRunsMs - The raw runs.
 * @returns The medians and the runs.
 * @example
 * ```ts
 * versus([3, 1, 2], [1, 1, 1]).adapterMs; //=> 2
 * ```
 * @category Benchmark
 */
export function versus(adapterRunsMs: readonly number[], rawRunsMs: readonly number[]): VersusRaw {
  return { adapterMs: median(adapterRunsMs), rawMs: median(rawRunsMs), adapterRunsMs, rawRunsMs };
}
