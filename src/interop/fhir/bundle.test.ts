import { describe, expect, it } from 'vitest';
import { parseRecord, type RecordKind, type RecordTypes } from '../../model/records';
import { unwrap } from '../../model/result';
import { toFhirBundle } from './bundle';
import { fhirProblems } from './fhir-test-support';

const record = <K extends RecordKind>(kind: K, input: unknown): RecordTypes[K] => unwrap(parseRecord(kind, input));
const office = record('office', { id: 'off-1', tenantId: 't1', name: 'Elm Street Pediatrics', kind: 'pediatrics' });
const contact = record('contact', {
  id: 'c-1',
  tenantId: 't1',
  officeId: 'off-1',
  name: 'Dr. Ortiz',
  role: 'physician',
});
const referral = record('referral', {
  id: 'r-1',
  tenantId: 't1',
  officeId: 'off-1',
  contactIds: ['c-1'],
  receivedAt: '2026-03-02T16:00:00Z',
  via: 'fax',
  patient: { reference: 'p-1' },
});
const touchpoint = record('touchpoint', {
  id: 'tp-1',
  tenantId: 't1',
  officeId: 'off-1',
  at: '2026-03-01T15:00:00Z',
  channel: 'phone',
  purposes: ['ask'],
});

describe('toFhirBundle', () => {
  it('puts the resources in a stable order, as a valid collection', () => {
    const bundle = toFhirBundle({
      touchpoints: [touchpoint],
      referrals: [referral],
      contacts: [contact],
      offices: [office],
    });
    expect(fhirProblems(bundle)).toEqual([]);
    expect(bundle.type).toBe('collection');
    expect(bundle.entry?.map((entry) => `${entry.resource?.resourceType}/${entry.resource?.id}`)).toEqual([
      'Organization/off-1',
      'Practitioner/c-1',
      'PractitionerRole/c-1',
      'ServiceRequest/r-1',
      'Task/r-1',
      'Communication/tp-1',
    ]);
    expect(bundle.entry?.[0]).toEqual({ resource: expect.objectContaining({ resourceType: 'Organization' }) });
  });

  it('gives transaction entries an idempotent PUT, and full URLs under a base URL', () => {
    const bundle = toFhirBundle(
      { offices: [office], contacts: [contact] },
      { type: 'transaction', baseUrl: 'https://ehr.example.org/fhir/' },
    );
    expect(fhirProblems(bundle)).toEqual([]);
    expect(bundle.entry?.map(({ fullUrl, request }) => [fullUrl, request])).toEqual([
      ['https://ehr.example.org/fhir/Organization/off-1', { method: 'PUT', url: 'Organization/off-1' }],
      ['https://ehr.example.org/fhir/Practitioner/c-1', { method: 'PUT', url: 'Practitioner/c-1' }],
      ['https://ehr.example.org/fhir/PractitionerRole/c-1', { method: 'PUT', url: 'PractitionerRole/c-1' }],
    ]);
  });

  it('gives a provider the specialty of its office when the office is in the bundle', () => {
    const role = toFhirBundle({ offices: [office], contacts: [contact] }).entry?.[2]?.resource;
    expect(role).toMatchObject({ specialty: [{ coding: [{ code: '394537008' }] }] });
    const alone = toFhirBundle({ contacts: [contact] }).entry?.[1]?.resource;
    expect(alone).not.toHaveProperty('specialty');
  });

  it('leaves out entry when there is nothing to export', () => {
    expect(toFhirBundle({})).toEqual({ resourceType: 'Bundle', type: 'collection' });
  });
});
