/**
 * `referwell office <id>`: one office's follow-up status, score and actions.
 *
 * @module
 */
import type { Command } from 'commander';
import { NotFoundError } from '../../errors';
import type { CliIo } from '../io';
import { withGlobalOptions, withPractice, type GlobalOptions } from '../session';
import { wrap } from '../demo';
import { renderTable, tableWidth } from '../table';
import { actionTable } from './plan';

/**
 * Runs `referwell office <id>`.
 *
 * @param io - The io.
 * @param officeId - The office id.
 * @param options - The parsed options.
 * @returns Nothing; the view goes to standard output.
 * @throws {@link NotFoundError} naming the id when there is no such office; {@link StoreError} when there is no database or practice.
 * @example
 * ```ts
 * await runOffice(io, 'off-1', { db: './referwell.db', tenant: 'default' });
 * ```
 * @category CLI
 */
export async function runOffice(io: CliIo, officeId: string, options: GlobalOptions): Promise<void> {
  await withPractice(io, options, async (session) => {
    const view = await session.desk.office(officeId, session.now);
    if (view === undefined) throw new NotFoundError({ kind: 'office', id: officeId });
    const { history, followUp, score, actions } = view;
    const office = history.office;
    if (options.json) {
      const { lastContact, ...facts } = followUp;
      const json = { office, followUp: { ...facts, lastContactId: lastContact?.record.id ?? null }, score, actions };
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      return;
    }
    const width = tableWidth(io);
    const since = followUp.daysSince === null ? 'never contacted' : `last contact ${followUp.lastContactDate} (${followUp.daysSince} days ago)`;
    io.stdout(
      [
        `${office.name} (${office.id})`,
        `${office.kind}, ${office.lifecycle}${office.tier ? `, tier ${office.tier}` : ''}; ${history.contacts.length} contacts, ` +
          `${history.touchpoints.length} touchpoints, ${history.referrals.length} referrals, ${history.thankYous.length} thank-yous.`,
        `Follow-up: ${followUp.status}; ${since}${followUp.nextDue ? `; next due ${followUp.nextDue}` : ''}.`,
        `Relationship score: ${score.score} / 100`,
      ]
        .flatMap((line) => wrap(line, width))
        .join('\n') + '\n',
    );
    io.stdout(
      renderTable(
        [
          { head: 'Play', width: 16 },
          { head: 'Weight', width: 6, align: 'right' },
          { head: 'Score', width: 5, align: 'right' },
          { head: 'Why', width: 20, grow: 1 },
        ],
        score.components.map((component) => [
          component.title,
          String(component.weight),
          component.score === null ? '–' : component.score.toFixed(1),
          component.reasons.join('; '),
        ]),
        width,
      ),
    );
    io.stdout(`\nActions (${actions.length}):\n`);
    io.stdout(actions.length === 0 ? 'None: nothing to do for this office now.\n' : actionTable(actions, new Map([[office.id, office]]), width));
  });
}

/**
 * Registers `office` on the program.
 *
 * @param program - The root command.
 * @param io - The io.
 * @returns The command.
 * @example
 * ```ts
 * registerOffice(program, io);
 * ```
 * @category CLI
 */
export function registerOffice(program: Command, io: CliIo): Command {
  const command = program
    .command('office')
    .argument('<id>', 'the office id')
    .summary("one office's follow-up status, score with its reasons, and actions")
    .description("Shows one office: its follow-up status, its relationship score explained play by play, and its actions.");
  return withGlobalOptions(command)
    .option('--json', 'print { office, followUp, score, actions } as JSON')
    .action((id: string, options: GlobalOptions) => runOffice(io, id, options));
}
