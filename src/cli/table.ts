/**
 * Plain tables for the terminal (cli-table3, without colours so output is the
 * same in a terminal, a pipe and a test).
 *
 * @module
 */
import Table from 'cli-table3';
import type { CliIo } from './io';

/** One column: its header, its share of the spare width (0: fixed), its minimum width and alignment. */
export interface Column {
  readonly head: string;
  readonly width: number;
  readonly grow?: number;
  readonly align?: 'left' | 'right';
}

/** The width tables fill: the terminal's, else 100; at least 80. */
export function tableWidth(io: CliIo): number {
  return Math.max(80, Math.min(io.columns ?? 100, 200));
}

/**
 * Renders rows as a table that fits `width` columns: columns with `grow` share
 * the width the fixed columns leave; long cells wrap at spaces.
 *
 * @param columns - The columns.
 * @param rows - The cells, one array per row.
 * @param width - The total width.
 * @returns The table text, ending with a newline.
 * @example
 * ```ts
 * renderTable([{ head: 'Due', width: 10 }, { head: 'What', width: 10, grow: 1 }], [['2026-03-02', 'Visit Elm Street']], 40);
 * ```
 * @category CLI
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], width: number): string {
  // Each column costs its content plus two padding spaces and one border.
  const fixed = columns.reduce((sum, column) => sum + column.width + 3, 1);
  const spare = Math.max(0, width - fixed);
  const shares = columns.reduce((sum, column) => sum + (column.grow ?? 0), 0);
  const widths = columns.map((column) => column.width + 2 + (shares > 0 ? Math.floor((spare * (column.grow ?? 0)) / shares) : 0));
  const table = new Table({
    head: columns.map((column) => column.head),
    colWidths: widths,
    colAligns: columns.map((column) => column.align ?? 'left'),
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact: false },
  });
  for (const row of rows) table.push([...row]);
  return `${table.toString()}\n`;
}
