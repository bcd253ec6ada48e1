/**
 * Test support only; never imported by library code.
 *
 * Reads referwell's iCalendar output back with ical.js, an independent RFC 5545
 * parser, the way a calendar client does: the VTIMEZONEs are registered first,
 * then each VTODO's properties are read.
 *
 * @module
 * @internal
 */
import ICAL from 'ical.js';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Timezone = InstanceType<typeof ICAL.Timezone>;

/** One VTODO as ical.js reads it. */
export interface ParsedTodo {
  readonly uid: string;
  readonly actionId: string;
  /** DTSTAMP as epoch milliseconds. */
  readonly stamp: number;
  /** The TZID parameter of DUE. */
  readonly dueZone: string | undefined;
  /** DUE as the local time written, `YYYY-MM-DDTHH:mm:ss`. */
  readonly dueLocal: string;
  /** DUE as an instant (epoch milliseconds), resolved through the calendar's VTIMEZONE. */
  readonly dueAt: number;
  readonly summary: string;
  readonly description: string;
  readonly priority: number;
  readonly categories: readonly string[];
  readonly status: string;
  readonly location: string | undefined;
  /** The names of every property, in order. */
  readonly properties: readonly string[];
}

/** A calendar as ical.js reads it. */
export interface ParsedCalendar {
  readonly calendar: Component;
  readonly timezones: readonly Timezone[];
  readonly todos: readonly ParsedTodo[];
}

function text(component: Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  if (typeof value !== 'string') throw new Error(`${name} is not text: ${String(value)}`);
  return value;
}

/**
 * A property ical.js does not know (`NAME` of RFC 7986, `X-…`), read as TEXT, the
 * default type of such properties (RFC 5545 §3.8.8): ical.js leaves them escaped.
 */
export function unknownText(component: Component, name: string): string {
  return text(component, name).replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/**
 * Parses iCalendar text with ical.js and reads every VTODO. The VTIMEZONEs are
 * registered with ical.js's TimezoneService (reset first, so each call sees only
 * its own zones).
 */
export function parseCalendar(ics: string): ParsedCalendar {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const timezones = calendar.getAllSubcomponents('vtimezone').map((component) => {
    const zone = new ICAL.Timezone(component);
    ICAL.TimezoneService.register(zone);
    return zone;
  });
  const todos = calendar.getAllSubcomponents('vtodo').map((todo): ParsedTodo => {
    const dueProperty = todo.getFirstProperty('due');
    const due = dueProperty?.getFirstValue() as Time | undefined;
    if (!dueProperty || !due) throw new Error('no DUE');
    const stamp = todo.getFirstPropertyValue('dtstamp') as Time;
    const location = todo.getFirstPropertyValue('location');
    const dueZone = dueProperty.getParameter('tzid');
    return {
      uid: text(todo, 'uid'),
      actionId: unknownText(todo, 'x-referwell-action-id'),
      stamp: stamp.toUnixTime() * 1000,
      dueZone: typeof dueZone === 'string' ? dueZone : undefined,
      dueLocal: due.toString(),
      dueAt: due.toUnixTime() * 1000,
      summary: text(todo, 'summary'),
      description: text(todo, 'description'),
      priority: Number(todo.getFirstPropertyValue('priority')),
      categories: todo.getFirstProperty('categories')?.getValues().map(String) ?? [],
      status: text(todo, 'status'),
      location: typeof location === 'string' ? location : undefined,
      properties: todo.getAllProperties().map((property) => property.name),
    };
  });
  return { calendar, timezones, todos };
}

/**
 * The instant ical.js gives a local date-time (`YYYY-MM-DDTHH:mm:ss`) in a parsed
 * VTIMEZONE: how a client reads `DUE;TZID=…:…`. (ical.js's opposite direction,
 * UTC → zone, is unreliable in the hour around a change even with the usual
 * RRULE-based VTIMEZONEs, so tests go this way.)
 */
export function instantOf(zone: Timezone, local: string): number {
  const time = ICAL.Time.fromDateTimeString(local);
  time.zone = zone;
  return time.toUnixTime() * 1000;
}

/** Unfolds iCalendar text (RFC 5545 §3.1) into logical content lines. */
export function contentLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}
