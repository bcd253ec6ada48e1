import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateSchema } from '../model/primitives';
import { isCalendarDate } from './calendar-date';
import {
  addDays,
  addDaysInZone,
  addMonths,
  addMonthsInZone,
  calendarDaysBetween,
  compareCalendarDates,
  dayOfWeek,
  localDayNumbers,
  startOfDayInZone,
  toCalendarDate,
  wholeDaysBetween,
} from './dates';
import { HOUR, MINUTE, localTime } from './test-oracle';
import { addDays as addDaysFns, compareAsc, differenceInCalendarDays, getDay } from 'date-fns';
import { utc } from './utc-date';

const DAY = 24 * HOUR;

/** Calendar dates across the whole supported range. */
const anyDate = fc
  .integer({ min: Date.parse('0000-01-01') / DAY, max: Date.parse('9999-12-31') / DAY })
  .map((day) => new Date(day * DAY).toISOString().slice(0, 10));

/** Calendar dates where time-zone rules are well known (1900–2100). */
const modernDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / DAY, max: Date.UTC(2100, 11, 31) / DAY })
  .map((day) => new Date(day * DAY).toISOString().slice(0, 10));

/** Instants 1990–2040, plus instants within two days of a 2026 DST change. */
const transitions2026 = [
  '2026-03-08T07:00:00Z', // New York springs forward
  '2026-11-01T06:00:00Z', // New York falls back
  '2026-04-04T16:00:00Z', // Sydney falls back
  '2026-10-03T16:00:00Z', // Sydney springs forward
  '2026-10-03T15:30:00Z', // Lord Howe springs forward (30 min)
  '2026-04-04T15:00:00Z', // Lord Howe falls back (30 min)
  '2026-09-06T04:00:00Z', // Santiago springs forward at midnight
  '2026-04-05T03:00:00Z', // Santiago falls back
  '2026-09-26T14:00:00Z', // Chatham springs forward
  '2026-04-04T14:00:00Z', // Chatham falls back
  '2026-03-08T05:00:00Z', // Havana springs forward at midnight
  '2026-11-01T05:00:00Z', // Havana falls back to midnight
].map((iso) => Date.parse(iso));
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
  fc
    .tuple(fc.constantFrom(...transitions2026), fc.integer({ min: -2 * DAY, max: 2 * DAY }))
    .map(([transition, offset]) => transition + offset - (offset % MINUTE)),
);

const ZONES = [
  'America/New_York',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Pacific/Chatham',
  'America/St_Johns',
  'Europe/London',
  'Asia/Kolkata',
  'Pacific/Kiritimati',
  'UTC',
] as const;
const zone = fc.constantFrom(...ZONES);
const nyOrSydney = fc.constantFrom('America/New_York', 'Australia/Sydney');

function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Checks that `result` is how `addDaysInZone`/`addMonthsInZone` should land on
 * `expectedDate` from `start`: same wall-clock time when it exists (the earliest
 * such instant when it exists twice), otherwise just past the gap.
 */
function expectSameWallClock(start: number, result: number, expectedDate: string, timeZone: string): void {
  const before = localTime(start, timeZone);
  const after = localTime(result, timeZone);
  expect(after.date).toBe(expectedDate);
  if (after.time === before.time) {
    // The earliest instant showing this wall clock: none in the two hours before.
    for (let back = 15 * MINUTE; back <= 2 * HOUR; back += 15 * MINUTE) {
      const earlier = localTime(result - back, timeZone);
      expect(`${earlier.date} ${earlier.time}`).not.toBe(`${after.date} ${after.time}`);
    }
  } else {
    // Skipped: moved forward by exactly the jump the clocks just made.
    const jump = after.offsetMinutes - localTime(result - 3 * HOUR, timeZone).offsetMinutes;
    expect(jump).toBeGreaterThan(0);
    expect(minutesOfDay(after.time)).toBe(minutesOfDay(before.time) + jump);
    expect(after.time.slice(5)).toBe(before.time.slice(5));
  }
}

describe('calendar date properties', () => {
  it('never returns -0 from calendarDaysBetween or wholeDaysBetween', () => {
    fc.assert(
      fc.property(instant, instant, zone, (from, to, timeZone) => {
        expect(Object.is(wholeDaysBetween(from, to, timeZone), -0)).toBe(false);
        expect(Object.is(calendarDaysBetween(toCalendarDate(from, 'UTC'), toCalendarDate(to, 'UTC')), -0)).toBe(false);
      }),
    );
  });

  it('addDays then calendarDaysBetween gives back n', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -100_000, max: 100_000 }), (date, n) => {
        expect(calendarDaysBetween(date, addDays(date, n))).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('addDays agrees with counting UTC days of 24 hours', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -100_000, max: 100_000 }), (date, n) => {
        const expected = new Date(Date.parse(date) + n * DAY).toISOString().slice(0, 10);
        expect(addDays(date, n)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('addDays by -n undoes addDays by n', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -10_000, max: 10_000 }), (date, n) => {
        expect(addDays(addDays(date, n), -n)).toBe(date);
      }),
    );
  });

  it('works across the whole supported range of years', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(calendarDaysBetween('0000-01-01', date)).toBe((Date.parse(date) - Date.parse('0000-01-01')) / DAY);
        expect(dayOfWeek(date)).toBe(new Date(Date.parse(date)).getUTCDay());
      }),
    );
  });

  it('addMonths keeps the day of the month, or clamps it to the month’s last day', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -1200, max: 1200 }), (date, n) => {
        const result = addMonths(date, n);
        const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
        const target = new Date(Date.UTC(2000, 0, 1));
        target.setUTCFullYear(year, month - 1 + n, 1);
        const lastDay = new Date(Date.UTC(2000, 0, 1));
        lastDay.setUTCFullYear(target.getUTCFullYear(), target.getUTCMonth() + 1, 0);
        const expectedDay = Math.min(day, lastDay.getUTCDate());
        expect(result).toBe(`${target.toISOString().slice(0, 8)}${String(expectedDay).padStart(2, '0')}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('dayOfWeek repeats every 7 days', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -1000, max: 1000 }), (date, weeks) => {
        expect(dayOfWeek(addDays(date, weeks * 7))).toBe(dayOfWeek(date));
      }),
    );
  });

  it('compareCalendarDates agrees with calendarDaysBetween and with comparing the text', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        const compared = compareCalendarDates(a, b);
        expect(compared).toBe(Math.sign(calendarDaysBetween(b, a)));
        expect(compared).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it('accepts exactly the dates calendarDateSchema accepts', () => {
    const dateLike = fc
      .tuple(
        fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2100)),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(dateLike, (value) => {
        expect(isCalendarDate(value)).toBe(calendarDateSchema.safeParse(value).success);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('time-zone properties', () => {
  it('toCalendarDate agrees with Intl', () => {
    fc.assert(
      fc.property(instant, zone, (at, timeZone) => {
        expect(toCalendarDate(at, timeZone)).toBe(localTime(at, timeZone).date);
      }),
      { numRuns: 2000 },
    );
  });

  it('toCalendarDate(startOfDayInZone(d, z), z) is d in New York and Sydney', () => {
    fc.assert(
      fc.property(modernDate, nyOrSydney, (date, timeZone) => {
        expect(toCalendarDate(startOfDayInZone(date, timeZone), timeZone)).toBe(date);
      }),
      { numRuns: 1000 },
    );
  });

  it('startOfDayInZone is the first instant of the day', () => {
    fc.assert(
      fc.property(modernDate, zone, (date, timeZone) => {
        const start = startOfDayInZone(date, timeZone);
        expect(toCalendarDate(start, timeZone)).toBe(date);
        expect(toCalendarDate(start - 1, timeZone)).toBe(addDays(date, -1));
      }),
      { numRuns: 1000 },
    );
  });

  it('startOfDayInZone finds the first instant on DST-change days', () => {
    const changeDays = fc.tuple(
      fc.constantFrom(...transitions2026),
      fc.integer({ min: -1, max: 1 }),
      zone,
    );
    fc.assert(
      fc.property(changeDays, ([transition, dayOffset, timeZone]) => {
        const date = addDays(toCalendarDate(transition, timeZone), dayOffset);
        const start = startOfDayInZone(date, timeZone);
        expect(localTime(start, timeZone).date).toBe(date);
        expect(localTime(start - 1, timeZone).date).toBe(addDays(date, -1));
      }),
    );
  });

  it('wholeDaysBetween is antisymmetric', () => {
    fc.assert(
      fc.property(instant, instant, zone, (from, to, timeZone) => {
        expect(wholeDaysBetween(from, to, timeZone) + wholeDaysBetween(to, from, timeZone)).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('wholeDaysBetween counts days between the local dates', () => {
    fc.assert(
      fc.property(instant, instant, zone, (from, to, timeZone) => {
        expect(wholeDaysBetween(from, to, timeZone)).toBe(
          calendarDaysBetween(localTime(from, timeZone).date, localTime(to, timeZone).date),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('addDaysInZone keeps the wall-clock time and moves the local date by n', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -400, max: 400 }), zone, (at, n, timeZone) => {
        const result = addDaysInZone(at, n, timeZone);
        // n = 0 returns the instant itself, even the later of two equal wall clocks.
        if (n === 0) expect(result).toBe(at);
        else expectSameWallClock(at, result, addDays(localTime(at, timeZone).date, n), timeZone);
      }),
      { numRuns: 2000 },
    );
  });

  it('addMonthsInZone keeps the wall-clock time and moves the local date by n months', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -24, max: 24 }), zone, (at, n, timeZone) => {
        const result = addMonthsInZone(at, n, timeZone);
        // n = 0 returns the instant itself, even the later of two equal wall clocks.
        if (n === 0) expect(result).toBe(at);
        else expectSameWallClock(at, result, addMonths(localTime(at, timeZone).date, n), timeZone);
      }),
      { numRuns: 2000 },
    );
  });

  it('addDaysInZone is exactly n × 24 hours in a zone without DST', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.constantFrom('UTC', 'Asia/Kolkata'),
        (at, n, timeZone) => {
          expect(addDaysInZone(at, n, timeZone) - at).toBe(n * DAY);
        },
      ),
    );
  });
});

describe('day counting agrees with date-fns', () => {
  it('wholeDaysBetween in UTC equals differenceInCalendarDays in UTC', () => {
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(wholeDaysBetween(a, b, 'UTC')).toBe(differenceInCalendarDays(b, a, { in: utc }) || 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('addDays equals date-fns addDays in UTC, and ranges are checked the same way', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -4_000_000, max: 4_000_000 }), (date, n) => {
        const expected = addDaysFns(Date.parse(date), n, { in: utc }).getTime();
        const inRange = expected >= Date.parse('0000-01-01') && expected <= Date.parse('9999-12-31');
        if (inRange) expect(addDays(date, n)).toBe(new Date(expected).toISOString().slice(0, 10));
        else expect(() => addDays(date, n)).toThrow(/outside years 0000–9999/);
      }),
      { numRuns: 2000 },
    );
    expect(() => addDays('2026-03-08', 2 ** 52)).toThrow(/outside years 0000–9999/);
  });

  it('dayOfWeek equals date-fns getDay in UTC', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(dayOfWeek(date)).toBe(getDay(Date.parse(date), { in: utc }));
      }),
      { numRuns: 2000 },
    );
  });

  it('compareCalendarDates equals date-fns compareAsc on the UTC midnights', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(compareCalendarDates(a, b)).toBe(compareAsc(Date.parse(a), Date.parse(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('localDayNumbers differences are wholeDaysBetween, in every zone', () => {
    fc.assert(
      fc.property(instant, instant, zone, (a, b, timeZone) => {
        const dayOf = localDayNumbers(timeZone);
        expect(dayOf(b) - dayOf(a)).toBe(wholeDaysBetween(a, b, timeZone));
      }),
      { numRuns: 2000 },
    );
    expect(() => localDayNumbers('Mars/Olympus')).toThrow(/IANA time zone/);
    expect(() => localDayNumbers('UTC')(Number.NaN)).toThrow(/whole number/);
  });
});
