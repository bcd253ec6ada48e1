import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import {
  addBusinessDays,
  businessCalendar,
  businessDaysBetween,
  isBusinessDay,
  nextBusinessDayOnOrAfter,
  type BusinessCalendar,
} from './business-days';

// 2026-03-06 is a Friday; 2026-12-25 (Christmas) and 2027-01-01 (New Year's Day)
// are Fridays too.
const plain = businessCalendar();
const holidays = businessCalendar({ holidays: ['2026-11-26', '2026-12-25', '2027-01-01'] });

function validationErrorOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('businessCalendar', () => {
  it('defaults to a Saturday–Sunday weekend and no holidays', () => {
    expect(plain.weekend).toEqual([0, 6]);
    expect(plain.holidays).toEqual([]);
  });

  it('sorts holidays and drops repeats', () => {
    const calendar = businessCalendar({ holidays: ['2027-01-01', '2026-12-25', '2027-01-01'] });
    expect(calendar.holidays).toEqual(['2026-12-25', '2027-01-01']);
  });

  it('sorts weekend days and drops repeats', () => {
    expect(businessCalendar({ weekend: [6, 5, 6] }).weekend).toEqual([5, 6]);
  });

  it('accepts an empty weekend: every day can be a business day', () => {
    expect(businessCalendar({ weekend: [] }).weekend).toEqual([]);
  });

  it('accepts options with undefined fields', () => {
    expect(businessCalendar({ holidays: undefined, weekend: undefined }).weekend).toEqual([0, 6]);
  });

  it('returns a frozen calendar', () => {
    expect(Object.isFrozen(holidays)).toBe(true);
    expect(Object.isFrozen(holidays.holidays)).toBe(true);
    expect(Object.isFrozen(holidays.weekend)).toBe(true);
  });

  it('does not change the options it is given', () => {
    const options = { holidays: ['2027-01-01', '2026-12-25'], weekend: [6, 0] };
    businessCalendar(options);
    expect(options).toEqual({ holidays: ['2027-01-01', '2026-12-25'], weekend: [6, 0] });
  });

  it('rejects a holiday that is not a calendar date, with its path', () => {
    const error = validationErrorOf(() => businessCalendar({ holidays: ['2026-12-25', '2027-01-01', '2026-02-30'] }));
    expect(error.subject).toBe('business calendar options');
    expect(error.issues).toEqual([
      {
        path: ['holidays', 2],
        pointer: '/holidays/2',
        message: '"2026-02-30" is not a calendar date like 2026-12-25',
        code: 'invalid_format',
      },
    ]);
  });

  it('rejects a weekend day outside 0–6, with its path', () => {
    const error = validationErrorOf(() => businessCalendar({ weekend: [0, 7] }));
    expect(error.issues.map((issue) => issue.pointer)).toEqual(['/weekend/1']);
  });

  it.each([-1, 1.5, Number.NaN])('rejects the weekend day %s', (day) => {
    expect(() => businessCalendar({ weekend: [day] })).toThrow(ValidationError);
  });

  it('rejects a weekend that covers the whole week', () => {
    const error = validationErrorOf(() => businessCalendar({ weekend: [0, 1, 2, 3, 4, 5, 6] }));
    expect(error.issues).toEqual([
      {
        path: ['weekend'],
        pointer: '/weekend',
        message: 'must leave at least one business day in the week',
        code: 'custom',
      },
    ]);
  });

  it('reports every problem at once', () => {
    const error = validationErrorOf(() =>
      businessCalendar({ holidays: ['christmas', '2026-12-25', '2026-13-01'], weekend: [0, 9] }),
    );
    expect(error.issues.map((issue) => issue.pointer)).toEqual(['/weekend/1', '/holidays/0', '/holidays/2']);
  });

  it('rejects options that are not arrays (JavaScript callers)', () => {
    const error = validationErrorOf(() =>
      businessCalendar({ holidays: '2026-12-25', weekend: 0 } as unknown as { holidays: string[] }),
    );
    expect(error.issues.map((issue) => [issue.pointer, issue.code])).toEqual([
      ['/weekend', 'invalid_type'],
      ['/holidays', 'invalid_type'],
    ]);
  });
});

describe('isBusinessDay', () => {
  it('is true on a weekday', () => {
    expect(isBusinessDay('2026-03-06', plain)).toBe(true);
  });

  it('is false on Saturday and Sunday', () => {
    expect(isBusinessDay('2026-03-07', plain)).toBe(false);
    expect(isBusinessDay('2026-03-08', plain)).toBe(false);
  });

  it('is false on a holiday', () => {
    expect(isBusinessDay('2026-12-25', holidays)).toBe(false);
  });

  it('is true on the same day without the holiday', () => {
    expect(isBusinessDay('2026-12-25', plain)).toBe(true);
  });

  it('follows a custom weekend (Friday and Saturday)', () => {
    const calendar = businessCalendar({ weekend: [5, 6] });
    expect(isBusinessDay('2026-03-06', calendar)).toBe(false);
    expect(isBusinessDay('2026-03-08', calendar)).toBe(true);
  });

  it('rejects a date that does not exist', () => {
    expect(() => isBusinessDay('2026-02-29', plain)).toThrow(ValidationError);
  });
});

describe('nextBusinessDayOnOrAfter', () => {
  it('returns a business day itself', () => {
    expect(nextBusinessDayOnOrAfter('2026-03-06', plain)).toBe('2026-03-06');
  });

  it('moves Saturday to Monday', () => {
    expect(nextBusinessDayOnOrAfter('2026-03-07', plain)).toBe('2026-03-09');
  });

  it('moves Sunday to Monday', () => {
    expect(nextBusinessDayOnOrAfter('2026-03-08', plain)).toBe('2026-03-09');
  });

  it('moves a Friday holiday past the weekend', () => {
    expect(nextBusinessDayOnOrAfter('2026-12-25', holidays)).toBe('2026-12-28');
  });

  it('crosses the year boundary', () => {
    expect(nextBusinessDayOnOrAfter('2027-01-01', holidays)).toBe('2027-01-04');
  });

  it('skips a run of holidays', () => {
    const calendar = businessCalendar({ holidays: ['2026-12-24', '2026-12-25', '2026-12-28'] });
    expect(nextBusinessDayOnOrAfter('2026-12-24', calendar)).toBe('2026-12-29');
  });
});

describe('addBusinessDays', () => {
  it('adds one day midweek', () => {
    expect(addBusinessDays('2026-03-05', 1, plain)).toBe('2026-03-06');
  });

  it('skips the weekend from Friday', () => {
    expect(addBusinessDays('2026-03-06', 1, plain)).toBe('2026-03-09');
  });

  it('adds five business days: a calendar week', () => {
    expect(addBusinessDays('2026-03-06', 5, plain)).toBe('2026-03-13');
  });

  it('starts counting on Monday from a Saturday', () => {
    expect(addBusinessDays('2026-03-07', 1, plain)).toBe('2026-03-09');
  });

  it('skips a holiday midweek (Thanksgiving, a Thursday)', () => {
    expect(addBusinessDays('2026-11-25', 1, holidays)).toBe('2026-11-27');
  });

  it('skips a holiday on a Friday and the weekend after it', () => {
    expect(addBusinessDays('2026-12-24', 1, holidays)).toBe('2026-12-28');
  });

  it('crosses the year boundary past New Year’s Day', () => {
    expect(addBusinessDays('2026-12-31', 1, holidays)).toBe('2027-01-04');
    expect(addBusinessDays('2026-12-31', 3, holidays)).toBe('2027-01-06');
  });

  it('gives the 3-business-day thank-you deadline for a referral received on Christmas Eve', () => {
    expect(addBusinessDays('2026-12-24', 3, holidays)).toBe('2026-12-30');
  });

  it('returns a business day itself for n = 0', () => {
    expect(addBusinessDays('2026-03-06', 0, plain)).toBe('2026-03-06');
  });

  it('moves to the next business day for n = 0 on a weekend or holiday', () => {
    expect(addBusinessDays('2026-03-07', 0, plain)).toBe('2026-03-09');
    expect(addBusinessDays('2026-12-25', 0, holidays)).toBe('2026-12-28');
  });

  it('adds 260 business days: 52 weeks', () => {
    expect(addBusinessDays('2026-01-05', 260, plain)).toBe('2027-01-04');
  });

  it('adds a year of business days past every holiday on the way', () => {
    expect(addBusinessDays('2026-11-02', 260, holidays)).toBe('2027-11-04');
  });

  it('follows a custom weekend (Friday and Saturday)', () => {
    expect(addBusinessDays('2026-03-05', 1, businessCalendar({ weekend: [5, 6] }))).toBe('2026-03-08');
  });

  it('adds calendar days with an empty weekend and no holidays', () => {
    expect(addBusinessDays('2026-03-06', 2, businessCalendar({ weekend: [] }))).toBe('2026-03-08');
  });

  it('finds the only business day of a six-day weekend', () => {
    const wednesdaysOnly = businessCalendar({ weekend: [0, 1, 2, 4, 5, 6] });
    expect(addBusinessDays('2026-03-06', 2, wednesdaysOnly)).toBe('2026-03-18');
  });

  it('rejects a negative count', () => {
    expect(() => addBusinessDays('2026-03-06', -1, plain)).toThrow(/must be at least 0/);
  });

  it('rejects a fractional count', () => {
    expect(() => addBusinessDays('2026-03-06', 1.5, plain)).toThrow(/business day count/);
  });

  it('rejects a date that does not exist', () => {
    expect(() => addBusinessDays('2026-02-30', 1, plain)).toThrow(ValidationError);
  });

  it('rejects a result after 9999-12-31', () => {
    expect(() => addBusinessDays('9999-12-31', 1, plain)).toThrow(/outside years 0000–9999/);
  });
});

describe('businessDaysBetween', () => {
  it('counts Friday to Monday as one business day', () => {
    expect(businessDaysBetween('2026-03-06', '2026-03-09', plain)).toBe(1);
  });

  it('counts Friday to Saturday as none', () => {
    expect(businessDaysBetween('2026-03-06', '2026-03-07', plain)).toBe(0);
  });

  it('counts Monday to Friday as four (the start is not counted)', () => {
    expect(businessDaysBetween('2026-03-09', '2026-03-13', plain)).toBe(4);
  });

  it('counts the end when it is a business day', () => {
    expect(businessDaysBetween('2026-03-08', '2026-03-09', plain)).toBe(1);
  });

  it('is 0 for the same day', () => {
    expect(businessDaysBetween('2026-03-09', '2026-03-09', plain)).toBe(0);
  });

  it('is 0 when `to` is earlier', () => {
    expect(businessDaysBetween('2026-03-13', '2026-03-09', plain)).toBe(0);
  });

  it('does not count a holiday midweek', () => {
    expect(businessDaysBetween('2026-11-25', '2026-11-27', holidays)).toBe(1);
  });

  it('does not count a holiday on a Friday', () => {
    expect(businessDaysBetween('2026-12-24', '2026-12-28', holidays)).toBe(1);
  });

  it('does not count a holiday twice when it falls on the weekend', () => {
    const saturdayHoliday = businessCalendar({ holidays: ['2026-07-04'] });
    expect(businessDaysBetween('2026-07-03', '2026-07-06', saturdayHoliday)).toBe(1);
  });

  it('counts across the year boundary, past New Year’s Day', () => {
    expect(businessDaysBetween('2026-12-30', '2027-01-04', holidays)).toBe(2);
  });

  it('counts 261 business days in 2026, or 259 with Thanksgiving and Christmas off', () => {
    expect(businessDaysBetween('2025-12-31', '2026-12-31', plain)).toBe(261);
    expect(businessDaysBetween('2025-12-31', '2026-12-31', holidays)).toBe(259);
  });

  it('counts holidays on the boundaries correctly: `from` excluded, `to` included', () => {
    expect(businessDaysBetween('2026-12-25', '2026-12-29', holidays)).toBe(2);
    expect(businessDaysBetween('2026-12-23', '2026-12-25', holidays)).toBe(1);
  });

  it('counts a long span without walking it', () => {
    // 3,652,424 days = 521,774 weeks × 5 + the 6 days after a Saturday (Sunday–Friday: 5).
    expect(businessDaysBetween('0000-01-01', '9999-12-31', plain)).toBe(2_608_875);
  });

  it('rejects a date that does not exist', () => {
    expect(() => businessDaysBetween('2026-02-30', '2026-03-09', plain)).toThrow(ValidationError);
  });
});

describe('a calendar not made by businessCalendar', () => {
  it('is validated and used like one', () => {
    const handMade: BusinessCalendar = { weekend: [0, 6], holidays: ['2026-12-25'] };
    expect(addBusinessDays('2026-12-24', 1, handMade)).toBe('2026-12-28');
  });

  it('is rejected when its weekend covers the whole week, instead of looping forever', () => {
    const handMade: BusinessCalendar = { weekend: [0, 1, 2, 3, 4, 5, 6], holidays: [] };
    expect(() => nextBusinessDayOnOrAfter('2026-03-07', handMade)).toThrow(ValidationError);
  });
});
