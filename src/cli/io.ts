/**
 * What the command line reads from and writes to, injected so that every
 * command runs in process in tests.
 *
 * @module
 */
import process from 'node:process';

/**
 * Exit codes: `0` success, `1` bad input (invalid data, a missing file, a failed
 * validation, a refused transition, no working SQLite driver), `2` usage (an
 * unknown command or option, a missing argument, a malformed flag value).
 *
 * @category CLI
 */
export const ExitCode = Object.freeze({ ok: 0, badInput: 1, usage: 2 } as const);

/** One of {@link ExitCode}'s values. @category CLI */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The command line's surroundings: where output goes, the working directory,
 * the environment, the clock and how to load the SQLite driver.
 *
 * @category CLI
 */
export interface CliIo {
  /** Writes to standard output (the command's result). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (messages, progress, problems). */
  readonly stderr: (text: string) => void;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  /**
   * The environment (`REFERWELL_DEBUG=1` prints stack traces of unexpected errors;
   * `REFERWELL_SQLITE_DRIVER` = `auto` | `better-sqlite3` | `wasm` picks the SQLite driver).
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard error is a terminal: progress bars are drawn only then. */
  readonly stderrIsTTY: boolean;
  /** The stream progress bars draw on, when {@link CliIo.stderrIsTTY}. */
  readonly progressStream?: NodeJS.WritableStream;
  /** The terminal width for tables; default 100 when not a terminal. */
  readonly columns?: number;
  /** The clock, in epoch milliseconds: the default `--as-of`. */
  readonly now: () => number;
  /**
   * Loads the better-sqlite3 module (default: `import('better-sqlite3')`). Tests
   * inject failures here to check the fallback and the messages for a missing
   * or broken driver.
   */
  readonly loadSqlite: () => Promise<unknown>;
  /**
   * Loads node-sqlite3-wasm, the fallback driver (default:
   * `import('node-sqlite3-wasm')`). Tests inject failures here.
   */
  readonly loadSqliteWasm?: () => Promise<unknown>;
}

/**
 * The io of the real process: `process.stdout`/`stderr`, `process.cwd()`,
 * `process.env`, the system clock and the installed SQLite drivers.
 *
 * @returns The io {@link main} runs with from the `referwell` bin.
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), nodeIo());
 * ```
 * @category CLI
 */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stderrIsTTY: process.stderr.isTTY === true,
    progressStream: process.stderr,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    now: () => Date.now(),
    loadSqlite: () => import('better-sqlite3'),
    loadSqliteWasm: () => import('node-sqlite3-wasm'),
  };
}
