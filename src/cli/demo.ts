/**
 * The demo: a generated sample practice, today's plan and its best and worst
 * referral sources, as plain text for a terminal.
 *
 * @module
 */
import Table from 'cli-table3';
import { compareCalendarDates, dayOfWeek, startOfDayInZone, toCalendarDate } from '../calendar/dates';
import { formatInstant, parseInstant } from '../calendar/instant';
import type { Action } from '../engine/action';
import { ValidationError } from '../errors';
import { planIndex } from '../engine/plan';
import { rankIndexedSources, type OfficeSource } from '../engine/sources';
import { indexSnapshot } from '../model/history';
import type { CalendarDate } from '../model/primitives';
import type { PracticeSnapshot } from '../model/snapshot';
import { defaultPlaybook, type Playbook } from '../playbook/playbook';
import { defaultPlays } from '../plays/default-plays';
import { generatePractice } from '../testing/generator';

/**
 * The {@link renderDemo} options.
 *
 * @category CLI
 */
export interface DemoOptions {
  /** The generator seed; default {@link DEMO_DEFAULTS}`.seed` (7). */
  readonly seed?: number;
  /**
   * The moment to plan for: an ISO-8601 UTC instant, or a `YYYY-MM-DD` date read
   * as 09:00 that day in the practice's time zone. Default
   * {@link DEMO_DEFAULTS}`.now` (`2026-03-02`); the clock is never read, so the
   * demo prints the same text every time.
   */
  readonly now?: string;
  /** How many offices to generate; default 40. */
  readonly offices?: number;
  /** The line width to wrap to; default 80. Narrower values are raised to 50, the narrowest the tables fit. */
  readonly width?: number;
  /** How many actions to show per play before "… and N more"; default 5. */
  readonly actionsPerPlay?: number;
}

/**
 * The demo's defaults: seed 7, 2026-03-02, 40 offices, 80 columns, 5 actions per
 * play.
 *
 * @category CLI
 */
export const DEMO_DEFAULTS = Object.freeze({
  seed: 7,
  now: '2026-03-02',
  offices: 40,
  width: 80,
  actionsPerPlay: 5,
});

const HOUR = 3_600_000;
/** The narrowest width the source tables fit in (an 8-character office column). */
const MIN_WIDTH = 50;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Cuts `text` to at most `max` characters, ending with `…` when cut.
 *
 * @param text - The text.
 * @param max - The most characters allowed (≥ 1).
 * @returns The text, or its first `max − 1` characters (trailing spaces dropped) and `…`.
 * @example
 * ```ts
 * truncate('Lakeside Family Medicine', 12); //=> 'Lakeside Fa…'
 * ```
 * @category CLI
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/**
 * Wraps text at spaces to lines of at most `width` characters, each starting
 * with `indent` (counted in the width). A word longer than a line is split.
 *
 * @param text - The text; runs of white space count as one space.
 * @param width - The most characters per line, indent included.
 * @param indent - What each line starts with; default none.
 * @returns The lines (at least one).
 * @example
 * ```ts
 * wrap('one two three', 9, '  '); //=> ['  one two', '  three']
 * ```
 * @category CLI
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const room = Math.max(1, width - indent.length);
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter((w) => w.length > 0)) {
    while (word.length > room) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, room));
      word = word.slice(room);
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= room) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines.map((l) => `${indent}${l}`.trimEnd());
}

/**
 * Reads the demo's `now`: an instant, or a date at 09:00 practice time.
 *
 * @param now - The option's value.
 * @param timeZone - The practice's time zone.
 * @returns Epoch milliseconds.
 * @throws {@link ValidationError} when `now` is neither form.
 * @example
 * ```ts
 * demoMoment('2026-03-02', 'America/New_York'); //=> 1772460000000
 * ```
 * @category CLI
 */
export function demoMoment(now: string, timeZone: string): number {
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(now)) return startOfDayInZone(now, timeZone) + 9 * HOUR;
    return parseInstant(now);
  } catch (cause) {
    throw new ValidationError(
      'demo options',
      [
        {
          path: ['now'],
          pointer: '/now',
          message: `${JSON.stringify(now)} is neither a date like 2026-03-02 nor an instant like 2026-03-02T14:00:00Z`,
          code: 'invalid_format',
        },
      ],
      { cause },
    );
  }
}

/** A section heading, underlined. */
function heading(text: string, width: number): string[] {
  const title = truncate(text, width);
  return [title, '-'.repeat(title.length)];
}

/** A signed whole number: `+3`, `-2`, `0`. */
function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** The plan, grouped by play in play order. */
function planLines(actions: readonly Action[], width: number, perPlay: number, today: CalendarDate): string[] {
  const lines: string[] = [];
  lines.push(...heading("Today's plan", width));
  if (actions.length === 0) {
    lines.push(...wrap('Nothing to do: every office is on track.', width));
    return lines;
  }
  const due = actions.filter((action) => compareCalendarDates(action.due, today) <= 0).length;
  lines.push(
    ...wrap(
      `${actions.length} actions, ${due} of them due today or earlier; up to ${perPlay} shown per play, most urgent first.`,
      width,
    ),
  );
  const titles = new Map(defaultPlays.map((play, i) => [play.id, { title: play.title, order: i }]));
  const groups = new Map<string, Action[]>();
  for (const action of actions) {
    const group = groups.get(action.play);
    if (group) group.push(action);
    else groups.set(action.play, [action]);
  }
  const order = [...groups.keys()].sort(
    (a, b) => (titles.get(a)?.order ?? Infinity) - (titles.get(b)?.order ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const hang = ' '.repeat(14);
  for (const play of order) {
    const group = groups.get(play)!;
    lines.push('', truncate(`${titles.get(play)?.title ?? play} (${group.length})`, width));
    for (const action of group.slice(0, perPlay)) {
      const [first = '', ...rest] = wrap(action.title, width, hang);
      lines.push(`  ${action.due}  ${first.slice(hang.length)}`, ...rest);
      lines.push(...wrap(action.explanation.summary, width, `${hang}  `));
      for (const warning of action.warnings) lines.push(...wrap(`! ${warning.message}`, width, `${hang}  `));
    }
    if (group.length > perPlay) lines.push(`${hang}… and ${group.length - perPlay} more`);
  }
  return lines;
}

/** cli-table3 drawing characters for a table without borders: columns two spaces apart. */
const PLAIN_TABLE = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '  ',
} as const;

/** One table of sources. */
function sourceTable(title: string, rows: readonly OfficeSource[], width: number): string[] {
  const numbers = [
    { head: 'Refs', size: 4, cell: (s: OfficeSource) => String(s.referrals) },
    { head: 'Visits', size: 6, cell: (s: OfficeSource) => String(s.firstVisits) },
    { head: 'Hours', size: 6, cell: (s: OfficeSource) => (s.outreachMinutes / 60).toFixed(1) },
    { head: 'Per hr', size: 6, cell: (s: OfficeSource) => (s.referralsPerHour ?? 0).toFixed(2) },
    { head: 'Trend', size: 5, cell: (s: OfficeSource) => signed(s.trend) },
  ];
  const fixed = 3 + numbers.reduce((sum, column) => sum + 2 + column.size, 0);
  const nameSize = Math.max(8, width - fixed - 2);
  const table = new Table({
    chars: PLAIN_TABLE,
    colWidths: [3, nameSize, ...numbers.map((column) => column.size)],
    colAligns: ['right', 'left', ...numbers.map(() => 'right' as const)],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  table.push(['#', 'Office', ...numbers.map((column) => column.head)]);
  for (const source of rows) {
    table.push([String(source.rank), truncate(source.name, nameSize), ...numbers.map((column) => column.cell(source))]);
  }
  const lines = ['', title, ...table.toString().split('\n').map((line) => line.trimEnd())];
  if (rows.length === 0) lines.push('  (no office had outreach time in the window)');
  return lines;
}

/** The source-yield section: totals, then the best and worst five by referrals per hour. */
function sourceLines(ranking: ReturnType<typeof rankIndexedSources>, trendDays: number, width: number): string[] {
  const { offices, periods } = ranking;
  const timed = offices.filter((source) => source.referralsPerHour !== null);
  const best = timed.slice(0, 5);
  const shown = new Set(best.map((source) => source.officeId));
  // Worst: the lowest yield; among equals, the most hours spent for it.
  const worst = timed
    .filter((source) => !shown.has(source.officeId))
    .sort(
      (a, b) =>
        a.referrals * b.outreachMinutes - b.referrals * a.outreachMinutes ||
        b.outreachMinutes - a.outreachMinutes ||
        b.rank - a.rank,
    )
    .slice(0, 5);

  const minutes = offices.reduce((sum, source) => sum + source.outreachMinutes, 0);
  const referrals = offices.reduce((sum, source) => sum + source.referrals, 0);
  const visits = offices.reduce((sum, source) => sum + source.firstVisits, 0);
  const byReferrals = offices.map((source) => source.referrals).sort((a, b) => b - a);
  const topTenth = byReferrals.slice(0, Math.max(1, Math.round(offices.length / 10))).reduce((a, b) => a + b, 0);
  const cold = offices.filter((source) => source.outreachMinutes > 0 && source.referrals === 0).length;

  const lines = [
    ...heading('Source yield', width),
    ...wrap(
      `From ${periods.window.from} to ${periods.window.to}: ${(minutes / 60).toFixed(1)} outreach hours, ${referrals} referrals, ${visits} first visits. ` +
        (referrals > 0
          ? `The top tenth of offices sent ${Math.round((100 * topTenth) / referrals)}% of the referrals; ${cold} offices got outreach and sent none.`
          : `${cold} offices got outreach and sent no referral.`),
      width,
    ),
    ...sourceTable('Best sources (referrals per outreach hour)', best, width),
    ...sourceTable('Worst sources (referrals per outreach hour)', worst, width),
    '',
    ...wrap(
      `Refs: referrals received. Visits: first visits completed. Hours: outreach time, travel included. Per hr: referrals per outreach hour. Trend: referrals in the last ${trendDays} days minus the ${trendDays} before.`,
      width,
    ),
  ];
  return lines;
}

/**
 * Renders the demo: generates a sample practice ({@link generatePractice}), plans
 * its day with every registered play ({@link planActions} with
 * {@link defaultPlays}) and ranks its offices ({@link rankSources}), then prints
 *
 * - a header: the practice, the date, the size of the sample;
 * - **Today's plan**, grouped by play: each action's due date and title, and its
 *   explanation wrapped and indented below it;
 * - **source yield**: the five best and five worst offices by referrals per
 *   outreach hour, with referrals, first visits, hours and trend.
 *
 * Every line fits in `width` columns (long names end in `…`). Deterministic: the
 * same options always give the same text; the clock is never read.
 *
 * @param options - Seed, moment, size and width; all optional.
 * @returns The text, lines separated by `\n`, ending with a newline.
 * @throws {@link ValidationError} when `now` is neither an instant nor a date, or
 *   an option is out of range.
 * @example
 * ```ts
 * console.log(renderDemo({ seed: 7, now: '2026-03-02' }));
 * // referwell demo: Riverbend Therapy Group
 * // Monday 2026-03-02, 09:00 America/New_York. 40 sample offices, seed 7.
 * // …
 * ```
 * @category CLI
 */
export function renderDemo(options: DemoOptions = {}): string {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  // The practice's zone: a date given as `now` is read there.
  const timeZone = 'America/New_York';
  const now = demoMoment(options.now ?? DEMO_DEFAULTS.now, timeZone);
  const snapshot = generatePractice({
    seed,
    offices: options.offices ?? DEMO_DEFAULTS.offices,
    now: formatInstant(now),
    timeZone,
  });
  return renderPracticeDemo(snapshot, {
    now,
    seed,
    ...(options.width === undefined ? {} : { width: options.width }),
    ...(options.actionsPerPlay === undefined ? {} : { actionsPerPlay: options.actionsPerPlay }),
  });
}

/**
 * The {@link renderPracticeDemo} options.
 *
 * @category CLI
 */
export interface PracticeDemoOptions {
  /** The moment to plan for, in epoch milliseconds. */
  readonly now: number;
  /** The seed the practice was generated with, named in the header. */
  readonly seed: number;
  /** The line width; default 80 (at least 50). */
  readonly width?: number;
  /** How many actions to show per play; default 5. */
  readonly actionsPerPlay?: number;
  /** The playbook; default {@link defaultPlaybook}. */
  readonly playbook?: Playbook;
}

/**
 * Renders the demo's text for a practice already generated (and, in the
 * `referwell demo` command, written to SQLite and read back): the header,
 * today's plan grouped by play, and the best and worst sources. See
 * {@link renderDemo} for the layout.
 *
 * @param snapshot - The practice.
 * @param options - Moment, seed (for the header), width, actions per play.
 * @returns The text, ending with a newline.
 * @throws {@link ValidationError} when the snapshot cannot be planned (see `planIndex`).
 * @example
 * ```ts
 * const now = Date.parse('2026-03-02T14:00:00Z');
 * const snapshot = generatePractice({ seed: 7, offices: 40, now: '2026-03-02T14:00:00Z' });
 * renderPracticeDemo(snapshot, { now, seed: 7 }) === renderDemo(); //=> true
 * ```
 * @category CLI
 */
export function renderPracticeDemo(snapshot: PracticeSnapshot, options: PracticeDemoOptions): string {
  const { now, seed } = options;
  const playbook = options.playbook ?? defaultPlaybook;
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEMO_DEFAULTS.width));
  const perPlay = Math.max(1, Math.floor(options.actionsPerPlay ?? DEMO_DEFAULTS.actionsPerPlay));
  const timeZone = snapshot.practice.timeZone;
  const index = indexSnapshot(snapshot);
  const actions = planIndex({ index, playbook, now, plays: defaultPlays });
  const ranking = rankIndexedSources(index, playbook, now);

  const today = toCalendarDate(now, timeZone);
  const lines = [
    ...wrap(`referwell demo: ${snapshot.practice.name}`, width),
    ...wrap(
      `${DAY_NAMES[dayOfWeek(today)]} ${today} (${timeZone}). A generated sample practice: ${snapshot.offices.length} offices, ${snapshot.contacts.length} contacts, seed ${seed}.`,
      width,
    ),
    '='.repeat(width),
    '',
    ...planLines(actions, width, perPlay, today),
    '',
    ...sourceLines(ranking, playbook.sources.trendDays, width),
  ];
  return `${lines.join('\n')}\n`;
}
