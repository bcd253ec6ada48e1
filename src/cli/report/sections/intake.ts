/**
 * Intake responsiveness: the share of referred patients contacted within the
 * playbook's promise, month by month, against the promise itself.
 *
 * @module
 */
import type { IntakeMonth, ReportData } from '../report-data';
import { escapeHtml } from '../escape';
import { fixed, monthLabel, percent, plural } from '../format';
import { CHART_WIDTH, chart, emptyChart, line, rect, text } from '../svg';
import { chartTable } from '../table';

const LEFT = 56;
const RIGHT = 16;
const TOP = 34;
const PLOT = 190;
const BELOW = 46;

/** Referrals whose contact was judged: on time or late. */
function judged(month: IntakeMonth): number {
  return month.onTime + month.late;
}

function hoursText(value: number | null): string {
  return value === null ? '—' : `${fixed(value, value < 10 ? 1 : 0)} h`;
}

/**
 * Renders the intake section.
 *
 * @param data - The report's numbers.
 * @returns The markup: heading, finding, column chart and its table.
 * @example
 * ```ts
 * intakeSection(reportData(input)).includes('id="chart-intake"');
 * //=> true
 * ```
 * @category CLI
 */
export function intakeSection(data: ReportData): string {
  const { months, intakeMonths, intake, contactWithinBusinessDays: days } = data;
  const promise = `every referred patient contacted within ${plural(days, 'business day')}`;
  const title = `Share of referred patients contacted within ${plural(days, 'business day')}, per month`;
  const heading = '<section id="intake" aria-labelledby="intake-h"><h2 id="intake-h">Intake: how fast referred patients hear from you</h2>';
  const window = data.ranking.periods.window;
  const metrics =
    intake.count === 0
      ? `No referral arrived between ${window.from} and ${window.to}.`
      : `From ${window.from} to ${window.to}: ${plural(intake.count, 'referral')}, ${intake.contacted} patients contacted, ` +
        `median ${hoursText(intake.timeToContact.medianHours)} to first contact (90th percentile ${hoursText(intake.timeToContact.p90Hours)}); ` +
        `${plural(intake.contactBreaches.length, 'contact promise')} broken, and ${plural(intake.firstVisitBreaches.length, 'first visit')} ` +
        `later than ${data.firstVisitWithinDays} days (median ${intake.timeToFirstVisit.medianDays ?? '—'} days).`;

  const totalJudged = intakeMonths.reduce((sum, month) => sum + judged(month), 0);
  if (totalJudged === 0) {
    return (
      heading +
      `<p class="lede">${escapeHtml(metrics)}</p>` +
      emptyChart('chart-intake', title, `No referral to judge in the last ${months.length} months.`) +
      '</section>'
    );
  }

  const onTime = intakeMonths.reduce((sum, month) => sum + month.onTime, 0);
  const finding = `${percent(onTime, totalJudged)} of patients (${onTime} of ${totalJudged}) were contacted on time over ${months.length} months; the promise is ${promise}.`;
  const plotWidth = CHART_WIDTH - LEFT - RIGHT;
  const slot = plotWidth / months.length;
  const bottom = TOP + PLOT;
  const yOf = (share: number) => bottom - share * PLOT;
  let body = '';
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    body += line(LEFT, yOf(tick), CHART_WIDTH - RIGHT, yOf(tick), { class: tick === 0 ? 'axis' : 'grid' });
    body += text(LEFT - 8, yOf(tick) + 4, `${tick * 100}%`, { 'text-anchor': 'end', class: 'small' });
  }
  body += text(14, TOP + PLOT / 2, 'contacted on time', {
    'text-anchor': 'middle',
    class: 'axis-label',
    transform: `rotate(-90 14 ${TOP + PLOT / 2})`,
  });
  intakeMonths.forEach((month, i) => {
    const cx = LEFT + i * slot + slot / 2;
    const n = judged(month);
    body +=
      `<g data-month="${month.month}" data-on-time="${month.onTime}" data-late="${month.late}" ` +
      `data-waiting="${month.waiting}" data-not-judged="${month.notJudged}">`;
    if (n === 0) {
      body += text(cx, bottom - 8, 'none', { 'text-anchor': 'middle', class: 'small' });
    } else {
      const share = month.onTime / n;
      const barWidth = Math.min(40, slot - 14);
      body += rect(cx - barWidth / 2, yOf(share), barWidth, share * PLOT, { class: 'bar-intake' });
      const labelY = share > 0.9 ? yOf(share) + 15 : yOf(share) - 6;
      body += text(cx, labelY, percent(month.onTime, n), {
        'text-anchor': 'middle',
        class: share > 0.9 ? 'strong on-dark' : 'strong',
      });
    }
    body += text(cx, bottom + 16, monthLabel(month.month, false), { 'text-anchor': 'middle' });
    body += text(cx, bottom + 32, n === 0 ? 'n = 0' : `${month.onTime}/${n}`, { 'text-anchor': 'middle', class: 'small' });
    body += '</g>';
  });
  body += line(LEFT, yOf(1), CHART_WIDTH - RIGHT, yOf(1), { class: 'target' });
  body += text(LEFT + 4, yOf(1) - 8, `Promise: ${promise} (100%)`, { class: 'target-label' });

  const svg = chart({
    id: 'chart-intake',
    title,
    desc: `${finding} Each column is a month; the dashed line is the promise.`,
    height: bottom + BELOW,
    body,
  });
  const table = chartTable({
    caption: title,
    head: [
      { text: 'Month' },
      { text: 'Received', className: 'num' },
      { text: 'On time', className: 'num' },
      { text: 'Late', className: 'num' },
      { text: 'Waiting, not late yet', className: 'num' },
      { text: 'Closed, no contact', className: 'num' },
      { text: 'On-time share', className: 'num' },
    ],
    rows: intakeMonths.map((month) => [
      { text: monthLabel(month.month) },
      { text: String(month.received), className: 'num' },
      { text: String(month.onTime), className: 'num' },
      { text: String(month.late), className: 'num' },
      { text: String(month.waiting), className: 'num' },
      { text: String(month.notJudged), className: 'num' },
      { text: judged(month) === 0 ? '—' : percent(month.onTime, judged(month)), className: 'num' },
    ]),
  });
  return (
    heading +
    `<p class="lede">${escapeHtml(finding)}</p>` +
    svg +
    `<p class="note">${escapeHtml(metrics)} A patient still waiting inside the deadline, or a referral closed without a contact, is not counted in the share.</p>` +
    table +
    '</section>'
  );
}
