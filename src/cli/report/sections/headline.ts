/**
 * The report's first screen: the key figures and, in plain words, the offices
 * worth the drive and the ones costing time for nothing.
 *
 * @module
 */
import { calendarDaysBetween, compareCalendarDates } from '../../../calendar/dates';
import type { OfficeSource } from '../../../engine/sources';
import { escapeHtml } from '../escape';
import { fixed, hours, longDate, percent, plural } from '../format';
import type { ReportData } from '../report-data';

function tile(value: string, label: string): string {
  return `<li class="tile"><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(label)}</span></li>`;
}

function goodLine(source: OfficeSource): string {
  const visits = source.firstVisitsPerHour === null ? '' : ` and ${fixed(source.firstVisitsPerHour, 2)} first visits`;
  return (
    `<li><strong>${escapeHtml(source.name)}</strong> — ${fixed(source.referralsPerHour ?? 0, 2)} referrals${visits} ` +
    `per outreach hour (${plural(source.referrals, 'referral')} for ${hours(source.outreachMinutes)}).</li>`
  );
}

function badLine(source: OfficeSource): string {
  return (
    `<li><strong>${escapeHtml(source.name)}</strong> — ${hours(source.outreachMinutes)} of outreach ` +
    `(${plural(source.touchpoints, 'touchpoint')}) and no referral.</li>`
  );
}

/**
 * Renders the page header and the headline section.
 *
 * @param data - The report's numbers.
 * @returns The markup.
 * @example
 * ```ts
 * headlineSection(reportData(input)).includes('Worth the drive');
 * //=> true
 * ```
 * @category CLI
 */
export function headlineSection(data: ReportData): string {
  const { ranking, today, intake } = data;
  const { window } = ranking.periods;
  const offices = ranking.offices;
  const referrals = offices.reduce((sum, source) => sum + source.referrals, 0);
  const visits = offices.reduce((sum, source) => sum + source.firstVisits, 0);
  const minutes = offices.reduce((sum, source) => sum + source.outreachMinutes, 0);
  const needing = (['due', 'overdue', 'lapsed'] as const).reduce((sum, status) => sum + (data.statusCounts.get(status) ?? 0), 0);
  const dueNow = data.actions.filter((action) => compareCalendarDates(action.due, today) <= 0).length;

  const tiles = [
    tile(String(referrals), `referrals in the last ${plural(calendarDaysBetween(window.from, window.to) + 1, 'day')}`),
    tile(String(visits), 'of them seen for a first visit'),
    tile(hours(minutes), 'outreach time logged'),
    tile(String(needing), `of ${plural(offices.length, 'office')} due, overdue or lapsed for follow-up`),
    tile(
      intake.count === 0 ? '—' : String(intake.contactBreaches.length),
      intake.count === 0 ? 'no referral to judge intake on' : `of ${intake.count} referred patients not contacted on time`,
    ),
    tile(String(dueNow), 'actions due today or earlier'),
  ].join('');

  const good =
    data.worthTheDrive.length === 0
      ? '<p class="empty">No office sent a referral for logged outreach time in this period yet.</p>'
      : `<ol>${data.worthTheDrive.map(goodLine).join('')}</ol>`;
  const bad =
    data.costingTime.length === 0
      ? '<p class="empty">No office took outreach time without sending a referral.</p>'
      : `<ol>${data.costingTime.map(badLine).join('')}</ol>`;

  let summary: string;
  if (offices.length === 0) {
    summary = 'No offices are recorded yet: add the offices you visit and log your outreach to see where it pays.';
  } else if (referrals === 0) {
    summary = `No referral arrived between ${window.from} and ${window.to}${minutes > 0 ? `, for ${hours(minutes)} of outreach` : ''}.`;
  } else {
    const top = data.worthTheDrive;
    const topReferrals = top.reduce((sum, source) => sum + source.referrals, 0);
    const topMinutes = top.reduce((sum, source) => sum + source.outreachMinutes, 0);
    const cold = offices.filter((source) => source.outreachMinutes > 0 && source.referrals === 0);
    const coldMinutes = cold.reduce((sum, source) => sum + source.outreachMinutes, 0);
    const parts: string[] = [];
    if (top.length > 0 && minutes > 0) {
      parts.push(
        `The ${top.length === 1 ? 'best office' : `best ${top.length} offices`} sent ${topReferrals} of the ${referrals} referrals ` +
          `(${percent(topReferrals, referrals)}) for ${percent(topMinutes, minutes)} of the outreach time.`,
      );
    }
    if (cold.length > 0 && minutes > 0) {
      parts.push(
        `${plural(cold.length, 'office')} took ${hours(coldMinutes)} (${percent(coldMinutes, minutes)} of the outreach time) and sent nothing.`,
      );
    }
    summary = parts.length > 0 ? parts.join(' ') : `${plural(referrals, 'referral')} arrived, none of them for logged outreach time.`;
  }

  return (
    `<header class="masthead"><h1>${escapeHtml(data.title)}</h1>` +
    `<p class="meta">${data.title.includes(data.practiceName) ? '' : `${escapeHtml(data.practiceName)} · `}As of ${escapeHtml(longDate(today))} (${escapeHtml(data.timeZone)}) · ` +
    `yield counted from ${escapeHtml(window.from)} to ${escapeHtml(window.to)}</p></header>` +
    '<section id="headline" aria-labelledby="headline-h">' +
    '<h2 id="headline-h">Where your outreach pays</h2>' +
    `<ul class="tiles">${tiles}</ul>` +
    '<div class="verdicts">' +
    `<div class="verdict good"><h3>Worth the drive</h3>${good}</div>` +
    `<div class="verdict bad"><h3>Costing time for nothing</h3>${bad}</div>` +
    '</div>' +
    `<p class="summary">${escapeHtml(summary)}</p>` +
    '</section>'
  );
}
