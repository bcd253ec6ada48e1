/**
 * The PostgreSQL storage adapter (`referwell/postgres`): one tenant's records in a
 * PostgreSQL database, through a `pg.Pool`, a `pg.Client` or a PGlite instance the
 * host built. `pg` is an optional peer dependency; this module never loads a
 * driver itself, it only calls the host's object.
 *
 * @module
 */
export { postgresMigrations, type PostgresMigrationInfo } from './migrations';
export { postgresStore, type PostgresStoreOptions } from './postgres-store';
export type { PostgresQueryable, PostgresQueryResult } from './queryable';
