import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canTransition } from '../../model/intake-transitions';
import { intakeStatuses } from '../../model/vocabulary';
import { fhirJsErrors } from './fhir-test-support';
import {
  intakeStatusesOfTaskStatus,
  intakeStatusOfBusinessStatus,
  intakeTaskMapping,
  shortestIntakePath,
} from './intake-task-mapping';
import { fhirCodeSystems } from './systems';

/** The codes of BSeR STU2's TaskBusinessStatusCS (http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS). */
const bserCodes = {
  '2.0': 'Service Request Created',
  '3.0': 'Service Request Accepted',
  '4.0': 'Service Request Declined',
  '5.2': 'Service Request Cancellation Requested',
  '5.1.1': 'Service Request Event Scheduled',
  '6.0': 'Service Request Fulfillment Cancelled',
  '7.0': 'Service Request Fulfillment Completed',
  '5.1.2': 'Scheduled Service Request Event Unattended',
  '5.1.3': 'Scheduled Service Request Event Cancelled',
  '5.1.4': 'Service Request Event Completed',
} as const;

describe('intakeTaskMapping', () => {
  it('has exactly one row per intake status', () => {
    expect(Object.keys(intakeTaskMapping).sort()).toEqual([...intakeStatuses].sort());
  });

  it('uses BSeR codes with their published displays, each for one status', () => {
    const codes = intakeStatuses.map((status) => intakeTaskMapping[status].businessStatus);
    for (const { code, display } of codes) expect(bserCodes[code as keyof typeof bserCodes]).toBe(display);
    expect(new Set(codes.map(({ code }) => code)).size).toBe(intakeStatuses.length);
  });

  it('uses FHIR R4 task and request statuses (FHIR.js checks the required bindings)', () => {
    for (const status of intakeStatuses) {
      const row = intakeTaskMapping[status];
      expect(fhirJsErrors({ resourceType: 'Task', status: row.taskStatus, intent: 'order' })).toEqual([]);
      expect(
        fhirJsErrors({
          resourceType: 'ServiceRequest',
          status: row.serviceRequestStatus,
          intent: 'order',
          subject: { reference: 'Patient/p' },
        }),
      ).toEqual([]);
    }
  });

  it('reads back: every business status gives its status, every task status its candidates', () => {
    for (const status of intakeStatuses) {
      const row = intakeTaskMapping[status];
      expect(intakeStatusOfBusinessStatus(row.businessStatus.code)).toBe(status);
      expect(intakeStatusesOfTaskStatus(row.taskStatus)).toContain(status);
    }
    expect(intakeStatusesOfTaskStatus('in-progress')).toEqual(['scheduled', 'no-show']);
    expect(intakeStatusOfBusinessStatus('5.2')).toBeUndefined();
  });

  it('marks a final intake status with a final task status', () => {
    const finalTask = new Set(['rejected', 'completed', 'cancelled']);
    for (const status of intakeStatuses) {
      const final = intakeStatuses.every((to) => !canTransition(status, to));
      expect(finalTask.has(intakeTaskMapping[status].taskStatus)).toBe(final);
    }
  });

  it('has shortest legal paths to every status', () => {
    expect(shortestIntakePath('received')).toEqual([]);
    expect(shortestIntakePath('no-show')).toEqual(['accepted', 'scheduled', 'no-show']);
    for (const status of intakeStatuses) {
      const path = shortestIntakePath(status);
      expect(path.at(-1) ?? 'received').toBe(status);
      path.forEach((to, i) => expect(canTransition(i === 0 ? 'received' : path[i - 1]!, to)).toBe(true));
    }
  });

  it('is the table written in docs/fhir.md', () => {
    const docs = readFileSync(new URL('../../../docs/fhir.md', import.meta.url), 'utf8');
    for (const status of intakeStatuses) {
      const row = intakeTaskMapping[status];
      const line = `| \`${status}\` | \`${row.taskStatus}\` | \`${row.businessStatus.code}\` ${row.businessStatus.display} | \`${row.serviceRequestStatus}\` |`;
      expect(docs).toContain(line);
    }
    expect(docs).toContain(fhirCodeSystems.bserTaskBusinessStatus);
  });
});
