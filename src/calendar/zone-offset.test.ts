import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { HOUR, MINUTE, at, localTime } from './test-oracle';
import { zoneOffsetAt, zoneTransitions } from './zone-offset';

const NY = 'America/New_York';
const SYDNEY = 'Australia/Sydney';

describe('zoneOffsetAt', () => {
  it('gives standard and daylight offsets, east positive', () => {
    expect(zoneOffsetAt('2026-01-15T12:00:00Z', NY)).toBe(-5 * HOUR);
    expect(zoneOffsetAt('2026-07-15T12:00:00Z', NY)).toBe(-4 * HOUR);
    expect(zoneOffsetAt('2026-01-15T12:00:00Z', SYDNEY)).toBe(11 * HOUR);
    expect(zoneOffsetAt('2026-07-15T12:00:00Z', SYDNEY)).toBe(10 * HOUR);
    expect(zoneOffsetAt('2026-07-15T12:00:00Z', 'Asia/Tokyo')).toBe(9 * HOUR);
    expect(zoneOffsetAt('2026-07-15T12:00:00Z', 'Asia/Kolkata')).toBe(5 * HOUR + 30 * MINUTE);
    expect(zoneOffsetAt('2026-07-15T12:00:00Z', 'UTC')).toBe(0);
  });

  it('switches at the exact millisecond of the transition', () => {
    const spring = at('2026-03-08T07:00:00Z');
    expect(zoneOffsetAt(spring - 1, NY)).toBe(-5 * HOUR);
    expect(zoneOffsetAt(spring, NY)).toBe(-4 * HOUR);
  });

  it('agrees with the Intl oracle every week of a year', () => {
    for (const zone of [NY, SYDNEY, 'Europe/London', 'America/Santiago', 'Asia/Tokyo']) {
      for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 7 * 24 * HOUR + 17 * MINUTE) {
        expect(zoneOffsetAt(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(localTime(t, zone).offsetMinutes * MINUTE);
      }
    }
  });

  it('rejects a bad zone or instant with a ValidationError', () => {
    expect(() => zoneOffsetAt('2026-01-15T12:00:00Z', 'Mars/Olympus_Mons')).toThrow(ValidationError);
    expect(() => zoneOffsetAt('2026-01-15', NY)).toThrow(ValidationError);
  });
});

describe('zoneTransitions', () => {
  it('finds New York’s two 2026 changes to the millisecond', () => {
    expect(zoneTransitions(NY, '2026-01-01T05:00:00Z', '2027-01-01T05:00:00Z')).toEqual([
      { at: at('2026-03-08T07:00:00Z'), offsetBefore: -5 * HOUR, offsetAfter: -4 * HOUR },
      { at: at('2026-11-01T06:00:00Z'), offsetBefore: -4 * HOUR, offsetAfter: -5 * HOUR },
    ]);
  });

  it('finds Sydney’s southern-hemisphere changes', () => {
    expect(zoneTransitions(SYDNEY, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual([
      { at: at('2026-04-04T16:00:00Z'), offsetBefore: 11 * HOUR, offsetAfter: 10 * HOUR },
      { at: at('2026-10-03T16:00:00Z'), offsetBefore: 10 * HOUR, offsetAfter: 11 * HOUR },
    ]);
  });

  it('is empty for zones without changes', () => {
    expect(zoneTransitions('Asia/Tokyo', '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toEqual([]);
    expect(zoneTransitions('UTC', '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toEqual([]);
  });

  it('finds a change of standard time, not only DST (Samoa skipped 2011-12-30)', () => {
    const jump = zoneTransitions('Pacific/Apia', '2011-12-01T00:00:00Z', '2012-01-15T00:00:00Z');
    expect(jump).toEqual([{ at: at('2011-12-30T10:00:00Z'), offsetBefore: -10 * HOUR, offsetAfter: 14 * HOUR }]);
  });

  it('includes the start, excludes the end', () => {
    const spring = at('2026-03-08T07:00:00Z');
    expect(zoneTransitions(NY, spring - 1, spring)).toEqual([]);
    expect(zoneTransitions(NY, spring - 1, spring + 1)).toHaveLength(1);
    // At `from` itself the offset is already the new one: nothing changes after it.
    expect(zoneTransitions(NY, spring, spring + HOUR)).toEqual([]);
    expect(zoneTransitions(NY, spring, spring)).toEqual([]);
  });

  it('agrees with the oracle: the offset changes exactly at each transition and nowhere else', () => {
    const from = at('2024-01-01T00:00:00Z');
    const to = at('2028-01-01T00:00:00Z');
    for (const zone of [NY, SYDNEY, 'Europe/Dublin', 'America/Santiago']) {
      const found = zoneTransitions(zone, from, to);
      expect(found.length).toBe(8);
      for (const t of found) {
        expect(localTime(t.at - 1, zone).offsetMinutes * MINUTE).toBe(t.offsetBefore);
        expect(localTime(t.at, zone).offsetMinutes * MINUTE).toBe(t.offsetAfter);
      }
    }
  });

  it('rejects a reversed or too long range', () => {
    expect(() => zoneTransitions(NY, '2027-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toThrow(ValidationError);
    expect(() => zoneTransitions(NY, '1800-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toThrow(/200 years/);
    expect(() => zoneTransitions('Nowhere/Else', 0, 1)).toThrow(ValidationError);
  });
});
