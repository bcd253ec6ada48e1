import { tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from './test-oracle';
import { instantOfWallClock, wallClockAt } from './wall-clock';

const NY = 'America/New_York';
const wall = (fields: string) => Date.parse(`${fields}Z`);

describe('wallClockAt', () => {
  it('shows New York time as UTC fields', () => {
    expect(wallClockAt(at('2026-03-08T14:30:00Z'), NY)).toBe(wall('2026-03-08T10:30:00'));
  });

  it('shows 45-minute offsets exactly (Chatham)', () => {
    expect(wallClockAt(at('2026-06-15T00:00:00Z'), 'Pacific/Chatham')).toBe(wall('2026-06-15T12:45:00'));
  });
});

describe('instantOfWallClock', () => {
  it('finds the one instant of an ordinary wall clock', () => {
    expect(instantOfWallClock(wall('2026-03-08T10:30:00'), NY)).toBe(at('2026-03-08T10:30:00-04:00'));
  });

  it('takes the earlier of a repeated wall clock', () => {
    expect(instantOfWallClock(wall('2026-11-01T01:30:00'), NY)).toBe(at('2026-11-01T01:30:00-04:00'));
  });

  it('moves a skipped wall clock forward by the gap', () => {
    expect(instantOfWallClock(wall('2026-03-08T02:30:00'), NY)).toBe(at('2026-03-08T03:30:00-04:00'));
  });

  it('treats the first minute after the gap as ordinary', () => {
    expect(instantOfWallClock(wall('2026-03-08T03:00:00'), NY)).toBe(at('2026-03-08T03:00:00-04:00'));
  });

  it('treats the last minute before the repeat as ordinary', () => {
    expect(instantOfWallClock(wall('2026-11-01T00:59:59'), NY)).toBe(at('2026-11-01T00:59:59-04:00'));
  });

  it('treats the first minute after the repeat as ordinary', () => {
    expect(instantOfWallClock(wall('2026-11-01T02:00:00'), NY)).toBe(at('2026-11-01T02:00:00-05:00'));
  });

  it('undoes wallClockAt away from DST changes', () => {
    const instant = at('2026-07-04T12:00:00-04:00');
    expect(instantOfWallClock(wallClockAt(instant, NY), NY)).toBe(instant);
  });
});

describe('wallClockAt: the per-zone day cache', () => {
  const offsetFromIntl = (epochMs: number, zone: string) => Math.round(tzOffset(zone, new Date(epochMs)) * 60) * 1000;

  it('answers days that share a front entry (8,192 days apart) each with its own offset', () => {
    // Winter in Chicago, then a summer day exactly 8,192 days later: same front entry.
    const winter = at('2026-01-15T12:00:00Z');
    const summer = winter + 8192 * 86_400_000;
    expect(new Date(summer).toISOString().slice(5, 7)).toBe('06');
    for (let round = 0; round < 3; round += 1) {
      expect(wallClockAt(winter, 'America/Chicago')).toBe(winter - 6 * 3_600_000);
      expect(wallClockAt(summer, 'America/Chicago')).toBe(summer - 5 * 3_600_000);
    }
  });

  it('agrees with Intl for any instant and zone, asked in any order', () => {
    const zones = ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), fc.constantFrom(...zones)), {
          minLength: 1,
          maxLength: 40,
        }),
        (asks) => {
          for (const [epochMs, zone] of asks) expect(wallClockAt(epochMs, zone)).toBe(epochMs + offsetFromIntl(epochMs, zone));
        },
      ),
      { numRuns: 200 },
    );
  });
});
