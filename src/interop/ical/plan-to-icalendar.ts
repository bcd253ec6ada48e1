import { z } from 'zod';
import { toCalendarDate } from '../../calendar/dates';
import { formatInstant } from '../../calendar/instant';
import type { Action } from '../../engine/action';
import { toMillis, type Moment } from '../../engine/context';
import { ReferwellError, ValidationError, type ValidationIssue } from '../../errors';
import type { Office } from '../../model/office';
import type { Practice } from '../../model/practice';
import { calendarDateSchema, idSchema, timeZoneSchema } from '../../model/primitives';
import { safeParseWith, toJsonPointer } from '../../model/result';
import { CRLF, escapeText, foldLine, paramValue } from './content-line';
import { actionDescription } from './description';
import { toICalendarPriority } from './priority';
import { vtimezoneLines } from './vtimezone';

/**
 * The default `PRODID` of {@link planToICalendar} (RFC 5545 §3.7.3): a formal
 * public identifier naming referwell as the product that wrote the calendar.
 *
 * @example
 * ```ts
 * DEFAULT_PRODUCT_ID; //=> '-//referwell//referwell//EN'
 * ```
 * @category Interop
 */
export const DEFAULT_PRODUCT_ID = '-//referwell//referwell//EN';

/**
 * The {@link planToICalendar} options.
 *
 * @category Interop
 */
export interface PlanToICalendarOptions {
  /** The practice: its `name` names the calendar, its `timeZone` is the zone of every `DUE`. */
  readonly practice: Pick<Practice, 'name' | 'timeZone'>;
  /** Offices, to give each to-do a `LOCATION` (name and address); offices not given get none. */
  readonly offices?: readonly Pick<Office, 'id' | 'name' | 'address'>[];
  /** The moment of export, written as every `DTSTAMP`; the clock is never read. */
  readonly now: Moment;
  /** The `PRODID`; default `-//referwell//referwell//EN`. */
  readonly productId?: string;
  /**
   * The local time of day (`HH:mm`, 24-hour, in the practice's zone) at which an
   * action is due on its due date; default `17:00`, the end of the business day.
   */
  readonly dueTime?: string;
  /**
   * Written before each action id in the `UID`, as `<uidNamespace>/<action id>`,
   * to keep two practices' to-dos apart in one calendar (e.g. the tenant id or a
   * UUID the host owns). Default: none, the `UID` is the action id.
   */
  readonly uidNamespace?: string;
  /** The calendar's display name (`NAME`, `X-WR-CALNAME`); default the practice's name. */
  readonly calendarName?: string;
}

const recordRefSchema = z.object({ kind: z.string(), id: z.string() });

/** The parts of an {@link Action} the calendar reads; other keys are ignored. */
const calendarActionSchema = z.object({
  id: idSchema,
  play: z.string().min(1, 'must not be empty'),
  officeId: z.string(),
  due: calendarDateSchema,
  priority: z.number().min(0).max(100),
  title: z.string(),
  explanation: z.object({
    rule: z.string(),
    summary: z.string(),
    policy: z.record(z.string(), z.unknown()),
    facts: z.record(z.string(), z.unknown()),
    evidence: z.array(recordRefSchema),
  }),
  warnings: z.array(z.object({ message: z.string() })).optional(),
});

const optionalText = z.string().optional();

const optionsSchema = z.object({
  practice: z.object({ name: z.string(), timeZone: timeZoneSchema }),
  offices: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        address: z
          .object({
            line1: optionalText,
            line2: optionalText,
            city: optionalText,
            region: optionalText,
            postalCode: optionalText,
            country: optionalText,
          })
          .optional(),
      }),
    )
    .optional(),
  now: z.union([z.number(), z.string(), z.date()]),
  productId: z.string().min(1, 'must not be empty').optional(),
  dueTime: z
    .string()
    .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day like 17:00')
    .optional(),
  uidNamespace: idSchema.optional(),
  calendarName: z.string().optional(),
});

const inputSchema = z.object({ actions: z.array(calendarActionSchema), options: optionsSchema });

type CalendarOffice = NonNullable<z.output<typeof optionsSchema>['offices']>[number];

/** An instant as iCalendar UTC DATE-TIME, `YYYYMMDDTHHMMSSZ` (seconds truncated). */
function utcDateTime(epochMs: number): string {
  const iso = formatInstant(epochMs);
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** `Name, line 1, line 2, City, Region Postal code, Country`, or undefined without an address. */
function officeLocation(office: CalendarOffice | undefined): string | undefined {
  const address = office?.address;
  if (office === undefined || address === undefined) return undefined;
  const regionLine = [address.region, address.postalCode].filter((part) => part !== undefined && part !== '').join(' ');
  const parts = [address.line1, address.line2, address.city, regionLine, address.country].filter(
    (part): part is string => part !== undefined && part.trim() !== '',
  );
  return parts.length === 0 ? undefined : [office.name, ...parts].join(', ');
}

/** Throws one {@link ValidationError} for the export, with paths from the argument root. */
function invalid(issues: ValidationIssue[]): never {
  throw new ValidationError('iCalendar export', issues);
}

/**
 * Writes planned actions as an iCalendar (RFC 5545) `VCALENDAR` of `VTODO`s, for
 * a clinician's calendar or task app: each action is a to-do due on its due date
 * in the practice's time zone, with the explanation as its description.
 *
 * Each `VTODO` has:
 *
 * | property | value |
 * | --- | --- |
 * | `UID` | the action id (deterministic, so re-importing updates the same to-do); with `uidNamespace`, `<uidNamespace>/<action id>`. No host or domain name is added (RFC 7986 §5.3). |
 * | `X-REFERWELL-ACTION-ID` | the action id, always |
 * | `DTSTAMP` | `now`, in UTC |
 * | `DUE;TZID=<zone>` | the due date at `dueTime` (default 17:00) local time in the practice's zone |
 * | `SUMMARY` | the action's title |
 * | `DESCRIPTION` | {@link actionDescription}: summary, rule, policy values, facts, evidence ids, warnings, action id |
 * | `PRIORITY` | {@link toICalendarPriority}: 0–100 mapped onto 9 (lowest) … 1 (highest) |
 * | `CATEGORIES` | the play id |
 * | `STATUS` | `NEEDS-ACTION` |
 * | `LOCATION` | the office's name and address, when the office is given with an address |
 *
 * The calendar has `VERSION:2.0`, `PRODID`, `CALSCALE:GREGORIAN`, `NAME` and
 * `X-WR-CALNAME`, and one `VTIMEZONE` for the practice's zone covering every
 * calendar year from the earliest to the latest due date (the year of `now` when
 * there is no action), with one observance per offset change, computed from the
 * runtime's time-zone data (so the output does not depend on the host's zone).
 *
 * Text is escaped (`\\`, `\;`, `\,`, `\n`), lines end with CRLF and are folded at
 * 75 octets without splitting a UTF-8 character. iCalendar TEXT cannot hold
 * control characters: CRLF and CR become a line break, other controls (except
 * TAB) are dropped, and a lone surrogate becomes U+FFFD. Any other text reads
 * back exactly. The to-dos keep the order of `actions`.
 *
 * @param actions - The planned actions, e.g. from `planActions`.
 * @param options - The practice, the moment of export, and optional offices and settings.
 * @returns The iCalendar text (CRLF line endings, ending with CRLF).
 * @throws A `ValidationError` (subject `iCalendar export`) when an action or
 * an option is malformed (paths like `/actions/3/due`), two actions share an id,
 * or the due dates span more than 200 years.
 * @example
 * ```ts
 * const ics = planToICalendar(planActions({ snapshot, playbook: defaultPlaybook, now }), {
 *   practice: snapshot.practice,
 *   offices: snapshot.offices,
 *   now,
 * });
 * ics.split('\r\n').find((line) => line.startsWith('DUE'));
 * //=> 'DUE;TZID=America/Chicago:20260305T170000'
 * ```
 * @category Interop
 */
export function planToICalendar(actions: readonly Action[], options: PlanToICalendarOptions): string {
  const parsed = safeParseWith(inputSchema, { actions, options }, 'iCalendar export');
  if (!parsed.ok) throw parsed.error;
  // The schemas only check (they transform nothing), and z.record() would drop a
  // `__proto__` key: read the caller's own values from here on.
  const todos = actions;
  const opts = { ...parsed.value.options, now: options.now };

  let now: number;
  try {
    now = toMillis(opts.now);
  } catch (error) {
    const message = ReferwellError.isInstance(error) ? error.message.replace(/^\[referwell\] /, '') : String(error);
    invalid([{ path: ['options', 'now'], pointer: '/options/now', message, code: 'invalid_value' }]);
  }

  const seen = new Map<string, number>();
  const duplicates: ValidationIssue[] = [];
  todos.forEach((action, index) => {
    const first = seen.get(action.id);
    if (first === undefined) seen.set(action.id, index);
    else {
      const path = ['actions', index, 'id'];
      duplicates.push({ path, pointer: toJsonPointer(path), message: `repeats the id of action ${first}`, code: 'custom' });
    }
  });
  if (duplicates.length > 0) invalid(duplicates);

  const zone = opts.practice.timeZone;
  const [hour, minute] = (opts.dueTime ?? '17:00').split(':') as [string, string];
  const stamp = utcDateTime(now);
  const offices = new Map((opts.offices ?? []).map((office) => [office.id, office]));

  // The years to cover: those of the due dates, or the year of now without any.
  let fromYear = Infinity;
  let toYear = -Infinity;
  for (const action of todos) {
    const year = Number(action.due.slice(0, 4));
    fromYear = Math.min(fromYear, year);
    toYear = Math.max(toYear, year);
  }
  if (todos.length === 0) fromYear = toYear = Number(toCalendarDate(now, zone).slice(0, 4));
  if (toYear - fromYear >= 200) {
    const path = ['actions'];
    invalid([{ path, pointer: '/actions', message: 'due dates may span at most 200 years', code: 'too_big' }]);
  }

  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(opts.productId ?? DEFAULT_PRODUCT_ID)}`,
    'CALSCALE:GREGORIAN',
    `NAME:${escapeText(opts.calendarName ?? opts.practice.name)}`,
    `X-WR-CALNAME:${escapeText(opts.calendarName ?? opts.practice.name)}`,
    ...vtimezoneLines(zone, fromYear, toYear),
  ];
  for (const action of todos) lines.push(...vtodoLines(action, { zone, hour, minute, stamp, offices, namespace: opts.uidNamespace }));
  lines.push('END:VCALENDAR');
  return lines.map((line) => foldLine(line) + CRLF).join('');
}

/** The content lines (unfolded) of one action's VTODO. */
function vtodoLines(
  action: Action,
  context: {
    zone: string;
    hour: string;
    minute: string;
    stamp: string;
    offices: ReadonlyMap<string, CalendarOffice>;
    namespace: string | undefined;
  },
): string[] {
  const uid = context.namespace === undefined ? action.id : `${context.namespace}/${action.id}`;
  const due = `${action.due.replaceAll('-', '')}T${context.hour}${context.minute}00`;
  const location = officeLocation(context.offices.get(action.officeId));
  return [
    'BEGIN:VTODO',
    `UID:${escapeText(uid)}`,
    `DTSTAMP:${context.stamp}`,
    `DUE;TZID=${paramValue(context.zone)}:${due}`,
    `SUMMARY:${escapeText(action.title)}`,
    `DESCRIPTION:${escapeText(actionDescription(action))}`,
    `PRIORITY:${toICalendarPriority(action.priority)}`,
    `CATEGORIES:${escapeText(action.play)}`,
    'STATUS:NEEDS-ACTION',
    ...(location === undefined ? [] : [`LOCATION:${escapeText(location)}`]),
    `X-REFERWELL-ACTION-ID:${escapeText(action.id)}`,
    'END:VTODO',
  ];
}
