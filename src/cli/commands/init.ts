/**
 * `referwell init`: create or migrate the database and record the practice.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { practiceSchema, type Practice } from '../../model/practice';
import type { CliIo } from '../io';
import { aboutDatabase, openSession, withGlobalOptions, type GlobalOptions } from '../session';
import { validateFlags } from './flags';
import { collect } from './values';

interface InitOptions extends GlobalOptions {
  readonly name?: string;
  readonly timeZone?: string;
  readonly holiday?: string[];
}

const FLAGS = { name: '--name', timeZone: '--time-zone', holidays: '--holiday', tenantId: '--tenant' };

/** The system's time zone, the default of `--time-zone` for a new practice. */
function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Runs `referwell init`: creates the file if needed, migrates its schema, and
 * records (or updates) the practice. Running it again with the same flags
 * changes nothing and says so.
 *
 * @param io - The io.
 * @param options - The parsed options.
 * @returns Nothing; what was done goes to standard output.
 * @throws {@link ValidationError} naming the flag when the practice is not valid (e.g. `--name is required` for a new practice);
 *   {@link StoreError} when SQLite is unavailable.
 * @example
 * ```ts
 * await runInit(io, { db: './referwell.db', tenant: 'default', name: 'Northside Counseling', timeZone: 'America/Chicago' });
 * ```
 * @category CLI
 */
export async function runInit(io: CliIo, options: InitOptions): Promise<void> {
  const existed = existsSync(resolve(io.cwd, options.db));
  const practice = (current: Practice | undefined) =>
    validateFlags(
      practiceSchema,
      {
        tenantId: options.tenant,
        name: options.name ?? current?.name,
        timeZone: options.timeZone ?? current?.timeZone ?? systemTimeZone(),
        holidays: options.holiday ?? current?.holidays ?? [],
      },
      'practice',
      FLAGS,
    );
  // A new file is created only once the flags are known to be valid.
  if (!existed) practice(undefined);
  const session = await openSession(io, options, false);
  try {
    const current = (await session.store.getPractice())?.record;
    const wanted = practice(current);
    const file = existed ? `${options.db} is ready (schema up to date)` : `Created ${options.db}`;
    if (current === undefined) {
      await session.store.savePractice(wanted);
      io.stdout(`${file}; recorded the practice "${wanted.name}" (${wanted.timeZone}) for tenant ${options.tenant}.\n`);
      return;
    }
    const changed = (['name', 'timeZone', 'holidays'] as const).filter(
      (key) => JSON.stringify(current[key]) !== JSON.stringify(wanted[key]),
    );
    if (changed.length === 0) {
      io.stdout(`${file}; the practice "${current.name}" (${current.timeZone}) is already recorded. Nothing changed.\n`);
      return;
    }
    await session.store.savePractice(wanted);
    io.stdout(`${file}; updated the practice "${wanted.name}": ${changed.join(', ')}.\n`);
  } catch (error) {
    throw aboutDatabase(error, session.path);
  } finally {
    await session.close();
  }
}

/**
 * Registers `init` on the program.
 *
 * @param program - The root command.
 * @param io - The io.
 * @returns The command.
 * @example
 * ```ts
 * registerInit(program, io);
 * ```
 * @category CLI
 */
export function registerInit(program: Command, io: CliIo): Command {
  const command = program
    .command('init')
    .summary('create or migrate the database and record the practice')
    .description(
      'Creates the --db file if it does not exist, migrates its schema, and records the practice ' +
        '(its name, time zone and holidays). Safe to run again: it changes only what the flags change.',
    );
  return withGlobalOptions(command)
    .option('--name <name>', 'the practice name (required the first time)')
    .option('--time-zone <zone>', 'the practice IANA time zone (default: this computer\'s, for a new practice)')
    .option('--holiday <dates>', 'a closed day, YYYY-MM-DD (repeat, or separate with commas); replaces the list', collect)
    .action((options: InitOptions) => runInit(io, options));
}
