/**
 * `referwell report --html <file>`: a self-contained HTML report.
 *
 * @module
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { formatInstant } from '../../calendar/instant';
import { writeFileAtomically } from '../files';
import type { CliIo } from '../io';
import { renderHtmlReport } from '../report/index';
import { withGlobalOptions, withPractice, type GlobalOptions } from '../session';

interface ReportOptions extends GlobalOptions {
  readonly html: string;
  readonly title?: string;
}

/**
 * Runs `referwell report`: loads the tenant's records, renders the report at
 * `--as-of`, and writes it atomically (a temporary file renamed into place).
 *
 * @param io - The io.
 * @param options - The parsed options.
 * @returns Nothing; the path written goes to standard output.
 * @throws {@link StoreError} when there is no database or practice; {@link ValidationError} when the file cannot be written.
 * @example
 * ```ts
 * await runReport(io, { db: './referwell.db', tenant: 'default', html: 'report.html' });
 * ```
 * @category CLI
 */
export async function runReport(io: CliIo, options: ReportOptions): Promise<void> {
  await withPractice(io, options, async (session) => {
    const snapshot = await session.store.loadSnapshot();
    const html = renderHtmlReport({
      snapshot,
      playbook: session.playbook,
      now: formatInstant(session.now),
      ...(options.title === undefined ? {} : { title: options.title }),
    });
    const path = resolve(io.cwd, options.html);
    writeFileAtomically(path, html);
    io.stdout(`${path}\n`);
  });
}

/**
 * Registers `report` on the program.
 *
 * @param program - The root command.
 * @param io - The io.
 * @returns The command.
 * @example
 * ```ts
 * registerReport(program, io);
 * ```
 * @category CLI
 */
export function registerReport(program: Command, io: CliIo): Command {
  const command = program
    .command('report')
    .summary('write a self-contained HTML report with charts')
    .description(
      'Writes one HTML file (no network needed): referrals per office per month, yield per outreach hour, ' +
        'follow-up status of every office, intake times, and the plan.',
    );
  return withGlobalOptions(command)
    .addOption(new Option('--html <file>', 'the HTML file to write').makeOptionMandatory())
    .option('--title <title>', 'the page title')
    .action((options: ReportOptions) => runReport(io, options));
}
