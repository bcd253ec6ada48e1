/**
 * The PostgreSQL adapter against the real server (127.0.0.1:5432, database `test`,
 * or `REFERWELL_POSTGRES_URL`), in a fresh schema dropped afterwards. When the
 * server does not answer, one test says so by name (nothing is skipped) — PGlite covers the
 * same suite in `pglite.test.ts`, so `npm test` passes on a laptop without a
 * server — except in CI (`CI` set), where an unreachable server fails this file.
 */
import { describe, expect, test } from 'vitest';
import { SERVER_AT, backendOf, describePostgresAdapter, probeServer } from './postgres-suite';

const serverVersion = await probeServer();

if (serverVersion === undefined) {
  console.info(`[referwell] postgres tests ran against: no server (nothing answered at ${SERVER_AT}); PGlite only, in pglite.test.ts`);
  describe('postgres adapter on a PostgreSQL server', () => {
    test(`NOT RUN: no server at ${SERVER_AT}; PGlite runs the same suite (allowed only outside CI)`, () => {
      expect(process.env.CI).toBeUndefined();
    });
  });
} else {
  console.info(`[referwell] postgres tests ran against: PostgreSQL ${serverVersion} at ${SERVER_AT}`);
  describePostgresAdapter(backendOf('server', serverVersion));
}
