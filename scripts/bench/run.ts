/**
 * Runs the whole benchmark of issue 7 in one process and returns the report.
 *
 * @module
 */
import { formatInstant } from '../../src/calendar/instant';
import { measureDesk } from './desk';
import { countRecords, storedFixture, type BenchSize } from './fixtures';
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
 * Runs every measurement on one fixture size, in one process: (a) floor, (b)
 * plan, (c) rules engine, (e) heap, (d) desk, (f) SQLite, (g) PostgreSQL, then (b)
 * on 10×. Targets are judged as ratios within this run.
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

  log(`preparing the ${size} fixture`);
  let fixture: Awaited<ReturnType<typeof storedFixture>> | undefined = await storedFixture(size);
  const { snapshot } = fixture;
  const fixtureInfo = {
    records: countRecords(snapshot),
    generateMs: fixture.preparedMs.generate,
    importMs: fixture.preparedMs.import,
    loadMs: fixture.preparedMs.load,
  };
  // (a), (b) and (c) run in turns, round after round, so that their ratios are fair
  // on a shared machine; (d) follows on its own (it changes the store).
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
  log('(e) heap per record');
  const heap = await measureHeap(fixture.store);
  log('(d) desk');
  const desk = await measureDesk(fixture.store, snapshot, timing);
  fixture = undefined; // the memory store is not needed any more

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

  let plan10x: BenchFigures['plan10x'];
  let fixture10x: BenchReport['fixture10x'];
  const blocked = options.skip10x ? 'skipped (--skip-10x)' : tenfoldBlocked(size, machine);
  if (blocked !== undefined) {
    plan10x = { notMeasured: blocked };
    fixture10x = { notMeasured: blocked };
  } else {
    collectGarbage()();
    log('preparing the 10× fixture');
    const big = await storedFixture(size, 10);
    fixture10x = {
      records: countRecords(big.snapshot),
      generateMs: big.preparedMs.generate,
      importMs: big.preparedMs.import,
      loadMs: big.preparedMs.load,
    };
    const bigSnapshot = big.snapshot;
    log('(b) planActions on 10×');
    plan10x = await measurePlan(bigSnapshot, { warmups: Math.min(timing.warmups, 1), runs: Math.min(timing.runs, 3) });
  }

  const figures: BenchFigures = { floor, plan, rulesEngine, desk, heap, sqlite, postgres, plan10x };
  return {
    command: options.command ?? 'npm run bench',
    startedAt: formatInstant(started),
    durationSeconds: (Date.now() - started) / 1000,
    machine,
    size,
    runs: { ...timing, storageWarmups: storageTiming.warmups, storageRuns: storageTiming.runs },
    fixture: fixtureInfo,
    fixture10x,
    figures,
    ratios: evaluateTargets(figures),
    checks: correctnessChecks(figures),
  };
}
