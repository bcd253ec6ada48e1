import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../model/records';
import { unwrap } from '../../model/result';
import type { IntakeStep } from '../../model/referral';
import { intakeStatuses } from '../../model/vocabulary';
import { fhirProblems } from './fhir-test-support';
import { intakeTaskMapping, shortestIntakePath } from './intake-task-mapping';
import { fromFhirServiceRequest, toFhirServiceRequest } from './service-request';

const referral = unwrap(
  parseRecord('referral', {
    id: 'r-1',
    tenantId: 't1',
    officeId: 'off-1',
    contactIds: ['c-1', 'c-2'],
    clinicianId: 'cl-1',
    receivedAt: '2026-03-02T16:00:00Z',
    via: 'prescription-pad',
    checklist: { 'prescription-pad': true, 'warm-handoff': false },
    patient: { reference: 'p-77', displayName: 'J. Doe', consentToShare: true },
    intake: [
      { status: 'declined', at: '2026-03-02T18:00:00Z', reason: 'outside our scope', redirectedTo: 'Oak Psychiatry' },
    ],
    patientContactedAt: '2026-03-02T17:00:00Z',
    reportSentToReferrerAt: '2026-03-03T12:00:00Z',
    notes: 'Call before 5pm.',
  }),
);

const steps: Record<string, IntakeStep> = {
  accepted: { status: 'accepted', at: '2026-03-02T18:00:00Z' },
  declined: { status: 'declined', at: '2026-03-02T18:00:00Z' },
  scheduled: { status: 'scheduled', at: '2026-03-03T18:00:00Z', appointmentAt: '2026-03-09T15:00:00Z' },
  'first-visit-completed': { status: 'first-visit-completed', at: '2026-03-09T16:00:00Z' },
  'no-show': { status: 'no-show', at: '2026-03-09T16:00:00Z' },
  cancelled: { status: 'cancelled', at: '2026-03-09T16:00:00Z' },
};

function issues(result: ReturnType<typeof fromFhirServiceRequest>) {
  if (result.ok) expect.fail('expected a failure');
  return result.error.issues.map(({ resource, pointer, message }) => ({ resource, pointer, message }));
}

describe('toFhirServiceRequest', () => {
  it('maps a referral to a ServiceRequest and a BSeR Task, as valid FHIR R4', () => {
    const { serviceRequest, task } = toFhirServiceRequest(referral);
    expect(fhirProblems(serviceRequest)).toEqual([]);
    expect(fhirProblems(task)).toEqual([]);
    const requester = {
      reference: 'PractitionerRole/c-1',
      identifier: { system: 'urn:referwell:contact', value: 'c-1' },
    };
    const subject = { identifier: { system: 'urn:referwell:patient', value: 'p-77' }, display: 'J. Doe' };
    const clinician = { type: 'Practitioner', identifier: { system: 'urn:referwell:clinician', value: 'cl-1' } };
    expect(serviceRequest).toEqual({
      resourceType: 'ServiceRequest',
      id: 'r-1',
      extension: [
        {
          url: 'urn:referwell:extension:referral-source',
          valueCoding: { system: 'urn:referwell:code-system:referral-source', code: 'prescription-pad' },
        },
        {
          url: 'urn:referwell:extension:referring-office',
          valueReference: {
            reference: 'Organization/off-1',
            identifier: { system: 'urn:referwell:office', value: 'off-1' },
          },
        },
        { url: 'urn:referwell:extension:referring-contact', valueReference: requester },
        {
          url: 'urn:referwell:extension:referring-contact',
          valueReference: {
            reference: 'PractitionerRole/c-2',
            identifier: { system: 'urn:referwell:contact', value: 'c-2' },
          },
        },
        { url: 'urn:referwell:extension:patient-consent-to-share', valueBoolean: true },
        {
          url: 'urn:referwell:extension:checklist-answer',
          extension: [
            { url: 'item', valueCode: 'prescription-pad' },
            { url: 'done', valueBoolean: true },
          ],
        },
        {
          url: 'urn:referwell:extension:checklist-answer',
          extension: [
            { url: 'item', valueCode: 'warm-handoff' },
            { url: 'done', valueBoolean: false },
          ],
        },
      ],
      identifier: [
        {
          system: 'urn:referwell:referral',
          value: 'r-1',
          assigner: { identifier: { system: 'urn:referwell:tenant', value: 't1' } },
        },
      ],
      status: 'revoked',
      intent: 'order',
      category: [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }],
      subject,
      authoredOn: '2026-03-02T16:00:00Z',
      requester,
      performer: [clinician],
      note: [{ text: 'Call before 5pm.' }],
    });
    const srRef = { reference: 'ServiceRequest/r-1', identifier: { system: 'urn:referwell:referral', value: 'r-1' } };
    expect(task).toEqual({
      resourceType: 'Task',
      id: 'r-1',
      extension: [
        {
          url: 'urn:referwell:extension:intake-step',
          extension: [
            { url: 'status', valueCode: 'declined' },
            { url: 'at', valueDateTime: '2026-03-02T18:00:00Z' },
            { url: 'reason', valueString: 'outside our scope' },
            { url: 'redirectedTo', valueString: 'Oak Psychiatry' },
          ],
        },
        { url: 'urn:referwell:extension:patient-contacted-at', valueDateTime: '2026-03-02T17:00:00Z' },
        { url: 'urn:referwell:extension:report-sent-at', valueDateTime: '2026-03-03T12:00:00Z' },
      ],
      basedOn: [srRef],
      status: 'rejected',
      statusReason: { text: 'outside our scope' },
      businessStatus: {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS',
            code: '4.0',
            display: 'Service Request Declined',
          },
        ],
        text: 'Service Request Declined',
      },
      intent: 'order',
      focus: srRef,
      for: subject,
      authoredOn: '2026-03-02T16:00:00Z',
      lastModified: '2026-03-02T18:00:00Z',
      requester,
      owner: clinician,
    });
  });

  it('follows intakeTaskMapping for every intake status', () => {
    for (const status of intakeStatuses) {
      const intake = shortestIntakePath(status).map((s) => steps[s]!);
      const { serviceRequest, task } = toFhirServiceRequest({
        ...referral,
        intake,
        reportSentToReferrerAt: undefined,
      } as never);
      const row = intakeTaskMapping[status];
      expect([task.status, task.businessStatus?.coding?.[0]?.code, serviceRequest.status]).toEqual([
        row.taskStatus,
        row.businessStatus.code,
        row.serviceRequestStatus,
      ]);
    }
  });

  it('never exports the patient name without consent, and names the office when no contact referred', () => {
    const { serviceRequest, task } = toFhirServiceRequest({
      ...referral,
      contactIds: [],
      patient: { reference: 'p-77', displayName: 'J. Doe', consentToShare: false },
    });
    expect(JSON.stringify([serviceRequest, task])).not.toContain('J. Doe');
    expect(serviceRequest.requester).toEqual({
      reference: 'Organization/off-1',
      identifier: { system: 'urn:referwell:office', value: 'off-1' },
    });
  });
});

describe('fromFhirServiceRequest', () => {
  it('reads back what it wrote', () => {
    expect(fromFhirServiceRequest(toFhirServiceRequest(referral), { tenantId: 't1' })).toEqual({
      ok: true,
      value: referral,
    });
  });

  it('reads a ServiceRequest without a Task as received', () => {
    const { serviceRequest } = toFhirServiceRequest({
      ...referral,
      intake: [],
      reportSentToReferrerAt: undefined,
    } as never);
    const result = fromFhirServiceRequest({ serviceRequest }, { tenantId: 't1' });
    expect(result.ok && result.value.intake).toEqual([]);
    expect(result.ok && result.value.patientContactedAt).toBeUndefined();
  });

  it('reads a Task with only a status as the shortest legal path to it', () => {
    const { serviceRequest, task } = toFhirServiceRequest(referral);
    const plain = {
      ...task,
      extension: undefined,
      status: 'in-progress',
      businessStatus: {
        coding: [{ system: 'http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS', code: '5.1.2' }],
      },
      statusReason: undefined,
      lastModified: '2026-03-10T09:00:00-05:00',
      restriction: { period: { start: '2026-03-10T13:30:00Z' } },
    };
    const result = fromFhirServiceRequest({ serviceRequest, task: plain }, { tenantId: 't1' });
    expect(result.ok && result.value.intake).toEqual([
      { status: 'accepted', at: '2026-03-10T14:00:00Z' },
      { status: 'scheduled', at: '2026-03-10T14:00:00Z', appointmentAt: '2026-03-10T13:30:00Z' },
      { status: 'no-show', at: '2026-03-10T14:00:00Z' },
    ]);
    expect(
      issues(
        fromFhirServiceRequest({ serviceRequest, task: { ...plain, businessStatus: undefined } }, { tenantId: 't1' }),
      ),
    ).toEqual([
      {
        resource: 'Task/r-1',
        pointer: '/task/status',
        message: 'task status "in-progress" may be scheduled or no-show: give a BSeR businessStatus',
      },
    ]);
  });

  it('reports an intake history that breaks the lifecycle, or disagrees with the Task status', () => {
    const { serviceRequest, task } = toFhirServiceRequest({
      ...referral,
      intake: [steps['accepted']!, steps['scheduled']!],
      reportSentToReferrerAt: undefined,
    } as never);
    const [accepted, scheduled, ...rest] = task.extension!;
    const swapped = { ...task, extension: [scheduled, accepted, ...rest] };
    expect(issues(fromFhirServiceRequest({ serviceRequest, task: swapped }, { tenantId: 't1' }))).toEqual([
      {
        resource: 'Task/r-1',
        pointer: '/task/status',
        message: 'is "in-progress" but the last intake step is accepted (task status accepted)',
      },
      {
        resource: 'Task/r-1',
        pointer: '/task/businessStatus/coding/0/code',
        message: 'is "5.1.1" but the last intake step is accepted (business status 3.0)',
      },
      {
        resource: 'Task/r-1',
        pointer: '/task/extension/0',
        message: 'referral /intake/0/status: intake cannot go from "received" to "scheduled"',
      },
      {
        resource: 'Task/r-1',
        pointer: '/task/extension/1',
        message: 'referral /intake/1/status: intake cannot go from "scheduled" to "accepted"',
      },
      {
        resource: 'Task/r-1',
        pointer: '/task/extension/1',
        message: 'referral /intake/1/at: is earlier than the step before it (or than receivedAt)',
      },
    ]);
  });

  it('reports malformed steps, a missing subject and a Task about another request', () => {
    const { serviceRequest, task } = toFhirServiceRequest(referral);
    const { subject: _subject, ...noSubject } = serviceRequest;
    const badTask = {
      ...task,
      focus: { reference: 'ServiceRequest/other' },
      basedOn: undefined,
      extension: [
        {
          url: 'urn:referwell:extension:intake-step',
          extension: [
            { url: 'status', valueCode: 'lost' },
            { url: 'at', valueDateTime: '2026-03-02T18:00:00Z' },
          ],
        },
      ],
    };
    expect(issues(fromFhirServiceRequest({ serviceRequest: noSubject, task: badTask }, { tenantId: 't1' }))).toEqual([
      {
        resource: 'Task/r-1',
        pointer: '/task/focus',
        message: 'does not reference the ServiceRequest given with it (focus or basedOn)',
      },
      {
        resource: 'ServiceRequest/r-1',
        pointer: '/serviceRequest/subject',
        message: 'a referral needs a subject: the patient reference',
      },
      {
        resource: 'Task/r-1',
        pointer: '/task/extension/0/extension/0/valueCode',
        message:
          'unknown intake step "lost"; expected one of accepted, declined, scheduled, first-visit-completed, no-show, cancelled',
      },
    ]);
  });

  it('needs the referring-office extension to place a PractitionerRole requester read on its own', () => {
    const { serviceRequest } = toFhirServiceRequest(referral);
    const withoutOffice = {
      ...serviceRequest,
      extension: serviceRequest.extension!.filter((e) => !e.url.endsWith('referring-office')),
    };
    expect(issues(fromFhirServiceRequest({ serviceRequest: withoutOffice }, { tenantId: 't1' }))).toEqual([
      {
        resource: 'ServiceRequest/r-1',
        pointer: '/serviceRequest/requester',
        message:
          'cannot tell which office referred it: give a requester Organization or PractitionerRole, or the urn:referwell:extension:referring-office extension',
      },
    ]);
  });
});
