import { describe, expect, it } from 'vitest';
import { at, HOUR, localTime, MINUTE } from '../../calendar/test-oracle';
import type { Action } from '../../engine/action';
import { planActions } from '../../engine/plan';
import { ValidationError } from '../../errors';
import { defaultPlaybook } from '../../playbook/playbook';
import { generatePractice } from '../../testing/generator';
import { actionDescription } from './description';
import { planToICalendar, type PlanToICalendarOptions } from './plan-to-icalendar';
import { toICalendarPriority } from './priority';
import { contentLines, instantOf, parseCalendar, unknownText } from './test-parse';

const NOW = '2026-03-02T18:00:00Z';
const NY = 'America/New_York';

function action(overrides: Partial<Action> & Pick<Action, 'id'>): Action {
  return {
    play: 'follow-up',
    kind: 'follow-up',
    officeId: 'off-1',
    contactIds: [],
    due: '2026-03-05',
    priority: 50,
    outreach: true,
    title: 'Follow up with Lakeside Family Medicine',
    explanation: {
      rule: 'follow-up/due',
      summary: 'Last contact with Lakeside Family Medicine was 95 days ago; the target is every 90 days.',
      policy: { targetDays: 90, nuisanceDays: 30, channels: ['in-person', 'phone'] },
      facts: { daysSince: 95, lastContact: '2025-11-27' },
      evidence: [{ kind: 'touchpoint', id: 'tp-9' }],
    },
    warnings: [],
    details: {},
    ...overrides,
  };
}

const offices = [
  {
    id: 'off-1',
    name: 'Lakeside Family Medicine',
    address: { line1: '12 Shore Rd, Suite 4', city: 'Burlington', region: 'VT', postalCode: '05401', country: 'US' },
  },
  { id: 'off-2', name: 'Elm Street Pediatrics' },
];

function options(overrides: Partial<PlanToICalendarOptions> = {}): PlanToICalendarOptions {
  return { practice: { name: 'Northside Counseling', timeZone: NY }, offices, now: NOW, ...overrides };
}

describe('planToICalendar: the calendar', () => {
  it('is a VCALENDAR 2.0 with PRODID, CRLF line endings and a final CRLF', () => {
    const ics = planToICalendar([action({ id: 'a1' })], options());
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//referwell//referwell//EN\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const { calendar } = parseCalendar(ics);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//referwell//referwell//EN');
    expect(unknownText(calendar, 'x-wr-calname')).toBe('Northside Counseling');
    expect(unknownText(calendar, 'name')).toBe('Northside Counseling');
  });

  it('takes a product id and a calendar name, escaped', () => {
    const ics = planToICalendar([], options({ productId: '-//Acme, Inc.//Referrals; v2//EN', calendarName: 'Dr. Lee; follow-ups' }));
    const { calendar } = parseCalendar(ics);
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Acme, Inc.//Referrals; v2//EN');
    expect(unknownText(calendar, 'x-wr-calname')).toBe('Dr. Lee; follow-ups');
    expect(unknownText(calendar, 'name')).toBe('Dr. Lee; follow-ups');
    expect(contentLines(ics)).toContain('NAME:Dr. Lee\\; follow-ups');
  });

  it('keeps an empty plan a valid calendar: the VTIMEZONE of the year of now, no VTODO', () => {
    const { calendar, todos, timezones } = parseCalendar(planToICalendar([], options()));
    expect(todos).toEqual([]);
    expect(timezones.map((zone) => zone.tzid)).toEqual([NY]);
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstSubcomponent('standard')!.getFirstPropertyValue('dtstart')!.toString()).toBe(
      '2026-01-01T00:00:00',
    );
  });

  it('keeps the order of the actions', () => {
    const ids = ['z', 'a', 'm'];
    const { todos } = parseCalendar(planToICalendar(ids.map((id) => action({ id })), options()));
    expect(todos.map((todo) => todo.uid)).toEqual(ids);
  });

  it('does not change its inputs', () => {
    const actions = [action({ id: 'a1' })];
    const opts = options();
    const before = JSON.stringify([actions, opts]);
    planToICalendar(Object.freeze(actions), Object.freeze(opts));
    expect(JSON.stringify([actions, opts])).toBe(before);
  });
});

describe('planToICalendar: every field of every VTODO', () => {
  const actions = [
    action({ id: 'follow-up:follow-up:00000000000000a1', priority: 95 }),
    action({
      id: 'thank-you:send-thank-you:00000000000000b2',
      play: 'thank-you',
      kind: 'send-thank-you',
      officeId: 'off-2',
      due: '2026-03-09',
      priority: 12,
      outreach: false,
      title: 'Send a thank-you card to Dr. Okafor, Elm Street; 2 referrals',
      explanation: {
        rule: 'thank-you/every-referral',
        summary: 'Dr. Okafor referred 2 patients\\clients on 2026-03-01, 2026-03-02.\nThank them.',
        policy: { dueWithinBusinessDays: 3, medium: 'handwritten-card' },
        facts: {},
        evidence: [
          { kind: 'referral', id: 'ref-1' },
          { kind: 'referral', id: 'ref-2' },
        ],
      },
      warnings: [{ code: 'compliance-near-cap', message: 'Spending on Dr. Okafor is at 90% of the cap.' }],
    }),
    action({ id: 'visit:no-office', officeId: 'off-unknown', due: '2027-01-15', priority: 0 }),
  ];
  const ics = planToICalendar(actions, options());
  const { todos } = parseCalendar(ics);

  it('writes one VTODO per action, with exactly the documented properties', () => {
    expect(todos).toHaveLength(3);
    expect(todos[0]!.properties).toEqual([
      'uid',
      'dtstamp',
      'due',
      'summary',
      'description',
      'priority',
      'categories',
      'status',
      'location',
      'x-referwell-action-id',
    ]);
  });

  it('UID and X-REFERWELL-ACTION-ID are the action id', () => {
    expect(todos.map((todo) => todo.uid)).toEqual(actions.map((a) => a.id));
    expect(todos.map((todo) => todo.actionId)).toEqual(actions.map((a) => a.id));
  });

  it('DTSTAMP is now, in UTC', () => {
    expect(todos.every((todo) => todo.stamp === at(NOW))).toBe(true);
    expect(contentLines(ics)).toContain('DTSTAMP:20260302T180000Z');
  });

  it('DUE is 17:00 on the due date in the practice zone, with its TZID', () => {
    expect(todos.map((todo) => [todo.dueZone, todo.dueLocal])).toEqual([
      [NY, '2026-03-05T17:00:00'],
      [NY, '2026-03-09T17:00:00'],
      [NY, '2027-01-15T17:00:00'],
    ]);
    // EST before the change on 2026-03-08, EDT after it.
    expect(todos.map((todo) => todo.dueAt)).toEqual([
      at('2026-03-05T17:00:00-05:00'),
      at('2026-03-09T17:00:00-04:00'),
      at('2027-01-15T17:00:00-05:00'),
    ]);
    expect(contentLines(ics)).toContain('DUE;TZID=America/New_York:20260305T170000');
  });

  it('SUMMARY is the title and DESCRIPTION the explanation, escapes read back exactly', () => {
    expect(todos.map((todo) => todo.summary)).toEqual(actions.map((a) => a.title));
    expect(todos.map((todo) => todo.description)).toEqual(actions.map((a) => actionDescription(a)));
    expect(todos[1]!.description).toBe(
      [
        'Dr. Okafor referred 2 patients\\clients on 2026-03-01, 2026-03-02.',
        'Thank them.',
        '',
        'Rule: thank-you/every-referral',
        'Policy:',
        '  dueWithinBusinessDays: 3',
        '  medium: handwritten-card',
        'Evidence: referral ref-1, referral ref-2',
        'Warning: Spending on Dr. Okafor is at 90% of the cap.',
        'Action: thank-you:send-thank-you:00000000000000b2',
      ].join('\n'),
    );
    expect(contentLines(ics)).toContain('SUMMARY:Send a thank-you card to Dr. Okafor\\, Elm Street\\; 2 referrals');
  });

  it('DESCRIPTION lists rule, policy values (non-strings as JSON), facts and evidence', () => {
    expect(todos[0]!.description.split('\n')).toEqual([
      'Last contact with Lakeside Family Medicine was 95 days ago; the target is every 90 days.',
      '',
      'Rule: follow-up/due',
      'Policy:',
      '  targetDays: 90',
      '  nuisanceDays: 30',
      '  channels: ["in-person","phone"]',
      'Facts:',
      '  daysSince: 95',
      '  lastContact: 2025-11-27',
      'Evidence: touchpoint tp-9',
      'Action: follow-up:follow-up:00000000000000a1',
    ]);
  });

  it('PRIORITY maps 0–100 onto 9…1', () => {
    expect(todos.map((todo) => todo.priority)).toEqual([1, 8, 9]);
  });

  it('CATEGORIES is the play, STATUS is NEEDS-ACTION', () => {
    expect(todos.map((todo) => todo.categories)).toEqual([['follow-up'], ['thank-you'], ['follow-up']]);
    expect(todos.every((todo) => todo.status === 'NEEDS-ACTION')).toBe(true);
  });

  it('LOCATION is the office name and address, only when the address is known', () => {
    expect(todos[0]!.location).toBe('Lakeside Family Medicine, 12 Shore Rd, Suite 4, Burlington, VT 05401, US');
    expect(todos[1]!.location).toBeUndefined(); // office without address
    expect(todos[2]!.location).toBeUndefined(); // office not given
    expect(todos[2]!.properties).not.toContain('location');
  });
});

describe('planToICalendar: DUE instants in several zones', () => {
  const cases: [zone: string, due: string, expected: string][] = [
    [NY, '2026-03-07', '2026-03-07T17:00:00-05:00'],
    [NY, '2026-03-08', '2026-03-08T17:00:00-04:00'], // the day clocks go forward
    [NY, '2026-11-01', '2026-11-01T17:00:00-05:00'], // the day clocks go back
    ['Australia/Sydney', '2026-04-04', '2026-04-04T17:00:00+11:00'],
    ['Australia/Sydney', '2026-04-05', '2026-04-05T17:00:00+10:00'],
    ['Australia/Sydney', '2026-10-04', '2026-10-04T17:00:00+11:00'],
    ['Asia/Tokyo', '2026-07-01', '2026-07-01T17:00:00+09:00'],
    ['UTC', '2026-07-01', '2026-07-01T17:00:00Z'],
    ['Asia/Kolkata', '2026-07-01', '2026-07-01T17:00:00+05:30'],
  ];
  it.each(cases)('%s on %s', (zone, due, expected) => {
    const ics = planToICalendar([action({ id: 'a', due })], options({ practice: { name: 'P', timeZone: zone } }));
    const [todo] = parseCalendar(ics).todos;
    expect(todo!.dueZone).toBe(zone);
    expect(todo!.dueAt).toBe(at(expected));
  });

  it('takes another time of day', () => {
    const ics = planToICalendar([action({ id: 'a', due: '2026-03-09' })], options({ dueTime: '09:30' }));
    const [todo] = parseCalendar(ics).todos;
    expect(todo!.dueLocal).toBe('2026-03-09T09:30:00');
    expect(todo!.dueAt).toBe(at('2026-03-09T09:30:00-04:00'));
  });

  it('does not depend on the process time zone (tests run in Pacific/Chatham)', () => {
    expect(process.env['TZ']).toBe('Pacific/Chatham');
  });
});

describe('planToICalendar: VTIMEZONE', () => {
  function vtimezone(zone: string, dues: string[]) {
    const ics = planToICalendar(
      dues.map((due, i) => action({ id: `a${i}`, due })),
      options({ practice: { name: 'P', timeZone: zone } }),
    );
    const parsed = parseCalendar(ics);
    const component = parsed.calendar.getFirstSubcomponent('vtimezone')!;
    const observances = component.getAllSubcomponents().map((o) => ({
      type: o.name,
      start: o.getFirstPropertyValue('dtstart')!.toString(),
      from: o.getFirstProperty('tzoffsetfrom')!.toICALString().split(':')[1],
      to: o.getFirstProperty('tzoffsetto')!.toICALString().split(':')[1],
    }));
    return { parsed, component, observances, ics };
  }

  it('America/New_York: EST from January 1, EDT from 2026-03-08 02:00, EST from 2026-11-01 02:00', () => {
    const { component, observances } = vtimezone(NY, ['2026-05-01']);
    expect(component.getFirstPropertyValue('tzid')).toBe(NY);
    expect(observances).toEqual([
      { type: 'standard', start: '2026-01-01T00:00:00', from: '-0500', to: '-0500' },
      { type: 'daylight', start: '2026-03-08T02:00:00', from: '-0500', to: '-0400' },
      { type: 'standard', start: '2026-11-01T02:00:00', from: '-0400', to: '-0500' },
    ]);
  });

  it('Australia/Sydney: daylight in January, standard from 2026-04-05 03:00, daylight from 2026-10-04 02:00', () => {
    const { observances } = vtimezone('Australia/Sydney', ['2026-05-01']);
    expect(observances).toEqual([
      { type: 'daylight', start: '2026-01-01T00:00:00', from: '+1100', to: '+1100' },
      { type: 'standard', start: '2026-04-05T03:00:00', from: '+1100', to: '+1000' },
      { type: 'daylight', start: '2026-10-04T02:00:00', from: '+1000', to: '+1100' },
    ]);
  });

  it('Asia/Tokyo and UTC: one standard observance, no DST', () => {
    expect(vtimezone('Asia/Tokyo', ['2026-05-01']).observances).toEqual([
      { type: 'standard', start: '2026-01-01T00:00:00', from: '+0900', to: '+0900' },
    ]);
    expect(vtimezone('UTC', ['2026-05-01']).observances).toEqual([
      { type: 'standard', start: '2026-01-01T00:00:00', from: '+0000', to: '+0000' },
    ]);
  });

  it('covers every year the actions span', () => {
    const { observances } = vtimezone(NY, ['2027-06-01', '2026-02-01']);
    expect(observances.map((o) => o.start)).toEqual([
      '2026-01-01T00:00:00',
      '2026-03-08T02:00:00',
      '2026-11-01T02:00:00',
      '2027-03-14T02:00:00',
      '2027-11-07T02:00:00',
    ]);
  });

  it('makes ical.js read every local time as the instant the zone gives it (weekly, and around each change)', () => {
    for (const zone of [NY, 'Australia/Sydney', 'Asia/Tokyo', 'UTC', 'Europe/London']) {
      const { parsed } = vtimezone(zone, ['2026-01-10', '2027-12-20']);
      const [parsedZone] = parsed.timezones;
      const samples: number[] = [];
      for (let t = at('2026-01-02T00:00:00Z'); t < at('2027-12-30T00:00:00Z'); t += 7 * 24 * HOUR + 13 * MINUTE) samples.push(t);
      const changes = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z', '2026-03-29T01:00:00Z', '2027-10-31T01:00:00Z'];
      for (const change of changes) {
        for (let delta = -3 * HOUR; delta <= 3 * HOUR; delta += 15 * MINUTE) samples.push(at(change) + delta);
      }
      for (const t of samples) {
        const oracle = localTime(t, zone);
        const local = `${oracle.date}T${oracle.time}`;
        const read = instantOf(parsedZone!, local);
        // The instant ical.js reads shows the same local time (in the repeated hour
        // after clocks go back, either of its two instants does).
        const shown = localTime(read, zone);
        expect(`${shown.date}T${shown.time}`, `${zone} ${local} (${new Date(t).toISOString()})`).toBe(local);
        const repeated = localTime(t - HOUR, zone).offsetMinutes !== oracle.offsetMinutes || localTime(t + HOUR, zone).offsetMinutes !== oracle.offsetMinutes;
        if (!repeated) expect(read, `${zone} ${local}`).toBe(t);
      }
    }
  });
});

describe('planToICalendar: folding and escaping', () => {
  const long =
    'Vérifier les cartes 📇 chez 東京クリニック — ' +
    'naïve café, ünïcödé: 👩🏽‍⚕️🧑🏻‍🤝‍🧑🏿 '.repeat(12) +
    'a\\b;c,d\ne';

  it('folds every physical line at 75 octets, never inside a UTF-8 character', () => {
    const ics = planToICalendar(
      [action({ id: 'a', title: long, explanation: { ...action({ id: 'x' }).explanation, summary: long } })],
      options(),
    );
    const physical = ics.split('\r\n').slice(0, -1);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const line of physical) {
      const bytes = new TextEncoder().encode(line);
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(decoder.decode(bytes)).toBe(line); // each line is whole UTF-8 on its own
    }
    expect(physical.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(10);
    const [todo] = parseCalendar(ics).todos;
    expect(todo!.summary).toBe(long);
    expect(todo!.description.startsWith(long)).toBe(true);
  });

  it('fills lines up to 75 octets (continuations: the space plus 74)', () => {
    const ics = planToICalendar([action({ id: 'a', title: 'x'.repeat(200) })], options());
    const summary = ics.split('\r\n').filter((line, i, all) => line.startsWith('SUMMARY') || (line.startsWith(' ') && all[i - 1]!.startsWith('SUMMARY')));
    const lines = ics.split('\r\n');
    const start = lines.findIndex((line) => line.startsWith('SUMMARY:'));
    expect(lines[start]).toHaveLength(75);
    expect(lines[start + 1]).toHaveLength(75);
    expect(lines[start + 2]).toBe(` ${'x'.repeat(200 - 67 - 74)}`);
    expect(summary[0]).toBe(`SUMMARY:${'x'.repeat(67)}`);
  });

  it('escapes backslash, semicolon, comma and newline, and reads them back', () => {
    const title = 'C:\\forms; cards, brochures\nand pens';
    const ics = planToICalendar([action({ id: 'a', title })], options());
    expect(contentLines(ics)).toContain('SUMMARY:C:\\\\forms\\; cards\\, brochures\\nand pens');
    expect(parseCalendar(ics).todos[0]!.summary).toBe(title);
  });

  it('writes what TEXT cannot hold as documented: CR/CRLF → line break, other controls dropped', () => {
    const ics = planToICalendar([action({ id: 'a', title: 'a\r\nb\rc\u0000d\u0007e\tf' })], options());
    expect(parseCalendar(ics).todos[0]!.summary).toBe('a\nb\ncde\tf');
  });

  it('escapes a play id with a comma as one category', () => {
    const ics = planToICalendar([action({ id: 'a', play: 'host,play' })], options());
    expect(parseCalendar(ics).todos[0]!.categories).toEqual(['host,play']);
  });
});

describe('planToICalendar: UID namespace', () => {
  it('prefixes the UID and keeps the action id in X-REFERWELL-ACTION-ID', () => {
    const ics = planToICalendar([action({ id: 'follow-up:follow-up:abc' })], options({ uidNamespace: 'tenant-7' }));
    const [todo] = parseCalendar(ics).todos;
    expect(todo!.uid).toBe('tenant-7/follow-up:follow-up:abc');
    expect(todo!.actionId).toBe('follow-up:follow-up:abc');
  });
});

describe('planToICalendar: bad input', () => {
  function issues(run: () => unknown) {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return [...new Set((error as ValidationError).issues.map((issue) => issue.pointer))];
    }
    throw new Error('did not throw');
  }

  it('names the action and field', () => {
    expect(issues(() => planToICalendar([action({ id: 'a' }), action({ id: 'b', due: '2026-02-30' })], options()))).toEqual([
      '/actions/1/due',
    ]);
    expect(issues(() => planToICalendar([action({ id: 'a', priority: 101 })], options()))).toEqual(['/actions/0/priority']);
    expect(issues(() => planToICalendar([action({ id: '' })], options()))).toEqual(['/actions/0/id']);
  });

  it('refuses two actions with one id', () => {
    expect(issues(() => planToICalendar([action({ id: 'a' }), action({ id: 'a' })], options()))).toEqual(['/actions/1/id']);
  });

  it('names a bad option', () => {
    expect(issues(() => planToICalendar([], options({ practice: { name: 'P', timeZone: 'Mars/Base' } })))).toEqual([
      '/options/practice/timeZone',
    ]);
    expect(issues(() => planToICalendar([], options({ now: '2026-03-02' })))).toEqual(['/options/now']);
    expect(issues(() => planToICalendar([], options({ dueTime: '25:00' })))).toEqual(['/options/dueTime']);
    expect(issues(() => planToICalendar(null as never, options()))).toEqual(['/actions']);
  });

  it('refuses due dates more than 200 years apart', () => {
    expect(issues(() => planToICalendar([action({ id: 'a', due: '1800-01-01' }), action({ id: 'b' })], options()))).toEqual([
      '/actions',
    ]);
  });
});

describe('planToICalendar: a real plan', () => {
  it('writes every planned action of a generated practice, field by field', () => {
    const now = '2026-03-02T14:00:00Z';
    const snapshot = generatePractice({ seed: 11, offices: 30, now, timeZone: 'America/Chicago' });
    const actions = planActions({ snapshot, playbook: defaultPlaybook, now });
    expect(actions.length).toBeGreaterThan(5);
    const ics = planToICalendar(actions, { practice: snapshot.practice, offices: snapshot.offices, now });
    const { todos } = parseCalendar(ics);
    expect(todos).toHaveLength(actions.length);
    todos.forEach((todo, i) => {
      const planned = actions[i]!;
      expect(todo.uid).toBe(planned.id);
      expect(todo.summary).toBe(planned.title);
      expect(todo.description).toBe(actionDescription(planned));
      expect(todo.priority).toBe(toICalendarPriority(planned.priority));
      expect(todo.categories).toEqual([planned.play]);
      expect(todo.dueLocal).toBe(`${planned.due}T17:00:00`);
      const expectedOffset = localTime(todo.dueAt, 'America/Chicago');
      expect(`${expectedOffset.date}T${expectedOffset.time}`).toBe(todo.dueLocal);
      const office = snapshot.offices.find((o) => o.id === planned.officeId);
      if (office?.address !== undefined) expect(todo.location?.startsWith(`${office.name}, `)).toBe(true);
    });
  });
});

describe('toICalendarPriority', () => {
  it('maps the bands of the documented table', () => {
    const bands: [number, number][] = [
      [100, 1], [89, 1], [88, 2], [78, 2], [77, 3], [67, 3], [66, 4], [56, 4],
      [55, 5], [50, 5], [45, 5], [44, 6], [34, 6], [33, 7], [23, 7], [22, 8], [12, 8], [11, 9], [0, 9],
    ];
    for (const [p, expected] of bands) expect(toICalendarPriority(p), `priority ${p}`).toBe(expected);
  });

  it('is monotonic and always 1–9', () => {
    let previous = 9;
    for (let p = 0; p <= 100; p += 0.25) {
      const value = toICalendarPriority(p);
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThanOrEqual(previous);
      previous = value;
    }
    expect(toICalendarPriority(-5)).toBe(9);
    expect(toICalendarPriority(500)).toBe(1);
    expect(toICalendarPriority(Number.NaN)).toBe(9);
  });
});
