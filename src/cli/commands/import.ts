/**
 * `referwell import <file>`: offices or contacts from CSV, referrals from a
 * FHIR R4 Bundle (JSON).
 *
 * @module
 */
import { basename, extname, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { ValidationError } from '../../errors';
import { importContactsCsv, contactCsvHeaders } from '../../interop/csv/import-contacts';
import { importOfficesCsv } from '../../interop/csv/import-offices';
import type { CsvImportResult, CsvRejectedRow } from '../../interop/csv/import-result';
import { readCsv } from '../../interop/csv/read-csv';
import { importReferralBundle } from '../../interop/fhir/import-bundle';
import type { EntityKind, ReferwellStore } from '../../store/store';
import { readInputFile } from '../files';
import type { CliIo } from '../io';
import { aboutDatabase, openPracticeSession, withGlobalOptions, type GlobalOptions, type Session } from '../session';
import { officesById } from './plan';

/** What `--kind` accepts. */
export const IMPORT_KINDS = ['offices', 'contacts', 'bundle'] as const;
/** Imports with at least this many rows draw a progress bar (on a terminal). */
export const PROGRESS_MIN_ROWS = 1000;

interface ImportOptions extends GlobalOptions {
  readonly kind?: (typeof IMPORT_KINDS)[number];
  readonly skipInvalid?: boolean;
  readonly existing?: 'keep' | 'replace';
}

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Headers only a contacts sheet has: a role, a person's name parts, an NPI. */
const CONTACT_ONLY = new Set(
  [
    ...contactCsvHeaders.role,
    ...contactCsvHeaders.firstName,
    ...contactCsvHeaders.lastName,
    ...contactCsvHeaders.npi,
    ...contactCsvHeaders.salutation,
    'fullname',
    'contactname',
    'contact',
    'person',
    'officeid',
  ].map(squash),
);

/**
 * Tells an offices sheet from a contacts sheet by its header: a role, first or
 * last name, NPI, salutation or office-id column means contacts.
 *
 * @param text - The CSV text.
 * @returns `contacts` or `offices` (a file that cannot be read is left to the importer to report).
 * @example
 * ```ts
 * detectCsvKind('Name,Role,Office\r\nDr. Lee,Physician,Elm\r\n'); //=> 'contacts'
 * ```
 * @category CLI
 */
export function detectCsvKind(text: string): 'offices' | 'contacts' {
  const read = readCsv(text);
  if (!read.ok) return 'offices';
  return read.table.header.some((header) => CONTACT_ONLY.has(squash(header))) ? 'contacts' : 'offices';
}

/** A progress bar on standard error for long imports on a terminal; otherwise nothing. */
function progress(io: CliIo, rows: number) {
  if (!io.stderrIsTTY || io.progressStream === undefined || rows < PROGRESS_MIN_ROWS) return undefined;
  const bar = new SingleBar({
    stream: io.progressStream,
    format: 'importing [{bar}] {percentage}% | {stage}',
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(2 * rows, 0, { stage: 'validating rows' });
  return bar;
}

function rowLines(rejected: readonly CsvRejectedRow[]): string {
  return rejected
    .flatMap(({ row, issues }) =>
      issues.map((issue) => `  row ${row}${issue.column === null ? '' : `, column ${JSON.stringify(issue.column)}`}: ${issue.message}\n`),
    )
    .join('');
}

async function importCsv(io: CliIo, session: Session, file: string, text: string, kind: 'offices' | 'contacts', options: ImportOptions) {
  const lines = text.split(/\r\n|\n|\r/).length;
  const bar = progress(io, lines);
  const mode = options.skipInvalid ? 'skip-invalid-rows' : 'all-or-nothing';
  const tenantId = session.store.tenantId;
  let result: CsvImportResult<{ id: string }>;
  let entity: EntityKind;
  if (kind === 'offices') {
    result = importOfficesCsv(text, { tenantId, mode });
    entity = 'office';
  } else {
    const offices = [...(await officesById(session.store)).values()];
    result = importContactsCsv(text, { tenantId, mode, offices });
    entity = 'contact';
  }
  bar?.update(lines, { stage: `writing ${result.records.length} ${kind}` });
  try {
    if (!result.ok) throw result.error;
    await write(session.store, entity, result.records);
    bar?.update(2 * lines, { stage: 'done' });
  } finally {
    bar?.stop();
  }
  const skipped = result.rejected.length;
  io.stdout(
    `Imported ${result.records.length} ${kind} from ${basename(file)} into ${options.db}` +
      (skipped > 0 ? `; skipped ${skipped} invalid row${skipped === 1 ? '' : 's'} (listed on standard error).\n` : '.\n'),
  );
  if (skipped > 0) io.stderr(`[referwell] rows left out of ${basename(file)}:\n${rowLines(result.rejected)}`);
}

/** Writes every record in one atomic batch: all of them, or (on failure) none. */
async function write(store: ReferwellStore, kind: EntityKind, records: readonly unknown[]): Promise<void> {
  if (records.length === 0) return;
  await store.write(records.map((record) => ({ type: 'upsert' as const, kind, record })));
}

async function importBundle(io: CliIo, session: Session, file: string, text: string, options: ImportOptions) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ValidationError(
      'FHIR bundle',
      [{ path: [], pointer: '', message: `${file} is not JSON: ${(cause as Error).message}`, code: 'invalid_json' }],
      { cause },
    );
  }
  const result = await importReferralBundle(json, {
    tenantId: session.store.tenantId,
    store: session.store,
    existing: options.existing ?? 'keep',
  });
  if (!result.ok) throw result.error;
  const { offices, contacts, referrals, ignored, kept } = result.value;
  const keptCount = kept.offices.length + kept.contacts.length + kept.referrals.length;
  io.stdout(
    `Imported ${referrals.length} referrals, ${offices.length} offices and ${contacts.length} contacts from ${basename(file)} into ${options.db}` +
      `${keptCount > 0 ? `; ${keptCount} were already stored and kept as they were` : ''}` +
      `${ignored.length > 0 ? `; ${ignored.length} other entries ignored` : ''}.\n`,
  );
}

/**
 * Runs `referwell import <file>`. A `.json` file is a FHIR R4 referral Bundle;
 * anything else is CSV of offices or contacts (told apart by the header, or
 * `--kind`). Every row is validated before anything is written; then all
 * records go to the database in one atomic batch.
 *
 * @param io - The io.
 * @param file - The file, relative to the working directory.
 * @param options - The parsed options.
 * @returns Nothing; a summary goes to standard output, left-out rows to standard error.
 * @throws {@link ValidationError} listing every bad row and column (nothing is written), or for a missing file;
 *   {@link StoreError} when SQLite is unavailable, or the tenant has no practice (run `referwell init` first).
 * @example
 * ```ts
 * await runImport(io, 'offices.csv', { db: './referwell.db', tenant: 'default' });
 * ```
 * @category CLI
 */
export async function runImport(io: CliIo, file: string, options: ImportOptions): Promise<void> {
  const path = resolve(io.cwd, file);
  const text = readInputFile(path, 'import file');
  const kind = options.kind ?? (extname(path).toLowerCase() === '.json' ? 'bundle' : detectCsvKind(text));
  // The tenant's practice must exist: a mistyped --tenant would otherwise file the records where nothing reads them.
  const session = await openPracticeSession(io, options);
  try {
    if (kind === 'bundle') await importBundle(io, session, file, text, options);
    else await importCsv(io, session, file, text, kind, options);
  } catch (error) {
    throw aboutDatabase(error, session.path);
  } finally {
    await session.close();
  }
}

/**
 * Registers `import` on the program.
 *
 * @param program - The root command.
 * @param io - The io.
 * @returns The command.
 * @example
 * ```ts
 * registerImport(program, io);
 * ```
 * @category CLI
 */
export function registerImport(program: Command, io: CliIo): Command {
  const command = program
    .command('import')
    .argument('<file>', 'a CSV of offices or contacts, or a FHIR R4 referral Bundle (.json)')
    .summary('import offices or contacts (CSV) or referrals (FHIR Bundle)')
    .description(
      'Imports a CSV of offices or contacts (told apart by the header: a Role, First/Last Name or NPI column means contacts) ' +
        'or a FHIR R4 referral Bundle (.json). Every row is checked first; problems are listed with their row and column, ' +
        'and nothing is written unless --skip-invalid. Records are written in one atomic batch.',
    );
  return withGlobalOptions(command)
    .addOption(new Option('--kind <kind>', 'what the file holds (default: from the extension and header)').choices(IMPORT_KINDS))
    .option('--skip-invalid', 'import the valid rows and list the invalid ones (CSV)')
    .addOption(new Option('--existing <what>', 'offices and contacts already stored: keep them or replace them (FHIR)').choices(['keep', 'replace']))
    .action((file: string, options: ImportOptions) => runImport(io, file, options));
}
