import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../model/records';
import { unwrap } from '../../model/result';
import { fhirProblems } from './fhir-test-support';
import { FhirValidationError } from './issues';
import { fromFhirOrganization, toFhirOrganization } from './organization';

const office = unwrap(
  parseRecord('office', {
    id: 'Elm St #1',
    tenantId: 't1',
    name: 'Elm Street Pediatrics',
    kind: 'pediatrics',
    address: {
      line1: '1 Elm St',
      line2: 'Suite 4',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    timeZone: 'America/Chicago',
    tier: 'A',
    tags: ['north', 'lunch-ok'],
    lifecycle: 'closed',
    createdAt: '2025-06-01T12:00:00Z',
    notes: 'Moved to Oak St.',
  }),
);

function issues(result: ReturnType<typeof fromFhirOrganization>) {
  if (result.ok) expect.fail('expected a failure');
  expect(result.error).toBeInstanceOf(FhirValidationError);
  return result.error.issues.map(({ resource, pointer, message }) => ({ resource, pointer, message }));
}

describe('toFhirOrganization', () => {
  it('maps every field of an office, as valid FHIR R4', () => {
    const organization = toFhirOrganization(office);
    expect(fhirProblems(organization)).toEqual([]);
    expect(organization).toEqual({
      resourceType: 'Organization',
      id: expect.stringMatching(/^rwh\.[0-9a-z]{22}$/),
      extension: [
        { url: 'urn:referwell:extension:office-lifecycle', valueCode: 'closed' },
        { url: 'urn:referwell:extension:time-zone', valueCode: 'America/Chicago' },
        { url: 'urn:referwell:extension:tier', valueString: 'A' },
        { url: 'urn:referwell:extension:tag', valueString: 'north' },
        { url: 'urn:referwell:extension:tag', valueString: 'lunch-ok' },
        { url: 'urn:referwell:extension:created-at', valueDateTime: '2025-06-01T12:00:00Z' },
        { url: 'urn:referwell:extension:notes', valueString: 'Moved to Oak St.' },
      ],
      identifier: [
        {
          system: 'urn:referwell:office',
          value: 'Elm St #1',
          assigner: { identifier: { system: 'urn:referwell:tenant', value: 't1' } },
        },
      ],
      active: false,
      type: [
        {
          coding: [
            { system: 'urn:referwell:code-system:office-kind', code: 'pediatrics', display: 'Pediatrics' },
            {
              system: 'http://terminology.hl7.org/CodeSystem/organization-type',
              code: 'prov',
              display: 'Healthcare Provider',
            },
          ],
        },
      ],
      name: 'Elm Street Pediatrics',
      address: [
        { line: ['1 Elm St', 'Suite 4'], city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
      ],
    });
  });

  it('marks a hospital unit as a department, and every lifecycle but closed as active', () => {
    const unit = toFhirOrganization({ ...office, kind: 'hospital-unit', lifecycle: 'dormant' });
    expect(unit.type?.[0]?.coding?.[1]?.code).toBe('dept');
    expect(unit.active).toBe(true);
  });

  it('reads back what it wrote', () => {
    expect(fromFhirOrganization(toFhirOrganization(office), { tenantId: 't1' })).toEqual({ ok: true, value: office });
  });
});

describe('fromFhirOrganization', () => {
  it('reads an Organization from another system with lenient defaults', () => {
    const result = fromFhirOrganization(
      {
        resourceType: 'Organization',
        id: 'org-9',
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
        active: false,
        type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'dept' }] }],
        name: 'Ward 4',
        address: [{ line: ['Main Hospital', 'Floor 4', 'Wing B'], city: 'Madison' }],
        telecom: [{ system: 'phone', value: '555-0100' }],
      },
      { tenantId: 't1' },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'org-9',
        tenantId: 't1',
        name: 'Ward 4',
        kind: 'hospital-unit',
        address: { line1: 'Main Hospital', line2: 'Floor 4, Wing B', city: 'Madison' },
        tags: [],
        lifecycle: 'closed',
      },
    });
  });

  it('reports every problem with its resource and path', () => {
    const organization = toFhirOrganization(office) as unknown as Record<string, unknown>;
    expect(
      issues(
        fromFhirOrganization(
          {
            ...organization,
            id: 'o-1',
            name: undefined,
            active: true,
            identifier: [
              {
                system: 'urn:referwell:office',
                value: 'x',
                assigner: { identifier: { system: 'urn:referwell:tenant', value: 'other' } },
              },
            ],
            type: [{ coding: [{ system: 'urn:referwell:code-system:office-kind', code: 'dentist' }] }],
            extension: [
              { url: 'urn:referwell:extension:office-lifecycle', valueCode: 'closed' },
              { url: 'urn:referwell:extension:time-zone', valueCode: 'Mars/Olympus' },
              { url: 'urn:referwell:extension:tag', valueInteger: 3 },
              { url: 'urn:referwell:extension:created-at', valueDateTime: '2025-06-01' },
            ],
          },
          { tenantId: 't1' },
        ),
      ),
    ).toEqual([
      {
        resource: 'Organization/o-1',
        pointer: '/identifier/0/assigner/identifier/value',
        message: 'belongs to tenant "other", not "t1"',
      },
      { resource: 'Organization/o-1', pointer: '/name', message: 'an office needs a name' },
      {
        resource: 'Organization/o-1',
        pointer: '/type/0/coding/0/code',
        message:
          'unknown office kind "dentist"; expected one of primary-care, pediatrics, ob-gyn, psychiatry, urgent-care, hospital-unit, other',
      },
      {
        resource: 'Organization/o-1',
        pointer: '/active',
        message: 'active is true but the lifecycle extension says closed',
      },
      {
        resource: 'Organization/o-1',
        pointer: '/extension/3/valueDateTime',
        message: '"2025-06-01" is not a date and time with seconds and a time zone, like 2026-03-02T16:00:00Z',
      },
      {
        resource: 'Organization/o-1',
        pointer: '/extension/2/valueString',
        message: 'extension urn:referwell:extension:tag needs a valueString',
      },
      {
        resource: 'Organization/o-1',
        pointer: '/extension/1/valueCode',
        message: 'office /timeZone: must be an IANA time zone such as America/New_York',
      },
    ]);
  });

  it('refuses what is not an Organization', () => {
    expect(issues(fromFhirOrganization({ resourceType: 'Practitioner', id: 'p' }, { tenantId: 't1' }))).toEqual([
      { resource: 'Organization/p', pointer: '/resourceType', message: 'Invalid input: expected "Organization"' },
    ]);
    expect(issues(fromFhirOrganization(null, { tenantId: 't1' }))[0]?.pointer).toBe('');
    expect(issues(fromFhirOrganization({ resourceType: 'Organization', name: 'No id' }, { tenantId: 't1' }))).toEqual([
      {
        resource: 'Organization',
        pointer: '/identifier',
        message: 'an office needs a urn:referwell:office identifier or a resource id',
      },
    ]);
  });
});

describe('an office address with no part', () => {
  it('is left out: FHIR has no empty element', () => {
    const organization = toFhirOrganization({ ...office, address: {} });
    expect(organization.address).toBeUndefined();
    expect(fhirProblems(organization)).toEqual([]);
  });
});
