/**
 * The HTML report: one self-contained page — inline CSS and SVG, no script, no
 * network — that shows a practice owner which offices are worth the drive.
 *
 * @module
 */
import { escapeHtml } from './escape';
import { plural } from './format';
import { reportData, type ReportInput } from './report-data';
import { followUpSection } from './sections/follow-up';
import { headlineSection } from './sections/headline';
import { intakeSection } from './sections/intake';
import { planSection } from './sections/plan';
import { referralsByMonthSection } from './sections/referrals-by-month';
import { yieldSection } from './sections/yield';
import { REPORT_CSS } from './style';

/**
 * The page forbids every fetch: no script, no font, no image, no frame from
 * anywhere; only the inline style sheet applies.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * Renders the HTML report of a practice: one self-contained page (inline CSS and
 * SVG, no JavaScript, no network request, a Content-Security-Policy that forbids
 * any) with
 *
 * 1. a headline: key figures, the offices worth the drive and those costing
 *    time for nothing ({@link rankIndexedSources});
 * 2. referrals per office per month over the last 12 months (heatmap);
 * 3. referrals and first visits per outreach hour per office (bars);
 * 4. the follow-up status of every office (bars and a table;
 *    {@link followUpStatus}, {@link scoreRelationship});
 * 5. intake: the share of referred patients contacted within the `ask` play's
 *    promise, per month, against it ({@link referralIntakeFacts},
 *    {@link practiceIntakeMetrics});
 * 6. the plan ({@link planIndex}) as a table.
 *
 * Every chart is an `<svg role="img">` named by its `<title>` and `<desc>`
 * through `aria-labelledby`, with its numbers also available as a table. Every
 * text from the records is escaped. Pure: no clock, no I/O; the same input
 * gives the same string.
 *
 * @param input - The snapshot, playbook, moment, and optionally a title and plays.
 * @returns The page, `<!doctype html>` to `</html>`, ending with a newline.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * const html = renderHtmlReport({ snapshot, playbook: defaultPlaybook, now: '2026-03-02T14:00:00Z' });
 * html.startsWith('<!doctype html>');
 * //=> true
 * ```
 * @category CLI
 */
export function renderHtmlReport(input: ReportInput): string {
  const data = reportData(input);
  const counts = input.snapshot;
  const footer =
    `Made by referwell from ${plural(counts.offices.length, 'office')}, ${plural(counts.touchpoints.length, 'touchpoint')} ` +
    `and ${plural(counts.referrals.length, 'referral')}, as of ${data.today}. How each number is computed: docs/report.md.`;
  return (
    '<!doctype html>\n' +
    '<html lang="en">\n<head>\n' +
    '<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="generator" content="referwell">\n' +
    `<title>${escapeHtml(data.title)}</title>\n` +
    `<style>${REPORT_CSS}</style>\n` +
    '</head>\n<body>\n<main>\n' +
    [
      headlineSection(data),
      referralsByMonthSection(data),
      yieldSection(data),
      followUpSection(data, input.playbook.plays['follow-up']),
      intakeSection(data),
      planSection(data),
    ].join('\n') +
    `\n<footer><p>${escapeHtml(footer)}</p></footer>\n` +
    '</main>\n</body>\n</html>\n'
  );
}
