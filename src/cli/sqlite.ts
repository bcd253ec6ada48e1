/**
 * Choosing and loading the command line's SQLite driver: better-sqlite3 when it
 * can be loaded (native, faster, WAL), otherwise node-sqlite3-wasm (SQLite in
 * WebAssembly, a regular dependency, nothing to build). `REFERWELL_SQLITE_DRIVER`
 * (`auto` | `better-sqlite3` | `wasm`) forces one. Only when neither works does
 * a command fail, with a message that says why and what to do.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { StoreError } from '../errors';
import { shellWord } from './files';
import type { CliIo } from './io';
import { loadWasmModule, wasmDriver } from './sqlite-wasm';

/** The better-sqlite3 `Database` constructor. */
export type SqliteConstructor = new (file: string, options?: Database.Options) => Database.Database;

/** Why the driver could not be used. */
export type SqliteProblem = 'missing' | 'broken';

/** The commands that fix each problem, printed under the message. */
export const SQLITE_FIXES: Readonly<Record<SqliteProblem | 'reinstall', readonly string[]>> = Object.freeze({
  reinstall: ['npm install referwell'],
  missing: ['npm install better-sqlite3@12'],
  broken: ['npm install-scripts approve better-sqlite3', 'npm rebuild better-sqlite3'],
});

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}

/** Whether a failed `import('better-sqlite3')` means the package is not installed. */
function isMissingPackage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    /better-sqlite3/.test(error instanceof Error ? error.message : '')
  );
}

/**
 * The error shown when the driver cannot be used: what is missing and the
 * commands that fix it, without a stack trace.
 *
 * @param problem - `missing` (not installed) or `broken` (installed, native binding failed).
 * @param cause - The driver's error.
 * @returns A {@link StoreError} whose message has the fix, one command a line.
 * @example
 * ```ts
 * sqliteUnavailable('missing', error).message.split('\n')[0];
 * //=> '[referwell] [sqlite] this command keeps its data in SQLite and needs the better-sqlite3 package, which is not installed.'
 * ```
 * @category CLI
 */
export function sqliteUnavailable(problem: SqliteProblem, cause: unknown): StoreError {
  const lines =
    problem === 'missing'
      ? [
          'this command keeps its data in SQLite and needs the better-sqlite3 package, which is not installed.',
          'Install it in the project that has referwell (it is an optional dependency):',
        ]
      : [
          `better-sqlite3 is installed but its native part could not be loaded (${firstLine(cause)}).`,
          'npm 11 skips install scripts it was not told to allow, and a build for another Node.js version fails the same way. Allow and rebuild it:',
        ];
  const fix = SQLITE_FIXES[problem].map((command) => `  ${command}`);
  const global =
    problem === 'broken'
      ? ['(for a global install or npx, which have no package.json: npm install -g --allow-scripts=better-sqlite3 referwell)']
      : [];
  return new StoreError('sqlite', [...lines, ...fix, ...global].join('\n'), { cause });
}

/**
 * Loads better-sqlite3 and checks that its native binding works by opening an
 * in-memory database (the module itself loads the binding only then).
 *
 * @param load - How to import the module (the io's `loadSqlite`).
 * @returns The `Database` constructor.
 * @throws {@link StoreError} from {@link sqliteUnavailable} when the package is
 *   missing or its binding fails to load.
 * @example
 * ```ts
 * const Database = await loadNativeDriver(() => import('better-sqlite3'));
 * new Database(':memory:').prepare('SELECT 1 AS one').get(); //=> { one: 1 }
 * ```
 * @category CLI
 */
export async function loadNativeDriver(load: () => Promise<unknown>): Promise<SqliteConstructor> {
  let loaded: unknown;
  try {
    loaded = await load();
  } catch (error) {
    throw sqliteUnavailable(isMissingPackage(error) ? 'missing' : 'broken', error);
  }
  const candidate = (loaded as { default?: unknown } | null)?.default ?? loaded;
  if (typeof candidate !== 'function') {
    throw sqliteUnavailable('broken', new Error('the module does not export the Database class'));
  }
  const Driver = candidate as SqliteConstructor;
  try {
    new Driver(':memory:').close();
  } catch (error) {
    throw sqliteUnavailable('broken', error);
  }
  return Driver;
}

/** Which driver to use: `auto` tries better-sqlite3, then node-sqlite3-wasm. @category CLI */
export type SqliteDriverChoice = 'auto' | 'better-sqlite3' | 'wasm';

/** The environment variable that forces a driver. @category CLI */
export const SQLITE_DRIVER_ENV = 'REFERWELL_SQLITE_DRIVER';

const CHOICES: readonly SqliteDriverChoice[] = ['auto', 'better-sqlite3', 'wasm'];
const DRIVER = Symbol.for('referwell.cli.sqlite-driver');

/**
 * A loaded, working SQLite driver.
 *
 * @category CLI
 */
export interface SqliteDriver {
  /** Marks a chosen driver. */
  readonly [DRIVER]: true;
  /** The package behind it. */
  readonly name: 'better-sqlite3' | 'node-sqlite3-wasm';
  /** Opens a connection, with better-sqlite3's constructor signature. */
  readonly Database: SqliteConstructor;
  /** One line for `--verbose`: the driver and why it was chosen. */
  readonly note: string;
}

/**
 * Reads `REFERWELL_SQLITE_DRIVER`.
 *
 * @param env - The environment.
 * @returns The choice; `auto` when unset or empty.
 * @throws {@link StoreError} for any other value, listing the allowed ones.
 * @example
 * ```ts
 * readDriverChoice({ REFERWELL_SQLITE_DRIVER: 'wasm' }); //=> 'wasm'
 * readDriverChoice({}); //=> 'auto'
 * ```
 * @category CLI
 */
export function readDriverChoice(env: Readonly<Record<string, string | undefined>>): SqliteDriverChoice {
  const value = env[SQLITE_DRIVER_ENV]?.trim() ?? '';
  if (value === '') return 'auto';
  const choice = CHOICES.find((candidate) => candidate === value);
  if (choice === undefined) {
    throw new StoreError('sqlite', `${SQLITE_DRIVER_ENV} must be one of ${CHOICES.join(', ')}, not ${JSON.stringify(value)}`);
  }
  return choice;
}

/**
 * The error shown when neither driver can be used.
 *
 * @param nativeError - Why better-sqlite3 could not be used.
 * @param wasmError - Why node-sqlite3-wasm could not be used.
 * @returns A {@link StoreError} naming both reasons and the fix.
 * @example
 * ```ts
 * noSqliteDriver(new Error('a'), new Error('b')).message.split('\n')[0];
 * //=> '[referwell] [sqlite] this command keeps its data in SQLite, and neither SQLite driver could be loaded:'
 * ```
 * @category CLI
 */
export function noSqliteDriver(nativeError: unknown, wasmError: unknown): StoreError {
  return new StoreError(
    'sqlite',
    [
      'this command keeps its data in SQLite, and neither SQLite driver could be loaded:',
      `  better-sqlite3: ${nativeReason(nativeError)}`,
      `  node-sqlite3-wasm: ${firstLine(wasmError)}`,
      'node-sqlite3-wasm comes with referwell and needs no build: reinstall referwell to repair it',
      `  ${SQLITE_FIXES.reinstall[0]}`,
    ].join('\n'),
    { cause: wasmError },
  );
}

/** Why better-sqlite3 could not be used, in a few words: `not installed`, or the binding's first line. */
function nativeReason(error: unknown): string {
  const cause = StoreError.isInstance(error) ? error.cause : error;
  if (StoreError.isInstance(error) && /not installed/.test(error.message)) return 'not installed';
  return `its native part did not load (${firstLine(cause)})`;
}

/** The driver over node-sqlite3-wasm. */
async function wasmSqliteDriver(loadWasm: (() => Promise<unknown>) | undefined, why: string): Promise<SqliteDriver> {
  const module = await loadWasmModule(loadWasm);
  // The one cast: the wrapper implements the part of better-sqlite3's Database that sqliteStore
  // and its migrations call (typed structurally as SqliteDatabaseLike in sqlite-wasm.ts), not all of it.
  const Database = wasmDriver(module) as unknown as SqliteConstructor;
  return { [DRIVER]: true, name: 'node-sqlite3-wasm', Database, note: `SQLite driver: node-sqlite3-wasm (${why})` };
}

/**
 * The ways to get each driver, for {@link chooseSqliteDriver}.
 *
 * @category CLI
 */
export interface SqliteDriverSources {
  /** Which driver to use. */
  readonly choice: SqliteDriverChoice;
  /** Imports better-sqlite3. */
  readonly loadNative: () => Promise<unknown>;
  /** Imports node-sqlite3-wasm; default `import('node-sqlite3-wasm')`. */
  readonly loadWasm?: () => Promise<unknown>;
}

/**
 * Picks the SQLite driver: with `auto`, better-sqlite3 when it loads and works,
 * else node-sqlite3-wasm; `better-sqlite3` or `wasm` use only that one.
 *
 * @param sources - The choice and how to import each driver.
 * @returns The working driver.
 * @throws {@link StoreError}: for a forced better-sqlite3, the missing/broken
 *   message with its fix ({@link sqliteUnavailable}); for a forced wasm, why it
 *   failed; for `auto`, {@link noSqliteDriver} when neither works.
 * @example
 * ```ts
 * const driver = await chooseSqliteDriver({ choice: 'wasm', loadNative: () => import('better-sqlite3') });
 * driver.name; //=> 'node-sqlite3-wasm'
 * ```
 * @category CLI
 */
export async function chooseSqliteDriver(sources: SqliteDriverSources): Promise<SqliteDriver> {
  const { choice, loadNative, loadWasm } = sources;
  if (choice === 'wasm') {
    try {
      return await wasmSqliteDriver(loadWasm, `${SQLITE_DRIVER_ENV}=wasm`);
    } catch (error) {
      throw new StoreError(
        'sqlite',
        `node-sqlite3-wasm could not be loaded (${firstLine(error)}); unset ${SQLITE_DRIVER_ENV} or reinstall referwell:\n  ${SQLITE_FIXES.reinstall[0]}`,
        { cause: error },
      );
    }
  }
  let nativeError: unknown;
  try {
    const Database = await loadNativeDriver(loadNative);
    return { [DRIVER]: true, name: 'better-sqlite3', Database, note: 'SQLite driver: better-sqlite3' };
  } catch (error) {
    if (choice === 'better-sqlite3') throw error;
    nativeError = error;
  }
  try {
    return await wasmSqliteDriver(loadWasm, `better-sqlite3 could not be used: ${nativeReason(nativeError)}`);
  } catch (wasmError) {
    throw noSqliteDriver(nativeError, wasmError);
  }
}

/**
 * The SQLite driver for a command: a loader made by {@link sqliteLoader} (the
 * command line wires one into the io) has chosen it already; any other loader
 * is taken as better-sqlite3's, with node-sqlite3-wasm as the fallback.
 *
 * @param load - The io's `loadSqlite`.
 * @returns The `Database` constructor (better-sqlite3's, or the WebAssembly one shaped like it).
 * @throws {@link StoreError} as {@link chooseSqliteDriver}.
 * @example
 * ```ts
 * const Database = await loadSqliteDriver(io.loadSqlite);
 * new Database(':memory:').prepare('SELECT 1 AS one').get(); //=> { one: 1 }
 * ```
 * @category CLI
 */
export async function loadSqliteDriver(load: () => Promise<unknown>): Promise<SqliteConstructor> {
  if (isChoosingLoader(load)) return (await load()).Database;
  return (await chooseSqliteDriver({ choice: 'auto', loadNative: load })).Database;
}

/** A loader made by {@link sqliteLoader}: it resolves to the chosen driver, and its errors are final. */
type ChoosingLoader = (() => Promise<SqliteDriver>) & { readonly [DRIVER]: true };

function isChoosingLoader(load: () => Promise<unknown>): load is ChoosingLoader {
  return (load as Partial<ChoosingLoader>)[DRIVER] === true;
}

/**
 * The io's `loadSqlite` as the command line uses it: honours
 * `REFERWELL_SQLITE_DRIVER`, falls back to node-sqlite3-wasm, and writes which
 * driver it chose on standard error when `verbose()` says so.
 *
 * @param io - The io (its `env`, `stderr`, `loadSqlite` and `loadSqliteWasm`).
 * @param verbose - Whether `--verbose` was given (read when a command loads the driver).
 * @returns A loader that resolves to the chosen {@link SqliteDriver}.
 * @example
 * ```ts
 * const commandIo = { ...io, loadSqlite: sqliteLoader(io, () => false) };
 * ```
 * @category CLI
 */
export function sqliteLoader(
  io: Pick<CliIo, 'env' | 'stderr' | 'loadSqlite' | 'loadSqliteWasm'>,
  verbose: () => boolean,
): () => Promise<SqliteDriver> {
  const load = async (): Promise<SqliteDriver> => {
    const driver = await chooseSqliteDriver({
      choice: readDriverChoice(io.env),
      loadNative: io.loadSqlite,
      ...(io.loadSqliteWasm === undefined ? {} : { loadWasm: io.loadSqliteWasm }),
    });
    if (verbose()) io.stderr(`[referwell] ${driver.note}\n`);
    return driver;
  };
  const marked: ChoosingLoader = Object.assign(load, { [DRIVER]: true as const });
  return marked;
}

/**
 * Opens a database file for a command. A missing file is bad input for commands
 * that read (`mustExist`), with the command that creates one.
 *
 * @param Driver - The driver from {@link loadSqliteDriver}.
 * @param file - The absolute path.
 * @param mustExist - Whether a missing file is an error (read commands).
 * @returns The open connection.
 * @throws {@link StoreError} when the file is missing (with `mustExist`) or cannot be opened.
 * @example
 * ```ts
 * const db = openDatabase(Database, '/tmp/referwell.db', false);
 * ```
 * @category CLI
 */
export function openDatabase(Driver: SqliteConstructor, file: string, mustExist: boolean): Database.Database {
  if (mustExist && !existsSync(file)) {
    throw new StoreError(
      'sqlite',
      `no database at ${file}: create one with \`referwell init --db ${shellWord(file)} --name "<practice name>"\` (or try \`referwell demo\`)`,
    );
  }
  try {
    return new Driver(file, mustExist ? { fileMustExist: true } : {});
  } catch (error) {
    throw new StoreError('sqlite', `cannot open ${file}: ${firstLine(error)}`, { cause: error });
  }
}
