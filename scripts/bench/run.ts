/**
 * Runs the whole benchmark of issue 7 in one process and returns the report.
 *
 * @module
 */
import { formatInstant } from '../../src/calendar/instant';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { measureDesk } from './desk';
import { countRecords, memoryStoreOf, storedFixture, type BenchSize, type StoredFixture } from './fixtures';
import { floorPass } from './floor';
import { measureHeap } from './heap';
import { describeMachine } from './machine';
import { watchPauses } from './gc-pauses';
import { measurePlan, planFigure, planTask, type PlanRuns } from './planning';
import { DEFAULT_POSTGRES_URL, measurePostgres, postgresVersion } from './postgres';
import {
  correctnessChecks,
  evaluateTargets,
  type BenchFigures,
  type BenchReport,
  type NotMeasured,
} from './report';
import { checkRulesEngine, vendorFollowUp } from './rules-engine';
import type { StorageFigure } from './sqlite';
import { collectGarbage, sampleTogether, time, timeAsync } from './timing';

/**
 * The {@link runBench} options.
 *
 * @category Benchmark
 */
export interface RunBenchOptions {
  /** The fixture size; default `large`. */
  readonly size?: BenchSize;
  /** Leave out `planActions` on the 10× fixture. */
  readonly skip10x?: boolean;
  /** Leave out the PostgreSQL figures. */
  readonly skipPostgres?: boolean;
  /** The PostgreSQL server; default {@link DEFAULT_POSTGRES_URL}. */
  readonly postgresUrl?: string;
  /** Warm-up runs of the in-memory figures (a–d); default 2 (1 on 10×). */
  readonly warmups?: number;
  /** Timed runs of the in-memory figures (a–d); default 7 (at most 3 on 10×). */
  readonly runs?: number;
  /** Warm-up runs of the storage figures (f, g); default 1. */
  readonly storageWarmups?: number;
  /** Timed runs of the storage figures (f, g); default 3. */
  readonly storageRuns?: number;
  /** The command line to print as the way to reproduce the run. */
  readonly command?: string;
  /** Progress messages (default: none). */
  readonly log?: (message: string) => void;
}

/** Roughly what the 10× fixture of "large" needs: the store's rows, the snapshot, the plan. */
const TEN_X_NEEDS_MIB = 8 * 1024;

/**
 * Why the 10× fixture cannot be built on this machine, or `undefined` when it can.
 *
 * @param size - The base size.
 * @param machine - Heap limit and free memory, in MiB.
 * @returns The reason, or `undefined`.
 * @example
 * ```ts
 * tenfoldBlocked('large', { heapLimitMiB: 4144, freeMemoryMiB: 22000 });
 * //=> 'the heap limit is 4144 MiB; the 10× fixture needs about 8192 MiB (run with node --max-old-space-size=12288)'
 * ```
 * @category Benchmark
 */
export function tenfoldBlocked(
  size: BenchSize,
  machine: { readonly heapLimitMiB: number; readonly freeMemoryMiB: number },
): string | undefined {
  if (size !== 'large') return undefined;
  if (machine.heapLimitMiB < TEN_X_NEEDS_MIB) {
    return `the heap limit is ${machine.heapLimitMiB} MiB; the 10× fixture needs about ${TEN_X_NEEDS_MIB} MiB (run with node --max-old-space-size=12288)`;
  }
  if (machine.freeMemoryMiB < TEN_X_NEEDS_MIB) {
    return `only ${machine.freeMemoryMiB} MiB of memory is free; the 10× fixture needs about ${TEN_X_NEEDS_MIB} MiB`;
  }
  return undefined;
}

/**
 * A stored fixture's snapshot and how it was prepared, without the memory store
 * that produced it: once this returns, nothing refers to the store (a local
 * variable of a suspended async function can keep a value alive).
 */
async function snapshotOnly(
  size: BenchSize,
  scale: number,
): Promise<{ readonly snapshot: PracticeSnapshot; readonly fixture: BenchReport['fixture'] }> {
  const stored = await storedFixture(size, scale);
  return { snapshot: stored.snapshot, fixture: fixtureInfo(stored) };
}

/** A stored fixture's record count and preparation times, as the report prints them. */
function fixtureInfo(stored: StoredFixture): BenchReport['fixture'] {
  return {
    records: countRecords(stored.snapshot),
    generateMs: stored.preparedMs.generate,
    importMs: stored.preparedMs.import,
    loadMs: stored.preparedMs.load,
  };
}

/** What {@link measureBase} measures: every figure but (b) on 10×, and the fixture. */
interface BaseFigures {
  readonly figures: Omit<BenchFigures, 'plan10x'>;
  readonly fixture: BenchReport['fixture'];
}

/**
 * Every figure on the base size, in one function so that nothing of that
 * fixture is left when it returns (the 10× fixture follows). (e) reads the
 * memory store, so it goes first; then only the loaded snapshot is kept, so that
 * (a)–(c), like (b) on 10×, run with what they are given in memory and not the
 * store's rows besides (a memory store's rows take about 3.2 times the snapshot's heap,
 * and every young collection walks the heap they sit in). (d) then writes the
 * snapshot into a store of its own.
 */
async function measureBase(
  size: BenchSize,
  options: RunBenchOptions,
  timing: { readonly warmups: number; readonly runs: number },
  storageTiming: { readonly warmups: number; readonly runs: number },
  log: (message: string) => void,
): Promise<BaseFigures> {
  log(`preparing the ${size} fixture`);
  let fixture: StoredFixture | undefined = await storedFixture(size);
  const { snapshot } = fixture;
  const info = fixtureInfo(fixture);
  log('(e) heap per record');
  const heap = await measureHeap(fixture.store);
  fixture = undefined; // (a)–(c) keep only the snapshot, not the store's rows
  collectGarbage()();

  // (a), (b) and (c) run in turns, round after round, so that their ratios are fair
  // on a shared machine.
  log('(a) floor, (b) planActions, (c) json-rules-engine, in turns');
  let vendor: Awaited<ReturnType<typeof vendorFollowUp>> | undefined;
  const watcher = watchPauses();
  const planRuns: PlanRuns = { actions: 0, pauses: [] };
  const together = await sampleTogether(
    {
      floor: () => time(() => floorPass(snapshot)),
      plan: planTask(snapshot, watcher, planRuns),
      rulesEngine: () => timeAsync(async () => (vendor = await vendorFollowUp(snapshot))),
    },
    timing,
  ).finally(() => watcher.stop());
  const floor = together.floor;
  const plan = planFigure(together.plan, planRuns);
  const rulesEngine = { ...together.rulesEngine, check: checkRulesEngine(snapshot, vendor!) };

  // (d) changes its store, so it gets its own: the loaded records written into a
  // new memory store.
  log('(d) desk');
  const desk = await measureDesk(await memoryStoreOf(snapshot), snapshot, timing);

  log('(f) SQLite');
  let sqlite: StorageFigure | NotMeasured;
  try {
    const { measureSqlite } = await import('./sqlite');
    sqlite = await measureSqlite(snapshot, storageTiming);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND' && code !== 'ERR_DLOPEN_FAILED') throw error;
    sqlite = { notMeasured: `better-sqlite3 cannot be loaded (${String((error as Error).message).split('\n')[0]})` };
  }

  let postgres: StorageFigure | NotMeasured;
  const url = options.postgresUrl ?? DEFAULT_POSTGRES_URL;
  const where = (() => {
    try {
      const parsed = new URL(url);
      return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
    } catch {
      return 'the given URL';
    }
  })();
  if (options.skipPostgres) {
    postgres = { notMeasured: 'skipped (--skip-postgres)' };
  } else {
    const version = await postgresVersion(url);
    if (version === undefined) {
      postgres = { notMeasured: `no PostgreSQL server answered at ${where}` };
    } else {
      log(`(g) PostgreSQL ${version} at ${where}`);
      postgres = await measurePostgres(snapshot, url, storageTiming);
    }
  }

  return { figures: { floor, plan, rulesEngine, desk, heap, sqlite, postgres }, fixture: info };
}

/**
 * Runs every measurement on one fixture size, in one process: (e) heap on the
 * memory store, then, with only the loaded snapshot kept, (a) floor, (b) plan and
 * (c) rules engine in turns, (d) desk (on a store of its own), (f) SQLite, (g)
 * PostgreSQL, then (b) on 10× (its store let go too). Targets are judged as
 * ratios within this run.
 *
 * @param options - Size, what to skip, run counts.
 * @returns The report (figures, ratios with verdicts, correctness checks).
 * @throws Whatever a measurement throws (a store, a driver, a server that fails mid-run).
 * @example
 * ```ts
 * const report = await runBench({ size: 'small', skip10x: true, runs: 1, warmups: 0 });
 * report.checks.every((check) => check.ok); //=> true
 * ```
 * @category Benchmark
 */
export async function runBench(options: RunBenchOptions = {}): Promise<BenchReport> {
  const size = options.size ?? 'large';
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const machine = describeMachine();
  const timing = { warmups: options.warmups ?? 2, runs: options.runs ?? 7 };
  const storageTiming = { warmups: options.storageWarmups ?? 1, runs: options.storageRuns ?? 3 };

  const base = await measureBase(size, options, timing, storageTiming, log);
  let plan10x: BenchFigures['plan10x'];
  let fixture10x: BenchReport['fixture10x'];
  const blocked = options.skip10x ? 'skipped (--skip-10x)' : tenfoldBlocked(size, machine);
  if (blocked !== undefined) {
    plan10x = { notMeasured: blocked };
    fixture10x = { notMeasured: blocked };
  } else {
    collectGarbage()();
    log('preparing the 10× fixture');
    const big = await snapshotOnly(size, 10);
    fixture10x = big.fixture;
    const bigSnapshot = big.snapshot;
    collectGarbage()();
    log('(b) planActions on 10×');
    plan10x = await measurePlan(bigSnapshot, { warmups: Math.min(timing.warmups, 1), runs: Math.min(timing.runs, 3) });
  }

  const figures: BenchFigures = { ...base.figures, plan10x };
  return {
    command: options.command ?? 'npm run bench',
    startedAt: formatInstant(started),
    durationSeconds: (Date.now() - started) / 1000,
    machine,
    size,
    runs: { ...timing, storageWarmups: storageTiming.warmups, storageRuns: storageTiming.runs },
    fixture: base.fixture,
    fixture10x,
    figures,
    ratios: evaluateTargets(figures),
    checks: correctnessChecks(figures),
  };
}
