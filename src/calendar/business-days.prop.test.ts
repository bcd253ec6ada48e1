import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessCalendar,
  businessDaysBetween,
  isBusinessDay,
  nextBusinessDayOnOrAfter,
  type BusinessCalendar,
} from './business-days';
import { addDays, calendarDaysBetween, dayOfWeek } from './dates';

const DAY = 86_400_000;

/** Dates 2024–2028, where the generated holidays fall. */
const date = fc
  .integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2028, 11, 31) / DAY })
  .map((day) => new Date(day * DAY).toISOString().slice(0, 10));

/** Calendars with any weekend that leaves a business day, and up to 60 holidays. */
const calendar: fc.Arbitrary<BusinessCalendar> = fc
  .tuple(fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 6 }), fc.uniqueArray(date, { maxLength: 60 }))
  .map(([weekend, holidays]) => businessCalendar({ weekend, holidays }));

/** Counts business days in (from, to] by looking at every day: the slow, obvious way. */
function countByWalking(from: string, to: string, cal: BusinessCalendar): number {
  let count = 0;
  for (let day = addDays(from, 1); calendarDaysBetween(day, to) >= 0; day = addDays(day, 1)) {
    if (!cal.weekend.includes(dayOfWeek(day)) && !cal.holidays.includes(day)) count += 1;
  }
  return count;
}

describe('business-day properties', () => {
  it('addBusinessDays always lands on a business day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 400 }), calendar, (start, n, cal) => {
        expect(isBusinessDay(addBusinessDays(start, n, cal), cal)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('businessDaysBetween(d, addBusinessDays(d, n)) is n for n ≥ 1', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), calendar, (start, n, cal) => {
        expect(businessDaysBetween(start, addBusinessDays(start, n, cal), cal)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('addBusinessDays gives the earliest such day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), calendar, (start, n, cal) => {
        const reached = addBusinessDays(start, n, cal);
        expect(businessDaysBetween(start, addDays(reached, -1), cal)).toBe(n - 1);
      }),
      { numRuns: 500 },
    );
  });

  it('addBusinessDays with n = 0 is nextBusinessDayOnOrAfter', () => {
    fc.assert(
      fc.property(date, calendar, (start, cal) => {
        expect(addBusinessDays(start, 0, cal)).toBe(nextBusinessDayOnOrAfter(start, cal));
      }),
    );
  });

  it('nextBusinessDayOnOrAfter skips only days that are not business days', () => {
    fc.assert(
      fc.property(date, calendar, (start, cal) => {
        const next = nextBusinessDayOnOrAfter(start, cal);
        expect(isBusinessDay(next, cal)).toBe(true);
        for (let day = start; day !== next; day = addDays(day, 1)) {
          expect(isBusinessDay(day, cal)).toBe(false);
        }
      }),
    );
  });

  it('businessDaysBetween agrees with walking the days one by one', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -30, max: 500 }), calendar, (from, span, cal) => {
        const to = addDays(from, span);
        expect(businessDaysBetween(from, to, cal)).toBe(countByWalking(from, to, cal));
      }),
      { numRuns: 500 },
    );
  });

  it('businessDaysBetween adds up over consecutive spans', () => {
    fc.assert(
      fc.property(date, fc.nat(400), fc.nat(400), calendar, (a, first, second, cal) => {
        const b = addDays(a, first);
        const c = addDays(b, second);
        expect(businessDaysBetween(a, b, cal) + businessDaysBetween(b, c, cal)).toBe(businessDaysBetween(a, c, cal));
      }),
    );
  });

  it('businessDaysBetween is never more than the calendar days', () => {
    fc.assert(
      fc.property(date, date, calendar, (from, to, cal) => {
        const count = businessDaysBetween(from, to, cal);
        expect(count).toBeGreaterThanOrEqual(0);
        expect(count).toBeLessThanOrEqual(Math.max(0, calendarDaysBetween(from, to)));
      }),
    );
  });
});
