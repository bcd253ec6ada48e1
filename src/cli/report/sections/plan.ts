/**
 * The plan: what to do today (and what is coming within the planning horizon),
 * as a table — the engine's `planActions`, in its order.
 *
 * @module
 */
import { compareCalendarDates } from '../../../calendar/dates';
import { escapeHtml } from '../escape';
import { plural } from '../format';
import type { ReportData } from '../report-data';
import { dataTable } from '../table';

/**
 * The most actions the plan table lists; the rest are counted.
 *
 * @category CLI
 */
export const PLAN_ROWS = 100;

/**
 * Renders the plan section.
 *
 * @param data - The report's numbers.
 * @returns The markup: heading, summary and the action table.
 * @example
 * ```ts
 * planSection(reportData(input)).includes('<th scope="col">Why</th>');
 * //=> true
 * ```
 * @category CLI
 */
export function planSection(data: ReportData): string {
  const { actions, today } = data;
  const heading = '<section id="plan" aria-labelledby="plan-h"><h2 id="plan-h">The plan</h2>';
  if (actions.length === 0) {
    return `${heading}<p class="lede">Nothing to do: every office is on track.</p></section>`;
  }
  const due = actions.filter((action) => compareCalendarDates(action.due, today) <= 0).length;
  const late = actions.filter((action) => compareCalendarDates(action.due, today) < 0).length;
  const shown = actions.slice(0, PLAN_ROWS);
  const lede =
    `${plural(actions.length, 'action')}, ${due} due today or earlier` +
    (late > 0 ? ` (${late} past their due date)` : '') +
    '; most urgent first.' +
    (actions.length > shown.length ? ` The first ${shown.length} are listed; \`referwell plan\` shows them all.` : '');
  const table = dataTable({
    caption: 'The plan: actions by due date',
    className: 'plan',
    head: [{ text: 'Due' }, { text: 'Office' }, { text: 'Play' }, { text: 'Action' }, { text: 'Why' }],
    rows: shown.map((action) => [
      { text: action.due, className: 'due nowrap' },
      { text: data.officeNames.get(action.officeId) ?? action.officeId, className: 'name' },
      { text: data.playTitles.get(action.play) ?? action.play },
      { text: action.title },
      {
        html:
          escapeHtml(action.explanation.summary) +
          action.warnings.map((warning) => `<span class="warning">⚠ ${escapeHtml(warning.message)}</span>`).join(''),
      },
    ]),
    rowClasses: shown.map((action) => (compareCalendarDates(action.due, today) < 0 ? 'overdue' : undefined)),
  });
  return `${heading}<p class="lede">${escapeHtml(lede)}</p>${table}</section>`;
}
