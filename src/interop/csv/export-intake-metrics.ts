import { z } from 'zod';
import { safeParseWith } from '../../model/result';
import type { IntakeMetrics } from '../../plays/ask/intake-metrics';
import { idList, writeCsv, type CsvExportOptions, type ExportColumn } from './write-csv';

/**
 * Intake metrics for one scope (the practice, an office, a month …), as one row
 * of {@link intakeMetricsToCsv}.
 *
 * @category Interop
 */
export interface ScopedIntakeMetrics {
  /** What the metrics measure, e.g. `practice`, an office id, `2026-03`. */
  readonly scope: string;
  /** The metrics. */
  readonly metrics: IntakeMetrics;
}

/**
 * The {@link intakeMetricsToCsv} options.
 *
 * @category Interop
 */
export interface IntakeMetricsCsvOptions extends CsvExportOptions {
  /** The `scope` cell when a single metrics value is given; default `practice`. */
  readonly scope?: string;
}

/**
 * The columns of {@link intakeMetricsToCsv}, in order.
 *
 * @category Interop
 */
export const intakeMetricsCsvColumns = [
  'scope',
  'count',
  'contacted',
  'firstVisits',
  'timeToContactMedianHours',
  'timeToContactP90Hours',
  'timeToFirstVisitMedianDays',
  'timeToFirstVisitP90Days',
  'contactBreaches',
  'firstVisitBreaches',
  'contactBreachIds',
  'firstVisitBreachIds',
] as const;

const nullableNumber = z.number().nullable();
const metricsSchema = z.object({
  count: z.number().int().min(0),
  contacted: z.number().int().min(0),
  firstVisits: z.number().int().min(0),
  timeToContact: z.object({ medianHours: nullableNumber, p90Hours: nullableNumber }),
  timeToFirstVisit: z.object({ medianDays: nullableNumber, p90Days: nullableNumber }),
  contactBreaches: z.array(z.string()),
  firstVisitBreaches: z.array(z.string()),
});
const inputSchema = z.union([metricsSchema, z.array(z.object({ scope: z.string(), metrics: metricsSchema }))]);

const columns: readonly ExportColumn<ScopedIntakeMetrics>[] = [
  { header: 'scope', value: (r) => r.scope },
  { header: 'count', value: (r) => r.metrics.count },
  { header: 'contacted', value: (r) => r.metrics.contacted },
  { header: 'firstVisits', value: (r) => r.metrics.firstVisits },
  { header: 'timeToContactMedianHours', value: (r) => r.metrics.timeToContact.medianHours },
  { header: 'timeToContactP90Hours', value: (r) => r.metrics.timeToContact.p90Hours },
  { header: 'timeToFirstVisitMedianDays', value: (r) => r.metrics.timeToFirstVisit.medianDays },
  { header: 'timeToFirstVisitP90Days', value: (r) => r.metrics.timeToFirstVisit.p90Days },
  { header: 'contactBreaches', value: (r) => r.metrics.contactBreaches.length },
  { header: 'firstVisitBreaches', value: (r) => r.metrics.firstVisitBreaches.length },
  { header: 'contactBreachIds', value: (r) => idList(r.metrics.contactBreaches) },
  { header: 'firstVisitBreachIds', value: (r) => idList(r.metrics.firstVisitBreaches) },
];

/**
 * Writes intake metrics (from `practiceIntakeMetrics` or `intakeMetrics`) as CSV
 * (csv-stringify): one row per scope, under a header row of
 * {@link intakeMetricsCsvColumns}:
 *
 * | column | value |
 * | --- | --- |
 * | `scope` | the scope (a single metrics value: `options.scope`, default `practice`) |
 * | `count`, `contacted`, `firstVisits` | referrals measured, contacted, seen |
 * | `timeToContactMedianHours`, `timeToContactP90Hours` | hours to first contact (nearest rank); empty when none |
 * | `timeToFirstVisitMedianDays`, `timeToFirstVisitP90Days` | days to first visit (nearest rank); empty when none |
 * | `contactBreaches`, `firstVisitBreaches` | how many referrals broke each promise |
 * | `contactBreachIds`, `firstVisitBreachIds` | their ids, joined with `;` |
 *
 * Numbers are written as JavaScript prints them (unrounded).
 *
 * @param metrics - One metrics value, or several with their scopes (e.g. per office).
 * @param options - The scope of a single value; BOM, line ending, delimiter, formula escaping.
 * @returns The CSV text.
 * @throws A `ValidationError` (subject `intake metrics`) when `metrics` is not
 * metrics, naming the bad field.
 * @example
 * ```ts
 * intakeMetricsToCsv(practiceIntakeMetrics({ snapshot, playbook: defaultPlaybook, now }));
 * //=> 'scope,count,contacted,…\r\npractice,12,11,9,3.5,27,6,9,1,0,ref-17,\r\n'
 * ```
 * @category Interop
 */
export function intakeMetricsToCsv(
  metrics: IntakeMetrics | readonly ScopedIntakeMetrics[],
  options?: IntakeMetricsCsvOptions,
): string {
  const parsed = safeParseWith(inputSchema, metrics, 'intake metrics');
  if (!parsed.ok) throw parsed.error;
  const { scope, ...csvOptions } = options ?? {};
  const rows: readonly ScopedIntakeMetrics[] = Array.isArray(metrics)
    ? (metrics as readonly ScopedIntakeMetrics[])
    : [{ scope: scope ?? 'practice', metrics: metrics as IntakeMetrics }];
  return writeCsv(columns, rows, csvOptions);
}
