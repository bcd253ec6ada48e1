/**
 * `referwell plan`: today's actions as a table, JSON or iCalendar.
 *
 * @module
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { compareCalendarDates, dayOfWeek, toCalendarDate } from '../../calendar/dates';
import type { Action } from '../../engine/action';
import { planToICalendar } from '../../interop/ical/plan-to-icalendar';
import type { Office } from '../../model/office';
import { defaultPlays } from '../../plays/default-plays';
import type { ReferwellStore } from '../../store/store';
import { writeFileAtomically } from '../files';
import type { CliIo } from '../io';
import { withGlobalOptions, withPractice, type GlobalOptions } from '../session';
import { wrap } from '../demo';
import { renderTable, tableWidth } from '../table';
import { wholeNumber } from './values';

interface PlanOptions extends GlobalOptions {
  readonly ics?: string | true;
  readonly limit?: number;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Every office of the store, by id (for names in tables).
 *
 * @param store - The store.
 * @returns The offices by id.
 * @example
 * ```ts
 * (await officesById(store)).get('off-1')?.name; //=> 'Elm Street Pediatrics'
 * ```
 * @category CLI
 */
export async function officesById(store: ReferwellStore): Promise<Map<string, Office>> {
  const offices = new Map<string, Office>();
  let after: string | undefined;
  for (;;) {
    const page = await store.list('office', { limit: 1000, ...(after === undefined ? {} : { after }) });
    for (const { record } of page.records) offices.set(record.id, record);
    if (page.records.length < 1000) return offices;
    after = page.next;
  }
}

/**
 * The action table: due, office, play, what, why.
 *
 * @param actions - The actions, in plan order.
 * @param offices - Office names by id.
 * @param width - The table width.
 * @returns The table text.
 * @example
 * ```ts
 * io.stdout(actionTable(actions, offices, 100));
 * ```
 * @category CLI
 */
export function actionTable(actions: readonly Action[], offices: ReadonlyMap<string, Pick<Office, 'name'>>, width: number): string {
  const titles = new Map(defaultPlays.map((play) => [play.id, play.title]));
  return renderTable(
    [
      { head: 'Due', width: 10 },
      { head: 'Office', width: 14, grow: 2 },
      { head: 'Play', width: 10, grow: 1 },
      { head: 'What', width: 14, grow: 3 },
      { head: 'Why', width: 14, grow: 4 },
    ],
    actions.map((action) => [
      action.due,
      offices.get(action.officeId)?.name ?? action.officeId,
      titles.get(action.play) ?? action.play,
      action.title,
      [action.explanation.summary, ...action.warnings.map((warning) => `! ${warning.message}`)].join(' '),
    ]),
    width,
  );
}

/**
 * Runs `referwell plan`.
 *
 * @param io - The io.
 * @param options - The parsed options.
 * @returns Nothing; the plan goes to standard output (or the `--ics` file).
 * @throws {@link StoreError} when there is no database or practice; {@link ValidationError} for a bad playbook or output file.
 * @example
 * ```ts
 * await runPlan(io, { db: './referwell.db', tenant: 'default', json: true });
 * ```
 * @category CLI
 */
export async function runPlan(io: CliIo, options: PlanOptions): Promise<void> {
  await withPractice(io, options, async (session) => {
    const all = await session.desk.plan(session.now);
    const actions = options.limit === undefined ? all : all.slice(0, options.limit);
    if (options.ics !== undefined) {
      const offices = await officesById(session.store);
      const ics = planToICalendar(actions, { practice: session.practice, offices: [...offices.values()], now: session.now });
      if (options.ics === true || options.ics === '-') {
        io.stdout(ics);
      } else {
        const path = resolve(io.cwd, options.ics);
        writeFileAtomically(path, ics);
        io.stdout(`Wrote ${actions.length} actions to ${path}\n`);
      }
      return;
    }
    if (options.json) {
      io.stdout(`${JSON.stringify(actions, null, 2)}\n`);
      return;
    }
    const timeZone = session.practice.timeZone;
    const today = toCalendarDate(session.now, timeZone);
    const due = all.filter((action) => compareCalendarDates(action.due, today) <= 0).length;
    const shown = actions.length < all.length ? `; showing the first ${actions.length}` : '';
    const header = `Plan for ${session.practice.name}, ${DAY_NAMES[dayOfWeek(today)]} ${today} (${timeZone}): ${all.length} actions, ${due} due today or earlier${shown}.`;
    io.stdout(`${wrap(header, tableWidth(io)).join('\n')}\n`);
    if (actions.length === 0) {
      io.stdout('Nothing to do: every office is on track.\n');
      return;
    }
    io.stdout(actionTable(actions, await officesById(session.store), tableWidth(io)));
  });
}

/**
 * Registers `plan` on the program.
 *
 * @param program - The root command.
 * @param io - The io.
 * @returns The command.
 * @example
 * ```ts
 * registerPlan(program, io);
 * ```
 * @category CLI
 */
export function registerPlan(program: Command, io: CliIo): Command {
  const command = program
    .command('plan')
    .summary("today's actions: whom to visit, call, thank, coach or restock")
    .description("Plans the practice's actions at --as-of with every play, most urgent first.");
  return withGlobalOptions(command)
    .option('--json', 'print the actions as JSON (an array of Action)')
    .option('--ics [file]', 'write the actions as iCalendar to-dos to a file (standard output without one)')
    .option('--limit <n>', 'show only the first n actions', wholeNumber('--limit', 1))
    .action((options: PlanOptions) => runPlan(io, options));
}
