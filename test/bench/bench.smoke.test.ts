/**
 * The CI smoke run of `npm run bench`: every measurement at the "small" size with
 * one timed run and no warm-up, asserting the harness's correctness checks (never
 * timings or targets). PostgreSQL follows the repository's pattern: without a
 * server one test says so by name, and with `CI` set an unreachable server fails.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { countRecords, extraOffice, generateFixture, storedFixture } from '../../scripts/bench/fixtures';
import {
  correctnessChecks,
  evaluateTargets,
  formatReport,
  isNotMeasured,
  type BenchFigures,
  type BenchReport,
} from '../../scripts/bench/report';
import { floorPass, measureFloor } from '../../scripts/bench/floor';
import { measurePlan } from '../../scripts/bench/planning';
import { checkRulesEngine, measureRulesEngine, vendorFollowUp } from '../../scripts/bench/rules-engine';
import { runBench, tenfoldBlocked } from '../../scripts/bench/run';
import { compareStorage, type StorageFigure } from '../../scripts/bench/sqlite';
import { measurePostgres } from '../../scripts/bench/postgres';
import { collectGarbage, median } from '../../scripts/bench/timing';
import { SERVER_AT, SERVER_URL, probeServer } from '../postgres-server';

const serverVersion = await probeServer('the benchmark smoke test');

let report: BenchReport;

beforeAll(async () => {
  report = await runBench({
    size: 'small',
    warmups: 0,
    runs: 1,
    storageWarmups: 0,
    storageRuns: 1,
    postgresUrl: SERVER_URL,
    skipPostgres: serverVersion === undefined,
  });
}, 120_000);

describe('npm run bench at the small size', () => {
  test('every correctness check passes', () => {
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.checks.map((check) => check.name)).toEqual(
      expect.arrayContaining([
        'rules engine = followUpStatus',
        'desk.office = planActions for that office',
        'SQLite adapter and raw hold and load the same records',
        'heap figure is finite and positive',
      ]),
    );
  });

  test('the machine line names the last-level cache (or says it is unknown)', () => {
    expect(report.machine.lastLevelCache).toMatch(/^(L\d+ \d+[KMG]?|unknown)$/);
    expect(formatReport(report)).toContain(`, ${report.machine.lastLevelCache} cache, `);
  });

  test('the rules engine agrees with followUpStatus on all 50 offices', () => {
    expect(report.figures.rulesEngine.check).toMatchObject({ offices: 50, mismatchCount: 0 });
  });

  test('desk.office(id).actions equals the full plan filtered to the 1,000-record office', () => {
    expect(report.figures.desk.check).toMatchObject({ records: 1000, equal: true });
    expect(report.figures.desk.check.deskActions).toBe(report.figures.desk.check.planActions);
  });

  test('(d) is also read without forced collections, as many runs, beside the figure', () => {
    const { uncollected, runsMs } = report.figures.desk;
    expect(uncollected.runsMs).toHaveLength(runsMs.length);
    expect(uncollected.runsMs.every((ms) => Number.isFinite(ms) && ms > 0)).toBe(true);
    expect(formatReport(report)).toMatch(/\(d\) the same, no forced collection first \(not a figure\)/);
    // A reading, not the figure: d/b is still the figure's median over (b)'s.
    const db = report.ratios.find((ratio) => ratio.id === 'd/b')!;
    expect(db.value).toBe(report.figures.desk.medianMs / report.figures.plan.medianMs);
  });

  test('SQLite: adapter and raw import hold the same rows per table and load the same records', () => {
    const sqlite = report.figures.sqlite as StorageFigure;
    expect(isNotMeasured(sqlite)).toBe(false);
    expect(sqlite.check.differences).toEqual([]);
    expect(sqlite.check.loaded.adapter).toBe(report.fixture.records);
    expect(sqlite.check.rows['referwell_touchpoints']!.adapter).toBeGreaterThan(0);
  });

  if (serverVersion === undefined) {
    test(`PostgreSQL NOT RUN: no server at ${SERVER_AT} (allowed only outside CI)`, () => {
      expect(process.env.CI).toBeUndefined();
      expect(report.figures.postgres).toEqual({ notMeasured: 'skipped (--skip-postgres)' });
    });
  } else {
    test(`PostgreSQL ${serverVersion} at ${SERVER_AT}: adapter and raw hold the same rows and load the same records`, () => {
      const postgres = report.figures.postgres as StorageFigure;
      expect(isNotMeasured(postgres)).toBe(false);
      expect(postgres.check.differences).toEqual([]);
      expect(postgres.check.loaded.raw).toBe(report.fixture.records);
    });

    test('measurePostgres keeps nothing of the snapshot once it returns, though its sockets may still be closing', async () => {
      // The snapshot is reachable only through `measure` until the call starts,
      // and the weak reference is made in an earlier job (a new one is held
      // strongly until its job ends), so that only a leak can keep it.
      let measure: (() => Promise<unknown>) | undefined;
      let touchpoints!: WeakRef<object>;
      {
        const { snapshot } = await storedFixture('small');
        touchpoints = new WeakRef(snapshot.touchpoints);
        measure = () => measurePostgres(snapshot, SERVER_URL, { warmups: 0, runs: 1 });
      }
      await new Promise((resolve) => setImmediate(resolve));
      const running = measure();
      measure = undefined;
      await running;
      collectGarbage()();
      expect(touchpoints.deref()).toBeUndefined();
    }, 60_000);
  }

  test('the heap figure is finite and positive', () => {
    expect(Number.isFinite(report.figures.heap.bytesPerRecord)).toBe(true);
    expect(report.figures.heap.bytesPerRecord).toBeGreaterThan(0);
  });

  test('every figure is a positive time, the 10× plan included, and every ratio has a verdict', () => {
    const f = report.figures;
    for (const value of [f.floor.medianMs, f.plan.medianMs, f.rulesEngine.medianMs, f.desk.medianMs]) {
      expect(value).toBeGreaterThan(0);
    }
    expect(isNotMeasured(f.plan10x)).toBe(false);
    for (const figure of [f.plan, f.plan10x]) {
      if (isNotMeasured(figure)) continue;
      expect(figure.pauses.runs).toHaveLength(figure.runsMs.length);
      for (const run of figure.pauses.runs) expect(Number.isFinite(run.ms) && run.ms >= 0 && run.count >= 0).toBe(true);
    }
    expect(report.ratios.map((r) => r.id)).toEqual(['b/a', 'b/c', 'd/b', 'b10x/b', 'e', 'f import', 'f load', 'g import', 'g load']);
    for (const r of report.ratios) {
      expect(r.verdict).toBe(r.value === null ? 'not measured' : r.value <= limitOf(r.target) ? 'PASS' : 'FAIL');
    }
  });
});

/** The number in a target such as `≤ 0.01 (1%)` or `≤ 300 B`. */
function limitOf(target: string): number {
  return Number(/≤ ([0-9.]+)/.exec(target)![1]);
}

describe('the checks catch what they look for', () => {
  test('a rules-engine answer that differs from followUpStatus is reported', async () => {
    const { snapshot } = await storedFixture('small');
    const vendor = await vendorFollowUp(snapshot);
    expect(checkRulesEngine(snapshot, vendor).mismatchCount).toBe(0);
    const [first] = vendor.keys();
    const wrong = new Map(vendor);
    wrong.set(first!, { status: 'lapsed', daysSince: 9999 });
    const check = checkRulesEngine(snapshot, wrong);
    expect(check.mismatchCount).toBe(1);
    expect(check.mismatches[0]).toContain(first!);
    wrong.delete(first!);
    expect(checkRulesEngine(snapshot, wrong).mismatchCount).toBe(2);
  }, 30_000);

  test('storage counts that differ are reported, table by table', () => {
    const same = compareStorage({ referwell_offices: 3 }, { referwell_offices: 3 }, { adapter: 4, raw: 4, expected: 4 });
    expect(same.differences).toEqual([]);
    const differ = compareStorage({ referwell_offices: 3 }, { referwell_offices: 2 }, { adapter: 4, raw: 3, expected: 4 });
    expect(differ.differences).toEqual(['referwell_offices: adapter 3 rows, raw 2', 'loaded records: adapter 4, raw 3, fixture 4']);
  });

  test('an unequal desk answer, a missed office or a bad heap figure fails the checks', () => {
    const broken: BenchFigures = {
      ...report.figures,
      desk: { ...report.figures.desk, check: { ...report.figures.desk.check, equal: false } },
      heap: { ...report.figures.heap, bytesPerRecord: Number.NaN },
    };
    const failed = correctnessChecks(broken).filter((check) => !check.ok).map((check) => check.name);
    expect(failed).toEqual(['desk.office = planActions for that office', 'heap figure is finite and positive']);
  });

  test('ratios are judged against the targets of issue 7, and a missing figure is "not measured"', () => {
    const timing = (medianMs: number) => ({ medianMs, runsMs: [medianMs] });
    const figures: BenchFigures = {
      ...report.figures,
      floor: timing(100),
      plan: { ...timing(200), actions: 1, pauses: { medianMs: 0, runs: [{ ms: 0, count: 0 }] } },
      rulesEngine: { ...report.figures.rulesEngine, ...timing(300) },
      desk: { ...report.figures.desk, ...timing(3) },
      heap: { ...report.figures.heap, bytesPerRecord: 301 },
      plan10x: { notMeasured: 'skipped (--skip-10x)' },
      sqlite: { notMeasured: 'no driver' },
      postgres: { notMeasured: 'no server' },
    };
    expect(Object.fromEntries(evaluateTargets(figures).map((r) => [r.id, r.verdict]))).toEqual({
      'b/a': 'PASS',
      'b/c': 'FAIL',
      'd/b': 'FAIL',
      'b10x/b': 'not measured',
      e: 'FAIL',
      'f import': 'not measured',
      'f load': 'not measured',
      'g import': 'not measured',
      'g load': 'not measured',
    });
  });
});

describe('the measurements one by one', () => {
  test('measureFloor, measurePlan and measureRulesEngine give positive times and a passing check', async () => {
    const { snapshot } = await storedFixture('small');
    const once = { warmups: 0, runs: 1 };
    const floor = await measureFloor(snapshot, once);
    const plan = await measurePlan(snapshot, once);
    const rules = await measureRulesEngine(snapshot, once);
    expect(floor.runsMs).toHaveLength(1);
    expect(floor.medianMs).toBeGreaterThan(0);
    expect(plan.medianMs).toBeGreaterThan(0);
    expect(plan.actions).toBe(report.figures.plan.actions);
    // One reading of the collector per timed run (the warm-up runs left out).
    expect(plan.pauses.runs).toHaveLength(1);
    expect(plan.pauses.runs[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(rules.check).toMatchObject({ offices: 50, mismatchCount: 0 });
  }, 30_000);

  test('the floor pass groups every office-scoped record under its office and parses every timestamp', async () => {
    const { snapshot } = await storedFixture('small');
    const result = floorPass(snapshot);
    expect(result.offices.size).toBe(50);
    let touchpoints = 0;
    for (const bucket of result.offices.values()) {
      touchpoints += bucket.touchpoints.length;
      expect(bucket.touchpointTimes).toEqual(bucket.touchpoints.map((touchpoint) => Date.parse(touchpoint.at)));
    }
    expect(touchpoints).toBe(snapshot.touchpoints.length);
    expect(result.parsed).toBeGreaterThan(snapshot.touchpoints.length + snapshot.referrals.length + snapshot.thankYous.length);
  }, 30_000);
});

describe('fixtures and helpers', () => {
  test('the extra office has exactly the records asked for, all under its id', () => {
    const snapshot = generateFixture('small');
    const extra = extraOffice(snapshot, 1000);
    expect(extra.records).toBe(1000);
    expect(extra.operations).toHaveLength(1000);
    for (const op of extra.operations) {
      const record = (op as { record: { id: string; officeId?: string } }).record;
      expect(record.id.startsWith('bench-')).toBe(true);
      if (record.officeId !== undefined) expect(record.officeId).toBe(extra.officeId);
    }
  });

  test('the small fixture holds 50 offices, and counting includes the practice', () => {
    const snapshot = generateFixture('small');
    expect(snapshot.offices).toHaveLength(50);
    expect(countRecords(snapshot)).toBe(
      1 + snapshot.offices.length + snapshot.contacts.length + snapshot.clinicians.length + snapshot.messages.length +
        snapshot.touchpoints.length + snapshot.referrals.length + snapshot.thankYous.length + snapshot.decisions.length,
    );
  });

  test('median takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/^\[referwell\]/);
  });

  test('the 10× fixture is refused, with the reason, when the heap or memory is too small', () => {
    expect(tenfoldBlocked('large', { heapLimitMiB: 4096, freeMemoryMiB: 20000 })).toMatch(/--max-old-space-size/);
    expect(tenfoldBlocked('large', { heapLimitMiB: 12288, freeMemoryMiB: 2000 })).toMatch(/only 2000 MiB/);
    expect(tenfoldBlocked('large', { heapLimitMiB: 12288, freeMemoryMiB: 20000 })).toBeUndefined();
    expect(tenfoldBlocked('small', { heapLimitMiB: 1024, freeMemoryMiB: 1000 })).toBeUndefined();
  });
});
