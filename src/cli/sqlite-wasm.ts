/**
 * The command line's fallback SQLite driver: node-sqlite3-wasm (SQLite
 * compiled to WebAssembly, real file access through `node:fs`, nothing to
 * build), wrapped so that it answers the part of the better-sqlite3 API that
 * `sqliteStore` and its migrations use. Internal to the CLI.
 *
 * What differs from better-sqlite3, and how this wrapper hides it:
 * - parameters: better-sqlite3 takes positional values spread as arguments and
 *   named values as an object whose keys lack the `@`/`:`/`$` prefix;
 *   node-sqlite3-wasm wants an array, or an object keyed with the prefix. The
 *   parameter names are read from the SQL text when a statement is prepared.
 * - results: integers beyond 2^53 come back as BigInt (turned into numbers, as
 *   better-sqlite3 does without `safeIntegers`), blobs as `Uint8Array` (turned
 *   into `Buffer`), and "no row" as `null` (turned into `undefined`).
 * - statements must be finalized: every statement is tracked and finalized by
 *   `close()`. A statement whose last run failed cannot be reset by the
 *   library, so it is prepared again before its next use.
 * - errors carry only a message: they are rethrown with a better-sqlite3 style
 *   `code` (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, …) read from it.
 * - locking: the library locks a file by creating the directory `<file>.lock`
 *   (any lock, reads too), and a busy file may fail at once. Busy statements
 *   are retried with a growing pause until the busy timeout (`PRAGMA
 *   busy_timeout`, default 5000 ms) has passed; then the error names the lock
 *   directory, which a crashed process can leave behind.
 * - no WAL: `PRAGMA journal_mode = WAL` leaves the journal mode `delete`. A
 *   file better-sqlite3 left in WAL mode cannot be opened by a VFS without
 *   shared memory, except in exclusive locking mode: such a file is opened that
 *   way and switched back to `delete` (which also checkpoints a leftover
 *   `-wal` file); a read-only connection keeps exclusive mode instead.
 * - the two drivers do not see each other's locks (a lock directory here,
 *   POSIX locks there): one file must not be used by both at the same time.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Database as WasmRawDatabase, Statement as WasmRawStatement } from 'node-sqlite3-wasm';

/** A value SQLite stores: what statements bind and return. */
export type SqlValue = number | bigint | string | Uint8Array | null;

/** What `run()` reports, as better-sqlite3 does. */
export interface SqliteRunResult {
  /** Rows inserted, updated or deleted. */
  readonly changes: number;
  /** The rowid of the last inserted row. */
  readonly lastInsertRowid: number;
}

/**
 * The part of a better-sqlite3 `Statement` the store uses, as a structural
 * type. Parameters are spread positional values or one object of named values
 * (keys without their prefix).
 *
 * @category CLI
 */
export interface SqliteStatementLike {
  /** Runs the statement; returns the changes. */
  run(...params: readonly unknown[]): SqliteRunResult;
  /** The first row, or `undefined` (the wasm driver reads the whole result). */
  get(...params: readonly unknown[]): Record<string, unknown> | undefined;
  /** Every row. */
  all(...params: readonly unknown[]): Record<string, unknown>[];
  /** The rows one by one (read at once here). */
  iterate(...params: readonly unknown[]): IterableIterator<Record<string, unknown>>;
  /** Only `false` (integers as numbers) is supported: it is the default anyway. */
  safeIntegers(toggle?: boolean): this;
}

/**
 * The part of a better-sqlite3 `Database` the store and its migrations use, as
 * a structural type.
 *
 * @category CLI
 */
export interface SqliteDatabaseLike {
  /** The file name given when opening. */
  readonly name: string;
  /** Whether this is an in-memory database. */
  readonly memory: boolean;
  /** Whether it was opened read-only. */
  readonly readonly: boolean;
  /** Whether the connection is open. */
  readonly open: boolean;
  /** Whether a transaction is open. */
  readonly inTransaction: boolean;
  /** Prepares a statement. */
  prepare(sql: string): SqliteStatementLike;
  /** Runs one or more statements without parameters. */
  exec(sql: string): this;
  /** Runs `PRAGMA <source>`; with `simple`, returns the first column of the first row. */
  pragma(source: string, options?: { readonly simple?: boolean }): unknown;
  /** Wraps `fn` in a transaction (a savepoint when one is already open). */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** Finalizes every statement and closes the connection. */
  close(): this;
}

/** The better-sqlite3 constructor options this driver honours. */
export interface WasmOpenOptions {
  /** Open read-only. */
  readonly readonly?: boolean;
  /** Fail when the file does not exist instead of creating it. */
  readonly fileMustExist?: boolean;
  /** The busy timeout in milliseconds until `PRAGMA busy_timeout` sets another; default 5000. */
  readonly timeout?: number;
}

/** The node-sqlite3-wasm module, as far as this driver needs it. */
export interface WasmModule {
  /** The library's `Database` class. */
  readonly Database: new (file: string, options?: { fileMustExist?: boolean; readOnly?: boolean }) => WasmRawDatabase;
}

/** A constructor with better-sqlite3's shape, over node-sqlite3-wasm. */
export type WasmDatabaseConstructor = new (file: string, options?: WasmOpenOptions) => WasmDatabase;

/** The default busy timeout, as better-sqlite3's `timeout` option. */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** The longest pause between two attempts on a busy database. */
const MAX_PAUSE_MS = 50;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** Result codes read from node-sqlite3-wasm's messages (SQLite's own wording), first match wins. */
const CODES: readonly (readonly [RegExp, string])[] = [
  [/database is locked/i, 'SQLITE_BUSY'],
  [/database table is locked/i, 'SQLITE_LOCKED'],
  [/UNIQUE constraint failed/, 'SQLITE_CONSTRAINT_UNIQUE'],
  [/NOT NULL constraint failed/, 'SQLITE_CONSTRAINT_NOTNULL'],
  [/FOREIGN KEY constraint failed/, 'SQLITE_CONSTRAINT_FOREIGNKEY'],
  [/CHECK constraint failed/, 'SQLITE_CONSTRAINT_CHECK'],
  [/constraint failed/i, 'SQLITE_CONSTRAINT'],
  [/attempt to write a readonly database/i, 'SQLITE_READONLY'],
  [/database disk image is malformed/i, 'SQLITE_CORRUPT'],
  [/file is not a database/i, 'SQLITE_NOTADB'],
  [/database or disk is full/i, 'SQLITE_FULL'],
  [/disk I\/O error/i, 'SQLITE_IOERR'],
  [/could not open the database|unable to open database/i, 'SQLITE_CANTOPEN'],
  [/interrupted/i, 'SQLITE_INTERRUPT'],
];

/**
 * An error of the WebAssembly driver with better-sqlite3's `code` (e.g.
 * `SQLITE_BUSY`), so that callers classify it the same way.
 *
 * @category CLI
 */
export class WasmSqliteError extends Error {
  /** SQLite's result code name, read from the message. */
  readonly code: string;

  /**
   * @param message - SQLite's message.
   * @param code - The result code name.
   * @param options - `cause`: the library's error.
   */
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SqliteError';
    this.code = code;
  }
}

/**
 * The result code name SQLite's message stands for.
 *
 * @param message - The message of a node-sqlite3-wasm error.
 * @returns The code, `SQLITE_ERROR` when none is recognised.
 * @example
 * ```ts
 * sqliteCodeOf('UNIQUE constraint failed: t.b'); //=> 'SQLITE_CONSTRAINT_UNIQUE'
 * ```
 * @category CLI
 */
export function sqliteCodeOf(message: string): string {
  return CODES.find(([pattern]) => pattern.test(message))?.[1] ?? 'SQLITE_ERROR';
}

/** The library's error with a code; our own errors (and RangeErrors of binding) pass through. */
function withCode(error: unknown): unknown {
  if (error instanceof WasmSqliteError || !(error instanceof Error) || error.name !== 'SQLite3Error') return error;
  return new WasmSqliteError(error.message, sqliteCodeOf(error.message), { cause: error });
}

const isBusy = (error: unknown): boolean => error instanceof WasmSqliteError && error.code === 'SQLITE_BUSY';

/** Blocks the thread for `ms` milliseconds (every call of this driver is synchronous, as better-sqlite3's are). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

/** The parameters a statement's SQL declares. */
export interface ParameterShape {
  /** Named parameters: name without prefix → name as written (with prefix). */
  readonly named: ReadonlyMap<string, string>;
  /** How many positional values it takes (`?` and `?NNN`). */
  readonly positional: number;
}

/** String literals, quoted identifiers and comments, which may contain `?`, `:x` or `@x` that are not parameters. */
const NOT_CODE = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g;
const PARAMETER = /\?(\d*)|([@:$])([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Reads the parameters from SQL text.
 *
 * @param sql - The statement.
 * @returns Its named parameters and its positional count.
 * @example
 * ```ts
 * const shape = parameterShape("SELECT * FROM t WHERE a = @a AND b = ? AND c = ':x'");
 * [[...shape.named], shape.positional]; //=> [[['a', '@a']], 1]
 * ```
 * @category CLI
 */
export function parameterShape(sql: string): ParameterShape {
  const code = sql.replace(NOT_CODE, ' ');
  const named = new Map<string, string>();
  let positional = 0;
  let last = 0;
  for (const match of code.matchAll(PARAMETER)) {
    if (match[3] !== undefined) {
      if (!named.has(match[3])) named.set(match[3], `${match[2]}${match[3]}`);
    } else {
      last = match[1] === '' ? last + 1 : Number(match[1]);
      positional = Math.max(positional, last);
    }
  }
  return { named, positional };
}

/** Checks a value can be bound, as better-sqlite3 does. */
function bindable(value: unknown): SqlValue {
  if (value === null || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' || value instanceof Uint8Array) {
    return value;
  }
  throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
}

const isNamedValues = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * Turns better-sqlite3 style arguments into node-sqlite3-wasm's bind values.
 *
 * @param shape - The statement's parameters ({@link parameterShape}).
 * @param params - The arguments as given to `run`/`get`/`all`.
 * @returns An array of positional values, or an object keyed by prefixed name, or `undefined` for none.
 * @throws RangeError when a named value is missing or the positional count is wrong; TypeError for a value SQLite cannot bind.
 * @example
 * ```ts
 * bindValues(parameterShape('SELECT @a, :b'), [{ a: 1, b: 'x', extra: 3 }]); //=> { '@a': 1, ':b': 'x' }
 * bindValues(parameterShape('SELECT ?, ?'), [1, 2]); //=> [1, 2]
 * ```
 * @category CLI
 */
export function bindValues(shape: ParameterShape, params: readonly unknown[]): SqlValue[] | Record<string, SqlValue> | undefined {
  if (params.length === 1 && isNamedValues(params[0])) {
    const given = params[0];
    if (shape.positional > 0) throw new RangeError('Too few parameter values were provided');
    const values: Record<string, SqlValue> = {};
    for (const [name, written] of shape.named) {
      if (!Object.hasOwn(given, name)) throw new RangeError(`Missing named parameter "${name}"`);
      values[written] = bindable(given[name]);
    }
    return values;
  }
  const values = params.flatMap((param) => (Array.isArray(param) ? (param as unknown[]) : [param])).map(bindable);
  if (shape.named.size > 0) throw new RangeError('Named parameters can only be passed within an object');
  if (values.length < shape.positional) throw new RangeError('Too few parameter values were provided');
  if (values.length > shape.positional) throw new RangeError('Too many parameter values were provided');
  return values.length === 0 ? undefined : values;
}

/** A row as better-sqlite3 returns it: numbers (not BigInt) and Buffers. */
function fromWasmRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (typeof value === 'bigint') row[key] = Number(value);
    else if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
}

// ---------------------------------------------------------------------------
// Statements and the database
// ---------------------------------------------------------------------------

/**
 * A prepared statement over node-sqlite3-wasm with better-sqlite3's calling
 * conventions. Made by {@link WasmDatabase.prepare}.
 *
 * @category CLI
 */
export class WasmStatement implements SqliteStatementLike {
  readonly #db: WasmDatabase;
  readonly #shape: ParameterShape;
  /** The library's statement; `undefined` after a failure (prepared again on next use) or once finalized. */
  #raw: WasmRawStatement | undefined;
  #finalized = false;

  /**
   * @param db - The database.
   * @param source - The SQL text.
   * @param raw - The library's statement for it.
   */
  constructor(db: WasmDatabase, readonly source: string, raw: WasmRawStatement) {
    this.#db = db;
    this.#shape = parameterShape(source);
    this.#raw = raw;
  }

  /** Whether the library's statement was finalized. */
  get finalized(): boolean {
    return this.#finalized;
  }

  /** Runs `work` on the library's statement, with busy retries; a failed statement is dropped. */
  #use<T>(params: readonly unknown[], work: (raw: WasmRawStatement, values: ReturnType<typeof bindValues>) => T): T {
    if (this.#finalized) throw new TypeError('The database connection is not open');
    const values = bindValues(this.#shape, params);
    return this.#db.retrying(() => {
      this.#raw ??= this.#db.prepareRaw(this.source);
      const raw = this.#raw;
      try {
        return work(raw, values);
      } catch (error) {
        // node-sqlite3-wasm cannot reset a statement whose last step failed: make a new one next time.
        this.#raw = undefined;
        try {
          raw.finalize();
        } catch {
          // The statement's own error is the one to report.
        }
        throw error;
      }
    }, this.source);
  }

  run(...params: readonly unknown[]): SqliteRunResult {
    return this.#use(params, (raw, values) => {
      const result = raw.run(values);
      return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
    });
  }

  get(...params: readonly unknown[]): Record<string, unknown> | undefined {
    // The library's get() leaves the statement open on its first row, which keeps the
    // file locked; reading to the end finishes it (the store's get()s return one row).
    return this.#use(params, (raw, values) => {
      const row = raw.all(values)[0];
      return row === undefined ? undefined : fromWasmRow(row);
    });
  }

  all(...params: readonly unknown[]): Record<string, unknown>[] {
    return this.#use(params, (raw, values) => raw.all(values).map((row) => fromWasmRow(row)));
  }

  iterate(...params: readonly unknown[]): IterableIterator<Record<string, unknown>> {
    return this.all(...params)[Symbol.iterator]();
  }

  safeIntegers(toggle = true): this {
    if (toggle) throw new TypeError('[referwell] [sqlite] safeIntegers(true) is not supported by the node-sqlite3-wasm driver');
    return this;
  }

  /** Finalizes the library's statement (called by {@link WasmDatabase.close}). */
  finalize(): void {
    if (this.#finalized) return;
    this.#finalized = true;
    const raw = this.#raw;
    this.#raw = undefined;
    try {
      raw?.finalize();
    } catch {
      // finalize() repeats the last step's error, already reported; the statement is freed anyway.
    }
  }
}

/**
 * A node-sqlite3-wasm connection with the part of better-sqlite3's `Database`
 * API that `sqliteStore` uses (see the module notes for the differences it
 * hides).
 *
 * @category CLI
 */
export class WasmDatabase implements SqliteDatabaseLike {
  readonly name: string;
  readonly memory: boolean;
  readonly readonly: boolean;
  readonly #raw: WasmRawDatabase;
  readonly #statements = new Set<WasmStatement>();
  #busyTimeoutMs: number;

  /**
   * Opens (or creates) a database file.
   *
   * @param module - The node-sqlite3-wasm module.
   * @param file - The file, or `:memory:`.
   * @param options - better-sqlite3's `readonly`, `fileMustExist` and `timeout`.
   * @throws {@link WasmSqliteError} (`SQLITE_CANTOPEN`) when the file cannot be opened.
   */
  constructor(module: WasmModule, file: string, options: WasmOpenOptions = {}) {
    this.name = file;
    this.memory = file === ':memory:' || file === '';
    this.readonly = options.readonly === true;
    this.#busyTimeoutMs = options.timeout ?? DEFAULT_BUSY_TIMEOUT_MS;
    try {
      this.#raw = new module.Database(file, { readOnly: this.readonly, fileMustExist: options.fileMustExist === true });
    } catch (error) {
      throw withCode(error);
    }
    if (!this.memory && isWalFile(file)) {
      try {
        this.pragma('locking_mode = EXCLUSIVE');
        if (!this.readonly) {
          this.pragma('journal_mode = DELETE');
          this.pragma('locking_mode = NORMAL');
          // The exclusive lock is dropped at the next access.
          this.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
        }
      } catch (error) {
        this.close();
        throw error;
      }
    }
  }

  get open(): boolean {
    return this.#raw.isOpen;
  }

  get inTransaction(): boolean {
    return this.#raw.isOpen && this.#raw.inTransaction;
  }

  /** The busy timeout in force, in milliseconds. */
  get busyTimeoutMs(): number {
    return this.#busyTimeoutMs;
  }

  /** How many statements are prepared and not yet finalized. */
  get openStatements(): number {
    return this.#statements.size;
  }

  #checkOpen(): void {
    if (!this.#raw.isOpen) throw new TypeError('The database connection is not open');
  }

  /**
   * Runs `work`, again after a growing pause while the database is busy, until
   * the busy timeout has passed; then the busy error names the lock directory.
   * Internal to the driver.
   */
  retrying<T>(work: () => T, what: string): T {
    this.#checkOpen();
    const deadline = Date.now() + this.#busyTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, MAX_PAUSE_MS)) {
      try {
        return work();
      } catch (thrown) {
        const error = withCode(thrown);
        if (!isBusy(error)) throw error;
        const left = deadline - Date.now();
        if (left <= 0) throw this.#stillBusy(error, what);
        pause(Math.min(wait, left));
      }
    }
  }

  #stillBusy(error: unknown, what: string): WasmSqliteError {
    const lock = `${this.name}.lock`;
    return new WasmSqliteError(
      `database is locked: ${this.name} stayed busy for ${this.#busyTimeoutMs} ms (${what.trim().split(/\s+/).slice(0, 3).join(' ')}). ` +
        `The WebAssembly SQLite driver locks the file with the directory ${lock}: if no other referwell process is using the file ` +
        '(a crashed one can leave the directory behind), remove that directory and try again.',
      'SQLITE_BUSY',
      { cause: error },
    );
  }

  /** The library's statement for `sql`. Internal to the driver. */
  prepareRaw(sql: string): WasmRawStatement {
    return this.#raw.prepare(sql);
  }

  prepare(sql: string): WasmStatement {
    const raw = this.retrying(() => this.prepareRaw(sql), sql);
    const statement = new WasmStatement(this, sql, raw);
    this.#statements.add(statement);
    return statement;
  }

  exec(sql: string): this {
    // Several statements cannot be retried as one (the first ones may have run): SQLite's own busy wait covers them.
    if (isSingleStatement(sql)) this.retrying(() => this.#raw.exec(sql), sql);
    else {
      this.#checkOpen();
      try {
        this.#raw.exec(sql);
      } catch (error) {
        throw withCode(error);
      }
    }
    return this;
  }

  pragma(source: string, options: { readonly simple?: boolean } = {}): unknown {
    const timeout = /^\s*busy_timeout\s*(?:=\s*|\(\s*)(\d+)/i.exec(source);
    const sql = `PRAGMA ${source}`;
    const rows = this.retrying(() => {
      const raw = this.prepareRaw(sql);
      try {
        return raw.all().map((row) => fromWasmRow(row));
      } finally {
        raw.finalize();
      }
    }, sql);
    if (timeout !== null) this.#busyTimeoutMs = Number(timeout[1]);
    if (!options.simple) return rows;
    const first = rows[0];
    return first === undefined ? undefined : Object.values(first)[0];
  }

  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const nested = this.inTransaction;
      const savepoint = 'referwell_wasm_tx';
      this.exec(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN');
      try {
        const result = fn(...args);
        this.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT');
        return result;
      } catch (error) {
        if (this.inTransaction) this.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
        throw error;
      }
    };
  }

  close(): this {
    if (!this.#raw.isOpen) return this;
    // The library closes with sqlite3_close_v2: a statement left open would keep the file (and its lock) open.
    for (const statement of this.#statements) statement.finalize();
    this.#statements.clear();
    this.#raw.close();
    return this;
  }
}

/** Whether the file's header says WAL mode (bytes 18 and 19 are the read and write format versions, 2 for WAL). */
function isWalFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false; // not there yet (or unreadable: opening reports that)
  }
  try {
    const header = Buffer.alloc(20);
    return readSync(fd, header, 0, 20, 0) === 20 && (header[18] === 2 || header[19] === 2);
  } finally {
    closeSync(fd);
  }
}

/** Whether SQL text holds one statement (a trailing `;` allowed). */
function isSingleStatement(sql: string): boolean {
  return !/;\s*\S/.test(sql.replace(NOT_CODE, ' '));
}

/**
 * A better-sqlite3 shaped constructor over a loaded node-sqlite3-wasm module.
 *
 * @param module - The module.
 * @returns `new Driver(file, options)` opens a {@link WasmDatabase}.
 * @example
 * ```ts
 * const Driver = wasmDriver(await loadWasmModule());
 * new Driver(':memory:').prepare('SELECT 1 AS one').get(); //=> { one: 1 }
 * ```
 * @category CLI
 */
export function wasmDriver(module: WasmModule): WasmDatabaseConstructor {
  return class extends WasmDatabase {
    constructor(file: string, options?: WasmOpenOptions) {
      super(module, file, options);
    }
  };
}

/**
 * Loads node-sqlite3-wasm (compiling its WebAssembly) and checks it opens an
 * in-memory database.
 *
 * @param load - How to import it; default `import('node-sqlite3-wasm')`.
 * @returns The module.
 * @throws Error when it cannot be loaded or does not work.
 * @example
 * ```ts
 * const module = await loadWasmModule();
 * ```
 * @category CLI
 */
export async function loadWasmModule(load: () => Promise<unknown> = () => import('node-sqlite3-wasm')): Promise<WasmModule> {
  const loaded = (await load()) as { Database?: unknown; default?: { Database?: unknown } } | null;
  const Database = loaded?.Database ?? loaded?.default?.Database;
  if (typeof Database !== 'function') throw new Error('node-sqlite3-wasm does not export its Database class');
  const module = { Database } as WasmModule;
  new WasmDatabase(module, ':memory:').close();
  return module;
}
