import { CsvError, parse } from 'csv-parse/sync';
import type { CsvIssue } from './import-result';

/** One data row of a CSV file, numbered as a spreadsheet shows it. */
export interface CsvRow {
  /** 1-based, the header being row 1; blank rows are counted too, as a spreadsheet shows them. */
  readonly row: number;
  /** The cells as written (quotes removed), in column order. */
  readonly cells: readonly string[];
}

/** A CSV file read into its header and data rows. */
export interface CsvTable {
  /** The header cells, trimmed. */
  readonly header: readonly string[];
  /** The row number of the header (1 unless blank rows come before it). */
  readonly headerRow: number;
  /** The data rows that hold anything (blank rows are skipped but keep their numbers). */
  readonly rows: readonly CsvRow[];
}

/** Why a CSV file could not be read at all, with the row where reading stopped. */
export interface CsvReadFailure {
  readonly row: number;
  readonly issue: CsvIssue;
}

/** The {@link readCsv} options. */
export interface ReadCsvOptions {
  /** The field delimiter; default `,`. */
  readonly delimiter?: string;
}

/** Whether every cell of a record is empty or white space. */
function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * Reads CSV text (RFC 4180, as spreadsheets write it) with csv-parse: quoted
 * fields with embedded delimiters, quotes (`""`) and line breaks; a UTF-8 BOM;
 * CRLF, LF or CR line endings; a stray quote inside an unquoted field is kept as
 * a character. The first non-blank row is the header.
 *
 * @param text - The file's text.
 * @param options - The delimiter.
 * @returns The header and rows, or where and why the file is not CSV (an
 * unclosed quote, text after a closing quote, an empty file).
 * @internal
 */
export function readCsv(text: string, options: ReadCsvOptions = {}): { ok: true; table: CsvTable } | { ok: false; failure: CsvReadFailure } {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: options.delimiter ?? ',',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const row = error instanceof CsvError && typeof error['records'] === 'number' ? Number(error['records']) + 1 : 1;
    const message = `not readable as CSV: ${error instanceof Error ? error.message : String(error)}`;
    const code = error instanceof CsvError ? error.code : 'invalid_csv';
    return { ok: false, failure: { row, issue: { column: null, message, code } } };
  }

  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  if (headerIndex === -1) {
    return { ok: false, failure: { row: 1, issue: { column: null, message: 'the file has no header row', code: 'empty_file' } } };
  }
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i += 1) {
    const cells = records[i]!;
    if (!isBlank(cells)) rows.push({ row: i + 1, cells });
  }
  return {
    ok: true,
    table: { header: records[headerIndex]!.map((cell) => cell.trim()), headerRow: headerIndex + 1, rows },
  };
}
