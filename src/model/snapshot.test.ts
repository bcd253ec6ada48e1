import { describe, expect, it } from 'vitest';
import { smallPractice } from '../../test/fixtures';
import { ValidationError } from '../errors';
import { unwrap } from './result';
import { parseSnapshot } from './snapshot';

function pointers(input: unknown): string[] {
  const result = parseSnapshot(input);
  if (result.ok) return [];
  return result.error.issues.map((issue) => issue.pointer);
}

describe('parseSnapshot', () => {
  it('accepts a consistent practice and fills defaults', () => {
    const snapshot = unwrap(parseSnapshot(smallPractice()));
    expect(snapshot.offices).toHaveLength(2);
    expect(snapshot.contacts.find((c) => c.id === 'c-1')?.active).toBe(true);
    expect(snapshot.touchpoints[0]?.collateral).toBeUndefined();
  });

  it('accepts an empty practice', () => {
    const result = parseSnapshot({ practice: { tenantId: 't', name: 'P', timeZone: 'UTC' } });
    expect(result.ok && result.value.referrals).toEqual([]);
  });

  it('rejects a record of another tenant, naming it', () => {
    const input = smallPractice();
    input.touchpoints![1] = { ...input.touchpoints![1]!, tenantId: 't2' };
    const result = parseSnapshot(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues[0]).toMatchObject({
      pointer: '/touchpoints/1/tenantId',
      message: 'belongs to tenant "t2", not "t1"',
    });
  });

  it('rejects duplicate ids and duplicate message versions', () => {
    const input = smallPractice();
    input.contacts!.push({ ...input.contacts![0]! });
    input.messages!.push({ ...input.messages![0]!, id: 'm-2' });
    expect(pointers(input)).toEqual(['/contacts/3/id', '/messages/1/version']);
  });

  it('rejects references that do not resolve', () => {
    const input = smallPractice();
    input.contacts![2] = { ...input.contacts![2]!, officeId: 'off-zzz' };
    input.touchpoints![0] = { ...input.touchpoints![0]!, contactIds: ['c-1', 'c-404'], clinicianId: 'cl-9' };
    input.thankYous![0] = { ...input.thankYous![0]!, referralIds: ['r-9'] };
    expect(pointers(input)).toEqual([
      '/contacts/2/officeId',
      '/touchpoints/0/contactIds/1',
      '/touchpoints/0/clinicianId',
      '/thankYous/0/referralIds/0',
    ]);
  });

  it('rejects a contact named on a record of another office', () => {
    const input = smallPractice();
    input.referrals![0] = { ...input.referrals![0]!, contactIds: ['c-3'] };
    const result = parseSnapshot(input);
    expect(!result.ok && result.error.issues[0]?.message).toBe('contact "c-3" works at office "off-b", not "off-a"');
  });

  it('reports every problem at once, with paths into nested records', () => {
    const input = smallPractice();
    input.touchpoints![0] = { ...input.touchpoints![0]!, at: 'last tuesday', channel: 'pigeon' as never, minutes: -5 };
    input.offices![0] = { ...input.offices![0]!, bogus: 1 } as never;
    expect(pointers(input).sort()).toEqual(
      ['/offices/0/bogus', '/touchpoints/0/at', '/touchpoints/0/channel', '/touchpoints/0/minutes'].sort(),
    );
  });

  it.each([null, 42, 'snapshot', [], { practice: null }])('fails without throwing on %j', (input) => {
    const result = parseSnapshot(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBeInstanceOf(ValidationError);
  });

  it('says what was validated in the error message', () => {
    const result = parseSnapshot({ practice: { tenantId: 't', name: 'P', timeZone: 'Mars/Base' } });
    expect(!result.ok && result.error.message).toBe(
      '[referwell] invalid snapshot: /practice/timeZone: must be an IANA time zone such as America/New_York',
    );
  });
});
