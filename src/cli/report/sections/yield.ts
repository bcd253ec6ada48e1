/**
 * Yield per outreach hour per office: sorted horizontal bars, referrals and first
 * visits, labelled with their values (the engine's `rankSources` numbers).
 *
 * @module
 */
import type { OfficeSource } from '../../../engine/sources';
import { clip, escapeHtml } from '../escape';
import { fixed, hours, plural } from '../format';
import type { ReportData } from '../report-data';
import { CHART_WIDTH, chart, emptyChart, line, niceScale, rect, text } from '../svg';
import { chartTable } from '../table';

/** Above this many timed offices, the chart keeps the best and the worst. */
const ALL_UP_TO = 30;
const KEEP_BEST = 20;
const KEEP_WORST = 10;

const LABEL_WIDTH = 250;
const VALUE_WIDTH = 196;
const TOP = 34;
const ROW = 34;
const GAP_ROW = 24;
/** A row without a referral has no bars to stack: it needs less room. */
const ZERO_ROW = 24;
const AXIS = 44;

/**
 * Renders the yield section.
 *
 * @param data - The report's numbers.
 * @returns The markup: heading, finding, bar chart and its table.
 * @example
 * ```ts
 * yieldSection(reportData(input)).includes('id="chart-yield"');
 * //=> true
 * ```
 * @category CLI
 */
export function yieldSection(data: ReportData): string {
  const { window } = data.ranking.periods;
  const timed = data.ranking.offices.filter((source) => source.outreachMinutes > 0);
  const untimed = data.ranking.offices.filter((source) => source.outreachMinutes === 0 && source.referrals > 0);
  const title = `Referrals and first visits per outreach hour, by office, ${window.from} to ${window.to}`;
  const heading = '<section id="yield" aria-labelledby="yield-h"><h2 id="yield-h">Yield per outreach hour</h2>';
  const untimedNote =
    untimed.length === 0
      ? ''
      : `<p class="note">${escapeHtml(
          `${plural(untimed.length, 'office')} sent referrals without any logged outreach time, so ${untimed.length === 1 ? 'it has' : 'they have'} no yield to chart: ` +
            `${untimed.map((source) => `${source.name} (${source.referrals})`).join(', ')}.`,
        )}</p>`;
  if (timed.length === 0) {
    return (
      heading +
      '<p class="lede">No outreach time was logged in this period, so there is no yield to compare yet.</p>' +
      emptyChart('chart-yield', title, 'No outreach time was logged in this period.') +
      untimedNote +
      '</section>'
    );
  }

  const cut = timed.length > ALL_UP_TO;
  const shown: (OfficeSource | null)[] = cut ? [...timed.slice(0, KEEP_BEST), null, ...timed.slice(-KEEP_WORST)] : timed;
  const scale = niceScale(Math.max(...timed.map((source) => source.referralsPerHour ?? 0)));
  const barWidth = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8;
  const x0 = LABEL_WIDTH;
  const xOf = (value: number) => x0 + (value / scale.max) * barWidth;
  const rowHeight = (source: OfficeSource | null) => (source === null ? GAP_ROW : source.referrals === 0 ? ZERO_ROW : ROW);
  const rowsHeight = shown.reduce((sum, source) => sum + rowHeight(source), 0);
  const bottom = TOP + rowsHeight;
  const height = bottom + AXIS;

  let body = '';
  body += rect(x0, 8, 14, 10, { class: 'bar-referrals' }) + text(x0 + 20, 17, 'referrals per hour');
  body += rect(x0 + 160, 10, 14, 6, { class: 'bar-visits' }) + text(x0 + 180, 17, 'first visits per hour');
  for (const tick of scale.ticks) {
    const x = xOf(tick);
    body += line(x, TOP - 4, x, bottom, { class: 'grid' });
    body += text(x, bottom + 16, fixed(tick, tick % 1 === 0 ? 0 : 1), { 'text-anchor': 'middle', class: 'small' });
  }
  body += line(x0, TOP - 4, x0, bottom, { class: 'axis' });
  body += text(x0 + barWidth / 2, bottom + 36, 'per hour of outreach (travel included)', { 'text-anchor': 'middle', class: 'axis-label' });

  let y = TOP;
  for (const source of shown) {
    if (source === null) {
      const hidden = timed.length - KEEP_BEST - KEEP_WORST;
      body += text(x0 + barWidth / 2, y + 16, `… ${plural(hidden, 'office')} in between, listed in the table …`, {
        'text-anchor': 'middle',
        class: 'small',
      });
      y += GAP_ROW;
      continue;
    }
    const perHour = source.referralsPerHour ?? 0;
    const visitsPerHour = source.firstVisitsPerHour ?? 0;
    body += text(LABEL_WIDTH - 10, y + 17, clip(`${source.rank}. ${source.name}`, 31), { 'text-anchor': 'end' }, `${source.rank}. ${source.name}`);
    const office = source.officeId;
    body += rect(x0, y + 5, xOf(perHour) - x0, 15, { class: 'bar-referrals', 'data-office': office, 'data-value': String(perHour) });
    body += rect(x0, y + 21, xOf(visitsPerHour) - x0, 7, { class: 'bar-visits', 'data-office': office, 'data-value': String(visitsPerHour) });
    const vx = CHART_WIDTH - VALUE_WIDTH + 4;
    if (source.referrals === 0) {
      body += text(vx, y + 17, `0 · no referral in ${hours(source.outreachMinutes)}`, { class: 'zero strong' });
    } else {
      body += text(vx, y + 17, `${fixed(perHour, 2)} · ${plural(source.referrals, 'referral')} in ${hours(source.outreachMinutes)}`, {
        class: 'strong',
      });
      body += text(vx, y + 30, `${fixed(visitsPerHour, 2)} first visits/h (${source.firstVisits})`, { class: 'small' });
    }
    y += rowHeight(source);
  }

  const best = timed[0]!;
  const zero = timed.filter((source) => source.referrals === 0).length;
  const finding =
    `${best.name} pays best: ${fixed(best.referralsPerHour ?? 0, 2)} referrals per outreach hour. ` +
    (zero > 0 ? `${plural(zero, 'office')} got outreach time and sent no referral.` : 'Every office that got outreach time sent at least one referral.');
  const svg = chart({
    id: 'chart-yield',
    title,
    desc: `${finding} Bars are sorted from the best yield down.`,
    height,
    body,
  });
  const table = chartTable({
    caption: title,
    head: [
      { text: 'Rank', className: 'num' },
      { text: 'Office' },
      { text: 'Referrals', className: 'num' },
      { text: 'First visits', className: 'num' },
      { text: 'Touchpoints', className: 'num' },
      { text: 'Outreach', className: 'num' },
      { text: 'Referrals / h', className: 'num' },
      { text: 'First visits / h', className: 'num' },
      { text: 'Trend', className: 'num' },
    ],
    rows: data.ranking.offices.map((source) => [
      { text: String(source.rank), className: 'num' },
      { text: source.name, className: 'name' },
      { text: String(source.referrals), className: 'num' },
      { text: String(source.firstVisits), className: 'num' },
      { text: String(source.touchpoints), className: 'num' },
      { text: hours(source.outreachMinutes), className: 'num' },
      { text: source.referralsPerHour === null ? '—' : fixed(source.referralsPerHour, 2), className: 'num' },
      { text: source.firstVisitsPerHour === null ? '—' : fixed(source.firstVisitsPerHour, 2), className: 'num' },
      { text: source.trend > 0 ? `+${source.trend}` : String(source.trend), className: 'num' },
    ]),
  });
  return (
    heading +
    `<p class="lede">${escapeHtml(finding)} Referrals and first visits counted from ${escapeHtml(window.from)} to ${escapeHtml(window.to)}, divided by the outreach hours logged for the office in the same days.</p>` +
    svg +
    untimedNote +
    table +
    '</section>'
  );
}
