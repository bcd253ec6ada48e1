import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../engine/action';
import { calendarText } from './content-line';
import { actionDescription } from './description';
import { planToICalendar } from './plan-to-icalendar';
import { parseCalendar, unknownText } from './test-parse';

const RUNS = Number(process.env['REFERWELL_FUZZ_RUNS'] ?? 200);
/** Room for the dedicated long run (REFERWELL_FUZZ_RUNS=10000). */
const TIMEOUT = Math.max(10_000, RUNS * 10);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** One character iCalendar TEXT can hold as it is: anything but controls (TAB and LF allowed). */
const holdable = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !CONTROL.test(c)) },
  { weight: 2, arbitrary: fc.constantFrom('\\', ';', ',', ':', '"', "'", ' ', '\t', '\n', '\\n', '\\;', 'é', '東', '👩🏽‍⚕️', '\u0301') },
);
/** Text a calendar can carry exactly. */
const exactText = fc.array(holdable, { maxLength: 120 }).map((chars) => chars.join(''));
/** Any JavaScript string: controls, CR, lone surrogates included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 60 }),
  exactText,
);
/** An action id the model accepts: no controls, no lone surrogate, not empty. */
const actionId = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 60 })
  .filter((id) => !/[\u0000-\u001f\u007f]/.test(id) && calendarText(id) === id);

function actions(text: fc.Arbitrary<string>): fc.Arbitrary<Action[]> {
  const one = fc.record({
    id: actionId,
    play: text.filter((play) => play.length > 0),
    title: text,
    summary: text,
    rule: text,
    policy: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.array(text, { maxLength: 3 })), { maxKeys: 3 }),
    facts: fc.dictionary(text, fc.oneof(text, fc.double({ noNaN: true }), fc.boolean(), fc.constant(null)), { maxKeys: 3 }),
    evidence: fc.array(fc.record({ kind: fc.constantFrom('referral' as const, 'touchpoint' as const), id: text }), { maxLength: 3 }),
    warnings: fc.array(text, { maxLength: 2 }),
    priority: fc.double({ min: 0, max: 100, noNaN: true }),
    due: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
  });
  return fc.uniqueArray(one, { maxLength: 4, selector: (a) => a.id }).map((list) =>
    list.map(
      (a): Action => ({
        id: a.id,
        play: a.play,
        kind: 'k',
        officeId: 'off-1',
        contactIds: [],
        due: a.due.toISOString().slice(0, 10),
        priority: a.priority,
        outreach: true,
        title: a.title,
        explanation: { rule: a.rule, summary: a.summary, policy: a.policy, facts: a.facts, evidence: a.evidence },
        warnings: a.warnings.map((message) => ({ code: 'message-too-long' as const, message })),
        details: {},
      }),
    ),
  );
}

const zones = fc.constantFrom('America/New_York', 'Australia/Sydney', 'Asia/Tokyo', 'UTC', 'Europe/London');

describe('planToICalendar (property)', () => {
  it('text a calendar can hold round-trips through ical.js exactly', () => {
    fc.assert(
      fc.property(actions(exactText), exactText, exactText, zones, (list, name, street, timeZone) => {
        const ics = planToICalendar(list, {
          practice: { name, timeZone },
          offices: [{ id: 'off-1', name: 'Office', address: { line1: street } }],
          now: '2026-03-02T18:00:00Z',
        });
        const { calendar, todos } = parseCalendar(ics);
        expect(unknownText(calendar, 'x-wr-calname')).toBe(name);
        expect(todos).toHaveLength(list.length);
        todos.forEach((todo, i) => {
          const a = list[i]!;
          expect(todo.uid).toBe(a.id);
          expect(todo.actionId).toBe(a.id);
          expect(todo.summary).toBe(a.title);
          expect(todo.description).toBe(actionDescription(a));
          expect(todo.categories).toEqual([a.play]);
          expect(todo.location).toBe(street.trim() === '' ? undefined : `Office, ${street}`);
          expect(todo.dueLocal).toBe(`${a.due}T17:00:00`);
        });
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('any string is written as its documented calendar form, in lines of at most 75 octets of whole UTF-8', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(actions(anyText), zones, (list, timeZone) => {
        const ics = planToICalendar(list, { practice: { name: 'P', timeZone }, now: '2026-03-02T18:00:00Z' });
        for (const line of ics.split('\r\n').slice(0, -1)) {
          const bytes = encoder.encode(line);
          expect(bytes.length).toBeLessThanOrEqual(75);
          expect(decoder.decode(bytes)).toBe(line);
          expect(line).not.toMatch(/[\r\n]/);
        }
        const { todos } = parseCalendar(ics);
        todos.forEach((todo, i) => {
          const a = list[i]!;
          expect(todo.summary).toBe(calendarText(a.title));
          expect(todo.description).toBe(calendarText(actionDescription(a)));
          expect(todo.categories).toEqual([calendarText(a.play)]);
        });
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
