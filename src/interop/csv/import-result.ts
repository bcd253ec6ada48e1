import { ReferwellError, StoreError, ValidationError, type ValidationIssue } from '../../errors';
import { toJsonPointer } from '../../model/result';
import type { EntityKind, ReferwellStore } from '../../store/store';

/**
 * How a CSV import treats rows with problems:
 *
 * - `all-or-nothing` — any problem rejects the whole file: no records are
 *   returned (or stored), and every problem is listed;
 * - `skip-invalid-rows` — rows with problems are left out and listed; the other
 *   rows are imported. A row is always taken whole or not at all.
 *
 * @category Interop
 */
export type CsvImportMode = 'all-or-nothing' | 'skip-invalid-rows';

/**
 * One problem in a CSV file.
 *
 * @category Interop
 */
export interface CsvIssue {
  /** The column header as written in the file, or `null` when the problem is not one cell's (a missing column, a malformed row, a default value). */
  readonly column: string | null;
  /** What is wrong, in words. */
  readonly message: string;
  /** A machine-readable kind, e.g. `required`, `invalid_value`, `duplicate`, `CSV_QUOTE_NOT_CLOSED`. */
  readonly code: string;
}

/**
 * A row that was not imported, with every problem found in it.
 *
 * @category Interop
 */
export interface CsvRejectedRow {
  /** The row number as a spreadsheet shows it: 1-based, the header is row 1, blank rows count. */
  readonly row: number;
  /** Every problem in the row (at least one). */
  readonly issues: readonly CsvIssue[];
}

/**
 * How a column of the file was read.
 *
 * @category Interop
 */
export interface CsvColumn {
  /** The header as written. */
  readonly header: string;
  /** The field it fills, or `null` when the column is ignored. */
  readonly field: string | null;
}

/**
 * The outcome of a CSV import. Never thrown: every problem is in `rejected`, and
 * a failed import carries a typed `error` as well.
 *
 * - `ok: true` — `records` were accepted (and, with a store, written in one
 *   atomic batch). In `skip-invalid-rows` mode, `rejected` lists the rows left out.
 * - `ok: false` — nothing was accepted or stored: in `all-or-nothing` mode a row
 *   had a problem; in either mode the file itself could not be read (not CSV, no
 *   header, a required column missing), the options were invalid, or the store
 *   refused the batch. `error` is a {@link ValidationError} (issue paths
 *   `[row, column]`) or, for a store failure, the store's {@link ReferwellError}.
 *
 * @typeParam T - The record type (`Office`, `Contact`).
 * @category Interop
 */
export type CsvImportResult<T> =
  | {
      readonly ok: true;
      /** The accepted records, in file order. */
      readonly records: readonly T[];
      /** The rows left out (`skip-invalid-rows` mode), in file order. */
      readonly rejected: readonly CsvRejectedRow[];
      /** How each column was read. */
      readonly columns: readonly CsvColumn[];
      /** The number of non-blank data rows read. */
      readonly rows: number;
    }
  | {
      readonly ok: false;
      /** Always empty: nothing is accepted from a failed import. */
      readonly records: readonly [];
      /** Every row with a problem (row 1 for problems with the header or the file). */
      readonly rejected: readonly CsvRejectedRow[];
      /** How each column was read (empty when the header could not be read). */
      readonly columns: readonly CsvColumn[];
      /** The number of non-blank data rows read. */
      readonly rows: number;
      /** Why: every problem as a {@link ValidationError}, or the store's error. */
      readonly error: ReferwellError;
    };

/** The ValidationError of a set of rejected rows: one issue per problem, path `[row, column]`. */
export function rejectionError(subject: string, rejected: readonly CsvRejectedRow[]): ValidationError {
  const issues: ValidationIssue[] = rejected.flatMap(({ row, issues: problems }) =>
    problems.map((problem) => {
      const path = problem.column === null ? [row] : [row, problem.column];
      const where = problem.column === null ? `row ${row}` : `row ${row}, column ${JSON.stringify(problem.column)}`;
      return { path, pointer: toJsonPointer(path), message: `${where}: ${problem.message}`, code: problem.code };
    }),
  );
  return new ValidationError(subject, issues);
}

/** A failed import with the given problems. */
export function failed<T>(
  subject: string,
  rejected: readonly CsvRejectedRow[],
  columns: readonly CsvColumn[],
  rows: number,
): CsvImportResult<T> {
  return { ok: false, records: [], rejected, columns, rows, error: rejectionError(subject, rejected) };
}

/**
 * Applies the mode to checked rows and, with a store, writes the accepted
 * records in one atomic batch.
 */
export function settle<T>(
  subject: string,
  mode: CsvImportMode,
  checked: { readonly records: readonly T[]; readonly rejected: readonly CsvRejectedRow[]; readonly columns: readonly CsvColumn[]; readonly rows: number },
): CsvImportResult<T> {
  const { records, rejected, columns, rows } = checked;
  if (rejected.length > 0 && mode === 'all-or-nothing') return failed(subject, rejected, columns, rows);
  return { ok: true, records, rejected, columns, rows };
}

/** Writes an accepted import through the store, atomically; a refusal turns the result into a failure. */
export async function store<T>(
  result: CsvImportResult<T>,
  target: ReferwellStore,
  kind: EntityKind,
): Promise<CsvImportResult<T>> {
  if (!result.ok || result.records.length === 0) return result;
  try {
    await target.write(result.records.map((record) => ({ type: 'upsert' as const, kind, record })));
    return result;
  } catch (cause) {
    const error = ReferwellError.isInstance(cause)
      ? cause
      : new StoreError(target.adapter, cause instanceof Error ? cause.message : String(cause), { cause });
    return { ok: false, records: [], rejected: result.rejected, columns: result.columns, rows: result.rows, error };
  }
}
