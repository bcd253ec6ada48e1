import { describe, expect, it } from 'vitest';
import { readInstant, readMoment } from './moment';

describe('readMoment', () => {
  it('reads a date as 09:00 in the practice zone, on both sides of a DST change', () => {
    expect(readInstant('2026-03-02', 'America/New_York')).toBe('2026-03-02T14:00:00.000Z'); // EST
    expect(readInstant('2026-03-09', 'America/New_York')).toBe('2026-03-09T13:00:00.000Z'); // EDT
  });

  it('reads a date as 09:00 on the very days the clocks change', () => {
    expect(readInstant('2026-03-08', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z'); // spring forward at 02:00
    expect(readInstant('2026-11-01', 'America/New_York')).toBe('2026-11-01T14:00:00.000Z'); // fall back at 02:00
    expect(readInstant('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T07:00:00.000Z');
  });

  it('reads a local time in the zone, and a UTC instant as it is', () => {
    expect(readInstant('2026-07-01T14:30', 'America/Chicago')).toBe('2026-07-01T19:30:00.000Z');
    expect(readInstant('2026-07-01T14:30:15', 'UTC')).toBe('2026-07-01T14:30:15.000Z');
    expect(readInstant('2026-07-01T14:30:00Z', 'America/Chicago')).toBe('2026-07-01T14:30:00.000Z');
  });

  it('refuses anything else, and impossible dates', () => {
    for (const value of ['yesterday', '2026-02-30', '2026-3-2', '2026-03-02T25:00', '2026-03-02T10:00+02:00', '']) {
      expect(readMoment(value, 'UTC')).toBeUndefined();
    }
  });
});
