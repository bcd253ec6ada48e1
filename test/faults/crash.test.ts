/**
 * Crash (issue 4, "Faults and load"): a child process importing 100,000
 * touchpoints in batches of 1,000 (each one atomic `store.write`) is killed with
 * SIGKILL part-way, mid-batch, at a seeded moment — on a SQLite file and on the
 * PostgreSQL server. Afterwards the store opens again on a new connection, holds
 * exactly whole batches (at least every batch the child reported committed, at
 * most one more), loads and validates a snapshot, takes the next batch, and for
 * SQLite `PRAGMA integrity_check` says `ok`. Each database goes through two such
 * crashes in a row (the second import resumes where the first one stopped).
 *
 * PostgreSQL runs when the server answers; with `CI` set it is required. Without a
 * server (and off CI) only the SQLite variant runs, and a test named so says it.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';

import { sqliteMigrations } from '../../src/adapters/sqlite/index';

import {
  killStragglers,
  postgresPlace,
  probeServer,
  SEED,
  SERVER_AT,
  sleep,
  sqlitePlace,
  startWorker,
  type Heard,
  type Place,
} from './harness';
import { batchOf, touchpointId } from './workers/batches';
import type { ImporterParams } from './workers/importer';
import { openTarget, seeded } from './workers/target';
import { tableOf } from '../../src/store/tables';

const TOTAL = 100_000;
const BATCH = 1_000;
const TENANT = 't-crash';
const OFFICE = 'off-import';
const ROUNDS = 2;
const TIMEOUT = 180_000;

const serverVersion = await probeServer();
console.info(
  serverVersion === undefined
    ? `[referwell] fault tests (crash) ran against: a SQLite file only — no PostgreSQL server at ${SERVER_AT} and CI is not set`
    : `[referwell] fault tests (crash) ran against: a SQLite file, and PostgreSQL ${serverVersion} at ${SERVER_AT}`,
);

afterEach(killStragglers);

type Message =
  | { type: 'writing'; batch: number }
  | { type: 'committed'; batch: number }
  | { type: 'done' }
  | { type: 'fatal'; message: string };

const batchName = (batch: number) => `tp-b${String(batch).padStart(4, '0')}`;

/** Touchpoints per batch prefix (`tp-b0003`), counted behind the adapter's back; SQLite also runs `integrity_check`. */
async function storedBatches(place: Place): Promise<{ batches: Map<string, number>; integrity?: string }> {
  const sql = (table: string, param: string) =>
    `SELECT substr(id, 1, 8) AS batch, count(*) AS n FROM ${table} WHERE tenant_id = ${param} GROUP BY substr(id, 1, 8) ORDER BY batch`;
  const target = place.target;
  if (target.kind === 'sqlite') {
    // A new connection: it recovers the write-ahead log the killed process left.
    const db = new Database(target.file);
    try {
      const integrity = db.pragma('integrity_check', { simple: true }) as string;
      const rows = db.prepare(sql(tableOf('touchpoint'), '?')).all(TENANT) as { batch: string; n: number }[];
      return { batches: new Map(rows.map((r) => [r.batch, r.n])), integrity };
    } finally {
      db.close();
    }
  }
  const rows = await place.raw<{ batch: string; n: string }>(sql(`"${target.schema}".${tableOf('touchpoint')}`, '$1'), [
    TENANT,
  ]);
  return { batches: new Map(rows.map((r) => [r.batch, Number(r.n)])) };
}

/** Waits until the server has no backend left of the killed process (its last transaction is settled). */
async function serverLetGo(place: Place): Promise<number> {
  if (place.target.kind !== 'postgres') return 0;
  const startedAt = performance.now();
  for (;;) {
    const [row] = await place.raw<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [
      place.target.applicationName,
    ]);
    if (Number(row!.n) === 0) return performance.now() - startedAt;
    if (performance.now() - startedAt > 20_000) throw new Error('the killed importer still has a backend on the server after 20 s');
    await sleep(25);
  }
}

async function crashAndRecover(place: Place): Promise<void> {
  const random = seeded(SEED + (place.target.kind === 'sqlite' ? 1 : 2));
  try {
    {
      const { store, close } = openTarget(place.target, TENANT);
      await store.savePractice({ tenantId: TENANT, name: 'Northside Counseling', timeZone: 'America/Chicago' });
      await store.upsertOffice({ id: OFFICE, tenantId: TENANT, name: 'Lakeside Family Medicine', kind: 'primary-care' });
      await close();
    }
    let stored = 0; // whole batches in the database
    for (let round = 1; round <= ROUNDS; round++) {
      const firstBatch = stored;
      const killAfter = 3 + Math.floor(random() * 4); // batches reported committed before the kill: 3–6
      const fraction = 0.1 + 0.8 * random(); // how far into a batch (of the quickest batch's time)
      const child = startWorker<Message>('importer.ts', {
        target: place.target,
        tenantId: TENANT,
        officeId: OFFICE,
        total: TOTAL - firstBatch * BATCH,
        batchSize: BATCH,
        firstBatch,
      } satisfies ImporterParams);
      const stop = (m: Message) => m.type === 'done' || m.type === 'fatal';
      const last = await child.waitFor((m) => (m.type === 'committed' && m.batch === firstBatch + killAfter - 1) || stop(m));
      expect(last.message, child.stderr()).toMatchObject({ type: 'committed' });
      // The next batch has begun.
      await child.waitFor((m) => (m.type === 'writing' && m.batch === firstBatch + killAfter) || stop(m));
      const durations = child.heard
        .filter((h): h is Heard<Extract<Message, { type: 'committed' }>> => h.message.type === 'committed')
        .map((c) => c.at - child.heard.find((w) => w.message.type === 'writing' && w.message.batch === c.message.batch)!.at);
      // The quickest batch after the first (which warms up): batch times vary two-fold,
      // and a kill timed on the quickest lands inside a batch more often.
      const typical = Math.min(...durations.slice(1));
      // Kill `fraction * typical` ms after the newest batch began; when that batch
      // ended sooner, time the next one instead (a few tries), so the kill lands inside one.
      for (let tries = 0; tries < 10; tries++) {
        const began = child.heard.at(-1)!;
        await sleep(Math.max(0, began.at + fraction * typical - performance.now()));
        if (child.heard.at(-1) === began || stop(child.heard.at(-1)!.message)) break;
      }
      const heardBeforeKill = child.heard.at(-1)!;
      const killedAt = performance.now();
      child.child.kill('SIGKILL');
      const exit = await child.exited;
      expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
      // Everything it printed before it died (the pipe is drained before 'close').
      const messages = child.heard.map((h) => h.message);
      expect(messages.some((m) => m.type === 'done' || m.type === 'fatal'), child.stderr()).toBe(false);
      // It died importing: its last word was that it had begun a batch, or — on a
      // loaded machine the batch may finish before the signal lands — that one
      // had committed. Either way the checks below hold: whole batches only.
      expect(['writing', 'committed']).toContain(messages.at(-1)?.type);
      const reported = messages.filter((m) => m.type === 'committed').length;
      const inFlight = (messages.at(-1) as { batch?: number } | undefined)?.batch;
      const intoBatch = killedAt - heardBeforeKill.at;
      const settleMs = await serverLetGo(place);

      const { batches, integrity } = await storedBatches(place);
      if (place.target.kind === 'sqlite') expect(integrity).toBe('ok');
      const total = [...batches.values()].reduce((a, b) => a + b, 0);
      const now = batches.size;
      // Whole batches only, numbered without a gap, and exactly the committed ones.
      expect([...batches.values()].every((n) => n === BATCH), JSON.stringify([...batches])).toBe(true);
      expect([...batches.keys()]).toEqual(Array.from({ length: now }, (_, b) => batchName(b)));
      expect(total % BATCH).toBe(0);
      expect(now).toBeGreaterThanOrEqual(firstBatch + reported);
      expect(now).toBeLessThanOrEqual(firstBatch + reported + 1);
      console.info(
        `[referwell] crash on ${place.label}, round ${round}: SIGKILL ${Math.round(intoBatch)} ms into batch ${inFlight} ` +
          `(aimed at ${Math.round(fraction * 100)}% of the quickest batch's ${Math.round(typical)} ms); ` +
          `last line heard before the kill ${JSON.stringify(heardBeforeKill.message)}; the child reported ${reported} batches committed this round, ` +
          `the database holds ${now} whole batches (${total} touchpoints${now > firstBatch + reported ? ', incl. one committed but not reported' : ''})` +
          (place.target.kind === 'postgres' ? `; server released the backend after ${Math.round(settleMs)} ms` : `; integrity_check ${integrity}`),
      );

      // The store opens on a new connection (migrations fine), loads, validates and takes the next batch.
      const openedAt = performance.now();
      const { store, close } = openTarget(place.target, TENANT);
      try {
        const snapshot = await store.loadSnapshot();
        const loadMs = performance.now() - openedAt;
        expect(snapshot.touchpoints).toHaveLength(total);
        expect(snapshot.offices.map((o) => o.id)).toEqual([OFFICE]);
        const page = await store.list('touchpoint', { limit: 10 });
        expect(page.records.map((r) => r.record.id)).toEqual(
          Array.from({ length: 10 }, (_, i) => touchpointId(0, i)),
        );
        const writeAt = performance.now();
        await store.write(batchOf(TENANT, OFFICE, now, BATCH));
        console.info(
          `[referwell] crash on ${place.label}, round ${round}: reopened and loaded ${total} touchpoints in ${Math.round(loadMs)} ms; ` +
            `batch ${now} written after recovery in ${Math.round(performance.now() - writeAt)} ms`,
        );
      } finally {
        await close();
      }
      stored = now + 1;
      const after = await storedBatches(place);
      expect(after.batches.size).toBe(stored);
      if (place.target.kind === 'sqlite') {
        expect(after.integrity).toBe('ok');
        const db = new Database(place.target.file, { readonly: true });
        try {
          const version = db.prepare('SELECT max(version) AS v FROM referwell_migrations').get() as { v: number };
          expect(version.v).toBe(sqliteMigrations.at(-1)!.version);
          expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        } finally {
          db.close();
        }
      }
    }
  } finally {
    killStragglers();
    await place.dispose();
  }
}

describe('a child importing 100,000 touchpoints in batches, killed with SIGKILL part-way', () => {
  test('on a SQLite file: whole batches only, integrity_check ok, the store reopens', { timeout: TIMEOUT }, async () => {
    await crashAndRecover(sqlitePlace());
  });

  if (serverVersion !== undefined) {
    test(
      `on PostgreSQL ${serverVersion} at ${SERVER_AT}: whole batches only, the store reopens and loads`,
      { timeout: TIMEOUT },
      async () => {
        await crashAndRecover(postgresPlace(serverVersion));
      },
    );
  } else {
    test(`on PostgreSQL: NOT RUN — no server at ${SERVER_AT} and CI is not set (a killed process cannot share a PGlite instance); only the SQLite variant ran`, () => {
      expect(process.env.CI).toBeFalsy();
      console.info(`[referwell] crash on PostgreSQL was not run: no server at ${SERVER_AT} (CI not set)`);
    });
  }
});
