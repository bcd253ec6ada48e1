/**
 * `referwell sources`: offices ranked by referral yield.
 *
 * @module
 */
import type { Command } from 'commander';
import type { OfficeSource } from '../../engine/sources';
import type { CliIo } from '../io';
import { withGlobalOptions, withPractice, type GlobalOptions } from '../session';
import { wrap } from '../demo';
import { renderTable, tableWidth } from '../table';
import { wholeNumber } from './values';

interface SourcesOptions extends GlobalOptions {
  readonly limit?: number;
}

const perHour = (value: number | null) => (value === null ? '–' : value.toFixed(2));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * The source table: rank, office, referrals, first visits, hours, yields, trend, follow-up.
 *
 * @param sources - The ranked offices.
 * @param width - The table width.
 * @returns The table text.
 * @example
 * ```ts
 * io.stdout(sourceTable(ranking.offices, 100));
 * ```
 * @category CLI
 */
export function sourceTable(sources: readonly OfficeSource[], width: number): string {
  return renderTable(
    [
      { head: '#', width: 3, align: 'right' },
      { head: 'Office', width: 18, grow: 1 },
      { head: 'Refs', width: 4, align: 'right' },
      { head: 'Visits', width: 6, align: 'right' },
      { head: 'Hours', width: 5, align: 'right' },
      { head: 'Per hr', width: 6, align: 'right' },
      { head: 'Per touch', width: 9, align: 'right' },
      { head: 'Trend', width: 5, align: 'right' },
      { head: 'Follow-up', width: 15 },
    ],
    sources.map((source) => [
      String(source.rank),
      source.name,
      String(source.referrals),
      String(source.firstVisits),
      (source.outreachMinutes / 60).toFixed(1),
      perHour(source.referralsPerHour),
      perHour(source.referralsPerTouchpoint),
      signed(source.trend),
      source.followUpStatus,
    ]),
    width,
  );
}

/**
 * Runs `referwell sources`.
 *
 * @param io - The io.
 * @param options - The parsed options.
 * @returns Nothing; the ranking goes to standard output.
 * @throws {@link StoreError} when there is no database or practice; {@link ValidationError} for a bad playbook.
 * @example
 * ```ts
 * await runSources(io, { db: './referwell.db', tenant: 'default', json: true });
 * ```
 * @category CLI
 */
export async function runSources(io: CliIo, options: SourcesOptions): Promise<void> {
  await withPractice(io, options, async (session) => {
    const ranking = await session.desk.sources(session.now);
    if (options.json) {
      io.stdout(`${JSON.stringify(ranking, null, 2)}\n`);
      return;
    }
    const { window, recent, previous } = ranking.periods;
    const offices = options.limit === undefined ? ranking.offices : ranking.offices.slice(0, options.limit);
    const width = tableWidth(io);
    const say = (text: string) => io.stdout(`${wrap(text, width).join('\n')}\n`);
    say(
      `Referral sources of ${session.practice.name}, ${window.from} to ${window.to}; ` +
        `trend: ${recent.from}…${recent.to} against ${previous.from}…${previous.to}.`,
    );
    if (offices.length === 0) {
      say('No offices yet: add some with `referwell import offices.csv`.');
      return;
    }
    io.stdout(sourceTable(offices, width));
    say(
      'Refs: referrals received. Visits: first visits completed. Hours: outreach time. Per hr: referrals per outreach hour. ' +
        'Per touch: referrals per touchpoint. Trend: recent minus previous referrals.',
    );
  });
}

/**
 * Registers `sources` on the program.
 *
 * @param program - The root command.
 * @param io - The io.
 * @returns The command.
 * @example
 * ```ts
 * registerSources(program, io);
 * ```
 * @category CLI
 */
export function registerSources(program: Command, io: CliIo): Command {
  const command = program
    .command('sources')
    .summary('offices ranked by referral yield per outreach hour')
    .description('Ranks every office by referrals per outreach hour in the playbook window (sources.windowDays).');
  return withGlobalOptions(command)
    .option('--json', 'print the ranking as JSON (offices, contacts and periods)')
    .option('--limit <n>', 'show only the first n offices', wholeNumber('--limit', 1))
    .action((options: SourcesOptions) => runSources(io, options));
}
