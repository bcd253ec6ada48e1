import { addDays, addMonths, differenceInCalendarDays, startOfDay } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { HOUR, at } from './test-oracle';
import { UtcDate, utc } from './utc-date';

// The host zone in tests is Pacific/Chatham: it springs forward 2026-09-27 02:45 →
// 03:45 local (2026-09-26T14:00Z) and falls back 2026-04-05 03:45 → 02:45 local
// (2026-04-04T14:00Z). UTC fields that name a skipped or repeated local time there
// (02:50 on 2026-09-27, 03:00 on 2026-04-05) are where host-zone setters go wrong.

describe('UtcDate', () => {
  it('reads its UTC fields as its local fields', () => {
    const date = new UtcDate(at('2026-03-08T23:30:00Z'));
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getDay(), date.getHours()]).toEqual([
      2026, 2, 8, 0, 23,
    ]);
    expect(date.getTimezoneOffset()).toBe(0);
  });

  it('writes its local fields as UTC fields', () => {
    const date = new UtcDate(0);
    date.setFullYear(2026, 8, 27);
    date.setHours(2, 50, 0, 0);
    expect(date.toISOString()).toBe('2026-09-27T02:50:00.000Z');
  });

  it('keeps an omitted setter argument omitted instead of turning it into NaN', () => {
    const date = new UtcDate(at('2026-03-08T12:00:00Z'));
    date.setFullYear(2027);
    expect(date.toISOString()).toBe('2027-03-08T12:00:00.000Z');
  });

  it('sets years before 100 literally', () => {
    const date = new UtcDate(0);
    date.setFullYear(50, 0, 1);
    expect(date.toISOString().slice(0, 10)).toBe('0050-01-01');
  });
});

describe('date-fns with { in: utc }', () => {
  it('adds exactly 24 hours per day, even through the host zone’s DST change', () => {
    const starts = ['2026-09-26T13:30:00Z', '2026-09-27T02:50:00Z', '2026-04-04T13:30:00Z', '2026-04-05T03:00:00Z'];
    for (const start of starts.map(at)) {
      expect(addDays(start, 1, { in: utc }).getTime()).toBe(start + 24 * HOUR);
    }
  });

  it('returns UtcDates', () => {
    expect(addMonths(0, 1, { in: utc })).toBeInstanceOf(UtcDate);
  });

  it('finds UTC midnight', () => {
    expect(startOfDay(at('2026-09-27T02:50:00Z'), { in: utc }).toISOString()).toBe('2026-09-27T00:00:00.000Z');
  });

  it('counts calendar days between UTC dates', () => {
    expect(differenceInCalendarDays(at('2027-01-01T00:00:00Z'), at('2026-12-31T23:59:59Z'), { in: utc })).toBe(1);
  });
});
