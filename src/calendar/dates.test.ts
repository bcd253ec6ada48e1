import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import {
  addDays,
  addDaysInZone,
  addMonths,
  addMonthsInZone,
  calendarDaysBetween,
  compareCalendarDates,
  dayOfWeek,
  startOfDayInZone,
  toCalendarDate,
  wholeDaysBetween,
} from './dates';
import { formatInstant, parseInstant } from './instant';
import { HOUR, MINUTE, at, localTime } from './test-oracle';

const NY = 'America/New_York';
const SYDNEY = 'Australia/Sydney';

// 2026 transitions used throughout:
// New York springs forward 2026-03-08 02:00 EST → 03:00 EDT (07:00Z)
//          falls back      2026-11-01 02:00 EDT → 01:00 EST (06:00Z)
// Sydney   falls back      2026-04-05 03:00 AEDT → 02:00 AEST (2026-04-04T16:00Z)
//          springs forward 2026-10-04 02:00 AEST → 03:00 AEDT (2026-10-03T16:00Z)

describe('toCalendarDate', () => {
  it('reads the date in the zone, not in UTC', () => {
    expect(toCalendarDate('2027-01-01T04:30:00Z', NY)).toBe('2026-12-31');
    expect(toCalendarDate('2027-01-01T04:30:00Z', 'UTC')).toBe('2027-01-01');
  });

  it('gives the same answer for epoch milliseconds and the instant string', () => {
    expect(toCalendarDate(parseInstant('2027-01-01T04:30:00Z'), NY)).toBe('2026-12-31');
  });

  it('turns to the new year at local midnight in New York (05:00Z)', () => {
    expect(toCalendarDate(at('2026-12-31T23:59:59.999-05:00'), NY)).toBe('2026-12-31');
    expect(toCalendarDate(at('2027-01-01T00:00:00-05:00'), NY)).toBe('2027-01-01');
  });

  it('reads one instant as different dates on either side of the date line', () => {
    const instant = at('2026-06-15T11:30:00Z');
    expect(toCalendarDate(instant, 'Pacific/Kiritimati')).toBe('2026-06-16');
    expect(toCalendarDate(instant, 'Pacific/Pago_Pago')).toBe('2026-06-15');
  });

  it('reads the host zone (Pacific/Chatham, +13:45 in January) like any other', () => {
    expect(toCalendarDate(at('2026-01-01T10:15:00Z'), 'Pacific/Chatham')).toBe('2026-01-02');
    expect(toCalendarDate(at('2026-01-01T10:14:59Z'), 'Pacific/Chatham')).toBe('2026-01-01');
  });

  describe('New York, spring forward (2026-03-08)', () => {
    it('is March 7 until 23:59:59.999 EST', () => {
      expect(toCalendarDate(at('2026-03-07T23:59:59.999-05:00'), NY)).toBe('2026-03-07');
    });
    it('is March 8 from midnight EST', () => {
      expect(toCalendarDate(at('2026-03-08T00:00:00-05:00'), NY)).toBe('2026-03-08');
    });
    it('is still March 8 just after the jump to 03:00 EDT', () => {
      expect(toCalendarDate(at('2026-03-08T03:00:00-04:00'), NY)).toBe('2026-03-08');
    });
    it('is March 9 from midnight EDT', () => {
      expect(toCalendarDate(at('2026-03-08T23:59:59-04:00'), NY)).toBe('2026-03-08');
      expect(toCalendarDate(at('2026-03-09T00:00:00-04:00'), NY)).toBe('2026-03-09');
    });
  });

  describe('New York, fall back (2026-11-01)', () => {
    it('is November 1 from midnight EDT', () => {
      expect(toCalendarDate(at('2026-10-31T23:59:59-04:00'), NY)).toBe('2026-10-31');
      expect(toCalendarDate(at('2026-11-01T00:00:00-04:00'), NY)).toBe('2026-11-01');
    });
    it('is November 1 during both 01:30s', () => {
      expect(toCalendarDate(at('2026-11-01T01:30:00-04:00'), NY)).toBe('2026-11-01');
      expect(toCalendarDate(at('2026-11-01T01:30:00-05:00'), NY)).toBe('2026-11-01');
    });
    it('is November 2 from midnight EST, 25 hours after November 1 began', () => {
      expect(toCalendarDate(at('2026-11-01T23:59:59-05:00'), NY)).toBe('2026-11-01');
      expect(toCalendarDate(at('2026-11-02T00:00:00-05:00'), NY)).toBe('2026-11-02');
    });
  });

  describe('Sydney, DST ends (2026-04-05)', () => {
    it('is April 5 from midnight AEDT', () => {
      expect(toCalendarDate(at('2026-04-04T23:59:59+11:00'), SYDNEY)).toBe('2026-04-04');
      expect(toCalendarDate(at('2026-04-05T00:00:00+11:00'), SYDNEY)).toBe('2026-04-05');
    });
    it('is April 6 from midnight AEST', () => {
      expect(toCalendarDate(at('2026-04-05T23:59:59+10:00'), SYDNEY)).toBe('2026-04-05');
      expect(toCalendarDate(at('2026-04-06T00:00:00+10:00'), SYDNEY)).toBe('2026-04-06');
    });
  });

  describe('Sydney, DST starts (2026-10-04)', () => {
    it('is October 4 from midnight AEST', () => {
      expect(toCalendarDate(at('2026-10-03T23:59:59+10:00'), SYDNEY)).toBe('2026-10-03');
      expect(toCalendarDate(at('2026-10-04T00:00:00+10:00'), SYDNEY)).toBe('2026-10-04');
    });
    it('is October 5 from midnight AEDT, 23 hours later', () => {
      expect(toCalendarDate(at('2026-10-04T23:59:59+11:00'), SYDNEY)).toBe('2026-10-04');
      expect(toCalendarDate(at('2026-10-05T00:00:00+11:00'), SYDNEY)).toBe('2026-10-05');
    });
  });

  it('rejects an unknown time zone', () => {
    expect(() => toCalendarDate(0, 'Mars/Olympus_Mons')).toThrow(ValidationError);
  });

  it('rejects a bad instant string', () => {
    expect(() => toCalendarDate('2026-03-08T09:30:00-05:00', NY)).toThrow(ValidationError);
  });

  it('rejects a local date before year 0000', () => {
    expect(() => toCalendarDate('0000-01-01T00:00:00Z', NY)).toThrow(/outside years 0000–9999/);
  });
});

describe('calendarDaysBetween', () => {
  it('is 0 for the same date', () => {
    expect(calendarDaysBetween('2026-03-08', '2026-03-08')).toBe(0);
  });

  it('is 1 across the year boundary', () => {
    expect(calendarDaysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('is negative when `to` is earlier', () => {
    expect(calendarDaysBetween('2026-03-10', '2026-03-08')).toBe(-2);
  });

  it('counts February 29 in a leap year', () => {
    expect(calendarDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(calendarDaysBetween('2025-02-28', '2025-03-01')).toBe(1);
  });

  it('counts 366 days in 2024 and 365 in 2026', () => {
    expect(calendarDaysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(calendarDaysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('counts whole days across the New York and Chatham DST dates', () => {
    expect(calendarDaysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(calendarDaysBetween('2026-09-26', '2026-09-28')).toBe(2);
  });

  it('spans the whole supported range', () => {
    expect(calendarDaysBetween('0000-01-01', '9999-12-31')).toBe(3_652_424);
  });

  it.each(['2026-02-30', '2025-02-29', '2026-3-8', '2026-03-08T00:00:00Z', '', '20260308'])(
    'rejects %j',
    (bad) => {
      expect(() => calendarDaysBetween(bad, '2026-03-08')).toThrow(ValidationError);
      expect(() => calendarDaysBetween('2026-03-08', bad)).toThrow(ValidationError);
    },
  );
});

describe('wholeDaysBetween', () => {
  it('counts the 23-hour spring-forward day in New York as one day', () => {
    expect(wholeDaysBetween(at('2026-03-07T09:00:00-05:00'), at('2026-03-08T09:00:00-04:00'), NY)).toBe(1);
  });

  it('counts the 25-hour fall-back day in New York as one day', () => {
    expect(wholeDaysBetween(at('2026-10-31T09:00:00-04:00'), at('2026-11-01T09:00:00-05:00'), NY)).toBe(1);
  });

  it('counts 24 h 59 min within November 1 in New York as zero days', () => {
    expect(wholeDaysBetween(at('2026-11-01T00:00:00-04:00'), at('2026-11-01T23:59:00-05:00'), NY)).toBe(0);
  });

  it('counts two minutes across midnight as one day', () => {
    expect(wholeDaysBetween(at('2026-03-07T23:59:00-05:00'), at('2026-03-08T00:01:00-05:00'), NY)).toBe(1);
  });

  it('counts 24 hours within April 5 in Sydney (DST ends) as zero days', () => {
    expect(wholeDaysBetween(at('2026-04-05T00:30:00+11:00'), at('2026-04-05T23:30:00+10:00'), SYDNEY)).toBe(0);
  });

  it('counts 24 hours across October 4 in Sydney (DST starts) as two days', () => {
    expect(wholeDaysBetween(at('2026-10-03T23:30:00+10:00'), at('2026-10-05T00:30:00+11:00'), SYDNEY)).toBe(2);
  });

  it('counts by the zone, not by UTC, at the year boundary', () => {
    const lateOnNewYearsEve = at('2026-12-31T23:30:00-05:00'); // already 2027-01-01 in UTC
    const justAfterMidnight = at('2027-01-01T00:30:00-05:00');
    expect(wholeDaysBetween(lateOnNewYearsEve, justAfterMidnight, NY)).toBe(1);
    expect(wholeDaysBetween(lateOnNewYearsEve, justAfterMidnight, 'UTC')).toBe(0);
  });

  it('is negative when `to` is earlier', () => {
    expect(wholeDaysBetween(at('2026-11-01T09:00:00-05:00'), at('2026-10-31T09:00:00-04:00'), NY)).toBe(-1);
  });

  it('measures 90 days of follow-up across the spring-forward date', () => {
    expect(wholeDaysBetween(at('2026-01-15T16:00:00-05:00'), at('2026-04-15T08:00:00-04:00'), NY)).toBe(90);
  });

  it('rejects an instant that is not a whole number', () => {
    expect(() => wholeDaysBetween(0.5, 0, NY)).toThrow(ValidationError);
    expect(() => wholeDaysBetween(0, Number.NaN, NY)).toThrow(ValidationError);
  });

  it('rejects an unknown time zone', () => {
    expect(() => wholeDaysBetween(0, 0, 'Nowhere/Special')).toThrow(ValidationError);
  });
});

describe('addDays', () => {
  it('crosses the year boundary', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('goes back across the year boundary', () => {
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('lands on February 29 in a leap year', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('skips from February 28 to March 1 in a common year', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('returns the same date for 0', () => {
    expect(addDays('2026-03-08', 0)).toBe('2026-03-08');
  });

  it('adds a year of days', () => {
    expect(addDays('2026-03-08', 365)).toBe('2027-03-08');
  });

  it('is not disturbed by the host zone’s DST dates (Chatham, 2026-09-27 and 2026-04-05)', () => {
    expect(addDays('2026-09-26', 1)).toBe('2026-09-27');
    expect(addDays('2026-09-27', 1)).toBe('2026-09-28');
    expect(addDays('2026-04-04', 1)).toBe('2026-04-05');
  });

  it('handles years before 100 without the two-digit-year trap', () => {
    expect(addDays('0050-02-28', 1)).toBe('0050-03-01');
    expect(addDays('0000-02-28', 1)).toBe('0000-02-29');
  });

  it('rejects a result after 9999-12-31', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(/9999-12-31 \+ 1 days falls outside years 0000–9999/);
  });

  it('rejects a result before 0000-01-01', () => {
    expect(() => addDays('0000-01-01', -1)).toThrow(ValidationError);
  });

  it('rejects a count too large for any date', () => {
    expect(() => addDays('2026-03-08', Number.MAX_SAFE_INTEGER)).toThrow(ValidationError);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the count %s', (n) => {
    expect(() => addDays('2026-03-08', n)).toThrow(/day count/);
  });

  it('rejects a date that does not exist', () => {
    expect(() => addDays('2026-02-29', 1)).toThrow(ValidationError);
  });
});

describe('addMonths', () => {
  it('adds three months to February 29', () => {
    expect(addMonths('2024-02-29', 3)).toBe('2024-05-29');
  });

  it('clamps January 31 to February 28', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('clamps January 31 to February 29 in a leap year', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('clamps February 29 plus a year to February 28', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('keeps February 29 four years on', () => {
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('clamps going back too', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('crosses the year boundary', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('clamps at each step, so steps can differ from one jump', () => {
    expect(addMonths(addMonths('2026-01-31', 1), 1)).toBe('2026-03-28');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });

  it('returns the same date for 0', () => {
    expect(addMonths('2026-01-31', 0)).toBe('2026-01-31');
  });

  it('rejects a fractional count', () => {
    expect(() => addMonths('2026-03-08', 0.5)).toThrow(/month count/);
  });

  it('rejects a result after 9999-12-31', () => {
    expect(() => addMonths('9999-12-01', 1)).toThrow(ValidationError);
  });
});

describe('addDaysInZone', () => {
  describe('New York', () => {
    it('keeps 09:00 across spring forward: 23 hours later', () => {
      const start = at('2026-03-07T09:00:00-05:00');
      const result = addDaysInZone(start, 1, NY);
      expect(result).toBe(at('2026-03-08T09:00:00-04:00'));
      expect(result - start).toBe(23 * HOUR);
    });

    it('keeps 09:00 across fall back: 25 hours later', () => {
      const start = at('2026-10-31T09:00:00-04:00');
      const result = addDaysInZone(start, 1, NY);
      expect(result).toBe(at('2026-11-01T09:00:00-05:00'));
      expect(result - start).toBe(25 * HOUR);
    });

    it('keeps 09:00 going back across spring forward', () => {
      expect(addDaysInZone(at('2026-03-08T09:00:00-04:00'), -1, NY)).toBe(at('2026-03-07T09:00:00-05:00'));
    });

    it('moves 02:30, which does not exist on March 8, forward to 03:30 EDT', () => {
      expect(addDaysInZone(at('2026-03-07T02:30:00-05:00'), 1, NY)).toBe(at('2026-03-08T03:30:00-04:00'));
    });

    it('picks the earlier (EDT) of the two 01:30s on November 1', () => {
      expect(addDaysInZone(at('2026-10-31T01:30:00-04:00'), 1, NY)).toBe(at('2026-11-01T01:30:00-04:00'));
    });

    it('leaves the later (EST) 01:30 on November 1 for 01:30 on November 2', () => {
      expect(addDaysInZone(at('2026-11-01T01:30:00-05:00'), 1, NY)).toBe(at('2026-11-02T01:30:00-05:00'));
    });

    it('returns the instant unchanged for 0 days, even in the repeated hour', () => {
      const secondOneThirty = at('2026-11-01T01:30:00-05:00');
      expect(addDaysInZone(secondOneThirty, 0, NY)).toBe(secondOneThirty);
    });

    it('adds a week across spring forward: 7 × 24 − 1 hours', () => {
      const start = at('2026-03-05T12:00:00-05:00');
      expect(addDaysInZone(start, 7, NY) - start).toBe(7 * 24 * HOUR - HOUR);
    });

    it('keeps seconds and milliseconds', () => {
      expect(addDaysInZone(at('2026-03-07T09:15:42.123-05:00'), 1, NY)).toBe(at('2026-03-08T09:15:42.123-04:00'));
    });

    it('crosses the year boundary by local date, not UTC date', () => {
      expect(addDaysInZone(at('2026-12-31T23:30:00-05:00'), 1, NY)).toBe(at('2027-01-01T23:30:00-05:00'));
    });
  });

  describe('Sydney', () => {
    it('keeps 09:00 when DST ends: 25 hours later', () => {
      const start = at('2026-04-04T09:00:00+11:00');
      const result = addDaysInZone(start, 1, SYDNEY);
      expect(result).toBe(at('2026-04-05T09:00:00+10:00'));
      expect(result - start).toBe(25 * HOUR);
    });

    it('keeps 09:00 when DST starts: 23 hours later', () => {
      const start = at('2026-10-03T09:00:00+10:00');
      const result = addDaysInZone(start, 1, SYDNEY);
      expect(result).toBe(at('2026-10-04T09:00:00+11:00'));
      expect(result - start).toBe(23 * HOUR);
    });

    it('picks the earlier (AEDT) of the two 02:30s on April 5, whatever the host zone', () => {
      expect(addDaysInZone(at('2026-04-04T02:30:00+11:00'), 1, SYDNEY)).toBe(at('2026-04-05T02:30:00+11:00'));
    });

    it('moves 02:30, which does not exist on October 4, forward to 03:30 AEDT', () => {
      expect(addDaysInZone(at('2026-10-03T02:30:00+10:00'), 1, SYDNEY)).toBe(at('2026-10-04T03:30:00+11:00'));
    });
  });

  it('moves a wall time skipped by a 30-minute DST change forward by 30 minutes (Lord Howe)', () => {
    // Lord Howe springs forward 2026-10-04 02:00 → 02:30.
    expect(addDaysInZone(at('2026-10-03T02:15:00+10:30'), 1, 'Australia/Lord_Howe')).toBe(
      at('2026-10-04T02:45:00+11:00'),
    );
  });

  it('rejects a fractional day count', () => {
    expect(() => addDaysInZone(0, 0.5, NY)).toThrow(/day count/);
  });

  it('rejects an unknown zone', () => {
    expect(() => addDaysInZone(0, 1, 'Atlantis/Capital')).toThrow(ValidationError);
  });

  it('rejects an instant that is not a whole number', () => {
    expect(() => addDaysInZone(Number.NaN, 1, NY)).toThrow(ValidationError);
  });

  it('rejects a result after year 9999', () => {
    expect(() => addDaysInZone(parseInstant('9999-12-31T12:00:00Z'), 1, 'UTC')).toThrow(/outside years 0000–9999/);
  });
});

describe('addMonthsInZone', () => {
  it('keeps 09:00 across New York spring forward', () => {
    expect(addMonthsInZone(at('2026-02-08T09:00:00-05:00'), 1, NY)).toBe(at('2026-03-08T09:00:00-04:00'));
  });

  it('keeps 09:00 across New York fall back', () => {
    expect(addMonthsInZone(at('2026-10-01T09:00:00-04:00'), 1, NY)).toBe(at('2026-11-01T09:00:00-05:00'));
  });

  it('moves 02:30 on March 8 in New York forward to 03:30 EDT', () => {
    expect(addMonthsInZone(at('2026-02-08T02:30:00-05:00'), 1, NY)).toBe(at('2026-03-08T03:30:00-04:00'));
  });

  it('picks the earlier 01:30 on November 1 in New York', () => {
    expect(addMonthsInZone(at('2026-10-01T01:30:00-04:00'), 1, NY)).toBe(at('2026-11-01T01:30:00-04:00'));
  });

  it('keeps 09:00 when Sydney DST ends', () => {
    expect(addMonthsInZone(at('2026-03-05T09:00:00+11:00'), 1, SYDNEY)).toBe(at('2026-04-05T09:00:00+10:00'));
  });

  it('keeps 09:00 when Sydney DST starts', () => {
    expect(addMonthsInZone(at('2026-09-04T09:00:00+10:00'), 1, SYDNEY)).toBe(at('2026-10-04T09:00:00+11:00'));
  });

  it('picks the earlier 02:30 on April 5 in Sydney', () => {
    expect(addMonthsInZone(at('2026-03-05T02:30:00+11:00'), 1, SYDNEY)).toBe(at('2026-04-05T02:30:00+11:00'));
  });

  it('clamps the day of the month, keeping the time', () => {
    expect(addMonthsInZone(at('2026-01-31T09:00:00-05:00'), 1, NY)).toBe(at('2026-02-28T09:00:00-05:00'));
  });

  it('adds three months to February 29, keeping the time across DST', () => {
    expect(addMonthsInZone(at('2024-02-29T09:00:00-05:00'), 3, NY)).toBe(at('2024-05-29T09:00:00-04:00'));
  });

  it('crosses the year boundary by local date', () => {
    expect(addMonthsInZone(at('2026-12-31T23:30:00-05:00'), 2, NY)).toBe(at('2027-02-28T23:30:00-05:00'));
  });

  it('goes back a year across a DST change', () => {
    expect(addMonthsInZone(at('2026-07-01T09:00:00+10:00'), -12, SYDNEY)).toBe(at('2025-07-01T09:00:00+10:00'));
  });

  it('returns the instant unchanged for 0 months', () => {
    expect(addMonthsInZone(12_345, 0, NY)).toBe(12_345);
  });

  it('rejects a fractional month count', () => {
    expect(() => addMonthsInZone(0, 1.5, NY)).toThrow(/month count/);
  });
});

describe('startOfDayInZone', () => {
  it('is local midnight on the New York spring-forward day (still EST)', () => {
    expect(formatInstant(startOfDayInZone('2026-03-08', NY))).toBe('2026-03-08T05:00:00.000Z');
  });

  it('is local midnight on the New York fall-back day (still EDT)', () => {
    expect(formatInstant(startOfDayInZone('2026-11-01', NY))).toBe('2026-11-01T04:00:00.000Z');
  });

  it('makes November 1 in New York 25 hours long', () => {
    expect(startOfDayInZone('2026-11-02', NY) - startOfDayInZone('2026-11-01', NY)).toBe(25 * HOUR);
  });

  it('makes March 8 in New York 23 hours long', () => {
    expect(startOfDayInZone('2026-03-09', NY) - startOfDayInZone('2026-03-08', NY)).toBe(23 * HOUR);
  });

  it('is local midnight in Sydney on the days DST ends and starts', () => {
    expect(startOfDayInZone('2026-04-05', SYDNEY)).toBe(at('2026-04-05T00:00:00+11:00'));
    expect(startOfDayInZone('2026-04-06', SYDNEY)).toBe(at('2026-04-06T00:00:00+10:00'));
    expect(startOfDayInZone('2026-10-04', SYDNEY)).toBe(at('2026-10-04T00:00:00+10:00'));
    expect(startOfDayInZone('2026-10-05', SYDNEY)).toBe(at('2026-10-05T00:00:00+11:00'));
  });

  it('is UTC midnight in UTC', () => {
    expect(formatInstant(startOfDayInZone('2027-01-01', 'UTC'))).toBe('2027-01-01T00:00:00.000Z');
  });

  it('is 01:00 where clocks skip midnight (Santiago, 2026-09-06)', () => {
    const start = startOfDayInZone('2026-09-06', 'America/Santiago');
    expect(localTime(start, 'America/Santiago')).toEqual({
      date: '2026-09-06',
      time: '01:00:00',
      offsetMinutes: -180,
    });
    expect(localTime(start - 1, 'America/Santiago').date).toBe('2026-09-05');
  });

  it('is the first of two midnights where clocks go back to midnight (Havana, 2026-11-01)', () => {
    const start = startOfDayInZone('2026-11-01', 'America/Havana');
    expect(localTime(start, 'America/Havana')).toEqual({ date: '2026-11-01', time: '00:00:00', offsetMinutes: -240 });
    expect(localTime(start - 1, 'America/Havana').date).toBe('2026-10-31');
  });

  it('does not crash on a day a zone skipped entirely (Apia, 2011-12-30): it gives the next day’s start', () => {
    const start = startOfDayInZone('2011-12-30', 'Pacific/Apia');
    expect(localTime(start, 'Pacific/Apia')).toMatchObject({ date: '2011-12-31', time: '00:00:00' });
    expect(localTime(start - 1, 'Pacific/Apia').date).toBe('2011-12-29');
  });

  it('rejects a date that does not exist', () => {
    expect(() => startOfDayInZone('2026-02-30', NY)).toThrow(ValidationError);
  });

  it('rejects an unknown zone', () => {
    expect(() => startOfDayInZone('2026-03-08', 'Mars/Olympus_Mons')).toThrow(ValidationError);
  });

  it('is exact to the minute in a zone with a 45-minute offset (Chatham)', () => {
    expect(startOfDayInZone('2026-06-15', 'Pacific/Chatham')).toBe(at('2026-06-15T00:00:00+12:45'));
    expect(startOfDayInZone('2026-06-15', 'Pacific/Chatham') % (15 * MINUTE)).toBe(0);
  });
});

describe('compareCalendarDates', () => {
  it('is -1 when the first is earlier', () => {
    expect(compareCalendarDates('2026-12-31', '2027-01-01')).toBe(-1);
  });

  it('is 1 when the first is later', () => {
    expect(compareCalendarDates('2027-01-01', '2026-12-31')).toBe(1);
  });

  it('is 0 for the same date', () => {
    expect(compareCalendarDates('2026-03-08', '2026-03-08')).toBe(0);
  });

  it('sorts dates', () => {
    expect(['2027-01-01', '2026-03-08', '2024-02-29'].sort(compareCalendarDates)).toEqual([
      '2024-02-29',
      '2026-03-08',
      '2027-01-01',
    ]);
  });

  it('rejects a date that does not exist', () => {
    expect(() => compareCalendarDates('2026-02-30', '2026-03-01')).toThrow(ValidationError);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['2026-03-08', 0],
    ['2026-03-09', 1],
    ['2026-03-10', 2],
    ['2026-03-11', 3],
    ['2026-03-12', 4],
    ['2026-03-13', 5],
    ['2026-03-14', 6],
    ['2027-01-01', 5],
    ['2024-02-29', 4],
    ['1970-01-01', 4],
    ['0000-01-01', 6],
  ] as const)('%s is day %i', (date, day) => {
    expect(dayOfWeek(date)).toBe(day);
  });

  it('rejects a date that does not exist', () => {
    expect(() => dayOfWeek('2026-04-31')).toThrow(ValidationError);
  });
});
