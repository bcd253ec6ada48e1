/**
 * The shared steps of a CSV import: read the file, resolve its columns, build
 * and validate one record per row, check ids, and apply the mode.
 *
 * @module
 * @internal
 */
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { tenantIdSchema } from '../../model/primitives';
import { fromZodIssues } from '../../model/result';
import type { ReferwellStore } from '../../store/store';
import { cellOf, resolveColumns, shapeIssues, type HeaderAliases } from './columns';
import { failed, settle, type CsvColumn, type CsvImportMode, type CsvImportResult, type CsvIssue, type CsvRejectedRow } from './import-result';
import { readCsv } from './read-csv';
import { generatedId } from './row-id';
import { compact } from './values';

/**
 * The options every CSV import takes.
 *
 * @typeParam F - The fields a column can fill.
 * @typeParam D - The defaults the import accepts.
 * @category Interop
 */
export interface CsvImportOptions<F extends string, D> {
  /** The tenant every record belongs to (with a store: the store's tenant). */
  readonly tenantId: string;
  /** What to do with rows that have problems; default `all-or-nothing`. */
  readonly mode?: CsvImportMode;
  /**
   * Column header → field, overriding the default recognition of headers; `null`
   * ignores a column. Headers match exactly, else case-insensitively ignoring
   * spaces and punctuation. A header not in the file is a problem.
   */
  readonly mapping?: Readonly<Record<string, F | null>>;
  /** Values for fields a row leaves empty or the file has no column for. */
  readonly defaults?: D;
  /**
   * The header of the column whose cells are the record ids. Default: the column
   * recognised as the id (`ID`, `Office ID` …); without one, ids are generated
   * deterministically from identifying values (see the importer). A row with an
   * empty id cell gets a generated id too.
   */
  readonly idFrom?: string;
  /** The field delimiter; default `,`. */
  readonly delimiter?: ',' | ';' | '\t' | '|';
  /** When given, the accepted records are written through it in one atomic batch. */
  readonly store?: ReferwellStore | undefined;
}

/** A problem a builder found in a row, by field (`null`: not one field's). */
export interface FieldIssue<F extends string> {
  readonly field: F | null;
  readonly message: string;
  readonly code: string;
}

/**
 * What one row builds: the record input (fields with problems left out), the
 * problems, and the values a generated id hashes.
 */
export interface BuiltRow<F extends string> {
  readonly input: Record<string, unknown>;
  readonly issues: readonly FieldIssue<F>[];
  readonly key: readonly string[];
}

/** What an importer tells the shared steps about its record kind. */
export interface TableSpec<F extends string, T> {
  /** The subject of errors, e.g. `offices CSV`. */
  readonly subject: string;
  /** The prefix of generated ids. */
  readonly idPrefix: string;
  /** The headers recognised for each field. */
  readonly aliases: HeaderAliases<F>;
  /** The record schema. */
  readonly schema: z.ZodType<T>;
  /** The field holding the id (`id`). */
  readonly idField: F;
  /** Problems with the columns found (a required column missing). */
  headerIssues(index: ReadonlyMap<F, number>): CsvIssue[];
  /** Builds one row's record input. */
  build(cell: (field: F) => string | undefined, has: (field: F) => boolean): BuiltRow<F>;
  /** The field a schema issue path points at, to name its column. */
  fieldOfPath(path: readonly PropertyKey[]): F | undefined;
}

/** The options schema shared by the importers; `extra` adds theirs. */
export function importOptionsSchema<D extends z.ZodType>(fields: readonly [string, ...string[]], defaults: D) {
  return z.object({
    tenantId: tenantIdSchema,
    mode: z.enum(['all-or-nothing', 'skip-invalid-rows']).optional(),
    mapping: z.record(z.string(), z.enum(fields).nullable()).optional(),
    defaults: defaults.optional(),
    idFrom: z.string().min(1).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    store: z
      .custom<ReferwellStore>(
        (value) => typeof value === 'object' && value !== null && typeof (value as ReferwellStore).write === 'function',
        'must be a referwell store',
      )
      .optional(),
  });
}

/** A failed import for invalid options (no row involved). */
export function optionsFailure<T>(issues: readonly z.core.$ZodIssue[]): CsvImportResult<T> {
  const error = new ValidationError('CSV import options', fromZodIssues(issues));
  return { ok: false, records: [], rejected: [], columns: [], rows: 0, error };
}

/**
 * Validates an importer's options; on failure, the failed result to return —
 * a promise of it when a store was given, as the overloads promise.
 *
 * @internal
 */
export function checkImportOptions<S extends z.ZodType<{ tenantId: string; store?: ReferwellStore | undefined }>, T>(
  schema: S,
  options: unknown,
): { ok: true; options: z.output<S> } | { ok: false; result: CsvImportResult<T> | Promise<CsvImportResult<T>> } {
  const hasStore = typeof options === 'object' && options !== null && (options as { store?: unknown }).store !== undefined;
  const fail = (issues: readonly z.core.$ZodIssue[]) => {
    const result = optionsFailure<T>(issues);
    return { ok: false as const, result: hasStore ? Promise.resolve(result) : result };
  };
  let parsed: ReturnType<S['safeParse']>;
  try {
    parsed = schema.safeParse(options) as ReturnType<S['safeParse']>;
  } catch (cause) {
    return fail([{ code: 'custom', path: [], message: `could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, input: options }]);
  }
  if (!parsed.success) return fail(parsed.error.issues);
  const value = parsed.data as z.output<S>;
  const store = (value as { store?: ReferwellStore }).store;
  if (store !== undefined && store.tenantId !== value.tenantId) {
    return fail([
      {
        code: 'custom',
        path: ['tenantId'],
        message: `is ${JSON.stringify(value.tenantId)} but the store is bound to tenant ${JSON.stringify(store.tenantId)}`,
        input: value.tenantId,
      },
    ]);
  }
  return { ok: true, options: value };
}

/** The shared-step options out of validated importer options. @internal */
export function tableOptions<F extends string>(options: {
  readonly mode?: CsvImportMode | undefined;
  readonly mapping?: Readonly<Record<string, F | null>> | undefined;
  readonly idFrom?: string | undefined;
  readonly delimiter?: string | undefined;
}) {
  return { mode: options.mode ?? 'all-or-nothing', mapping: options.mapping, idFrom: options.idFrom, delimiter: options.delimiter } as const;
}

/**
 * Reads `text` and builds one record per data row; applies the mode.
 *
 * @internal
 */
export function importTable<F extends string, T>(
  text: unknown,
  options: {
    readonly mode: CsvImportMode;
    readonly mapping: Readonly<Record<string, F | null>> | undefined;
    readonly idFrom: string | undefined;
    readonly delimiter: string | undefined;
  },
  spec: TableSpec<F, T>,
): CsvImportResult<T> {
  if (typeof text !== 'string') {
    const rejected = [{ row: 1, issues: [{ column: null, message: 'the CSV must be given as a string', code: 'invalid_type' }] }];
    return failed(spec.subject, rejected, [], 0);
  }
  const read = readCsv(text, options.delimiter === undefined ? {} : { delimiter: options.delimiter });
  if (!read.ok) return failed(spec.subject, [{ row: read.failure.row, issues: [read.failure.issue] }], [], 0);
  const { header, headerRow, rows } = read.table;

  const resolved = resolveColumns(header, spec.aliases, options.mapping);
  const columns: readonly CsvColumn[] = resolved.columns;
  const headerIssues = [...resolved.issues];
  let idColumn = resolved.index.get(spec.idField);
  if (options.idFrom !== undefined) {
    const wanted = options.idFrom;
    const found = header.findIndex((h) => h === wanted);
    const loose = found !== -1 ? found : header.findIndex((h) => compact(h) === compact(wanted) && compact(h) !== '');
    if (loose === -1) {
      headerIssues.push({ column: wanted, message: `idFrom names column ${JSON.stringify(wanted)}, which the file does not have`, code: 'unknown_column' });
    } else idColumn = loose;
  }
  headerIssues.push(...spec.headerIssues(resolved.index));
  if (headerIssues.length > 0) return failed(spec.subject, [{ row: headerRow, issues: headerIssues }], columns, rows.length);

  const headerOf = (field: F): string | null => {
    const i = resolved.index.get(field);
    return i === undefined ? null : (header[i] ?? null);
  };
  const idHeader = idColumn === undefined ? null : (header[idColumn] ?? null);

  const records: T[] = [];
  const rejected: CsvRejectedRow[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const row of rows) {
    const issues = shapeIssues(row, header);
    const built = spec.build((field) => cellOf(row, resolved.index, field), (field) => resolved.index.has(field));
    const badFields = new Set<F | null>();
    for (const problem of built.issues) {
      badFields.add(problem.field);
      const column = problem.field === null ? null : headerOf(problem.field);
      const message = problem.field !== null && column === null ? `${problem.field} (default value): ${problem.message}` : problem.message;
      issues.push({ column, message, code: problem.code });
    }

    const idCell = idColumn === undefined ? undefined : row.cells[idColumn]?.trim();
    const generated = idCell === undefined || idCell === '';
    const id = generated ? generatedId(spec.idPrefix, built.key) : idCell;
    const input: Record<string, unknown> = { ...built.input, id };
    const parsed = spec.schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = spec.fieldOfPath(issue.path);
        // A field the builder reported is left out of the input (so are the fields
        // that depend on it, such as the office id of an unknown office name):
        // don't report it twice.
        if (field !== undefined && badFields.has(field)) continue;
        const [key] = issue.path;
        if (badFields.size > 0 && issue.path.length === 1 && typeof key === 'string' && input[key] === undefined) continue;
        issues.push(schemaIssue(issue, field, spec, headerOf, idHeader));
      }
    } else if (issues.length === 0) {
      const first = firstRowOfId.get(id);
      if (first === undefined) {
        firstRowOfId.set(id, row.row);
        records.push(parsed.data);
        continue;
      }
      issues.push({
        column: generated ? null : idHeader,
        message: generated
          ? `repeats row ${first}: same identifying values, so the same generated id ${JSON.stringify(id)}`
          : `repeats the id ${JSON.stringify(id)} of row ${first}`,
        code: 'duplicate',
      });
    }
    // Problems of the row first, then cell by cell from left to right.
    const position = (issue: CsvIssue) => (issue.column === null ? -1 : header.indexOf(issue.column));
    rejected.push({ row: row.row, issues: issues.map((issue, i) => ({ issue, i })).sort((a, b) => position(a.issue) - position(b.issue) || a.i - b.i).map(({ issue }) => issue) });
  }
  return settle(spec.subject, options.mode, { records, rejected, columns, rows: rows.length });
}

/** A schema issue named by its column (or by its field, when no column gave it). */
function schemaIssue<F extends string, T>(
  issue: z.core.$ZodIssue,
  field: F | undefined,
  spec: TableSpec<F, T>,
  headerOf: (field: F) => string | null,
  idHeader: string | null,
): CsvIssue {
  const column = field === undefined ? null : field === spec.idField ? idHeader : headerOf(field);
  const name = field ?? issue.path.map(String).join('.');
  const message = column === null ? `${name} (default or generated value): ${issue.message}` : issue.message;
  return { column, message, code: issue.code };
}
