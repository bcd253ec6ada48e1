/**
 * Benchmark (d): re-planning one office of 1,000 records after one append,
 * through the desk.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { formatInstant } from '../../src/calendar/instant';
import { planActions } from '../../src/engine/plan';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { createDesk, type Desk } from '../../src/store/desk';
import type { ReferwellStore } from '../../src/store/store';
import { BENCH_NOW, extraOffice } from './fixtures';
import { sample, timeAsync, type Timing, type TimingOptions } from './timing';

/**
 * Whether `desk.office(id).actions` equals the full plan filtered to that office.
 *
 * @category Benchmark
 */
export interface DeskCheck {
  /** The office re-planned. */
  readonly officeId: string;
  /** Its records before the timed appends (the office and everything about it). */
  readonly records: number;
  /** How many actions the desk gave for it. */
  readonly deskActions: number;
  /** How many actions the full plan gave for it. */
  readonly planActions: number;
  /** Whether the two lists are deeply equal, in order. */
  readonly equal: boolean;
}

/**
 * The figure of (d): the timing of `desk.office(id)` after each append, and the check.
 *
 * @category Benchmark
 */
export interface DeskFigure extends Timing {
  readonly check: DeskCheck;
  /**
   * The same appends and calls timed again with no forced collection before each
   * run (a reading beside the figure, part of no ratio): the desk as a running
   * host calls it, one request after another.
   */
  readonly uncollected: Timing;
}

/** (d)'s desk: see {@link warmDesk}. */
export interface WarmDesk {
  readonly desk: Desk;
  /** The added office. */
  readonly officeId: string;
  /** How many records were written for it. */
  readonly records: number;
}

/**
 * (d)'s setup: one office of `records` records written into `store` next to the
 * fixture, and a desk over the store, warmed with a full `plan()` at
 * {@link BENCH_NOW}.
 *
 * @param store - The store holding the fixture.
 * @param snapshot - The fixture as loaded from the store.
 * @param records - The added office's records.
 * @returns The desk and the office.
 * @category Benchmark
 */
export async function warmDesk(store: ReferwellStore, snapshot: PracticeSnapshot, records = 1_000): Promise<WarmDesk> {
  const extra = extraOffice(snapshot, records);
  await store.write(extra.operations);
  const desk = createDesk({ store, playbook: defaultPlaybook, clock: () => BENCH_NOW });
  await desk.plan(BENCH_NOW);
  return { desk, officeId: extra.officeId, records: extra.records };
}

/**
 * (d)'s append: a five-minute follow-up phone call, `n` minutes before
 * {@link BENCH_NOW}, with the id `${prefix}-${n}`.
 *
 * @param desk - The desk.
 * @param snapshot - The fixture (for its tenant).
 * @param officeId - The office called.
 * @param n - The call's number.
 * @param prefix - The start of its id.
 * @category Benchmark
 */
export async function appendBenchTouchpoint(
  desk: Desk,
  snapshot: PracticeSnapshot,
  officeId: string,
  n: number,
  prefix: string,
): Promise<void> {
  await desk.logTouchpoint({
    id: `${prefix}-${n}`,
    tenantId: snapshot.practice.tenantId,
    officeId,
    at: formatInstant(Date.parse(BENCH_NOW) - n * 60_000),
    channel: 'phone',
    purposes: ['follow-up'],
    minutes: 5,
  });
}

/**
 * Measures (d). Adds one office of 1,000 records to the store (which holds the
 * fixture), warms a desk over it with `plan()`, then in each run appends one
 * touchpoint to that office through the desk (not timed) and times
 * `desk.office(id)`, a forced full collection before each run as for every
 * figure. Then as many runs again without the collection (a reading, not the
 * figure). Afterwards compares the desk's actions for the office with
 * `planActions` over the store's whole snapshot, filtered to the office.
 *
 * @param store - A store holding the fixture (it is changed: an office is added).
 * @param snapshot - The fixture as the store returned it (for the tenant, clinicians, messages).
 * @param options - Warm-up and timed runs.
 * @param records - The size of the re-planned office; default 1,000.
 * @returns The timing, the timing without collections, and the check.
 * @example
 * ```ts
 * (await measureDesk(store, snapshot, { runs: 5 })).check.equal; //=> true
 * ```
 * @category Benchmark
 */
export async function measureDesk(
  store: ReferwellStore,
  snapshot: PracticeSnapshot,
  options: TimingOptions = {},
  records = 1_000,
): Promise<DeskFigure> {
  const { desk, officeId, records: written } = await warmDesk(store, snapshot, records);
  let appended = 0;
  let actions: readonly unknown[] = [];
  const once = async () => {
    appended += 1;
    await appendBenchTouchpoint(desk, snapshot, officeId, appended, 'bench-append');
    return timeAsync(async () => (actions = (await desk.office(officeId, BENCH_NOW))!.actions));
  };
  const timing = await sample(once, options);
  const uncollected = await sample(once, { ...options, warmups: 0, collect: false });
  const full = planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: BENCH_NOW }).filter(
    (action) => action.officeId === officeId,
  );
  return {
    ...timing,
    uncollected,
    check: {
      officeId,
      records: written,
      deskActions: actions.length,
      planActions: full.length,
      equal: isDeepStrictEqual(actions, full),
    },
  };
}
