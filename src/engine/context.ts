import { businessCalendar, type BusinessCalendar } from '../calendar/business-days';
import { toCalendarDate } from '../calendar/dates';
import { toEpochMs } from '../calendar/instant';
import type { PracticeContext } from '../model/history';
import type { Practice } from '../model/practice';
import type { Instant } from '../model/primitives';
import type { Playbook } from '../playbook/playbook';
import type { Play, PlayContext } from '../plays/play';

/**
 * A moment, as the engine accepts it: epoch milliseconds, an ISO-8601 UTC string,
 * or a `Date`.
 *
 * @category Engine
 */
export type Moment = number | Instant | Date;

/**
 * Reads a {@link Moment} as epoch milliseconds.
 *
 * @internal
 */
export function toMillis(moment: Moment): number {
  return toEpochMs(moment instanceof Date ? moment.getTime() : moment);
}

const calendars = new WeakMap<Practice, BusinessCalendar>();

/** The practice's business calendar, compiled once per practice object. @internal */
export function practiceCalendar(practice: Practice): BusinessCalendar {
  let calendar = calendars.get(practice);
  if (calendar === undefined) {
    calendar = businessCalendar({ holidays: practice.holidays });
    calendars.set(practice, calendar);
  }
  return calendar;
}

/**
 * The policy a play runs with: its slice of the playbook, or its own defaults
 * when the playbook has none (a host's extra play).
 *
 * @internal
 */
export function policyFor(play: Play, playbook: Playbook): unknown {
  const plays = playbook.plays as Readonly<Record<string, unknown>>;
  return Object.hasOwn(plays, play.id) ? plays[play.id] : play.policy.defaults;
}

/**
 * Whether a play is switched on (a policy without `enabled` counts as on).
 *
 * @internal
 */
export function isEnabled(policy: unknown): boolean {
  return !(typeof policy === 'object' && policy !== null && (policy as { enabled?: unknown }).enabled === false);
}

/** The shared part of every play's context at one moment. @internal */
export interface Moment0 {
  readonly now: number;
  readonly today: string;
  readonly timeZone: string;
  readonly calendar: BusinessCalendar;
  readonly practice: PracticeContext;
}

/** Builds the moment shared by every play. @internal */
export function momentFor(practice: PracticeContext, now: number): Moment0 {
  const timeZone = practice.practice.timeZone;
  return {
    now,
    today: toCalendarDate(now, timeZone),
    timeZone,
    calendar: practiceCalendar(practice.practice),
    practice,
  };
}

/** A play's context at a moment. @internal */
export function playContext(play: Play, playbook: Playbook, moment: Moment0): PlayContext<never> {
  // Every field named, not spread: an object literal's shape is fixed once, so code
  // optimised for one call's contexts still fits the next call's (a spread copy's
  // shape is made afresh and dropped with the call's objects).
  return {
    now: moment.now,
    today: moment.today,
    timeZone: moment.timeZone,
    calendar: moment.calendar,
    practice: moment.practice,
    policy: policyFor(play, playbook) as never,
  };
}
