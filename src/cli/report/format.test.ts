import { describe, expect, it } from 'vitest';
import { fixed, hours, longDate, monthLabel, percent, plural } from './format';

describe('format', () => {
  it('writes numbers without a locale and never -0', () => {
    expect(fixed(2.499, 2)).toBe('2.50');
    expect(fixed(-0.001, 1)).toBe('0.0');
    expect(fixed(1234567.891, 1)).toBe('1234567.9');
    expect(hours(356)).toBe('5.9 h');
    expect(percent(5, 6)).toBe('83%');
    expect(plural(1, 'office')).toBe('1 office');
    expect(plural(0, 'office')).toBe('0 offices');
  });

  it('names months and days', () => {
    expect(monthLabel('2026-03')).toBe('Mar 2026');
    expect(monthLabel('2025-12', false)).toBe('Dec');
    expect(longDate('2026-03-02')).toBe('Monday 2 March 2026');
    expect(longDate('2024-02-29')).toBe('Thursday 29 February 2024');
  });
});
