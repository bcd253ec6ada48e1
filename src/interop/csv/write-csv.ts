import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { safeParseWith } from '../../model/result';

/**
 * How the CSV exports write their text.
 *
 * @category Interop
 */
export interface CsvExportOptions {
  /** Start with a UTF-8 byte order mark, so that Excel reads accents right; default `false`. */
  readonly bom?: boolean;
  /** The line ending; default `crlf` (RFC 4180). */
  readonly recordDelimiter?: 'crlf' | 'lf';
  /** The field delimiter; default `,`. */
  readonly delimiter?: ',' | ';' | '\t' | '|';
  /**
   * Prefix text cells that start with `=`, `+`, `-`, `@`, TAB or CR with `'`, so a
   * spreadsheet shows them instead of running them as formulas (CSV injection);
   * numbers are never changed. Default `true`: names and ids come from people.
   */
  readonly escapeFormulas?: boolean;
}

/** The options schema of every export. @internal */
export const exportOptionsSchema = z
  .object({
    bom: z.boolean().optional(),
    recordDelimiter: z.enum(['crlf', 'lf']).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    escapeFormulas: z.boolean().optional(),
  })
  .optional();

/** A cell before writing: numbers as JavaScript prints them, `null` as an empty cell. */
export type CsvCell = string | number | boolean | null;

/** One documented column of an export. @internal */
export interface ExportColumn<R> {
  readonly header: string;
  readonly value: (row: R) => CsvCell;
}

/**
 * Writes a header row and one row per record with csv-stringify: fields holding
 * the delimiter, a quote or a line break are quoted, quotes doubled; `true` /
 * `false` for booleans, an empty cell for `null`.
 *
 * @throws A `ValidationError` when the options are malformed.
 * @internal
 */
export function writeCsv<R>(columns: readonly ExportColumn<R>[], records: readonly R[], options: CsvExportOptions | undefined): string {
  const parsed = safeParseWith(exportOptionsSchema, options, 'CSV export options');
  if (!parsed.ok) throw parsed.error;
  const opts = parsed.value ?? {};
  const rows: CsvCell[][] = [columns.map((column) => column.header), ...records.map((record) => columns.map((column) => column.value(record)))];
  return stringify(rows, {
    bom: opts.bom ?? false,
    record_delimiter: opts.recordDelimiter === 'lf' ? 'unix' : 'windows',
    delimiter: opts.delimiter ?? ',',
    escape_formulas: opts.escapeFormulas ?? true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

/** Ids written in one cell, separated by `;`. @internal */
export function idList(ids: readonly string[]): string {
  return ids.join(';');
}
