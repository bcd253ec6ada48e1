/**
 * Concurrency (issue 4, "Faults and load"): 8 worker processes append and update
 * ONE tenant at once — on a SQLite file (WAL, each process its own better-sqlite3
 * connection) and on the PostgreSQL server (a fresh schema, each process its own
 * `pg.Pool`). The workers open the new database at the same moment (so they also
 * race its migrations), then, released together, run read-modify-write increments
 * of a counter in one office's `notes` with `expectedVersion`, retrying only on a
 * typed conflict, and append touchpoints with ids of their own and ids all of them
 * append. Afterwards: no lost update, no duplicate or missing row, at least one
 * conflict (else nothing was tested), and no error but typed conflicts.
 *
 * PostgreSQL runs when the server answers; with `CI` set it is required. Worker
 * processes cannot share a PGlite instance, so without a server (and off CI) only
 * the SQLite variant runs, and a test named so says it.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';


import { killStragglers, postgresPlace, probeServer, SEED, SERVER_AT, sqlitePlace, startWorker, type Place } from './harness';
import type { HammerParams, HammerReport } from './workers/hammer';
import { openTarget, type Failure } from './workers/target';
import { tableOf } from '../../src/store/tables';

const WORKERS = 8;
const INCREMENTS = 40;
const UNIQUE_TOUCHPOINTS = 50;
const SHARED_TOUCHPOINTS = 40;
const BLIND_UPDATES = 10;
/** Up to this many ms between an increment's read and its write (see `HammerParams.thinkMs`). */
const THINK_MS = 3;
const TENANT = 't-faults';
const COUNTER_OFFICE = 'off-counter';
const BLIND_OFFICE = 'off-blind';
const TIMEOUT = 180_000;

const serverVersion = await probeServer();
console.info(
  serverVersion === undefined
    ? `[referwell] fault tests (concurrency) ran against: a SQLite file only — no PostgreSQL server at ${SERVER_AT} and CI is not set`
    : `[referwell] fault tests (concurrency) ran against: a SQLite file, and PostgreSQL ${serverVersion} at ${SERVER_AT}`,
);

afterEach(killStragglers);

type Message = HammerReport | { type: 'ready'; worker: number } | { type: 'fatal'; worker: number; failures: Failure[] };

/** Rows stored, counted behind the adapter's back. */
interface RawCounts {
  readonly rows: number;
  /** Distinct ids. */
  readonly ids: number;
}

async function rawCounts(place: Place): Promise<RawCounts> {
  const target = place.target;
  if (target.kind === 'sqlite') {
    const db = new Database(target.file, { readonly: true });
    try {
      return db
        .prepare(`SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM ${tableOf('touchpoint')} WHERE tenant_id = ?`)
        .get(TENANT) as RawCounts;
    } finally {
      db.close();
    }
  }
  const [row] = await place.raw<{ rows: string; ids: string }>(
    `SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM "${target.schema}".${tableOf('touchpoint')} WHERE tenant_id = $1`,
    [TENANT],
  );
  return { rows: Number(row!.rows), ids: Number(row!.ids) };
}

async function hammer(place: Place): Promise<void> {
  try {
    const startedAt = performance.now();
    const workers = Array.from({ length: WORKERS }, (_, worker) =>
      startWorker<Message>('hammer.ts', {
        target: place.target,
        tenantId: TENANT,
        counterOfficeId: COUNTER_OFFICE,
        blindOfficeId: BLIND_OFFICE,
        worker,
        increments: INCREMENTS,
        uniqueTouchpoints: UNIQUE_TOUCHPOINTS,
        sharedTouchpoints: SHARED_TOUCHPOINTS,
        blindUpdates: BLIND_UPDATES,
        thinkMs: THINK_MS,
        seed: SEED,
      } satisfies HammerParams),
    );
    const ready = await Promise.all(workers.map((w) => w.waitFor((m) => m.type === 'ready' || m.type === 'fatal')));
    const fatal = ready.filter((h) => h.message.type === 'fatal');
    expect(fatal.map((h) => h.message), 'workers that could not open the store').toEqual([]);
    const goAt = performance.now();
    for (const w of workers) w.tell('go');
    const reports: HammerReport[] = [];
    for (const w of workers) {
      const heard = await w.waitFor((m) => m.type === 'report' || m.type === 'fatal');
      const exit = await w.exited;
      expect(heard.message.type, `worker stderr:\n${w.stderr()}`).toBe('report');
      expect(exit, `worker stderr:\n${w.stderr()}`).toEqual({ code: 0, signal: null });
      reports.push(heard.message as HammerReport);
    }
    const wallMs = performance.now() - goAt;

    const sum = (f: (r: HammerReport) => number) => reports.reduce((total, r) => total + f(r), 0);
    const increments = sum((r) => r.increments);
    const incrementConflicts = sum((r) => r.incrementConflicts);
    const failures = reports.flatMap((r) => r.failures.map((f) => ({ worker: r.worker, ...f })));
    const moreFailures = sum((r) => r.moreFailures);
    const blindUpdates = sum((r) => r.blindUpdates);
    const blindConflicts = sum((r) => r.blindConflicts);
    console.info(
      `[referwell] concurrency on ${place.label}: ${WORKERS} processes, ${increments} increments with ` +
        `${incrementConflicts} typed conflicts (per worker ${reports.map((r) => r.incrementConflicts).join('/')}), ` +
        `${sum((r) => r.createdTouchpoints.length)} touchpoints created + ${sum((r) => r.existingTouchpoints.length)} already stored, ` +
        `${blindUpdates} blind updates (${blindConflicts} typed conflicts), ${failures.length + moreFailures} failures; ` +
        `open+migrate ${Math.min(...reports.map((r) => r.openMs))}–${Math.max(...reports.map((r) => r.openMs))} ms per worker, ` +
        `hammer ${Math.round(wallMs)} ms wall, ${Math.round(performance.now() - startedAt)} ms in all`,
    );

    // No worker saw an error other than a typed conflict (busy / serialization errors included).
    expect(failures, `${moreFailures} more not listed`).toEqual([]);
    expect(moreFailures).toBe(0);

    // Exactly one process created each shared office; the others got a typed conflict.
    expect(reports.flatMap((r) => r.createdOffices).sort()).toEqual([BLIND_OFFICE, COUNTER_OFFICE]);
    expect(sum((r) => r.createConflicts)).toBe(2 * (WORKERS - 1));

    // Every increment got through, each wrote a different value: 1, 2, …, n (no lost update).
    expect(increments).toBe(WORKERS * INCREMENTS);
    const written = reports.flatMap((r) => r.written).sort((a, b) => a - b);
    expect(written).toEqual(Array.from({ length: increments }, (_, i) => i + 1));
    const versions = reports.flatMap((r) => r.versions).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: increments }, (_, i) => i + 2));
    // Contention really happened, or this test tested nothing.
    expect(incrementConflicts).toBeGreaterThan(0);
    // Updates without an expected version are last-writer-wins: never a conflict.
    expect(blindConflicts).toBe(0);

    // Shared ids: each created by exactly one process, found stored by the 7 others.
    const created = reports.flatMap((r) => r.createdTouchpoints);
    const shared = created.filter((id) => id.startsWith('tp-shared-'));
    expect(new Set(shared).size).toBe(SHARED_TOUCHPOINTS);
    expect(shared).toHaveLength(SHARED_TOUCHPOINTS);
    expect(reports.flatMap((r) => r.existingTouchpoints).every((id) => id.startsWith('tp-shared-'))).toBe(true);
    expect(sum((r) => r.existingTouchpoints.length)).toBe(SHARED_TOUCHPOINTS * (WORKERS - 1));
    expect(created).toHaveLength(WORKERS * UNIQUE_TOUCHPOINTS + SHARED_TOUCHPOINTS);

    // Through a new connection: the counter, the versions, the rows.
    const expectedRows = WORKERS * UNIQUE_TOUCHPOINTS + SHARED_TOUCHPOINTS;
    expect(await rawCounts(place)).toEqual({ rows: expectedRows, ids: expectedRows });
    const { store, close } = openTarget(place.target, TENANT);
    try {
      const counter = await store.get('office', COUNTER_OFFICE);
      expect(counter?.record.notes).toBe(String(increments));
      expect(counter?.version).toBe(1 + increments);
      // Updates without an expected version: none lost either.
      const blind = await store.get('office', BLIND_OFFICE);
      expect(blind?.version).toBe(1 + blindUpdates);
      await store.savePractice({ tenantId: TENANT, name: 'Northside Counseling', timeZone: 'America/Chicago' });
      const snapshot = await store.loadSnapshot();
      expect(snapshot.touchpoints).toHaveLength(expectedRows);
      expect(new Set(snapshot.touchpoints.map((t) => t.id)).size).toBe(expectedRows);
      expect(snapshot.offices.map((o) => o.id).sort()).toEqual([BLIND_OFFICE, COUNTER_OFFICE]);
    } finally {
      await close();
    }
    if (place.target.kind === 'sqlite') {
      const db = new Database(place.target.file);
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    }
  } finally {
    killStragglers();
    await place.dispose();
  }
}

describe(`${WORKERS} worker processes appending and updating one tenant at once`, () => {
  test('on a SQLite file (WAL, one better-sqlite3 connection per process)', { timeout: TIMEOUT }, async () => {
    await hammer(sqlitePlace());
  });

  if (serverVersion !== undefined) {
    test(`on PostgreSQL ${serverVersion} at ${SERVER_AT} (a fresh schema, one pg.Pool per process)`, { timeout: TIMEOUT }, async () => {
      await hammer(postgresPlace(serverVersion));
    });
  } else {
    test(`on PostgreSQL: NOT RUN — no server at ${SERVER_AT} and CI is not set (worker processes cannot share a PGlite instance); only the SQLite variant ran`, () => {
      expect(process.env.CI).toBeFalsy();
      console.info(`[referwell] concurrency on PostgreSQL was not run: no server at ${SERVER_AT} (CI not set)`);
    });
  }
});
