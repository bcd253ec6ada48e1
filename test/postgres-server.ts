/**
 * The PostgreSQL server the tests use, shared by the adapter tests and the fault
 * tests: where it is, and whether it answers (required when `CI` is set).
 */
import pg from 'pg';

/** The server the tests use; `REFERWELL_POSTGRES_URL` overrides it. */
export const SERVER_URL = process.env.REFERWELL_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `host:port/database` of {@link SERVER_URL}, for test names and messages. */
export const SERVER_AT = (() => {
  const url = new URL(SERVER_URL);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
})();

/**
 * The server's version when it answers within `timeoutMs`; `undefined` when it does
 * not and `CI` is not set. With `CI` set an unreachable server throws: CI must test
 * the real one, never fall back silently.
 *
 * @param who - Which tests need it, for the error (e.g. `the postgres tests`).
 */
export async function probeServer(who: string, timeoutMs = 2000): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]!.server_version.split(' ')[0];
  } catch (error) {
    if (process.env.CI) {
      throw new Error(`[referwell] CI is set, so ${who} need the server at ${SERVER_AT}, but it did not answer: ${String(error)}`, {
        cause: error,
      });
    }
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
