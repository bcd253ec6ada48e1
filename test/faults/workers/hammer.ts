/**
 * One of the concurrency test's worker processes. Run as
 * `node --import tsx test/faults/workers/hammer.ts '<HammerParams JSON>'`.
 *
 * It opens its own connection to the shared database (migrating it, racing the
 * other workers), makes sure the two shared offices exist, says `ready`, waits for
 * `go` on stdin, then runs its operations in a seeded random order: read-modify-write
 * increments of a counter kept in the shared office's `notes` (retrying on a typed
 * conflict only), appends of touchpoints with ids of its own and ids every worker
 * appends, and blind (version-less) updates of a second office. Last it prints its
 * report as one JSON line. Any error but a typed conflict is a failure, reported.
 */
import { createInterface } from 'node:readline';
import { ReferwellError } from '../../../src/errors';
import type { ReferwellStore } from '../../../src/store/store';
import { openTarget, say, seeded, shuffled, type Failure, type Target } from './target';

/** What the parent passes on argv. */
export interface HammerParams {
  readonly target: Target;
  readonly tenantId: string;
  /** The office whose `notes` hold the counter. */
  readonly counterOfficeId: string;
  /** The office updated without an expected version. */
  readonly blindOfficeId: string;
  readonly worker: number;
  readonly increments: number;
  readonly uniqueTouchpoints: number;
  /** Ids `tp-shared-0000` … appended by every worker. */
  readonly sharedTouchpoints: number;
  readonly blindUpdates: number;
  /**
   * The most time, in ms, an increment spends between its read and its write (a
   * random part of it, like a host computing the new value). Without it, SQLite
   * (whose other writers sleep in the busy handler) lets each read-write pair
   * through uninterrupted and no conflict ever shows.
   */
  readonly thinkMs: number;
  readonly seed: number;
}

/** The worker's last line. */
export interface HammerReport {
  readonly type: 'report';
  readonly worker: number;
  /** Increments that were written. */
  readonly increments: number;
  /** The counter values this worker wrote (each must be written by exactly one worker). */
  readonly written: readonly number[];
  /** The office version each successful increment returned. */
  readonly versions: readonly number[];
  /** Typed conflicts met while incrementing (each followed by a re-read and retry). */
  readonly incrementConflicts: number;
  /** Typed conflicts met creating the shared offices with `expectedVersion: 0` (someone else was first). */
  readonly createConflicts: number;
  /** Which of the two offices this worker created. */
  readonly createdOffices: readonly string[];
  /** Touchpoints appended with `created: true`. */
  readonly createdTouchpoints: readonly string[];
  /** Touchpoints appended with `created: false` (already stored). */
  readonly existingTouchpoints: readonly string[];
  readonly blindUpdates: number;
  /** Typed conflicts thrown by updates that gave no expected version. */
  readonly blindConflicts: number;
  readonly failures: readonly Failure[];
  /** Failures beyond the first 20, not listed. */
  readonly moreFailures: number;
  /** From `go` to the last operation. */
  readonly durationMs: number;
  /** Opening the store and the first operation (schema migration included). */
  readonly openMs: number;
}

const params = JSON.parse(process.argv[2] ?? '') as HammerParams;
const { tenantId, worker } = params;
const random = seeded(params.seed * 1000 + worker);

const isConflict = (error: unknown) => ReferwellError.isInstance(error) && error.code === 'conflict';

const failures: Failure[] = [];
let moreFailures = 0;
function fail(op: string, error: unknown): void {
  if (failures.length >= 20) {
    moreFailures++;
    return;
  }
  const cause = (error as { cause?: unknown } | null)?.cause;
  failures.push({
    op,
    typed: ReferwellError.isInstance(error),
    name: error instanceof Error ? error.name : typeof error,
    code: ReferwellError.isInstance(error) ? error.code : (error as { code?: string } | null)?.code,
    message: error instanceof Error ? error.message : String(error),
    cause: cause === undefined ? undefined : cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
  });
}

const office = (id: string, notes: string) => ({ id, tenantId, name: `Office ${id}`, kind: 'primary-care' as const, notes });

async function waitForGo(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.trim() === 'go') resolve();
    });
    lines.on('close', () => reject(new Error('stdin closed before "go"')));
  });
}

async function main(): Promise<void> {
  const openedAt = performance.now();
  const { store, close } = openTarget(params.target, tenantId);
  let createConflicts = 0;
  const createdOffices: string[] = [];
  for (const [id, notes] of [
    [params.counterOfficeId, '0'],
    [params.blindOfficeId, 'blind'],
  ] as const) {
    try {
      await store.upsertOffice(office(id, notes), { expectedVersion: 0 });
      createdOffices.push(id);
    } catch (error) {
      if (isConflict(error)) createConflicts++;
      else fail(`create ${id}`, error);
    }
  }
  const openMs = performance.now() - openedAt;
  say({ type: 'ready', worker });
  await waitForGo();

  const written: number[] = [];
  const versions: number[] = [];
  let incrementConflicts = 0;
  const createdTouchpoints: string[] = [];
  const existingTouchpoints: string[] = [];
  let blindUpdates = 0;
  let blindConflicts = 0;

  const increment = async (s: ReferwellStore) => {
    for (let attempt = 0; attempt < 100_000; attempt++) {
      const current = await s.get('office', params.counterOfficeId);
      if (current === undefined) throw new Error(`office ${params.counterOfficeId} is gone`);
      const value = Number(current.record.notes) + 1;
      const think = random() * params.thinkMs;
      if (think >= 0.5) await new Promise((resolve) => setTimeout(resolve, think));
      try {
        const saved = await s.upsertOffice({ ...current.record, notes: String(value) }, { expectedVersion: current.version });
        written.push(value);
        versions.push(saved.version);
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
        incrementConflicts++;
      }
    }
    throw new Error('no increment got through in 100,000 attempts');
  };

  const append = async (s: ReferwellStore, id: string) => {
    const result = await s.appendTouchpoint({
      id,
      tenantId,
      officeId: params.counterOfficeId,
      at: '2026-03-02T15:00:00Z',
      channel: 'phone',
      purposes: ['follow-up'],
      minutes: 5,
      // Same body from every worker, so a shared id is the same record whoever wins.
      notes: `touchpoint ${id}`,
    });
    (result.created ? createdTouchpoints : existingTouchpoints).push(id);
  };

  const blind = async (s: ReferwellStore, n: number) => {
    try {
      await s.upsertOffice(office(params.blindOfficeId, `blind w${worker} #${n}`));
      blindUpdates++;
    } catch (error) {
      if (!isConflict(error)) throw error;
      blindConflicts++;
    }
  };

  const pad = (n: number) => String(n).padStart(4, '0');
  const ops: { name: string; run: (s: ReferwellStore) => Promise<void> }[] = [
    ...Array.from({ length: params.increments }, (_, n) => ({ name: `increment #${n}`, run: increment })),
    ...Array.from({ length: params.uniqueTouchpoints }, (_, n) => {
      const id = `tp-w${worker}-${pad(n)}`;
      return { name: `append ${id}`, run: (s: ReferwellStore) => append(s, id) };
    }),
    ...Array.from({ length: params.sharedTouchpoints }, (_, n) => {
      const id = `tp-shared-${pad(n)}`;
      return { name: `append ${id}`, run: (s: ReferwellStore) => append(s, id) };
    }),
    ...Array.from({ length: params.blindUpdates }, (_, n) => ({ name: `blind #${n}`, run: (s: ReferwellStore) => blind(s, n) })),
  ];

  const startedAt = performance.now();
  for (const op of shuffled(ops, random)) {
    try {
      await op.run(store);
    } catch (error) {
      fail(op.name, error);
    }
  }
  const durationMs = performance.now() - startedAt;
  try {
    await close();
  } catch (error) {
    fail('close', error);
  }
  const report: HammerReport = {
    type: 'report',
    worker,
    increments: written.length,
    written,
    versions,
    incrementConflicts,
    createConflicts,
    createdOffices,
    createdTouchpoints,
    existingTouchpoints,
    blindUpdates,
    blindConflicts,
    failures,
    moreFailures,
    durationMs: Math.round(durationMs),
    openMs: Math.round(openMs),
  };
  say(report);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // Opening failed (or stdin closed): still report, so the parent shows why.
    fail('open', error);
    say({ type: 'fatal', worker, failures });
    process.exit(1);
  },
);
