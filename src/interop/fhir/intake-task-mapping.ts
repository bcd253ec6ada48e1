import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import { intakeTransitions } from '../../model/intake-transitions';
import { intakeStatuses, type IntakeStatus } from '../../model/vocabulary';

/**
 * One row of {@link intakeTaskMapping}: how a referral in one intake status looks
 * in FHIR.
 *
 * @category Interop
 */
export interface IntakeTaskRow {
  /** `Task.status` (FHIR R4 task-status). */
  readonly taskStatus: Task['status'];
  /** `Task.businessStatus`: a code of the BSeR Task Business Status code system, with its display. */
  readonly businessStatus: { readonly code: string; readonly display: string };
  /** `ServiceRequest.status` (FHIR R4 request-status). */
  readonly serviceRequestStatus: ServiceRequest['status'];
}

/**
 * The referral intake lifecycle in FHIR, as ONE table: for each intake status, the
 * `Task.status`, the BSeR `Task.businessStatus` code
 * (`http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS`, STU2) and the
 * `ServiceRequest.status`. Exporters read it one way, importers the other; the
 * same table is in docs/fhir.md.
 *
 * | intake status | Task.status | businessStatus | ServiceRequest.status |
 * | --- | --- | --- | --- |
 * | `received` | `requested` | `2.0` Service Request Created | `active` |
 * | `accepted` | `accepted` | `3.0` Service Request Accepted | `active` |
 * | `declined` | `rejected` | `4.0` Service Request Declined | `revoked` |
 * | `scheduled` | `in-progress` | `5.1.1` Service Request Event Scheduled | `active` |
 * | `first-visit-completed` | `completed` | `5.1.4` Service Request Event Completed | `completed` |
 * | `no-show` | `in-progress` | `5.1.2` Scheduled Service Request Event Unattended | `active` |
 * | `cancelled` | `cancelled` | `6.0` Service Request Fulfillment Cancelled | `revoked` |
 *
 * `Task.status` alone does not tell `scheduled` from `no-show` (both
 * `in-progress`): the business status does.
 *
 * @example
 * ```ts
 * intakeTaskMapping['no-show'].businessStatus.code; //=> '5.1.2'
 * intakeTaskMapping.declined.taskStatus; //=> 'rejected'
 * ```
 * @category Interop
 */
export const intakeTaskMapping = {
  received: {
    taskStatus: 'requested',
    businessStatus: { code: '2.0', display: 'Service Request Created' },
    serviceRequestStatus: 'active',
  },
  accepted: {
    taskStatus: 'accepted',
    businessStatus: { code: '3.0', display: 'Service Request Accepted' },
    serviceRequestStatus: 'active',
  },
  declined: {
    taskStatus: 'rejected',
    businessStatus: { code: '4.0', display: 'Service Request Declined' },
    serviceRequestStatus: 'revoked',
  },
  scheduled: {
    taskStatus: 'in-progress',
    businessStatus: { code: '5.1.1', display: 'Service Request Event Scheduled' },
    serviceRequestStatus: 'active',
  },
  'first-visit-completed': {
    taskStatus: 'completed',
    businessStatus: { code: '5.1.4', display: 'Service Request Event Completed' },
    serviceRequestStatus: 'completed',
  },
  'no-show': {
    taskStatus: 'in-progress',
    businessStatus: { code: '5.1.2', display: 'Scheduled Service Request Event Unattended' },
    serviceRequestStatus: 'active',
  },
  cancelled: {
    taskStatus: 'cancelled',
    businessStatus: { code: '6.0', display: 'Service Request Fulfillment Cancelled' },
    serviceRequestStatus: 'revoked',
  },
} as const satisfies Readonly<Record<IntakeStatus, IntakeTaskRow>>;

/**
 * The intake status a BSeR business-status code stands for, by
 * {@link intakeTaskMapping}; `undefined` for a code outside the table.
 *
 * @param code - A code of the BSeR Task Business Status code system.
 * @returns The intake status, or `undefined`.
 * @throws Never.
 * @example
 * ```ts
 * intakeStatusOfBusinessStatus('5.1.1'); //=> 'scheduled'
 * intakeStatusOfBusinessStatus('5.2'); //=> undefined
 * ```
 * @category Interop
 */
export function intakeStatusOfBusinessStatus(code: string): IntakeStatus | undefined {
  return intakeStatuses.find((status) => intakeTaskMapping[status].businessStatus.code === code);
}

/**
 * The intake statuses a `Task.status` can stand for, by {@link intakeTaskMapping}:
 * one, two (`in-progress`: `scheduled` or `no-show`) or none.
 *
 * @param taskStatus - A FHIR task status.
 * @returns The intake statuses whose row has that task status.
 * @throws Never.
 * @example
 * ```ts
 * intakeStatusesOfTaskStatus('in-progress'); //=> ['scheduled', 'no-show']
 * intakeStatusesOfTaskStatus('on-hold'); //=> []
 * ```
 * @category Interop
 */
export function intakeStatusesOfTaskStatus(taskStatus: string): IntakeStatus[] {
  return intakeStatuses.filter((status) => intakeTaskMapping[status].taskStatus === taskStatus);
}

/**
 * The shortest legal intake path from `received` to `status` (the statuses after
 * `received`), by breadth-first search over {@link intakeTransitions}. Used when a
 * Task carries only its current status.
 *
 * @internal
 */
export function shortestIntakePath(status: IntakeStatus): IntakeStatus[] {
  const previous = new Map<IntakeStatus, IntakeStatus>();
  const queue: IntakeStatus[] = ['received'];
  const seen = new Set<IntakeStatus>(queue);
  while (queue.length > 0) {
    const from = queue.shift()!;
    if (from === status) break;
    for (const to of intakeTransitions[from] as readonly IntakeStatus[]) {
      if (seen.has(to)) continue;
      seen.add(to);
      previous.set(to, from);
      queue.push(to);
    }
  }
  const path: IntakeStatus[] = [];
  for (let at: IntakeStatus | undefined = status; at !== undefined && at !== 'received'; at = previous.get(at))
    path.unshift(at);
  return path;
}
