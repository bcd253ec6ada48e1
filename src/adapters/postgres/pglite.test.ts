/**
 * The PostgreSQL adapter against PGlite (PostgreSQL compiled to WASM, in-process):
 * runs everywhere, server or not. One instance for the file (it takes seconds to
 * start), a fresh schema per suite.
 */
import { backendOf, describePostgresAdapter } from './postgres-suite';

console.info('[referwell] postgres tests ran against: PGlite (in-process)');
describePostgresAdapter(backendOf('pglite'));
