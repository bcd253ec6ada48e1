/**
 * Follow-up status of every office: counts by status as bars, then every office
 * in a table, most urgent first (the engine's `followUpStatus`).
 *
 * @module
 */
import { match } from 'ts-pattern';
import { followUpStatuses, type FollowUpStatus } from '../../../plays/follow-up/status';
import { escapeHtml } from '../escape';
import { fixed, plural } from '../format';
import type { ReportData } from '../report-data';
import { CHART_WIDTH, chart, emptyChart, line, niceScale, rect, text } from '../svg';
import { dataTable } from '../table';

const LABEL_WIDTH = 170;
const VALUE_WIDTH = 120;
const TOP = 10;
const ROW = 30;
const AXIS = 40;

/**
 * The words for a follow-up status, with the default day bounds left out (they
 * are policy settings).
 *
 * @param status - The status.
 * @returns A short label.
 * @example
 * ```ts
 * statusLabel('due-soon'); //=> 'Due soon'
 * ```
 * @category CLI
 */
export function statusLabel(status: FollowUpStatus): string {
  return match(status)
    .with('never-contacted', () => 'Never contacted')
    .with('too-soon', () => 'Too soon')
    .with('on-track', () => 'On track')
    .with('due-soon', () => 'Due soon')
    .with('due', () => 'Due')
    .with('overdue', () => 'Overdue')
    .with('lapsed', () => 'Lapsed')
    .exhaustive();
}

function badge(status: FollowUpStatus): string {
  return `<span class="badge status-${status}">${escapeHtml(statusLabel(status))}</span>`;
}

/**
 * Renders the follow-up section.
 *
 * @param data - The report's numbers.
 * @param policy - The follow-up bounds, for the explanation under the heading.
 * @returns The markup: heading, finding, status chart and office table.
 * @example
 * ```ts
 * followUpSection(reportData(input), defaultPlaybook.plays['follow-up']).includes('id="chart-follow-up"');
 * //=> true
 * ```
 * @category CLI
 */
export function followUpSection(
  data: ReportData,
  policy: { readonly nuisanceFloorDays: number; readonly targetDays: number; readonly lapsedDays: number },
): string {
  const title = 'Offices by follow-up status';
  const heading = '<section id="follow-up" aria-labelledby="follow-up-h"><h2 id="follow-up-h">Follow-up status of every office</h2>';
  const cadence =
    `The cadence: follow up every ${policy.targetDays} days; sooner than ${policy.nuisanceFloorDays} days is a nuisance; ` +
    `after ${policy.lapsedDays} days the office has forgotten you.`;
  if (data.followUps.length === 0) {
    return (
      heading +
      `<p class="lede">No offices are recorded yet. ${escapeHtml(cadence)}</p>` +
      emptyChart('chart-follow-up', title, 'No offices recorded yet.') +
      '</section>'
    );
  }

  const counts = followUpStatuses.map((status) => ({ status, count: data.statusCounts.get(status) ?? 0 }));
  const total = data.followUps.length;
  const scale = niceScale(Math.max(...counts.map((c) => c.count)));
  const barWidth = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const bottom = TOP + counts.length * ROW;
  let body = '';
  for (const tick of scale.ticks) {
    const x = LABEL_WIDTH + (tick / scale.max) * barWidth;
    body += line(x, TOP, x, bottom, { class: 'grid' });
    body += text(x, bottom + 16, String(tick), { 'text-anchor': 'middle', class: 'small' });
  }
  body += line(LABEL_WIDTH, TOP, LABEL_WIDTH, bottom, { class: 'axis' });
  body += text(LABEL_WIDTH + barWidth / 2, bottom + 34, 'number of offices', { 'text-anchor': 'middle', class: 'axis-label' });
  counts.forEach(({ status, count }, i) => {
    const y = TOP + i * ROW;
    body += text(LABEL_WIDTH - 10, y + 19, statusLabel(status), { 'text-anchor': 'end' });
    body += rect(LABEL_WIDTH, y + 6, (count / scale.max) * barWidth, ROW - 12, {
      class: `status-${status}`,
      'data-status': status,
      'data-value': String(count),
    });
    body += text(LABEL_WIDTH + (count / scale.max) * barWidth + 8, y + 19, `${count} (${fixed((100 * count) / total, 0)}%)`, {
      class: 'strong',
    });
  });

  const attention = (['lapsed', 'overdue', 'due'] as const).map((status) => data.statusCounts.get(status) ?? 0);
  const needing = attention.reduce((a, b) => a + b, 0);
  const never = data.statusCounts.get('never-contacted') ?? 0;
  const finding =
    `${plural(needing, 'office')} of ${total} ${needing === 1 ? 'needs' : 'need'} a follow-up now ` +
    `(${attention[2]} due, ${attention[1]} overdue, ${attention[0]} lapsed)` +
    (never > 0 ? `; ${plural(never, 'office')} never contacted.` : '.');
  const svg = chart({
    id: 'chart-follow-up',
    title,
    desc: `${finding} ${counts.map(({ status, count }) => `${statusLabel(status)}: ${count}`).join(', ')}.`,
    height: bottom + AXIS,
    body,
  });
  const table = dataTable({
    caption: 'Every office with its follow-up status, most urgent first',
    head: [
      { text: 'Office' },
      { text: 'Stage' },
      { text: 'Status' },
      { text: 'Days since contact', className: 'num' },
      { text: 'Last contact' },
      { text: 'Next due' },
      { text: 'Relationship', className: 'num' },
    ],
    rows: data.followUps.map((office) => [
      { text: office.name, className: 'name' },
      { text: office.lifecycle },
      { html: badge(office.facts.status) },
      { text: office.facts.daysSince === null ? '—' : String(office.facts.daysSince), className: 'num' },
      { text: office.facts.lastContactDate ?? 'never', className: 'nowrap' },
      { text: office.facts.nextDue ?? 'now', className: 'nowrap' },
      { text: `${fixed(office.score, 1)} / 100`, className: 'num' },
    ]),
  });
  return (
    heading +
    `<p class="lede">${escapeHtml(finding)} ${escapeHtml(cadence)}</p>` +
    svg +
    table +
    '</section>'
  );
}
