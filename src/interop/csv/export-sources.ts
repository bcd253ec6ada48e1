import { z } from 'zod';
import type { ContactSource, OfficeSource, SourceRanking, SourceYield } from '../../engine/sources';
import { ValidationError } from '../../errors';
import { safeParseWith } from '../../model/result';
import { idList, writeCsv, type CsvExportOptions, type ExportColumn } from './write-csv';

const count = z.number().int().min(0);
const ratio = z.number().nullable();
const yieldShape = {
  rank: z.number().int().min(1),
  referrals: count,
  firstVisits: count,
  touchpoints: count,
  outreachMinutes: z.number().min(0),
  referralsPerHour: ratio,
  firstVisitsPerHour: ratio,
  referralsPerTouchpoint: ratio,
  recentReferrals: count,
  previousReferrals: count,
  trend: z.number().int(),
  declining: z.boolean(),
  followUpStatus: z.string(),
  daysSinceContact: z.number().int().nullable(),
  lapsed: z.boolean(),
  referralIds: z.array(z.string()),
  touchpointIds: z.array(z.string()),
};
const rankingSchema = z.object({
  offices: z.array(z.object({ ...yieldShape, officeId: z.string(), name: z.string(), kind: z.string(), lifecycle: z.string() })),
  contacts: z.array(
    z.object({ ...yieldShape, contactId: z.string(), officeId: z.string(), name: z.string(), role: z.string(), active: z.boolean() }),
  ),
  periods: z.object({ window: z.object({ from: z.string(), to: z.string() }) }),
});

/** The yield columns shared by offices and contacts, in order, then the window. */
function yieldColumns<R extends SourceYield>(window: { from: string; to: string }): ExportColumn<R>[] {
  return [
    { header: 'referrals', value: (r) => r.referrals },
    { header: 'firstVisits', value: (r) => r.firstVisits },
    { header: 'touchpoints', value: (r) => r.touchpoints },
    { header: 'outreachMinutes', value: (r) => r.outreachMinutes },
    { header: 'referralsPerHour', value: (r) => r.referralsPerHour },
    { header: 'firstVisitsPerHour', value: (r) => r.firstVisitsPerHour },
    { header: 'referralsPerTouchpoint', value: (r) => r.referralsPerTouchpoint },
    { header: 'recentReferrals', value: (r) => r.recentReferrals },
    { header: 'previousReferrals', value: (r) => r.previousReferrals },
    { header: 'trend', value: (r) => r.trend },
    { header: 'declining', value: (r) => r.declining },
    { header: 'followUpStatus', value: (r) => r.followUpStatus },
    { header: 'daysSinceContact', value: (r) => r.daysSinceContact },
    { header: 'lapsed', value: (r) => r.lapsed },
    { header: 'referralIds', value: (r) => idList(r.referralIds) },
    { header: 'touchpointIds', value: (r) => idList(r.touchpointIds) },
    { header: 'windowFrom', value: () => window.from },
    { header: 'windowTo', value: () => window.to },
  ];
}

/**
 * The columns of {@link sourcesToCsv}, in order, for each list.
 *
 * @category Interop
 */
export const sourcesCsvColumns = {
  offices: ['rank', 'officeId', 'name', 'kind', 'lifecycle'],
  contacts: ['rank', 'contactId', 'officeId', 'name', 'role', 'active'],
  /** After the identifying columns of either list. */
  yield: [
    'referrals',
    'firstVisits',
    'touchpoints',
    'outreachMinutes',
    'referralsPerHour',
    'firstVisitsPerHour',
    'referralsPerTouchpoint',
    'recentReferrals',
    'previousReferrals',
    'trend',
    'declining',
    'followUpStatus',
    'daysSinceContact',
    'lapsed',
    'referralIds',
    'touchpointIds',
    'windowFrom',
    'windowTo',
  ],
} as const;

/**
 * Writes a source ranking — the offices or the contacts, best first — as CSV
 * (csv-stringify), for a spreadsheet or a BI tool.
 *
 * Columns, with a header row of these names: for offices `rank, officeId, name,
 * kind, lifecycle`; for contacts `rank, contactId, officeId, name, role, active`;
 * then for both the {@link SourceYield} fields `referrals, firstVisits,
 * touchpoints, outreachMinutes, referralsPerHour, firstVisitsPerHour,
 * referralsPerTouchpoint, recentReferrals, previousReferrals, trend, declining,
 * followUpStatus, daysSinceContact, lapsed, referralIds, touchpointIds`, and
 * the counting window `windowFrom, windowTo` (the same on every row).
 *
 * Numbers are written as JavaScript prints them (ratios unrounded, so the cell
 * holds the exact value); `null` ratios and day counts are empty cells; booleans
 * are `true` / `false`; id lists are joined with `;`. Rows keep the ranking's
 * order. Text cells that could run as spreadsheet formulas are prefixed with
 * `'` unless `escapeFormulas` is `false`.
 *
 * @param ranking - A ranking from `rankSources`.
 * @param which - `offices` or `contacts`.
 * @param options - BOM, line ending, delimiter, formula escaping.
 * @returns The CSV text.
 * @throws A `ValidationError` (subject `source ranking`) when `ranking` is not
 * a ranking or `which` is neither list, naming the bad field.
 * @example
 * ```ts
 * const csv = sourcesToCsv(rankSources(snapshot, defaultPlaybook, now), 'offices');
 * csv.split('\r\n')[0];
 * //=> 'rank,officeId,name,kind,lifecycle,referrals,firstVisits,touchpoints,outreachMinutes,referralsPerHour,…'
 * ```
 * @category Interop
 */
export function sourcesToCsv(ranking: SourceRanking, which: 'offices' | 'contacts', options?: CsvExportOptions): string {
  if (which !== 'offices' && which !== 'contacts') {
    throw new ValidationError('source ranking', [
      { path: [], pointer: '', message: `which must be "offices" or "contacts", not ${JSON.stringify(which)}`, code: 'invalid_value' },
    ]);
  }
  const parsed = safeParseWith(rankingSchema, ranking, 'source ranking');
  if (!parsed.ok) throw parsed.error;
  const window = parsed.value.periods.window;
  if (which === 'offices') {
    const columns: ExportColumn<OfficeSource>[] = [
      { header: 'rank', value: (r) => r.rank },
      { header: 'officeId', value: (r) => r.officeId },
      { header: 'name', value: (r) => r.name },
      { header: 'kind', value: (r) => r.kind },
      { header: 'lifecycle', value: (r) => r.lifecycle },
      ...yieldColumns<OfficeSource>(window),
    ];
    return writeCsv(columns, ranking.offices, options);
  }
  const columns: ExportColumn<ContactSource>[] = [
    { header: 'rank', value: (r) => r.rank },
    { header: 'contactId', value: (r) => r.contactId },
    { header: 'officeId', value: (r) => r.officeId },
    { header: 'name', value: (r) => r.name },
    { header: 'role', value: (r) => r.role },
    { header: 'active', value: (r) => r.active },
    ...yieldColumns<ContactSource>(window),
  ];
  return writeCsv(columns, ranking.contacts, options);
}
