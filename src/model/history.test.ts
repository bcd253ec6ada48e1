import { describe, expect, it } from 'vitest';
import { smallPractice } from '../../test/fixtures';
import {
  buildOfficeHistory,
  contactsOfGroup,
  groupSnapshot,
  historyOfGroup,
  historyWith,
  indexSnapshot,
  pairTimed,
  referralEntry,
} from './history';
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
    expect(referral.stepTimes).toEqual([
      Date.UTC(2026, 1, 12, 18),
      Date.UTC(2026, 1, 13, 15),
      Date.UTC(2026, 1, 18, 16),
    ]);
  });

  it('takes a referral’s first visit from its first first-visit-completed step', () => {
    const referral = snapshot.referrals[0]!;
    const twice = referralEntry({
      ...referral,
      intake: [...referral.intake, { status: 'first-visit-completed', at: '2026-02-25T16:00:00Z' }],
    });
    expect(twice.firstVisitAt).toBe(Date.UTC(2026, 1, 18, 16));
    expect(referralEntry({ ...referral, intake: referral.intake.slice(0, 2) }).firstVisitAt).toBeUndefined();
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

  it('leaves out touchpoints of an office the snapshot lacks, wherever they come', () => {
    const stray = { ...snapshot.touchpoints[0]!, id: 'tp-stray', officeId: 'off-gone' };
    const [first, ...rest] = snapshot.touchpoints;
    const other = indexSnapshot({ ...snapshot, touchpoints: [stray, first!, stray, ...rest, stray] });
    expect([...other.offices.keys()]).toEqual(['off-a', 'off-b']);
    expect([...other.offices.entries()]).toEqual([...index.offices.entries()]);
  });

  it('breaks ties in time by id', () => {
    const tied = {
      ...snapshot,
      touchpoints: snapshot.touchpoints.map((t) => ({ ...t, at: '2026-01-05T15:00:00Z' })),
    };
    expect(indexSnapshot(tied).offices.get('off-a')!.touchpoints.map((t) => t.record.id)).toEqual(['tp-1', 'tp-2']);
  });

  it('keeps touchpoints as parallel lists of records and times, with `touchpoints` a view of them', () => {
    const a = index.offices.get('off-a')!;
    expect(a.touchpointRecords.map((t) => t.id)).toEqual(['tp-1', 'tp-2']);
    expect(a.touchpointTimes).toEqual(a.touchpointRecords.map((t) => Date.parse(t.at)));
    expect(a.touchpoints).toEqual(pairTimed(a.touchpointRecords, a.touchpointTimes));
    // Built once, on the first read.
    expect(a.touchpoints).toBe(a.touchpoints);
    for (let i = 0; i < a.touchpoints.length; i += 1) expect(a.touchpoints[i]!.record).toBe(a.touchpointRecords[i]);
  });

  it('defines `touchpoints` with one getter shared by every history, enumerable like a data property', () => {
    // One getter for all: V8 then gives every history one shape (a getter per
    // history keeps each one's properties in a dictionary).
    const a = index.offices.get('off-a')!;
    const b = index.offices.get('off-b')!;
    const getter = Object.getOwnPropertyDescriptor(a, 'touchpoints');
    expect(getter).toMatchObject({ enumerable: true, configurable: true });
    expect(typeof getter?.get).toBe('function');
    const built = buildOfficeHistory(a.office, a.context, { contacts: [], touchpoints: [], referrals: [], thankYous: [] });
    for (const other of [b, historyWith(a, {}), built]) {
      expect(Object.getOwnPropertyDescriptor(other, 'touchpoints')?.get).toBe(getter?.get);
    }
    expect(Object.keys(a).sort()).toEqual(
      ['contacts', 'context', 'office', 'referrals', 'thankYous', 'timeZone', 'touchpointRecords', 'touchpointTimes', 'touchpoints'].sort(),
    );
  });

  it('gives each history its own view, and a spread copies it', () => {
    const a = index.offices.get('off-a')!;
    const b = index.offices.get('off-b')!;
    expect(b.touchpoints.map((t) => t.record.officeId)).toEqual(b.touchpointRecords.map(() => 'off-b'));
    expect({ ...a }.touchpoints).toBe(a.touchpoints);
    expect(historyWith(a, { touchpointRecords: [], touchpointTimes: [] }).touchpoints).toEqual([]);
    expect(a.touchpoints).toHaveLength(2);
  });

  it('keeps an office id given twice at its first place, with its last record', () => {
    const a = snapshot.offices.find((office) => office.id === 'off-a')!;
    const renamed = { ...a, name: 'Renamed' };
    const twice = indexSnapshot({ ...snapshot, offices: [a, ...snapshot.offices.filter((office) => office !== a), renamed] });
    expect([...twice.offices.keys()]).toEqual(['off-a', 'off-b']);
    expect(twice.offices.get('off-a')!.office).toBe(renamed);
    expect(twice.offices.get('off-a')!.touchpointRecords).toEqual(index.offices.get('off-a')!.touchpointRecords);
  });
});

describe('groupSnapshot and historyOfGroup', () => {
  it('group records by office without reading them; each history equals the index’s', () => {
    const groups = groupSnapshot(snapshot);
    const index = indexSnapshot(snapshot);
    expect([...groups.offices.keys()]).toEqual([...index.offices.keys()]);
    expect([...groups.offices.values()].map((group) => group.position)).toEqual([0, 1]);
    expect(groups.decisions).toEqual(index.decisions);
    for (const [id, group] of groups.offices) expect(historyOfGroup(groups, group)).toEqual(index.offices.get(id));
  });

  it('place each office’s records in the snapshot’s order, leaving out offices the snapshot lacks', () => {
    const [t1, t2, ...rest] = snapshot.touchpoints;
    const stray = { ...t1!, id: 'tp-stray', officeId: 'off-gone' };
    // The office's touchpoints apart from each other: gathered one by one, not sliced.
    const touchpoints = [t1!, stray, ...rest, t2!];
    const groups = groupSnapshot({ ...snapshot, touchpoints });
    const { order, start } = groups.touchpoints;
    const k = groups.offices.get(t1!.officeId)!.position;
    const held = Array.from(order.subarray(start[k], start[k + 1]), (i) => touchpoints[i]!);
    expect(held).toEqual(touchpoints.filter((t) => t.officeId === t1!.officeId));
    // Every touchpoint but the stray one is placed, once.
    expect(start.at(-1)).toBe(touchpoints.length - 1);
    expect(historyOfGroup(groups, groups.offices.get(t1!.officeId)!)).toEqual(indexSnapshot(snapshot).offices.get(t1!.officeId));
  });

  it('give each office’s contacts sorted by id', () => {
    const groups = groupSnapshot({ ...snapshot, contacts: [...snapshot.contacts].reverse() });
    for (const group of groups.offices.values()) {
      const ids = contactsOfGroup(groups, group).map((contact) => contact.id);
      expect(ids).toEqual([...ids].sort());
      expect(ids).toEqual(snapshot.contacts.filter((contact) => contact.officeId === group.office.id).map((c) => c.id).sort());
    }
  });

  it('keep an office id given twice at its first place, with its last record', () => {
    const a = snapshot.offices.find((office) => office.id === 'off-a')!;
    const renamed = { ...a, name: 'Renamed' };
    const groups = groupSnapshot({ ...snapshot, offices: [a, ...snapshot.offices.filter((office) => office !== a), renamed] });
    expect([...groups.offices.values()].map((group) => [group.office.name, group.position])).toEqual([
      ['Renamed', 0],
      [snapshot.offices.find((office) => office.id === 'off-b')!.name, 1],
    ]);
  });
});
