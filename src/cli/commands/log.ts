/**
 * `referwell log touchpoint|referral|thank-you|transition`: record what
 * happened, one flag per field, validated by the model's schemas.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { formatInstant } from '../../calendar/instant';
import { intakeStepSchema, referralSchema } from '../../model/referral';
import { thankYouSchema } from '../../model/thank-you';
import { touchpointSchema } from '../../model/touchpoint';
import { channels, intakeStatuses, purposes, referralSources, resourceKinds, thankYouMedia } from '../../model/vocabulary';
import type { CliIo } from '../io';
import { MOMENT_FORMS, readInstant } from '../moment';
import { withGlobalOptions, withPractice, type GlobalOptions, type PracticeSession } from '../session';
import { flagError, relabel, validateFlags, type FlagMap } from './flags';
import { collect } from './values';

type Flags = GlobalOptions & Readonly<Record<string, unknown>>;

/** Options whose values are lists. */
const list = (flag: string, description: string) => new Option(flag, description).argParser(collect);

/** A number flag, validated by the model (so `--minutes abc` names the flag). */
const numberOf = (value: unknown): unknown => (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);

/** Reads a moment flag in the practice's zone; absent: the session's moment. */
function momentFlag(session: PracticeSession, subject: string, flag: string, value: unknown, fallback = true): string | undefined {
  if (value === undefined) return fallback ? formatInstant(session.now) : undefined;
  const instant = readInstant(String(value), session.practice.timeZone);
  if (instant === undefined) throw flagError(subject, flag, `must be ${MOMENT_FORMS}, not ${JSON.stringify(value)}`);
  return instant;
}

/** Drops undefined values, so optional fields stay absent. */
function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Prints the id (or, with --json, the record), and a note on standard error. */
function report(io: CliIo, options: Flags, record: { id: string }, note: string): void {
  io.stdout(options.json ? `${JSON.stringify(record, null, 2)}\n` : `${record.id}\n`);
  io.stderr(`${note}\n`);
}

/**
 * Validates a record built from flags, appends it, and reports it: a store error
 * names the flag behind the field, and a repeated id is said to change nothing.
 */
async function appendFromFlags<S extends z.ZodType<{ readonly id: string; readonly officeId: string }>>(
  io: CliIo,
  options: Flags,
  record: { readonly schema: S; readonly input: unknown; readonly subject: string; readonly flags: FlagMap },
  append: (valid: z.output<S>) => Promise<{ readonly record: { readonly id: string; readonly officeId: string }; readonly created: boolean }>,
  logged: (stored: { readonly id: string; readonly officeId: string }) => string,
): Promise<void> {
  const valid = validateFlags(record.schema, record.input, record.subject, record.flags);
  const stored = await append(valid).catch((error: unknown) => {
    throw relabel(error, record.flags);
  });
  const name = record.subject.charAt(0).toUpperCase() + record.subject.slice(1);
  report(io, options, stored.record, stored.created ? logged(stored.record) : `${name} ${stored.record.id} was already recorded; nothing changed.`);
}

const TOUCHPOINT_FLAGS: FlagMap = {
  id: '--id',
  officeId: '--office',
  contactIds: '--contact',
  clinicianId: '--clinician',
  at: '--at',
  channel: '--channel',
  purposes: '--purpose',
  minutes: '--minutes',
  'collateral.cards': '--cards',
  'collateral.brochures': '--brochures',
  collateral: '--cards',
  messageVersion: '--message-version',
  resources: '--resource',
  'cost.amount': '--cost',
  'cost.description': '--cost-description',
  cost: '--cost',
  notes: '--notes',
};

async function logTouchpoint(io: CliIo, options: Flags): Promise<void> {
  await withPractice(io, options, async (session) => {
    const cards = numberOf(options['cards']);
    const brochures = numberOf(options['brochures']);
    const cost = numberOf(options['cost']);
    const input = defined({
      id: (options['id'] as string | undefined) ?? `tp-${randomUUID()}`,
      tenantId: options.tenant,
      officeId: options['office'],
      contactIds: options['contact'],
      clinicianId: options['clinician'],
      at: momentFlag(session, 'touchpoint', '--at', options['at']),
      channel: options['channel'],
      purposes: options['purpose'],
      minutes: numberOf(options['minutes']),
      collateral: cards === undefined && brochures === undefined ? undefined : defined({ cards, brochures }),
      messageVersion: numberOf(options['messageVersion']),
      resources: options['resource'],
      cost: cost === undefined ? undefined : defined({ amount: cost, description: options['costDescription'] }),
      notes: options['notes'],
    });
    await appendFromFlags(
      io,
      options,
      { schema: touchpointSchema, input, subject: 'touchpoint', flags: TOUCHPOINT_FLAGS },
      (valid) => session.store.appendTouchpoint(valid),
      (stored) => `Logged touchpoint ${stored.id} at office ${stored.officeId}.`,
    );
  });
}

const REFERRAL_FLAGS: FlagMap = {
  id: '--id',
  officeId: '--office',
  contactIds: '--contact',
  clinicianId: '--clinician',
  receivedAt: '--received-at',
  via: '--via',
  checklist: '--checked',
  'patient.reference': '--patient',
  'patient.displayName': '--patient-name',
  'patient.consentToShare': '--consent-to-share',
  patient: '--patient',
  notes: '--notes',
};

async function logReferral(io: CliIo, options: Flags): Promise<void> {
  await withPractice(io, options, async (session) => {
    const checklist: Record<string, boolean> = {};
    const known = session.playbook.plays['strong-referrals'].checklist.map((item) => item.id);
    for (const flag of ['--unchecked', '--checked'] as const) {
      const items = (options[flag === '--checked' ? 'checked' : 'unchecked'] as string[] | undefined) ?? [];
      // A typo would be stored as an item no play scores, and the referral would look weak.
      const unknown = items.filter((item) => !known.includes(item));
      if (unknown.length > 0) {
        throw flagError('referral', flag, `has ${unknown.map((item) => JSON.stringify(item)).join(', ')}, not in the playbook's strength checklist (${known.join(', ')})`);
      }
      for (const item of items) checklist[item] = flag === '--checked';
    }
    const input = defined({
      id: (options['id'] as string | undefined) ?? `ref-${randomUUID()}`,
      tenantId: options.tenant,
      officeId: options['office'],
      contactIds: options['contact'],
      clinicianId: options['clinician'],
      receivedAt: momentFlag(session, 'referral', '--received-at', options['receivedAt']),
      via: options['via'],
      checklist,
      patient: defined({
        reference: options['patient'],
        displayName: options['patientName'],
        consentToShare: options['consentToShare'] === true ? true : undefined,
      }),
      notes: options['notes'],
    });
    await appendFromFlags(
      io,
      options,
      { schema: referralSchema, input, subject: 'referral', flags: REFERRAL_FLAGS },
      (valid) => session.store.appendReferral(valid),
      (stored) => `Logged referral ${stored.id} from office ${stored.officeId}.`,
    );
  });
}

const THANK_YOU_FLAGS: FlagMap = {
  id: '--id',
  officeId: '--office',
  contactIds: '--contact',
  referralIds: '--referral',
  sentAt: '--sent-at',
  medium: '--medium',
  cardsEnclosed: '--cards',
  askedForMore: '--asked-for-more',
  text: '--text',
};

async function logThankYou(io: CliIo, options: Flags): Promise<void> {
  await withPractice(io, options, async (session) => {
    const input = defined({
      id: (options['id'] as string | undefined) ?? `ty-${randomUUID()}`,
      tenantId: options.tenant,
      officeId: options['office'],
      contactIds: options['contact'] ?? [],
      referralIds: options['referral'],
      sentAt: momentFlag(session, 'thank-you', '--sent-at', options['sentAt']),
      medium: options['medium'],
      cardsEnclosed: numberOf(options['cards']),
      askedForMore: options['askedForMore'] === true ? true : undefined,
      text: options['text'],
    });
    await appendFromFlags(
      io,
      options,
      { schema: thankYouSchema, input, subject: 'thank-you', flags: THANK_YOU_FLAGS },
      (valid) => session.store.appendThankYou(valid),
      (stored) => `Logged thank-you ${stored.id} to office ${stored.officeId}.`,
    );
  });
}

/** The steps `log transition --to` accepts: the intake statuses after `received`, and two milestones. */
export const TRANSITION_TARGETS = [...intakeStatuses.filter((status) => status !== 'received'), 'patient-contacted', 'report-sent'] as const;

const STEP_FLAGS: FlagMap = {
  status: '--to',
  at: '--at',
  reason: '--reason',
  redirectedTo: '--redirected-to',
  appointmentAt: '--appointment-at',
};

async function logTransition(io: CliIo, options: Flags): Promise<void> {
  await withPractice(io, options, async (session) => {
    const referralId = options['referral'];
    if (typeof referralId !== 'string') throw flagError('intake step', '--referral', 'is required');
    const to = options['to'];
    if (typeof to !== 'string') throw flagError('intake step', '--to', `is required (one of ${TRANSITION_TARGETS.join(', ')})`);
    if (!(TRANSITION_TARGETS as readonly string[]).includes(to)) {
      throw flagError('intake step', '--to', `must be one of ${TRANSITION_TARGETS.join(', ')}`);
    }
    const at = momentFlag(session, 'intake step', '--at', options['at'])!;
    let stored;
    if (to === 'patient-contacted' || to === 'report-sent') {
      stored = await session.store.markReferral(referralId, to, at);
    } else {
      const step = validateFlags(
        intakeStepSchema,
        defined({
          status: to,
          at,
          reason: options['reason'],
          redirectedTo: options['redirectedTo'],
          appointmentAt: momentFlag(session, 'intake step', '--appointment-at', options['appointmentAt'], false),
        }),
        'intake step',
        STEP_FLAGS,
      );
      stored = await session.store.transitionReferral(referralId, step).catch((error: unknown) => {
        throw relabel(error, STEP_FLAGS);
      });
    }
    const status = stored.record.intake.at(-1)?.status ?? 'received';
    report(io, options, stored.record, `Referral ${stored.record.id} is now ${status}${to === status ? '' : ` (${to} recorded)`}.`);
  });
}

/**
 * Registers `log` and its subcommands on the program.
 *
 * @param program - The root command.
 * @param io - The io.
 * @returns The `log` command.
 * @example
 * ```ts
 * registerLog(program, io);
 * ```
 * @category CLI
 */
export function registerLog(program: Command, io: CliIo): Command {
  const log = program
    .command('log')
    .summary('record a touchpoint, referral, thank-you or intake step')
    .description('Records what happened. Prints the id of the stored record (with --json, the record).');
  const common = (command: Command) =>
    withGlobalOptions(command)
      .option('--json', 'print the stored record as JSON')
      .option('--id <id>', 'the record id (default: a new random id)');

  common(log.command('touchpoint').description('Record one outreach contact with an office.'))
    .option('--office <id>', 'the office (required)')
    .addOption(list('--contact <ids>', 'the people reached (repeat, or separate with commas)'))
    .option('--clinician <id>', 'the clinician who made it')
    .option('--at <moment>', `when it happened (default --as-of or now): ${MOMENT_FORMS}`)
    .option('--channel <channel>', `how: ${channels.join(', ')} (required)`)
    .addOption(list('--purpose <purposes>', `why, at least one: ${purposes.join(', ')}`))
    .option('--minutes <n>', 'outreach minutes, travel included')
    .option('--cards <n>', 'business cards left')
    .option('--brochures <n>', 'brochures left')
    .option('--message-version <n>', 'the practice-message version presented')
    .addOption(list('--resource <kinds>', `resources offered: ${resourceKinds.join(', ')}`))
    .option('--cost <amount>', 'what was spent (for the compliance ledger), in whole currency units')
    .option('--cost-description <text>', 'what the money was spent on')
    .option('--notes <text>', 'free notes')
    .action((options: Flags) => logTouchpoint(io, options));

  common(log.command('referral').description('Record a referral received from an office.'))
    .option('--office <id>', 'the referring office (required)')
    .addOption(list('--contact <ids>', 'the referring people (repeat, or separate with commas)'))
    .option('--clinician <id>', 'the clinician it was referred to')
    .option('--received-at <moment>', `when it arrived (default --as-of or now): ${MOMENT_FORMS}`)
    .option('--via <source>', `how it came: ${referralSources.join(', ')} (required)`)
    .addOption(list('--checked <items>', 'strength-checklist items done, e.g. prescription-pad,warm-handoff'))
    .addOption(list('--unchecked <items>', 'strength-checklist items known to be missing'))
    .option('--patient <reference>', 'an opaque patient reference, no PHI (required)')
    .option('--patient-name <name>', 'a display name, only shown where the patient consented')
    .option('--consent-to-share', 'the patient consented to sharing details with the referrer')
    .option('--notes <text>', 'free notes')
    .action((options: Flags) => logReferral(io, options));

  common(log.command('thank-you').description('Record a thank-you sent to an office.'))
    .option('--office <id>', 'the office (required)')
    .addOption(list('--contact <ids>', 'the people thanked, at least one (repeat, or separate with commas)'))
    .addOption(list('--referral <ids>', 'the referrals acknowledged'))
    .option('--sent-at <moment>', `when it was sent (default --as-of or now): ${MOMENT_FORMS}`)
    .option('--medium <medium>', `${thankYouMedia.join(', ')} (required)`)
    .option('--cards <n>', 'business cards enclosed')
    .option('--asked-for-more', 'the card asked for more referrals')
    .option('--text <text>', 'the text of the card')
    .action((options: Flags) => logThankYou(io, options));

  common(log.command('transition').description("Move a referral's intake one step (received → accepted | declined → scheduled → …)."))
    .option('--referral <id>', 'the referral (required)')
    .option('--to <step>', `the new status or milestone: ${TRANSITION_TARGETS.join(', ')} (required)`)
    .option('--at <moment>', `when (default --as-of or now): ${MOMENT_FORMS}`)
    .option('--reason <text>', 'why it was declined or cancelled')
    .option('--redirected-to <where>', 'where a declined patient was sent instead')
    .option('--appointment-at <moment>', 'the first appointment (with --to scheduled)')
    .action((options: Flags) => logTransition(io, options));
  return log;
}
