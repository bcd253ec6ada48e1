/**
 * An in-memory io for running commands in tests: captured output, a temporary
 * working directory, a fixed clock.
 *
 * @module
 * @internal
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './io';
import { main } from './main';

/**
 * What a command run printed and returned.
 *
 * @category CLI
 */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A temporary directory with a runner of `referwell` commands in it.
 *
 * @category CLI
 */
export interface CliSandbox {
  /** The working directory. */
  readonly dir: string;
  /** Runs the command line with `argv`, with io overrides. */
  run(argv: readonly string[], io?: Partial<CliIo>): Promise<CliRun>;
  /** Removes the directory. */
  remove(): void;
}

/**
 * Creates a sandbox: a fresh temporary directory, the real better-sqlite3, and
 * a clock fixed at 2026-03-02T14:00:00Z.
 *
 * @returns The sandbox; call `remove()` after the test.
 * @example
 * ```ts
 * const sandbox = cliSandbox();
 * (await sandbox.run(['--version'])).code; //=> 0
 * sandbox.remove();
 * ```
 * @category CLI
 */
export function cliSandbox(): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'referwell-cli-'));
  return {
    dir,
    async run(argv, overrides = {}) {
      let stdout = '';
      let stderr = '';
      const io: CliIo = {
        stdout: (text) => void (stdout += text),
        stderr: (text) => void (stderr += text),
        cwd: dir,
        env: {},
        stderrIsTTY: false,
        now: () => Date.parse('2026-03-02T14:00:00Z'),
        loadSqlite: () => import('better-sqlite3'),
        ...overrides,
      };
      const code = await main(argv, io);
      return { code, stdout, stderr };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
