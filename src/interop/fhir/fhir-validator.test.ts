import { describe, expect, it } from 'vitest';
import { fhirJsErrors, fhirProblems, structuralErrors } from './fhir-test-support';
import { toFhirOrganization } from './organization';
import { toFhirServiceRequest } from './service-request';
import { parseRecord } from '../../model/records';
import { unwrap } from '../../model/result';

// The tests of this folder trust FHIR.js (`fhir`) to reject invalid resources. These
// prove that it can: each starts from a resource it accepts and breaks it once.

const office = unwrap(
  parseRecord('office', {
    id: 'off-1',
    tenantId: 't1',
    name: 'Elm Street Pediatrics',
    kind: 'pediatrics',
    lifecycle: 'active',
  }),
);
const referral = unwrap(
  parseRecord('referral', {
    id: 'r-1',
    tenantId: 't1',
    officeId: 'off-1',
    receivedAt: '2026-03-02T16:00:00Z',
    via: 'fax',
    patient: { reference: 'p-1' },
    intake: [{ status: 'accepted', at: '2026-03-02T18:00:00Z' }],
  }),
);

describe('the FHIR.js validator the tests rely on', () => {
  it('accepts the resources the library produces', () => {
    const { serviceRequest, task } = toFhirServiceRequest(referral);
    expect(fhirProblems(toFhirOrganization(office))).toEqual([]);
    expect(fhirProblems(serviceRequest)).toEqual([]);
    expect(fhirProblems(task)).toEqual([]);
  });

  it('fails a Task without its required status', () => {
    const { task } = toFhirServiceRequest(referral);
    const { status: _status, ...broken } = task;
    expect(fhirJsErrors(broken)).toEqual(['Task.status: Missing property']);
  });

  it('fails a ServiceRequest without its required subject', () => {
    const { serviceRequest } = toFhirServiceRequest(referral);
    const { subject: _subject, ...broken } = serviceRequest;
    expect(fhirJsErrors(broken)).toEqual(['ServiceRequest.subject: Missing property']);
  });

  it('fails a code outside a required value set', () => {
    const { task } = toFhirServiceRequest(referral);
    expect(fhirJsErrors({ ...task, status: 'scheduled' })).toEqual([
      'Task.status: Code "scheduled" not found in value set',
    ]);
  });

  it('fails a malformed dateTime, boolean, and an unexpected property', () => {
    const organization = toFhirOrganization(office);
    expect(fhirJsErrors({ ...organization, active: 'yes' })).toHaveLength(1);
    expect(fhirJsErrors({ ...organization, lifecycle: 'active' })).toEqual([
      'Organization.lifecycle: Unexpected property',
    ]);
    const { serviceRequest } = toFhirServiceRequest(referral);
    expect(fhirJsErrors({ ...serviceRequest, authoredOn: 'not a date' })).toEqual([
      'ServiceRequest.authoredOn: Invalid dateTime format for value "not a date"',
    ]);
  });

  it('fails an extension without its url, inside a nested extension too', () => {
    const { task } = toFhirServiceRequest(referral);
    const [step] = task.extension!;
    expect(fhirJsErrors({ ...task, extension: [{ valueString: 'x' }] })).toEqual([
      'Task.extension[0].url: Missing property',
    ]);
    expect(fhirJsErrors({ ...task, extension: [{ ...step, extension: [{ valueCode: 'accepted' }] }] })).toHaveLength(1);
  });

  it('is completed by structural checks for what FHIR.js lets through', () => {
    const organization = toFhirOrganization(office);
    // FHIR.js accepts these; the library's own checks catch them.
    expect(fhirJsErrors({ ...organization, id: 'not a FHIR id', name: '' })).toEqual([]);
    expect(structuralErrors({ ...organization, id: 'not a FHIR id', name: '' })).toEqual([
      'Organization.id: not a FHIR id',
      'Organization.name: empty string',
    ]);
    const { task } = toFhirServiceRequest(referral);
    expect(fhirJsErrors({ ...task, lastModified: '2026-13-45' })).toEqual([]);
    expect(structuralErrors({ ...task, lastModified: '2026-13-45' })).toEqual([
      'Task.lastModified: not a FHIR dateTime',
    ]);
    expect(
      structuralErrors({
        ...organization,
        extension: [{ url: 'urn:x', valueString: 'a', extension: [{ url: 'b', valueString: 'c' }] }],
      }),
    ).toEqual(['Organization.extension[0]: value and extensions (ext-1)']);
  });
});
