/**
 * The options every command shares (`--db`, `--as-of`, `--playbook`,
 * `--tenant`), and the open database, store and desk a command works with.
 *
 * @module
 */
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { InvalidArgumentError, type Command } from 'commander';
import { sqliteStore } from '../adapters/sqlite/sqlite-store';
import { ReferwellError, StoreError, ValidationError } from '../errors';
import type { Practice } from '../model/practice';
import { defaultPlaybook, type Playbook } from '../playbook/playbook';
import { parsePlaybook } from '../playbook/parse';
import { createDesk, type Desk } from '../store/desk';
import type { ReferwellStore } from '../store/store';
import { readInputFile, shellWord } from './files';
import type { CliIo } from './io';
import { MOMENT_FORMS, readMoment } from './moment';
import { loadSqliteDriver, openDatabase } from './sqlite';

/** The database file commands use when `--db` is not given. */
export const DEFAULT_DB = './referwell.db';
/** The tenant commands use when `--tenant` is not given. */
export const DEFAULT_TENANT = 'default';

/**
 * The options every command takes, as commander parsed them.
 *
 * @category CLI
 */
export interface GlobalOptions {
  /** The SQLite file, relative to the working directory. */
  readonly db: string;
  /** The moment to act at; default the clock. */
  readonly asOf?: string;
  /** A playbook JSON file; default the built-in playbook. */
  readonly playbook?: string;
  /** The tenant (practice) id. */
  readonly tenant: string;
  /** Print JSON instead of text (read commands). */
  readonly json?: boolean;
}

/** Checks the form of `--as-of` while parsing (the zone is applied later). */
function asOfValue(value: string): string {
  if (readMoment(value, 'UTC') === undefined) {
    throw new InvalidArgumentError(`expected ${MOMENT_FORMS}.`);
  }
  return value;
}

/**
 * Adds the shared options to a command.
 *
 * @param command - The command.
 * @param dbDefault - The default of `--db` (the demo has its own file).
 * @returns The command.
 * @example
 * ```ts
 * withGlobalOptions(program.command('plan'));
 * ```
 * @category CLI
 */
export function withGlobalOptions(command: Command, dbDefault = DEFAULT_DB): Command {
  return command
    .option('--db <path>', 'the SQLite database file', dbDefault)
    .option('--as-of <moment>', `the moment to act at, default now: ${MOMENT_FORMS}`, asOfValue)
    .option('--playbook <file>', 'a playbook JSON file (default: the built-in playbook)')
    .option('--tenant <id>', 'the practice (tenant) id in the database', DEFAULT_TENANT);
}

/**
 * Reads `--playbook`: a JSON file validated by `parsePlaybook`.
 *
 * @param io - The io (for the working directory).
 * @param file - The flag's value, if given.
 * @returns The playbook ({@link defaultPlaybook} without a file).
 * @throws {@link ValidationError} when the file is missing, not JSON, or not a valid playbook (every issue with its JSON pointer).
 * @example
 * ```ts
 * loadPlaybook(io, undefined) === defaultPlaybook; //=> true
 * ```
 * @category CLI
 */
export function loadPlaybook(io: CliIo, file: string | undefined): Playbook {
  if (file === undefined) return defaultPlaybook;
  const path = resolve(io.cwd, file);
  const text = readInputFile(path, 'playbook');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ValidationError(
      'playbook',
      [{ path: [], pointer: '', message: `${path} is not JSON: ${(cause as Error).message}`, code: 'invalid_json' }],
      { cause },
    );
  }
  const result = parsePlaybook(json);
  if (!result.ok) throw new ValidationError(`playbook ${file}`, result.error.issues, { cause: result.error });
  return result.value;
}

/**
 * An open database and what commands need from it. Close it when done.
 *
 * @category CLI
 */
export interface Session {
  /** The absolute path of the database file. */
  readonly path: string;
  /** The connection. */
  readonly db: Database.Database;
  /** The store over it, bound to `--tenant`. */
  readonly store: ReferwellStore;
  /** The playbook in force. */
  readonly playbook: Playbook;
  /** Closes the store and the connection. */
  close(): Promise<void>;
}

/**
 * A {@link Session} with a recorded practice: the moment and the desk.
 *
 * @category CLI
 */
export interface PracticeSession extends Session {
  /** The practice. */
  readonly practice: Practice;
  /** `--as-of` read in the practice's time zone, else the clock. */
  readonly now: number;
  /** The desk over the store, with the playbook and the moment. */
  readonly desk: Desk;
}

/**
 * Names the database file in a SQLite failure that does not (the driver says
 * only `file is not a database` or `attempt to write a readonly database`),
 * with what to do about it.
 *
 * @param error - What opening or using the database threw.
 * @param path - The absolute path of the database file.
 * @returns A {@link StoreError} naming the file, or `error` unchanged when it is not a SQLite failure or already names it.
 * @example
 * ```ts
 * (aboutDatabase(new StoreError('sqlite', 'file is not a database'), '/tmp/x.db') as Error).message;
 * //=> '[referwell] [sqlite] /tmp/x.db: file is not a database (it is not a SQLite database: check --db)'
 * ```
 * @category CLI
 */
export function aboutDatabase(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const fromSqlite = ReferwellError.isInstance(error)
    ? error instanceof StoreError && error.adapter === 'sqlite'
    : typeof code === 'string' && code.startsWith('SQLITE_');
  if (!fromSqlite) return error;
  const message = (error as Error).message.replace(/^\[referwell\] \[sqlite\] /, '');
  if (message.includes(path)) return error;
  const hint = /readonly|read-only/i.test(message)
    ? ' (the file, or the directory it is in, is read-only: SQLite must be able to write both)'
    : /not a database/i.test(message)
      ? ' (it is not a SQLite database: check --db)'
      : '';
  return new StoreError('sqlite', `${path}: ${message}${hint}`, { cause: error });
}

/**
 * Opens the database of `--db`: loads the SQLite driver (only now, so commands
 * without a database never need it), reads `--playbook` first so that a bad
 * playbook fails before the file is touched, then opens the store (which
 * creates or migrates the schema).
 *
 * @param io - The io.
 * @param options - The shared options.
 * @param mustExist - Whether a missing file is an error (every command but `init` and `demo`).
 * @returns The session.
 * @throws {@link StoreError} when no SQLite driver works, or the file cannot be opened;
 *   {@link ValidationError} for a bad playbook.
 * @example
 * ```ts
 * const session = await openSession(io, { db: './referwell.db', tenant: 'default' }, false);
 * await session.close();
 * ```
 * @category CLI
 */
export async function openSession(io: CliIo, options: GlobalOptions, mustExist: boolean): Promise<Session> {
  const playbook = loadPlaybook(io, options.playbook);
  const path = resolve(io.cwd, options.db);
  const Driver = await loadSqliteDriver(io.loadSqlite);
  const db = openDatabase(Driver, path, mustExist);
  let store: ReferwellStore;
  try {
    store = sqliteStore(db, { tenantId: options.tenant });
  } catch (error) {
    db.close();
    throw aboutDatabase(error, path);
  }
  return {
    path,
    db,
    store,
    playbook,
    async close() {
      await store.close();
      db.close();
    },
  };
}

/**
 * Opens the database and checks it has the tenant's practice (recorded by
 * `referwell init` or `referwell demo`).
 *
 * @param io - The io.
 * @param options - The shared options.
 * @returns The session with practice, moment and desk.
 * @throws {@link StoreError} as {@link openSession}, or when no practice is recorded for the tenant.
 * @example
 * ```ts
 * const session = await openPracticeSession(io, options);
 * const actions = await session.desk.plan(session.now);
 * ```
 * @category CLI
 */
export async function openPracticeSession(io: CliIo, options: GlobalOptions): Promise<PracticeSession> {
  const session = await openSession(io, options, true);
  try {
    const stored = await session.store.getPractice();
    if (stored === undefined) {
      throw new StoreError(
        'sqlite',
        `${session.path} has no practice for tenant ${JSON.stringify(options.tenant)}: run \`referwell init --db ${shellWord(options.db)} --name "<practice name>"\`` +
          (options.tenant === DEFAULT_TENANT ? '' : ' with the same --tenant'),
      );
    }
    const practice = stored.record;
    const now = options.asOf === undefined ? io.now() : readMoment(options.asOf, practice.timeZone)!;
    const desk = createDesk({ store: session.store, playbook: session.playbook, clock: () => now });
    return { ...session, practice, now, desk };
  } catch (error) {
    await session.close();
    throw aboutDatabase(error, session.path);
  }
}

/**
 * Runs `work` with a practice session and closes it afterwards, whatever happens.
 *
 * @param io - The io.
 * @param options - The shared options.
 * @param work - What to do.
 * @returns What `work` returns.
 * @throws Whatever opening or `work` throws.
 * @example
 * ```ts
 * await withPractice(io, options, (session) => session.desk.plan());
 * ```
 * @category CLI
 */
export async function withPractice<T>(io: CliIo, options: GlobalOptions, work: (session: PracticeSession) => Promise<T>): Promise<T> {
  const session = await openPracticeSession(io, options);
  try {
    return await work(session);
  } catch (error) {
    throw aboutDatabase(error, session.path);
  } finally {
    await session.close();
  }
}
