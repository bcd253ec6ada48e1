/**
 * A backend that dies while a store operation holds its connection (server restart,
 * failover, pg_terminate_backend) must reject that operation with a StoreError —
 * not emit an unhandled `error` that ends the host's process (vitest fails the run
 * on an unhandled error). Needs the real server; in CI it is required.
 */
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { StoreError } from '../../errors';
import { postgresStore } from './index';
import { SERVER_AT, SERVER_URL, probeServer } from './postgres-suite';

const serverVersion = await probeServer();

if (serverVersion === undefined) {
  describe('a PostgreSQL backend lost mid-transaction', () => {
    test(`NOT RUN: no server at ${SERVER_AT} (allowed only outside CI)`, () => {
      expect(process.env.CI).toBeUndefined();
    });
  });
} else {
  describe(`a PostgreSQL backend lost mid-transaction (PostgreSQL ${serverVersion})`, () => {
    const schema = `rw_lost_${process.pid}_${Date.now().toString(36)}`;
    const pool = new pg.Pool({ connectionString: SERVER_URL, max: 4 });
    const admin = new pg.Pool({ connectionString: SERVER_URL, max: 2 });
    afterAll(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
      await admin.end();
    });

    test('rejects the operation with a StoreError, and the store goes on working', async () => {
      const T = 't1';
      const store = postgresStore(pool, { tenantId: T, schema });
      await store.savePractice({ tenantId: T, name: 'P', timeZone: 'America/Chicago' });
      await store.upsertOffice({ id: 'a', tenantId: T, name: 'A', kind: 'primary-care', lifecycle: 'active' });
      // Hold the tenant's counter row so the next append waits inside its transaction.
      const holder = await admin.connect();
      await holder.query('BEGIN');
      await holder.query(`SELECT * FROM ${schema}.referwell_sequences WHERE tenant_id = $1 FOR UPDATE`, [T]);
      const holderPid = (await holder.query('SELECT pg_backend_pid() AS p')).rows[0].p as number;
      const touchpoint = { tenantId: T, officeId: 'a', at: '2026-02-01T15:00:00Z', channel: 'in-person', purposes: ['follow-up'] } as const;
      const pending = store.appendTouchpoint({ id: 'tp1', ...touchpoint });
      let victim: number | undefined;
      for (let i = 0; i < 200 && victim === undefined; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        const { rows } = await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> $1 AND datname = current_database()`,
          [holderPid],
        );
        victim = rows[0]?.pid as number | undefined;
      }
      expect(victim).toBeDefined();
      await admin.query('SELECT pg_terminate_backend($1)', [victim]);
      const error = await pending.catch((caught: unknown) => caught);
      await holder.query('ROLLBACK');
      holder.release();
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(/^\[referwell\] \[postgres\] /);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(store.appendTouchpoint({ id: 'tp2', ...touchpoint })).resolves.toMatchObject({ created: true });
    });
  });
}
