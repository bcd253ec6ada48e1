/**
 * `referwell demo`: a generated sample practice in a fresh SQLite file, then
 * today's plan and the best and worst referral sources.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { sqliteStore } from '../../adapters/sqlite/sqlite-store';
import { formatInstant } from '../../calendar/instant';
import { ValidationError } from '../../errors';
import type { PracticeSnapshot } from '../../model/snapshot';
import { snapshotOperations } from '../../store/snapshot-operations';
import { generatePractice } from '../../testing/generator';
import { DEMO_DEFAULTS, renderPracticeDemo } from '../demo';
import { shellWord } from '../files';
import type { CliIo } from '../io';
import { readMoment } from '../moment';
import { loadPlaybook, withGlobalOptions, type GlobalOptions } from '../session';
import { loadSqliteDriver, type SqliteConstructor } from '../sqlite';
import { wholeNumber } from './values';

/** The file `referwell demo` writes when `--db` is not given. */
export const DEMO_DB = './referwell-demo.db';
/** The time zone of the generated practice. */
const DEMO_TIME_ZONE = 'America/New_York';
/**
 * The table that marks a file as a demo database: `referwell demo` replaces
 * such a file without asking, and refuses any other file unless `--force`.
 */
export const DEMO_MARKER_TABLE = 'referwell_cli_demo';

interface DemoOptions extends GlobalOptions {
  readonly seed: number;
  readonly offices: number;
  readonly width: number;
  readonly force?: boolean;
}

/** Whether the file at `path` is a database an earlier `referwell demo` made. */
function isDemoDatabase(Driver: SqliteConstructor, path: string): boolean {
  try {
    const db = new Driver(path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare(`SELECT value FROM ${DEMO_MARKER_TABLE} WHERE key = 'made-by'`).get() as { value?: unknown } | undefined;
      return row?.value === 'referwell demo';
    } finally {
      db.close();
    }
  } catch {
    return false; // not SQLite, or no marker table
  }
}

/**
 * Writes the practice to a temporary file beside `path`, reads it back, and
 * moves it into place; the old file (and its WAL) is replaced only at the end.
 */
async function buildDemoDatabase(
  Driver: SqliteConstructor,
  path: string,
  snapshot: PracticeSnapshot,
  tenantId: string,
  asOf: string,
): Promise<{ loaded: PracticeSnapshot; records: number }> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const removeTemp = () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(`${temp}${suffix}`, { force: true }));
  try {
    const db = new Driver(temp);
    let loaded: PracticeSnapshot;
    const ops = snapshotOperations(snapshot);
    try {
      const store = sqliteStore(db, { tenantId });
      await store.savePractice(snapshot.practice);
      await store.write(ops);
      loaded = await store.loadSnapshot();
      await store.close();
      db.exec(`CREATE TABLE ${DEMO_MARKER_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
      const mark = db.prepare(`INSERT INTO ${DEMO_MARKER_TABLE} (key, value) VALUES (?, ?)`);
      mark.run('made-by', 'referwell demo');
      mark.run('as-of', asOf);
    } finally {
      db.close();
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    renameSync(temp, path);
    return { loaded, records: ops.length + 1 };
  } catch (error) {
    removeTemp();
    throw error;
  }
}

/**
 * Runs `referwell demo`.
 *
 * @param io - The io.
 * @param options - The parsed options.
 * @returns Nothing; the text goes to standard output.
 * @throws {@link ValidationError} when `--db` names a file that is not a demo database (without `--force`) or the playbook is bad;
 *   {@link StoreError} when SQLite is unavailable.
 * @example
 * ```ts
 * await runDemo(io, { db: './referwell-demo.db', tenant: 'default', seed: 7, offices: 40, width: 80 });
 * ```
 * @category CLI
 */
export async function runDemo(io: CliIo, options: DemoOptions): Promise<void> {
  const playbook = loadPlaybook(io, options.playbook);
  const asOf = options.asOf ?? DEMO_DEFAULTS.now;
  const now = readMoment(asOf, DEMO_TIME_ZONE)!;
  const path = resolve(io.cwd, options.db);
  const Driver = await loadSqliteDriver(io.loadSqlite);
  if (existsSync(path) && !options.force && !isDemoDatabase(Driver, path)) {
    throw new ValidationError('--db', [
      {
        path: [],
        pointer: '',
        message: `${path} exists and was not made by \`referwell demo\`; pass --force to replace it, or choose another --db`,
        code: 'custom',
      },
    ]);
  }
  const snapshot = generatePractice({
    seed: options.seed,
    offices: options.offices,
    now: formatInstant(now),
    timeZone: DEMO_TIME_ZONE,
    tenantId: options.tenant,
  });
  const { loaded, records } = await buildDemoDatabase(Driver, path, snapshot, options.tenant, asOf);
  io.stdout(renderPracticeDemo(loaded, { now, seed: options.seed, width: options.width, playbook }));

  const shown = relative(io.cwd, path);
  const db = shellWord(shown.startsWith('..') || shown === '' ? path : shown);
  const flags = `--db ${db} --as-of ${shellWord(asOf)}${options.tenant === 'default' ? '' : ` --tenant ${shellWord(options.tenant)}`}`;
  // Suggest the office that sent the most referrals: the most interesting one to look at.
  const referrals = new Map<string, number>();
  for (const referral of loaded.referrals) referrals.set(referral.officeId, (referrals.get(referral.officeId) ?? 0) + 1);
  const office = [...referrals].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0] ?? loaded.offices[0]?.id ?? '<office-id>';
  io.stdout(
    [
      '',
      `Saved ${records} records to ${db}. Try next:`,
      `  referwell plan ${flags}`,
      `  referwell office ${shellWord(office)} ${flags}`,
      `  referwell report --html report.html ${flags}`,
      '',
    ].join('\n'),
  );
}

/**
 * Registers `demo` on the program.
 *
 * @param program - The root command.
 * @param io - The io.
 * @returns The command.
 * @example
 * ```ts
 * registerDemo(program, io);
 * ```
 * @category CLI
 */
export function registerDemo(program: Command, io: CliIo): Command {
  const command = program
    .command('demo')
    .summary('create a sample practice in a fresh SQLite file and print its plan')
    .description(
      'Generates a realistic sample practice (offices, contacts, three years of outreach and referrals), ' +
        'writes it to a fresh SQLite file, reads it back, and prints today\'s plan and the best and worst ' +
        `referral sources. --as-of defaults to ${DEMO_DEFAULTS.now} (the generator's fixed date), so the output ` +
        'is the same every time. An existing demo file is replaced; any other file is refused unless --force.',
    );
  withGlobalOptions(command, DEMO_DB)
    .addOption(new Option('--seed <n>', 'the generator seed').argParser(wholeNumber('--seed')).default(DEMO_DEFAULTS.seed))
    .addOption(
      new Option('--offices <n>', 'how many offices to generate').argParser(wholeNumber('--offices', 0, 10_000)).default(DEMO_DEFAULTS.offices),
    )
    .addOption(new Option('--width <n>', 'the line width').argParser(wholeNumber('--width', 50, 500)).default(DEMO_DEFAULTS.width))
    .option('--force', 'replace the --db file even if it is not a demo database')
    .action(async (options: DemoOptions) => runDemo(io, options));
  return command;
}
