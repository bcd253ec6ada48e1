import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { parseRecord, recordKinds } from './records';

const office = { id: 'o-1', tenantId: 't1', name: 'Elm Street Pediatrics', kind: 'pediatrics' };

describe('parseRecord', () => {
  it('validates and fills defaults', () => {
    const result = parseRecord('office', office);
    expect(result.ok && result.value).toEqual({ ...office, tags: [], lifecycle: 'prospect' });
  });

  it('lists every kind', () => {
    expect(recordKinds).toEqual([
      'office',
      'contact',
      'clinician',
      'practice-message',
      'touchpoint',
      'referral',
      'thank-you',
      'action-decision',
    ]);
  });

  it('rejects an unknown key by name', () => {
    const result = parseRecord('office', { ...office, officeName: 'x' });
    expect(!result.ok && result.error.issues).toEqual([
      { path: ['officeName'], pointer: '/officeName', message: 'unknown key "officeName"', code: 'unrecognized_keys' },
    ]);
  });

  it('names the kind in the error', () => {
    const result = parseRecord('contact', { ...office, role: 'wizard' });
    expect(!result.ok && result.error).toBeInstanceOf(ValidationError);
    expect(!result.ok && result.error.subject).toBe('contact');
    expect(!result.ok && result.error.message.startsWith('[referwell] invalid contact: ')).toBe(true);
  });

  it('rejects a wrong NPI check digit with a clear message', () => {
    const result = parseRecord('contact', {
      id: 'c-1', tenantId: 't1', officeId: 'o-1', name: 'Dr. Ames', role: 'physician', npi: '1234567890',
    });
    expect(!result.ok && result.error.issues[0]).toMatchObject({
      pointer: '/npi',
      message: 'NPI check digit is wrong: for 123456789 it must be 3, not 0',
    });
  });

  it('rejects instants that are not UTC or not real', () => {
    const base = { id: 't', tenantId: 't1', officeId: 'o-1', channel: 'phone', purposes: ['ask'] };
    for (const at of ['2026-03-01T10:00:00+01:00', '2026-02-30T10:00:00Z', '2026-03-01', '']) {
      expect(parseRecord('touchpoint', { ...base, at }).ok, at).toBe(false);
    }
    expect(parseRecord('touchpoint', { ...base, at: '2026-03-01T10:00:00.250Z' }).ok).toBe(true);
  });

  it('rejects repeated purposes and empty purposes', () => {
    const base = { id: 't', tenantId: 't1', officeId: 'o-1', channel: 'phone', at: '2026-03-01T10:00:00Z' };
    expect(parseRecord('touchpoint', { ...base, purposes: [] }).ok).toBe(false);
    const repeated = parseRecord('touchpoint', { ...base, purposes: ['ask', 'ask'] });
    expect(!repeated.ok && repeated.error.issues[0]?.pointer).toBe('/purposes/1');
  });

  it('rejects an illegal intake path inside a stored referral', () => {
    const result = parseRecord('referral', {
      id: 'r', tenantId: 't1', officeId: 'o-1', receivedAt: '2026-03-01T10:00:00Z', via: 'fax',
      patient: { reference: 'p' },
      intake: [{ status: 'first-visit-completed', at: '2026-03-02T10:00:00Z' }],
    });
    expect(!result.ok && result.error.issues[0]).toMatchObject({
      pointer: '/intake/0/status',
      message: 'intake cannot go from "received" to "first-visit-completed"',
    });
  });

  it('rejects a step dated before the referral was received', () => {
    const result = parseRecord('referral', {
      id: 'r', tenantId: 't1', officeId: 'o-1', receivedAt: '2026-03-01T10:00:00Z', via: 'fax',
      patient: { reference: 'p' },
      intake: [{ status: 'accepted', at: '2026-03-01T09:00:00Z' }],
    });
    expect(!result.ok && result.error.issues[0]?.pointer).toBe('/intake/0/at');
  });

  it('parses each decision outcome', () => {
    const base = { id: 'd', tenantId: 't1', actionId: 'a', decidedAt: '2026-03-01T10:00:00Z' };
    expect(parseRecord('action-decision', { ...base, outcome: 'done' }).ok).toBe(true);
    expect(parseRecord('action-decision', { ...base, outcome: 'snoozed', until: '2026-04-01' }).ok).toBe(true);
    expect(parseRecord('action-decision', { ...base, outcome: 'dismissed', reason: 'closed office' }).ok).toBe(true);
    expect(parseRecord('action-decision', { ...base, outcome: 'snoozed' }).ok).toBe(false);
  });

  it('rejects ids with control characters and over-long ids', () => {
    expect(parseRecord('office', { ...office, id: 'a\u0000b' }).ok).toBe(false);
    expect(parseRecord('office', { ...office, id: 'x'.repeat(201) }).ok).toBe(false);
  });

  it('keeps unicode text intact', () => {
    const result = parseRecord('office', { ...office, name: 'Clínica São José — 東京' });
    expect(result.ok && result.value.name).toBe('Clínica São José — 東京');
  });
});

describe('ids', () => {
  it('rejects lone surrogates, which a UTF-8 database would merge, and keeps astral characters', () => {
    const office = { tenantId: 't1', name: 'X', kind: 'other' };
    expect(parseRecord('office', { ...office, id: 'lone-\uD800' }).ok).toBe(false);
    expect(parseRecord('office', { ...office, id: 'lone-\uDFFF' }).ok).toBe(false);
    expect(parseRecord('office', { ...office, id: 'emoji-😀' }).ok).toBe(true);
  });
});
