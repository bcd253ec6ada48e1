import { describe, expect, it } from 'vitest';
import { smallPractice } from '../../test/fixtures';
import { indexSnapshot } from './history';
import { unwrap } from './result';
import { parseSnapshot } from './snapshot';

const snapshot = unwrap(parseSnapshot(smallPractice()));

describe('indexSnapshot', () => {
  const index = indexSnapshot(snapshot);

  it('keys offices in ascending id order', () => {
    expect([...index.offices.keys()]).toEqual(['off-a', 'off-b']);
  });

  it('groups each office’s records and sorts them oldest first', () => {
    const a = index.offices.get('off-a')!;
    expect(a.touchpoints.map((t) => t.record.id)).toEqual(['tp-1', 'tp-2']);
    expect(a.contacts.map((c) => c.id)).toEqual(['c-1', 'c-2']);
    expect(a.referrals.map((r) => r.record.id)).toEqual(['r-1']);
    expect(a.thankYous.map((t) => t.record.id)).toEqual(['ty-1']);
    expect(index.offices.get('off-b')!.touchpoints).toEqual([]);
  });

  it('parses timestamps once, as epoch milliseconds', () => {
    const a = index.offices.get('off-a')!;
    expect(a.touchpoints[0]!.at).toBe(Date.UTC(2026, 0, 5, 15));
    const referral = a.referrals[0]!;
    expect(referral.status).toBe('first-visit-completed');
    expect(referral.contactedAt).toBe(Date.UTC(2026, 1, 12, 17));
    expect(referral.firstVisitAt).toBe(Date.UTC(2026, 1, 18, 16));
    expect(referral.stepTimes).toHaveLength(3);
  });

  it('uses the office’s time zone, else the practice’s', () => {
    expect(index.offices.get('off-a')!.timeZone).toBe('America/New_York');
    expect(index.offices.get('off-b')!.timeZone).toBe('America/Chicago');
  });

  it('finds the current message', () => {
    expect(index.currentMessage?.version).toBe(1);
  });

  it('does not depend on the order of records', () => {
    const reversed = {
      ...snapshot,
      offices: [...snapshot.offices].reverse(),
      contacts: [...snapshot.contacts].reverse(),
      touchpoints: [...snapshot.touchpoints].reverse(),
    };
    const other = indexSnapshot(reversed);
    expect([...other.offices.entries()]).toEqual([...index.offices.entries()]);
    expect([...other.contacts.keys()]).toEqual([...index.contacts.keys()]);
  });

  it('breaks ties in time by id', () => {
    const tied = {
      ...snapshot,
      touchpoints: snapshot.touchpoints.map((t) => ({ ...t, at: '2026-01-05T15:00:00Z' })),
    };
    expect(indexSnapshot(tied).offices.get('off-a')!.touchpoints.map((t) => t.record.id)).toEqual(['tp-1', 'tp-2']);
  });
});
