/**
 * Plain HTML tables for the report: the plan, the office list, and the text
 * alternative of each chart.
 *
 * @module
 */
import { escapeHtml } from './escape';

/**
 * A table cell: its text (escaped when rendered), or its HTML when already safe,
 * and an optional class (`num` right-aligns figures).
 *
 * @category CLI
 */
export interface Cell {
  /** Plain text; escaped. */
  readonly text?: string;
  /** Markup built from escaped pieces; used as is. */
  readonly html?: string;
  /** A class for the `<td>`/`<th>`, e.g. `num`. */
  readonly className?: string;
}

/**
 * The {@link dataTable} options.
 *
 * @category CLI
 */
export interface TableOptions {
  /** The caption (escaped); say what the table lists. */
  readonly caption?: string;
  /** The column headings. */
  readonly head: readonly Cell[];
  /** The rows; each row has one cell per heading. */
  readonly rows: readonly (readonly Cell[])[];
  /** A class for the `<table>`, e.g. `plan`. */
  readonly className?: string;
  /** A class per row (parallel to `rows`), e.g. `overdue`. */
  readonly rowClasses?: readonly (string | undefined)[];
}

function cellHtml(tag: 'td' | 'th', cell: Cell): string {
  const className = cell.className === undefined ? '' : ` class="${escapeHtml(cell.className)}"`;
  const scope = tag === 'th' ? ' scope="col"' : '';
  return `<${tag}${scope}${className}>${cell.html ?? escapeHtml(cell.text ?? '')}</${tag}>`;
}

/**
 * Renders an HTML table, every text escaped, inside a horizontally scrolling
 * box so a wide table never widens the page.
 *
 * @param options - Caption, headings, rows and row classes.
 * @returns The markup.
 * @example
 * ```ts
 * dataTable({ head: [{ text: 'Office' }], rows: [[{ text: 'A & B' }]] }).includes('A &amp; B');
 * //=> true
 * ```
 * @category CLI
 */
export function dataTable(options: TableOptions): string {
  const caption = options.caption === undefined ? '' : `<caption class="visually-hidden">${escapeHtml(options.caption)}</caption>`;
  const head = `<thead><tr>${options.head.map((cell) => cellHtml('th', cell)).join('')}</tr></thead>`;
  const body = options.rows
    .map((row, i) => {
      const rowClass = options.rowClasses?.[i];
      const attr = rowClass === undefined ? '' : ` class="${escapeHtml(rowClass)}"`;
      return `<tr${attr}>${row.map((cell) => cellHtml('td', cell)).join('')}</tr>`;
    })
    .join('');
  const tableClass = options.className === undefined ? '' : ` class="${escapeHtml(options.className)}"`;
  return `<div class="scroll"><table${tableClass}>${caption}${head}<tbody>${body}</tbody></table></div>`;
}

/**
 * A table behind a "Show the numbers" disclosure: the text alternative of a chart.
 *
 * @param options - The table.
 * @returns The markup.
 * @example
 * ```ts
 * chartTable({ head: [{ text: 'Month' }], rows: [] }).startsWith('<details>');
 * //=> true
 * ```
 * @category CLI
 */
export function chartTable(options: TableOptions): string {
  return `<details><summary>Show the numbers as a table</summary>${dataTable(options)}</details>`;
}
