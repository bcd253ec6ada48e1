/**
 * The benchmark report: figures, ratios against the targets of issue 7, the
 * correctness checks, and how it prints (text or JSON).
 *
 * @module
 */
import Table from 'cli-table3';
import type { DeskFigure } from './desk';
import type { PauseReading } from './gc-pauses';
import type { BenchSize } from './fixtures';
import type { HeapFigure } from './heap';
import type { MachineInfo } from './machine';
import type { PlanFigure } from './planning';
import type { RulesEngineFigure } from './rules-engine';
import type { StorageFigure } from './sqlite';
import type { Timing } from './timing';

/**
 * A figure that was not measured, and why.
 *
 * @category Benchmark
 */
export interface NotMeasured {
  readonly notMeasured: string;
}

/**
 * Whether a value is a {@link NotMeasured}.
 *
 * @param value - A figure or a reason.
 * @returns `true` for a reason.
 * @example
 * ```ts
 * isNotMeasured({ notMeasured: 'no server' }); //=> true
 * ```
 * @category Benchmark
 */
export function isNotMeasured(value: unknown): value is NotMeasured {
  return typeof value === 'object' && value !== null && 'notMeasured' in value;
}

/**
 * Every figure of one run (absent ones were not asked for).
 *
 * @category Benchmark
 */
export interface BenchFigures {
  readonly floor: Timing;
  readonly plan: PlanFigure;
  readonly rulesEngine: RulesEngineFigure;
  readonly desk: DeskFigure;
  readonly heap: HeapFigure;
  readonly sqlite: StorageFigure | NotMeasured;
  readonly postgres: StorageFigure | NotMeasured;
  readonly plan10x: PlanFigure | NotMeasured;
}

/**
 * One ratio against its target.
 *
 * @category Benchmark
 */
export interface RatioResult {
  /** Short id, e.g. `b/a`. */
  readonly id: string;
  /** What it compares. */
  readonly label: string;
  /** The value, or `null` when a figure is missing. */
  readonly value: number | null;
  /** The target as written in issue 7, e.g. `≤ 2.0`. */
  readonly target: string;
  /** `PASS`, `FAIL`, or `not measured`. */
  readonly verdict: 'PASS' | 'FAIL' | 'not measured';
}

/**
 * One correctness check.
 *
 * @category Benchmark
 */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * A whole run.
 *
 * @category Benchmark
 */
export interface BenchReport {
  /** The command that reproduces the run. */
  readonly command: string;
  /** When it ran (ISO-8601 UTC). */
  readonly startedAt: string;
  /** How long the whole run took, in seconds. */
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly size: BenchSize;
  /** Run counts used. */
  readonly runs: { readonly warmups: number; readonly runs: number; readonly storageWarmups: number; readonly storageRuns: number };
  /** Records in the fixture (practice included) and how long preparing it took. */
  readonly fixture: { readonly records: number; readonly generateMs: number; readonly importMs: number; readonly loadMs: number };
  /** The 10× fixture: records and preparation times, or why it was not built. */
  readonly fixture10x: { readonly records: number; readonly generateMs: number; readonly importMs: number; readonly loadMs: number } | NotMeasured;
  readonly figures: BenchFigures;
  readonly ratios: readonly RatioResult[];
  readonly checks: readonly CheckResult[];
}

const ratio = (
  id: string,
  label: string,
  value: number | null,
  limit: number,
  target: string,
): RatioResult => ({
  id,
  label,
  value,
  target,
  verdict: value === null || !Number.isFinite(value) ? 'not measured' : value <= limit ? 'PASS' : 'FAIL',
});

/**
 * The ratios of issue 7 and their verdicts.
 *
 * @param figures - The run's figures.
 * @returns One entry per target.
 * @example
 * ```ts
 * evaluateTargets(figures)[0]; //=> { id: 'b/a', label: 'planActions / floor', value: 6.8, target: '≤ 2.0', verdict: 'FAIL' }
 * ```
 * @category Benchmark
 */
export function evaluateTargets(figures: BenchFigures): RatioResult[] {
  const b = figures.plan.medianMs;
  const storage = (figure: StorageFigure | NotMeasured, part: 'import' | 'load') =>
    isNotMeasured(figure) ? null : figure[part].adapterMs / figure[part].rawMs;
  return [
    ratio('b/a', 'planActions / floor', b / figures.floor.medianMs, 2.0, '≤ 2.0'),
    ratio('b/c', 'planActions / rules engine (follow-up only)', b / figures.rulesEngine.medianMs, 0.5, '≤ 0.5'),
    ratio('d/b', 'desk.office after one append / planActions', figures.desk.medianMs / b, 0.01, '≤ 0.01 (1%)'),
    ratio(
      'b10x/b',
      'planActions on 10× / on the base size',
      isNotMeasured(figures.plan10x) ? null : figures.plan10x.medianMs / b,
      11,
      '≤ 11',
    ),
    ratio('e', 'heap bytes per loaded record', figures.heap.bytesPerRecord, 300, '≤ 300 B'),
    ratio('f import', 'SQLite adapter import / raw', storage(figures.sqlite, 'import'), 1.5, '≤ 1.5'),
    ratio('f load', 'SQLite adapter loadSnapshot / raw', storage(figures.sqlite, 'load'), 1.5, '≤ 1.5'),
    ratio('g import', 'PostgreSQL adapter import / raw', storage(figures.postgres, 'import'), 2.0, '≤ 2.0'),
    ratio('g load', 'PostgreSQL adapter loadSnapshot / raw', storage(figures.postgres, 'load'), 2.0, '≤ 2.0'),
  ];
}

/**
 * The correctness checks of a run.
 *
 * @param figures - The run's figures.
 * @returns One entry per check; a failed one makes the command exit non-zero.
 * @example
 * ```ts
 * correctnessChecks(figures).every((check) => check.ok); //=> true
 * ```
 * @category Benchmark
 */
export function correctnessChecks(figures: BenchFigures): CheckResult[] {
  const checks: CheckResult[] = [];
  const rules = figures.rulesEngine.check;
  checks.push({
    name: 'rules engine = followUpStatus',
    ok: rules.mismatchCount === 0 && rules.offices > 0,
    detail:
      rules.mismatchCount === 0
        ? `status and day count agree for all ${rules.offices} offices`
        : `${rules.mismatchCount} of ${rules.offices} offices differ: ${rules.mismatches.join('; ')}`,
  });
  const desk = figures.desk.check;
  checks.push({
    name: 'desk.office = planActions for that office',
    ok: desk.equal,
    detail: `${desk.officeId} (${desk.records} records + appends): desk ${desk.deskActions} actions, full plan ${desk.planActions}${desk.equal ? ', deeply equal' : ', NOT equal'}`,
  });
  for (const [name, figure] of [
    ['SQLite', figures.sqlite],
    ['PostgreSQL', figures.postgres],
  ] as const) {
    if (isNotMeasured(figure)) continue;
    const { differences, loaded } = figure.check;
    checks.push({
      name: `${name} adapter and raw hold and load the same records`,
      ok: differences.length === 0,
      detail: differences.length === 0 ? `same rows in every table; ${loaded.adapter} records loaded each way` : differences.join('; '),
    });
  }
  const heap = figures.heap.bytesPerRecord;
  checks.push({
    name: 'heap figure is finite and positive',
    ok: Number.isFinite(heap) && heap > 0,
    detail: `${heap.toFixed(1)} B/record over ${figures.heap.records} records`,
  });
  return checks;
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const runsOf = (values: readonly number[]) => values.map(ms).join(', ');
/** A table row of the collector's pauses in each run: their median, then each run's as "ms in count", or "—" for none. */
const pausesRow = (label: string, pauses: PauseReading): string[] => [
  label,
  `${ms(pauses.medianMs)} ms`,
  pauses.runs.map((run) => (run.count === 0 ? '—' : `${ms(run.ms)} in ${run.count}`)).join(', '),
];

/**
 * The report as text: machine, figures, ratios with verdicts, checks.
 *
 * @param report - The run.
 * @returns Printable text (tables drawn without colour).
 * @example
 * ```ts
 * console.log(formatReport(report));
 * ```
 * @category Benchmark
 */
export function formatReport(report: BenchReport): string {
  const { machine, figures } = report;
  const style = { head: [], border: [] };
  const lines: string[] = [];
  lines.push(`referwell benchmark — ${report.command}`);
  lines.push(`started ${report.startedAt}, took ${report.durationSeconds.toFixed(0)} s`);
  lines.push(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.lastLevelCache} cache, ${machine.platform}, Node ${machine.node}, ` +
      `${machine.freeMemoryMiB} MiB free of ${machine.totalMemoryMiB} MiB, heap limit ${machine.heapLimitMiB} MiB`,
  );
  lines.push(`commit: ${machine.commit}${machine.dirty ? ' (with uncommitted changes)' : ''}`);
  lines.push(
    `fixture: ${report.size}, ${report.fixture.records} records (generated ${ms(report.fixture.generateMs)} ms, ` +
      `imported into a memory store ${ms(report.fixture.importMs)} ms, loaded ${ms(report.fixture.loadMs)} ms)`,
  );
  lines.push(
    isNotMeasured(report.fixture10x)
      ? `10× fixture: not measured — ${report.fixture10x.notMeasured}`
      : `10× fixture: ${report.fixture10x.records} records (generated ${ms(report.fixture10x.generateMs)} ms, ` +
          `imported ${ms(report.fixture10x.importMs)} ms, loaded ${ms(report.fixture10x.loadMs)} ms)`,
  );
  lines.push(
    `runs: ${report.runs.warmups} warm-up + median of ${report.runs.runs} (storage: ${report.runs.storageWarmups} + ${report.runs.storageRuns})`,
  );

  const table = new Table({ head: ['figure', 'median', 'runs (ms)'], style });
  table.push(['(a) floor: one pass, parse + group', `${ms(figures.floor.medianMs)} ms`, runsOf(figures.floor.runsMs)]);
  table.push([`(b) planActions, nine plays (${figures.plan.actions} actions)`, `${ms(figures.plan.medianMs)} ms`, runsOf(figures.plan.runsMs)]);
  table.push(pausesRow('(b) collector pauses in each run (not a figure)', figures.plan.pauses));
  table.push(['(c) pass + json-rules-engine, follow-up', `${ms(figures.rulesEngine.medianMs)} ms`, runsOf(figures.rulesEngine.runsMs)]);
  table.push([`(d) desk.office after one append (${figures.desk.check.records}-record office)`, `${ms(figures.desk.medianMs)} ms`, runsOf(figures.desk.runsMs)]);
  table.push([
    '(d) the same, no forced collection first (not a figure)',
    `${ms(figures.desk.uncollected.medianMs)} ms`,
    runsOf(figures.desk.uncollected.runsMs),
  ]);
  table.push([
    '(e) heap per loaded record',
    `${figures.heap.bytesPerRecord.toFixed(1)} B`,
    `${(figures.heap.retainedBytes / 1024 / 1024).toFixed(1)} MiB for ${figures.heap.records} records`,
  ]);
  for (const [name, figure] of [
    ['(f) SQLite', figures.sqlite],
    ['(g) PostgreSQL', figures.postgres],
  ] as const) {
    if (isNotMeasured(figure)) {
      table.push([name, 'not measured', figure.notMeasured]);
      continue;
    }
    for (const part of ['import', 'load'] as const) {
      const label = part === 'import' ? 'import' : 'loadSnapshot';
      table.push([`${name} adapter ${label}`, `${ms(figure[part].adapterMs)} ms`, runsOf(figure[part].adapterRunsMs)]);
      table.push([`${name} raw driver ${label}`, `${ms(figure[part].rawMs)} ms`, runsOf(figure[part].rawRunsMs)]);
    }
  }
  table.push(
    isNotMeasured(figures.plan10x)
      ? ['(b) planActions on 10×', 'not measured', figures.plan10x.notMeasured]
      : [`(b) planActions on 10× (${figures.plan10x.actions} actions)`, `${ms(figures.plan10x.medianMs)} ms`, runsOf(figures.plan10x.runsMs)],
  );
  if (!isNotMeasured(figures.plan10x)) {
    table.push(pausesRow('(b) on 10×: collector pauses in each run (not a figure)', figures.plan10x.pauses));
  }
  lines.push(table.toString());

  const ratios = new Table({ head: ['ratio', 'what', 'value', 'target', 'verdict'], style });
  for (const r of report.ratios) {
    ratios.push([r.id, r.label, r.value === null ? '—' : r.id === 'e' ? `${r.value.toFixed(1)} B` : r.value.toFixed(r.value < 0.1 ? 4 : 2), r.target, r.verdict]);
  }
  lines.push(ratios.toString());

  lines.push('correctness checks:');
  for (const check of report.checks) lines.push(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  const failed = report.checks.filter((check) => !check.ok).length;
  const missed = report.ratios.filter((r) => r.verdict === 'FAIL').length;
  lines.push(
    `${report.ratios.length - missed - report.ratios.filter((r) => r.verdict === 'not measured').length} targets met, ${missed} missed, ` +
      `${report.ratios.filter((r) => r.verdict === 'not measured').length} not measured; ${failed === 0 ? 'all correctness checks passed' : `${failed} correctness checks FAILED`}`,
  );
  return lines.join('\n');
}
