import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { assertTimeZone, isValidTimeZone } from './time-zone';

describe('the test environment', () => {
  it('runs in Pacific/Chatham, so a leak of the host zone shows up', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Pacific/Chatham');
    expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).toBe(-825);
  });
});

describe('isValidTimeZone', () => {
  it.each(['America/New_York', 'Australia/Sydney', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC', 'Etc/UTC'])(
    'knows %s',
    (name) => {
      expect(isValidTimeZone(name)).toBe(true);
    },
  );

  it.each([
    ['an invented zone', 'Mars/Olympus_Mons'],
    ['the empty string', ''],
    ['a name longer than 64 characters', `America/${'x'.repeat(64)}`],
    ['a city without its region', 'New_York'],
  ])('rejects %s', (_, name) => {
    expect(isValidTimeZone(name)).toBe(false);
  });

  it('answers the same way twice (the answer is cached)', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('America/Chicago')).toBe(true);
  });
});

describe('assertTimeZone', () => {
  it('accepts a known zone', () => {
    expect(() => assertTimeZone('America/New_York')).not.toThrow();
  });

  it('throws a ValidationError naming the zone', () => {
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(ValidationError);
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(/"Mars\/Olympus_Mons" is not an IANA time zone/);
  });

  it('rejects a value that is not a string (JavaScript callers)', () => {
    expect(() => assertTimeZone(5 as unknown as string)).toThrow(ValidationError);
  });
});
