/**
 * Which column of a CSV file fills which field: a default recognition of common
 * headers (compared case-insensitively, ignoring spaces and punctuation), which
 * a caller's mapping overrides.
 *
 * @module
 * @internal
 */
import type { CsvColumn, CsvIssue } from './import-result';
import type { CsvRow } from './read-csv';
import { compact } from './values';

/**
 * The headers recognised for each field, in compact form: lower case, letters
 * and digits only (`"Office Name"` is `officename`).
 *
 * @typeParam F - The fields.
 * @category Interop
 */
export type HeaderAliases<F extends string> = Readonly<Record<F, readonly string[]>>;

/** The columns of a file resolved to fields. */
export interface ResolvedColumns<F extends string> {
  /** How each column is read, in file order. */
  readonly columns: readonly CsvColumn[];
  /** The column index of each mapped field. */
  readonly index: ReadonlyMap<F, number>;
  /** Problems with the header (two columns for one field, a mapped header not in the file). */
  readonly issues: readonly CsvIssue[];
}

/**
 * Resolves the header of a file to fields.
 *
 * A column's field is, in order: the caller's `mapping` for its header (matched
 * exactly, else loosely), `null` there meaning "ignore"; else the field whose
 * aliases include the compact header; else none (ignored). Two columns for one
 * field is a problem; so is a mapped header the file does not have.
 *
 * @internal
 */
export function resolveColumns<F extends string>(
  header: readonly string[],
  aliases: HeaderAliases<F>,
  mapping: Readonly<Record<string, F | null>> | undefined,
): ResolvedColumns<F> {
  const byAlias = new Map<string, F>();
  for (const [field, names] of Object.entries(aliases) as [F, readonly string[]][]) {
    for (const name of names) byAlias.set(name, field);
  }
  const mapped = Object.entries(mapping ?? {});
  const used = new Set<string>();
  const mappingFor = (text: string): { found: true; field: F | null } | { found: false } => {
    const exact = mapped.find(([key]) => key === text);
    const loose = exact ?? mapped.find(([key]) => compact(key) === compact(text) && compact(key) !== '');
    if (loose === undefined) return { found: false };
    used.add(loose[0]);
    return { found: true, field: loose[1] };
  };

  const columns: CsvColumn[] = [];
  const index = new Map<F, number>();
  const issues: CsvIssue[] = [];
  header.forEach((text, i) => {
    const explicit = mappingFor(text);
    const field = explicit.found ? explicit.field : (byAlias.get(compact(text)) ?? null);
    columns.push({ header: text, field });
    if (field === null) return;
    const earlier = index.get(field);
    if (earlier !== undefined) {
      issues.push({
        column: text,
        message: `columns ${JSON.stringify(header[earlier])} and ${JSON.stringify(text)} both give ${field}; map one of them to null to ignore it`,
        code: 'duplicate_column',
      });
      return;
    }
    index.set(field, i);
  });
  for (const [key] of mapped) {
    if (!used.has(key)) {
      issues.push({ column: key, message: `the mapping names column ${JSON.stringify(key)}, which the file does not have`, code: 'unknown_column' });
    }
  }
  return { columns, index, issues };
}

/**
 * The trimmed text of a field's cell in a row, or `undefined` when the file has
 * no such column or the cell is empty.
 *
 * @internal
 */
export function cellOf<F extends string>(row: CsvRow, index: ReadonlyMap<F, number>, field: F): string | undefined {
  const i = index.get(field);
  if (i === undefined) return undefined;
  const value = row.cells[i]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Problems with a row's shape: more non-empty cells than the header has columns.
 * (Fewer cells are fine: spreadsheets leave trailing empty cells out.)
 *
 * @internal
 */
export function shapeIssues(row: CsvRow, header: readonly string[]): CsvIssue[] {
  const extra = row.cells.slice(header.length);
  if (extra.every((cell) => cell.trim() === '')) return [];
  return [
    {
      column: null,
      message: `has ${row.cells.length} cells but the header has ${header.length} columns`,
      code: 'too_many_cells',
    },
  ];
}
