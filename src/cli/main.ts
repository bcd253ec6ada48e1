/**
 * The `referwell` command line: commands over an embedded SQLite file.
 *
 * @module
 */
import { Command } from 'commander';
import { registerDemo } from './commands/demo';
import { registerImport } from './commands/import';
import { registerInit } from './commands/init';
import { registerLog } from './commands/log';
import { registerOffice } from './commands/office';
import { registerPlan } from './commands/plan';
import { registerReport } from './commands/report';
import { registerSources } from './commands/sources';
import { describeError } from './errors-output';
import { ExitCode, type CliIo, type ExitCodeValue } from './io';
import { sqliteLoader } from './sqlite';
import { packageVersion } from './version';

const USAGE_HINT = 'Run `referwell --help` for the commands, or `referwell <command> --help` for one command.';

/**
 * Builds the program: every command, with output and exits routed through `io`.
 *
 * @param io - The io.
 * @returns The commander program (call `parseAsync(argv, { from: 'user' })`).
 * @example
 * ```ts
 * buildProgram(nodeIo()).commands.map((command) => command.name());
 * //=> ['demo', 'init', 'import', 'log', 'plan', 'sources', 'office', 'report']
 * ```
 * @category CLI
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('referwell');
  program
    .description(
      'Build and keep referral relationships with medical offices: record outreach and referrals, ' +
        'see what to do today, and which offices are worth the drive. Data is kept in a SQLite file (--db).',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--verbose', 'say which SQLite driver is used, on standard error')
    .helpOption('-h, --help', 'show help for the command')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError(USAGE_HINT)
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(`[referwell] ${text}`),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExit codes: 0 success, 1 bad input (the message names what was wrong), 2 usage error.\n' +
      'Start with `referwell demo`. Docs: docs/cli.md. REFERWELL_DEBUG=1 prints stack traces of unexpected errors.\n' +
      'REFERWELL_SQLITE_DRIVER=auto|better-sqlite3|wasm picks the SQLite driver (default auto: better-sqlite3 if it loads, else WebAssembly).\n',
  );
  // Commands load SQLite through the io: better-sqlite3 when it works, else node-sqlite3-wasm.
  const commandIo: CliIo = { ...io, loadSqlite: sqliteLoader(io, () => program.opts<{ verbose?: boolean }>().verbose === true) };
  registerDemo(program, commandIo);
  registerInit(program, commandIo);
  registerImport(program, commandIo);
  registerLog(program, commandIo);
  registerPlan(program, commandIo);
  registerSources(program, commandIo);
  registerOffice(program, commandIo);
  registerReport(program, commandIo);
  return program;
}

/**
 * Runs the command line.
 *
 * @param argv - The arguments after the program name (`process.argv.slice(2)`).
 * @param io - Output, working directory, environment, clock and the SQLite loaders.
 * @returns The exit code: 0 success, 1 bad input, 2 usage error. Never throws:
 *   failures are printed to `io.stderr` (no stack trace unless `REFERWELL_DEBUG=1`).
 * @example
 * ```ts
 * await main(['plan', '--db', 'referwell.db', '--json'], nodeIo()); //=> 0
 * await main(['plan', '--frobnicate'], nodeIo()); //=> 2
 * ```
 * @category CLI
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  try {
    const program = buildProgram(io);
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // Help and --version exit 0; every other parse failure was already printed.
      return (error as { exitCode?: unknown }).exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    io.stderr(describeError(error, io.env['REFERWELL_DEBUG'] === '1'));
    return ExitCode.badInput;
  }
}
