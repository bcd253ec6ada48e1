/**
 * The SQLite storage adapter (`referwell/sqlite`): one tenant's records in a
 * better-sqlite3 12 database the host opened. better-sqlite3 is an optional peer
 * dependency; this module only takes the host's `Database` instance and never
 * loads the driver itself.
 *
 * @module
 */
export { sqliteMigrations, type SqliteMigrationInfo } from './migrations';
export { sqliteStore, type SqliteStoreOptions } from './sqlite-store';
