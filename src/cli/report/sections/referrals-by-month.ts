/**
 * Referrals per office per month: a labelled heatmap of the busiest offices over
 * the last twelve months.
 *
 * @module
 */
import { escapeHtml, clip } from '../escape';
import { monthLabel, plural } from '../format';
import type { ReportData } from '../report-data';
import { CHART_WIDTH, chart, emptyChart, line, ramp, rect, text } from '../svg';
import { chartTable } from '../table';

const LABEL_WIDTH = 250;
const TOTAL_WIDTH = 64;
const HEADER = 46;
const ROW = 28;

/**
 * Renders the referrals-by-month section.
 *
 * @param data - The report's numbers.
 * @returns The markup: heading, finding, heatmap and its table.
 * @example
 * ```ts
 * referralsByMonthSection(reportData(input)).includes('id="chart-referrals"');
 * //=> true
 * ```
 * @category CLI
 */
export function referralsByMonthSection(data: ReportData): string {
  const { months, referralsByMonth: rows, monthTotals } = data;
  const title = `Referrals per office per month, ${monthLabel(months[0]!)} to ${monthLabel(months.at(-1)!)}`;
  const total = monthTotals.reduce((a, b) => a + b, 0);
  const heading =
    '<section id="referrals" aria-labelledby="referrals-h">' +
    '<h2 id="referrals-h">Referrals per office, month by month</h2>';
  if (total === 0) {
    return (
      heading +
      `<p class="lede">No referral was received in the last ${months.length} months.</p>` +
      emptyChart('chart-referrals', title, `No referrals received from ${monthLabel(months[0]!)} to ${monthLabel(months.at(-1)!)}.`) +
      '</section>'
    );
  }

  const offices = rows.filter((row) => row.officeId !== null);
  const top = offices[0]!;
  let busiest = 0;
  monthTotals.forEach((count, i) => {
    if (count > monthTotals[busiest]!) busiest = i;
  });
  const finding =
    `${plural(total, 'referral')} from ${months[0]}-01 to ${data.today}. ${top.name} sent the most (${top.total}); ` +
    `the busiest month was ${monthLabel(months[busiest]!)} with ${monthTotals[busiest]}.`;

  const columnWidth = (CHART_WIDTH - LABEL_WIDTH - TOTAL_WIDTH - 8) / months.length;
  const max = Math.max(1, ...rows.flatMap((row) => row.counts));
  const height = HEADER + (rows.length + 1) * ROW + 8;
  let body = '';
  months.forEach((month, i) => {
    const x = LABEL_WIDTH + i * columnWidth + columnWidth / 2;
    body += text(x, 18, monthLabel(month, false), { 'text-anchor': 'middle', class: 'strong' });
    if (i === 0 || month.endsWith('-01')) body += text(x, 34, month.slice(0, 4), { 'text-anchor': 'middle', class: 'small' });
  });
  const totalX = CHART_WIDTH - TOTAL_WIDTH / 2 - 4;
  body += text(totalX, 18, 'Total', { 'text-anchor': 'middle', class: 'strong' });
  body += text(totalX, 34, `${months.length} mo.`, { 'text-anchor': 'middle', class: 'small' });

  const drawRow = (
    name: string,
    counts: readonly number[],
    sum: number,
    y: number,
    kind: 'office' | 'other' | 'total',
    officeId: string,
  ) => {
    const labelClass = kind === 'office' ? undefined : kind === 'other' ? 'other' : 'strong';
    body += text(8, y + ROW / 2 + 4, clip(name, 31), { class: labelClass }, name);
    counts.forEach((count, i) => {
      const x = LABEL_WIDTH + i * columnWidth;
      const data = { 'data-row': officeId, 'data-month': months[i], 'data-value': String(count) };
      const cx = x + columnWidth / 2;
      if (kind === 'total') {
        body += text(cx, y + ROW / 2 + 4, String(count), { 'text-anchor': 'middle', class: 'strong', ...data });
        return;
      }
      if (count === 0) {
        body += rect(x + 1, y + 1, columnWidth - 2, ROW - 2, { class: 'cell-zero', rx: 3, ...data });
        body += text(cx, y + ROW / 2 + 4, '·', { 'text-anchor': 'middle', class: 'small' });
        return;
      }
      const colour = ramp(count / max);
      body += rect(x + 1, y + 1, columnWidth - 2, ROW - 2, { fill: colour.fill, rx: 3, ...data });
      body += text(cx, y + ROW / 2 + 4, String(count), { 'text-anchor': 'middle', class: `strong ${colour.inkClass}` });
    });
    body += text(totalX, y + ROW / 2 + 4, String(sum), { 'text-anchor': 'middle', class: 'strong' });
  };
  rows.forEach((row, r) => drawRow(row.name, row.counts, row.total, HEADER + r * ROW, row.officeId === null ? 'other' : 'office', row.officeId ?? '(others)'));
  const totalY = HEADER + rows.length * ROW;
  body += line(4, totalY + 2, CHART_WIDTH - 4, totalY + 2, { class: 'axis' });
  drawRow('All offices', monthTotals, total, totalY + 4, 'total', '(all)');

  const svg = chart({
    id: 'chart-referrals',
    title,
    desc: `${finding} Each row is an office, each column a month; darker cells mean more referrals.`,
    height,
    body,
  });
  const table = chartTable({
    caption: title,
    head: [{ text: 'Office' }, ...months.map((month) => ({ text: monthLabel(month), className: 'num' })), { text: 'Total', className: 'num' }],
    rows: [
      ...rows.map((row) => [
        { text: row.name, className: 'name' },
        ...row.counts.map((count) => ({ text: String(count), className: 'num' })),
        { text: String(row.total), className: 'num' },
      ]),
      [
        { html: '<strong>All offices</strong>' },
        ...monthTotals.map((count) => ({ text: String(count), className: 'num' })),
        { text: String(total), className: 'num' },
      ],
    ],
  });
  const shown = rows.length > offices.length ? ` The ${offices.length} busiest offices have a row each; the rest share one.` : '';
  return (
    heading +
    `<p class="lede">${escapeHtml(finding)}${escapeHtml(shown)}</p>` +
    svg +
    table +
    '</section>'
  );
}
