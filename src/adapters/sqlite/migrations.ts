/**
 * The SQLite schema as an ordered list of forward-only migrations, and the code
 * that applies them. Each migration runs in its own `BEGIN IMMEDIATE` transaction
 * and is recorded in `referwell_migrations`; a database whose recorded version is
 * newer than this list is refused and left untouched.
 *
 * @module
 */
import type Database from 'better-sqlite3';
import { match } from 'ts-pattern';
import { StoreError } from '../../errors';
import { tablesAtSchemaV1 as tablesV1, type MigrationInfo } from '../../store/tables';


/** One schema step: its version (1, 2, …), a name, and the SQL it runs. */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

/**
 * The migrations, oldest first. Forward only: released entries are never edited
 * or removed; a change to the schema is a new entry at the end.
 */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'record tables and change sequence',
    up: (db) => {
      db.exec('CREATE TABLE referwell_sequences (tenant_id TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;');
      for (const table of tablesV1) {
        db.exec(
          `CREATE TABLE ${table} (
             tenant_id TEXT NOT NULL,
             id TEXT NOT NULL,
             version INTEGER NOT NULL,
             seq INTEGER NOT NULL,
             body TEXT NOT NULL,
             PRIMARY KEY (tenant_id, id)
           );
           CREATE UNIQUE INDEX ${table}_seq ON ${table} (tenant_id, seq);`,
        );
      }
    },
  },
  {
    version: 2,
    name: 'office index',
    up: (db) => {
      for (const table of tablesV1) {
        // Filled from the body for rows written before this version; a body that is
        // not JSON (a corrupt row) gets NULL here and is reported when it is read.
        const fill = match(table)
          .with('referwell_offices', () => 'id')
          .with(
            'referwell_contacts',
            'referwell_touchpoints',
            'referwell_referrals',
            'referwell_thank_yous',
            () => "CASE WHEN json_valid(body) THEN json_extract(body, '$.officeId') END",
          )
          .with(
            'referwell_practices',
            'referwell_clinicians',
            'referwell_practice_messages',
            'referwell_action_decisions',
            () => undefined,
          )
          .exhaustive();
        db.exec(`ALTER TABLE ${table} ADD COLUMN office_id TEXT;`);
        if (fill !== undefined) {
          db.exec(`UPDATE ${table} SET office_id = ${fill};`);
          db.exec(`CREATE INDEX ${table}_office ON ${table} (tenant_id, office_id);`);
        }
      }
    },
  },
];

/** One entry of {@link sqliteMigrations}. @category Storage */
export type SqliteMigrationInfo = MigrationInfo;

/**
 * The SQLite adapter's migrations, oldest first (read-only information: the
 * versions and names recorded in `referwell_migrations`).
 *
 * @example
 * ```ts
 * sqliteMigrations.map((m) => m.version); //=> [1, 2]
 * sqliteMigrations.at(-1)?.name; //=> 'office index'
 * ```
 * @category Storage
 */
export const sqliteMigrations: readonly SqliteMigrationInfo[] = Object.freeze(
  migrations.map(({ version, name }) => Object.freeze({ version, name })),
);

/** The schema version this release writes. */
export const latestSqliteVersion = migrations[migrations.length - 1]!.version;

/** The highest recorded migration version, or 0 for a database referwell never touched. */
export function recordedSqliteVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'referwell_migrations'").get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM referwell_migrations').safeIntegers(false).get() as
    | { version: number | null }
    | undefined;
  return row?.version ?? 0;
}

function refuseNewer(version: number): never {
  throw new StoreError(
    'sqlite',
    `the database schema is at version ${version}, newer than this release of referwell knows (${latestSqliteVersion}); ` +
      'upgrade referwell to use it (the database was not changed)',
  );
}

/**
 * Throws when the database's schema is newer than this release; reads only.
 *
 * @throws {@link StoreError} naming both versions.
 */
export function checkNotNewer(db: Database.Database): void {
  const recorded = recordedSqliteVersion(db);
  if (recorded > latestSqliteVersion) refuseNewer(recorded);
}

/**
 * Brings the database's schema up to `target` (default: the latest), one
 * migration per `BEGIN IMMEDIATE` transaction, each recorded in
 * `referwell_migrations`. Safe to run from several processes at once: the
 * version is re-read under the write lock, so each migration runs once.
 *
 * @throws {@link StoreError} when the database's schema is newer than this release.
 */
export function migrateSqlite(db: Database.Database, target: number = latestSqliteVersion): void {
  // Read first, without a write lock: a newer database is refused untouched, and an
  // up-to-date one needs no write transaction at all.
  const recorded = recordedSqliteVersion(db);
  if (recorded > latestSqliteVersion) refuseNewer(recorded);
  if (recorded >= target) return;
  for (;;) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(
        'CREATE TABLE IF NOT EXISTS referwell_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);',
      );
      const current = recordedSqliteVersion(db);
      if (current > latestSqliteVersion) refuseNewer(current);
      const next = migrations.find((migration) => migration.version > current);
      if (next === undefined || next.version > target) {
        db.exec('COMMIT');
        return;
      }
      next.up(db);
      db.prepare(
        "INSERT INTO referwell_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
      ).run(next.version, next.name);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
