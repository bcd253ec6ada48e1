import type {
  Extension,
  Organization,
  Patient,
  PractitionerRole,
  Reference,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import { match } from 'ts-pattern';
import { z } from 'zod';
import { intakeStatus, type IntakeStep, type Referral } from '../../model/referral';
import { intakeStatuses, referralSources, type IntakeStatus, type ReferralSource } from '../../model/vocabulary';
import {
  clinicianReference,
  codeableConceptSchema,
  compact,
  extensionList,
  extensionsSchema,
  extensionsWithUrl,
  idFromReference,
  identifierSchema,
  identifierWithSystem,
  optional,
  parseIn,
  readExtensionValue,
  readInstant,
  readReferwellId,
  readSingleExtension,
  readSubExtensions,
  recordReference,
  referenceSchema,
  referwellIdentifier,
  typeList,
  type ExtensionStub,
} from './datatypes';
import { toFhirId } from './fhir-id';
import {
  intakeStatusesOfTaskStatus,
  intakeStatusOfBusinessStatus,
  intakeTaskMapping,
  shortestIntakePath,
} from './intake-task-mapping';
import {
  FhirValidationError,
  labelOf,
  nonEmpty,
  report,
  type FhirIssue,
  type FhirResult,
  type JsonPath,
  type ResourceContext,
} from './issues';
import type { FromFhirOptions } from './organization';
import { finishRecord, RecordOrigins, UNRESOLVED, UNRESOLVED_INSTANT } from './record-origins';
import { fhirCodeSystems, fhirExtensionUrls, fhirIdentifierSystems } from './systems';

/**
 * A referral as FHIR R4 resources: the request (ServiceRequest) and the task that
 * tracks its intake (Task).
 *
 * @category Interop
 */
export interface FhirReferral {
  /** What was asked: the referral itself. */
  readonly serviceRequest: ServiceRequest;
  /** Where it stands: the intake lifecycle (BSeR referral task). */
  readonly task: Task;
}

const REFERRAL_CATEGORY = { system: fhirCodeSystems.snomed, code: '3457005', display: 'Patient referral' } as const;

/** The patient as a FHIR reference: the opaque reference as an identifier; the name only with consent. */
function patientReference(patient: Referral['patient']): Reference<Patient> {
  return {
    identifier: { system: fhirIdentifierSystems.patient, value: patient.reference },
    ...(patient.consentToShare && patient.displayName !== undefined ? { display: patient.displayName } : {}),
  };
}

/** One intake step as a complex extension. */
function stepExtension(step: IntakeStep): Extension {
  const common: Extension[] = [
    { url: 'status', valueCode: step.status },
    { url: 'at', valueDateTime: step.at },
  ];
  const details: (Extension | undefined)[] = match(step)
    .with({ status: 'scheduled' }, (s) => [{ url: 'appointmentAt', valueDateTime: s.appointmentAt }])
    .with({ status: 'declined' }, (s) => [
      s.reason === undefined ? undefined : { url: 'reason', valueString: s.reason },
      s.redirectedTo === undefined ? undefined : { url: 'redirectedTo', valueString: s.redirectedTo },
    ])
    .with({ status: 'cancelled' }, (s) => [
      s.reason === undefined ? undefined : { url: 'reason', valueString: s.reason },
    ])
    .with({ status: 'accepted' }, { status: 'first-visit-completed' }, { status: 'no-show' }, () => [])
    .exhaustive();
  return { url: fhirExtensionUrls.intakeStep, extension: [...common, ...compact(details)] };
}

/**
 * A referral as a FHIR R4 ServiceRequest and Task, following BSeR's referral task:
 *
 * - ServiceRequest: `identifier` (`urn:referwell:referral`), `status` and the
 *   Task's `status` / `businessStatus` from {@link intakeTaskMapping}, `intent`
 *   `order`, `category` SNOMED CT 3457005 *Patient referral*, `subject` (the opaque
 *   patient reference as an identifier; its display name only when the patient
 *   consented), `authoredOn` = `receivedAt`, `requester` (the first referring
 *   contact's PractitionerRole, else the office), `performer` (the clinician),
 *   `note`; extensions for how it arrived, the referring office, every referring
 *   contact in order, the consent flag and each checklist answer.
 * - Task: `focus` and `basedOn` the ServiceRequest, `for` the patient,
 *   `requester`, `owner` (the clinician), `authoredOn`, `lastModified` (the last
 *   step's time), `statusReason` (a decline or cancel reason); the intake history
 *   as one `intake-step` extension per step, in order, plus the patient-contacted
 *   and report-sent times. That history makes the round trip exact.
 *
 * @param referral - A validated referral.
 * @returns Both resources.
 * @throws Never for a record the model validated (the types ask for one).
 * @example
 * ```ts
 * const { task } = toFhirServiceRequest(declinedReferral);
 * task.status; //=> 'rejected'
 * task.businessStatus?.coding?.[0]?.code; //=> '4.0'
 * ```
 * @category Interop
 */
export function toFhirServiceRequest(referral: Referral): FhirReferral {
  const status = intakeStatus(referral);
  const row = intakeTaskMapping[status];
  const id = toFhirId(referral.id);
  const [firstContact] = referral.contactIds;
  const requester: Reference<Organization | PractitionerRole> =
    firstContact === undefined
      ? recordReference<Organization>('Organization', 'office', referral.officeId)
      : recordReference<PractitionerRole>('PractitionerRole', 'contact', firstContact);
  const subject = patientReference(referral.patient);
  const last = referral.intake.at(-1);
  const reason =
    last !== undefined && (last.status === 'declined' || last.status === 'cancelled') ? last.reason : undefined;

  const serviceRequest: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id,
    ...extensionList([
      {
        url: fhirExtensionUrls.referralSource,
        valueCoding: { system: fhirCodeSystems.referralSource, code: referral.via },
      },
      {
        url: fhirExtensionUrls.referringOffice,
        valueReference: recordReference('Organization', 'office', referral.officeId),
      },
      ...referral.contactIds.map((contactId) => ({
        url: fhirExtensionUrls.referringContact,
        valueReference: recordReference('PractitionerRole', 'contact', contactId),
      })),
      referral.patient.consentToShare ? { url: fhirExtensionUrls.patientConsent, valueBoolean: true } : undefined,
      ...Object.entries(referral.checklist).map(([item, done]) => ({
        url: fhirExtensionUrls.checklistAnswer,
        extension: [
          { url: 'item', valueCode: item },
          { url: 'done', valueBoolean: done },
        ],
      })),
    ]),
    identifier: [referwellIdentifier('referral', referral.id, referral.tenantId)],
    status: row.serviceRequestStatus,
    intent: 'order',
    category: [{ coding: [{ ...REFERRAL_CATEGORY }] }],
    subject,
    authoredOn: referral.receivedAt,
    requester,
    ...(referral.clinicianId === undefined ? {} : { performer: [clinicianReference(referral.clinicianId)] }),
    ...(referral.notes ? { note: [{ text: referral.notes }] } : {}),
  };

  const task: Task = {
    resourceType: 'Task',
    id,
    ...extensionList([
      ...referral.intake.map(stepExtension),
      referral.patientContactedAt === undefined
        ? undefined
        : { url: fhirExtensionUrls.patientContactedAt, valueDateTime: referral.patientContactedAt },
      referral.reportSentToReferrerAt === undefined
        ? undefined
        : { url: fhirExtensionUrls.reportSentAt, valueDateTime: referral.reportSentToReferrerAt },
    ]),
    basedOn: [recordReference('ServiceRequest', 'referral', referral.id)],
    status: row.taskStatus,
    ...(reason === undefined ? {} : { statusReason: { text: reason } }),
    businessStatus: {
      coding: [{ system: fhirCodeSystems.bserTaskBusinessStatus, ...row.businessStatus }],
      text: row.businessStatus.display,
    },
    intent: 'order',
    focus: recordReference('ServiceRequest', 'referral', referral.id),
    for: subject,
    authoredOn: referral.receivedAt,
    lastModified: last?.at ?? referral.receivedAt,
    requester,
    ...(referral.clinicianId === undefined ? {} : { owner: clinicianReference(referral.clinicianId) }),
  };
  return { serviceRequest, task };
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/** What the referral reader needs of a ServiceRequest. @internal */
export const serviceRequestSchema = z.object({
  resourceType: z.literal('ServiceRequest'),
  id: z.string().optional(),
  extension: extensionsSchema,
  identifier: z.array(identifierSchema).optional(),
  status: z.enum(['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'], {
    error: 'must be a FHIR request status (draft, active, on-hold, revoked, completed, entered-in-error, unknown)',
  }),
  intent: z.string({ error: 'is required' }),
  subject: referenceSchema.optional(),
  authoredOn: z.string().optional(),
  requester: referenceSchema.optional(),
  performer: z.array(referenceSchema).optional(),
  note: z.array(z.object({ text: z.string().optional() })).optional(),
});

/** What the referral reader needs of a Task. @internal */
export const taskSchema = z.object({
  resourceType: z.literal('Task'),
  id: z.string().optional(),
  extension: extensionsSchema,
  identifier: z.array(identifierSchema).optional(),
  basedOn: z.array(referenceSchema).optional(),
  focus: referenceSchema.optional(),
  status: z.enum(
    [
      'draft',
      'requested',
      'received',
      'accepted',
      'rejected',
      'ready',
      'cancelled',
      'in-progress',
      'on-hold',
      'failed',
      'completed',
      'entered-in-error',
    ],
    { error: 'must be a FHIR task status' },
  ),
  statusReason: codeableConceptSchema.optional(),
  businessStatus: codeableConceptSchema.optional(),
  intent: z.string({ error: 'is required' }),
  authoredOn: z.string().optional(),
  lastModified: z.string().optional(),
  owner: referenceSchema.optional(),
  restriction: z.object({ period: z.object({ start: z.string().optional() }).optional() }).optional(),
});

/** A parsed ServiceRequest. @internal */
export type ParsedServiceRequest = z.output<typeof serviceRequestSchema>;
/** A parsed Task. @internal */
export type ParsedTask = z.output<typeof taskSchema>;

/** The resource types a referral's references may point at. */
export type ReferralTargetType = 'Organization' | 'PractitionerRole' | 'Practitioner';

/** What a reference of a referral resolves to. @internal */
export interface ResolvedTarget {
  readonly type: ReferralTargetType;
  /** The referwell id of the office or contact. */
  readonly id: string;
  /** For a contact, its office when known. */
  readonly officeId?: string;
}

/**
 * How the reader of a referral follows its references: the single-resource reader
 * reads ids from the references themselves; the bundle importer follows them into
 * the bundle.
 *
 * @internal
 */
export interface ReferralLinks {
  /** Resolves `reference` (at `path` in the resource of `ctx`) to one of `types`, reporting failures. */
  resolve(
    ctx: ResourceContext,
    path: JsonPath,
    reference: z.output<typeof referenceSchema>,
    types: readonly ReferralTargetType[],
  ): ResolvedTarget | undefined;
  /** The id to use when the ServiceRequest has neither a referwell identifier nor an `id`. */
  readonly fallbackId?: string;
}

/** A reference's target type, when it can be told from the reference alone. */
function typeOfReference(reference: z.output<typeof referenceSchema>): string | undefined {
  if (reference.identifier?.system === fhirIdentifierSystems.office) return 'Organization';
  if (reference.identifier?.system === fhirIdentifierSystems.contact) return 'PractitionerRole';
  return /^(?:.*\/)?([A-Z][A-Za-z]+)\/[^/]+$/.exec(reference.reference ?? '')?.[1];
}

/** Links for a ServiceRequest read on its own: ids come from the references. */
function standaloneLinks(tenantId: string): ReferralLinks {
  return {
    resolve(ctx, path, reference, types) {
      const type = typeOfReference(reference);
      const wanted = types.find((t) => t === type) ?? (types.length === 1 ? types[0] : undefined);
      if (wanted === undefined) {
        report(ctx, path, `must reference ${typeList(types)}`);
        return undefined;
      }
      const id = idFromReference(
        ctx,
        path,
        reference,
        wanted === 'Organization' ? 'office' : 'contact',
        wanted,
        tenantId,
      );
      return id === undefined ? undefined : { type: wanted, id };
    },
  };
}

/** Reads an intake step from its complex extension; `undefined` when any part of it is wrong (each reported). */
function readStep(ctx: ResourceContext, path: JsonPath, extension: ExtensionStub): Record<string, string> | undefined {
  const parts = readSubExtensions(ctx, path, extension);
  if (parts === undefined) return undefined;
  const step: Record<string, string> = {};
  let failed = false;
  parts.forEach((part, index) => {
    const at: JsonPath = [...path, 'extension', index];
    if (part.url in step) {
      report(ctx, at, `part ${part.url} may appear only once`);
      failed = true;
      return;
    }
    let value: string | undefined;
    if (part.url === 'status') {
      value = readExtensionValue(ctx, at, part, 'valueCode');
      if (value !== undefined && (value === 'received' || !(intakeStatuses as readonly string[]).includes(value))) {
        report(
          ctx,
          [...at, 'valueCode'],
          `unknown intake step ${JSON.stringify(value)}; expected one of ${intakeStatuses.slice(1).join(', ')}`,
        );
        value = undefined;
      }
    } else if (part.url === 'at' || part.url === 'appointmentAt') {
      const text = readExtensionValue(ctx, at, part, 'valueDateTime');
      value = text === undefined ? undefined : readInstant(ctx, [...at, 'valueDateTime'], text);
    } else if (part.url === 'reason' || part.url === 'redirectedTo') {
      value = readExtensionValue(ctx, at, part, 'valueString');
    } else {
      report(ctx, [...at, 'url'], `unknown part ${JSON.stringify(part.url)} of an intake step`);
    }
    if (value === undefined) failed = true;
    else step[part.url] = value;
  });
  if (!parts.some((part) => part.url === 'status')) {
    report(ctx, [...path, 'extension'], 'an intake step needs a status');
    failed = true;
  }
  return failed ? undefined : step;
}

/** The intake status a Task stands for: its BSeR business status, else its (unambiguous) status. */
function taskIntakeStatus(ctx: ResourceContext, task: ParsedTask): IntakeStatus | undefined {
  const codings = task.businessStatus?.coding ?? [];
  const index = codings.findIndex((coding) => coding.system === fhirCodeSystems.bserTaskBusinessStatus);
  if (index >= 0) {
    const code = codings[index]!.code;
    const status = code === undefined ? undefined : intakeStatusOfBusinessStatus(code);
    if (status === undefined) {
      report(
        ctx,
        ['businessStatus', 'coding', index, 'code'],
        `BSeR business status ${JSON.stringify(code)} is not in the intake mapping`,
      );
    }
    return status;
  }
  const candidates =
    task.status === 'received' ? (['received'] as IntakeStatus[]) : intakeStatusesOfTaskStatus(task.status);
  if (candidates.length === 1) return candidates[0];
  report(
    ctx,
    ['status'],
    candidates.length === 0
      ? `task status ${JSON.stringify(task.status)} is not in the intake mapping`
      : `task status ${JSON.stringify(task.status)} may be ${candidates.join(' or ')}: give a BSeR businessStatus`,
  );
  return undefined;
}

/** Reports a Task whose status or business status disagrees with its last intake step. */
function checkTaskAgrees(ctx: ResourceContext, task: ParsedTask, status: IntakeStatus): void {
  const row = intakeTaskMapping[status];
  if (task.status !== row.taskStatus) {
    report(
      ctx,
      ['status'],
      `is ${JSON.stringify(task.status)} but the last intake step is ${status} (task status ${row.taskStatus})`,
    );
  }
  (task.businessStatus?.coding ?? []).forEach((coding, index) => {
    if (coding.system === fhirCodeSystems.bserTaskBusinessStatus && coding.code !== row.businessStatus.code) {
      report(
        ctx,
        ['businessStatus', 'coding', index, 'code'],
        `is ${JSON.stringify(coding.code)} but the last intake step is ${status} (business status ${
          row.businessStatus.code
        })`,
      );
    }
  });
}

/**
 * Reads a referral from a ServiceRequest and its Task (both parsed), following
 * references with `links`.
 *
 * @internal
 */
export function readReferral(
  srCtx: ResourceContext,
  sr: ParsedServiceRequest,
  taskCtx: ResourceContext | undefined,
  task: ParsedTask | undefined,
  tenantId: string,
  links: ReferralLinks,
): Referral | undefined {
  const origins = new RecordOrigins(srCtx);
  const id = readReferwellId(srCtx, sr.identifier, 'referral', tenantId) ?? sr.id ?? links.fallbackId;
  if (id === undefined) {
    report(srCtx, ['identifier'], 'a referral needs a urn:referwell:referral identifier or a resource id');
    return undefined;
  }
  origins.set('id', srCtx, ['identifier']);

  // When it was received.
  let receivedAt: string | undefined;
  if (sr.authoredOn !== undefined) {
    receivedAt = readInstant(srCtx, ['authoredOn'], sr.authoredOn);
    origins.set('receivedAt', srCtx, ['authoredOn']);
  } else if (task?.authoredOn !== undefined && taskCtx !== undefined) {
    receivedAt = readInstant(taskCtx, ['authoredOn'], task.authoredOn);
    origins.set('receivedAt', taskCtx, ['authoredOn']);
  } else {
    report(srCtx, ['authoredOn'], 'a referral needs authoredOn: when it was received');
  }

  // How it arrived.
  let via: ReferralSource = 'e-referral';
  const source = readSingleExtension(srCtx, [], sr.extension, fhirExtensionUrls.referralSource, 'valueCoding');
  if (source !== undefined) {
    const known = referralSources.find((s) => s === source.value.code);
    if (source.value.system !== fhirCodeSystems.referralSource || known === undefined) {
      report(
        srCtx,
        source.path,
        `unknown referral source; expected a ${fhirCodeSystems.referralSource} code: ${referralSources.join(', ')}`,
      );
    } else via = known;
  }

  // Who referred: the office and the contacts.
  let officeId: string | undefined;
  const officeExt = readSingleExtension(srCtx, [], sr.extension, fhirExtensionUrls.referringOffice, 'valueReference');
  if (officeExt !== undefined) {
    officeId = links.resolve(srCtx, officeExt.path, officeExt.value, ['Organization'])?.id;
    origins.set('officeId', srCtx, officeExt.path);
  }
  const requester =
    sr.requester === undefined
      ? undefined
      : links.resolve(srCtx, ['requester'], sr.requester, ['Organization', 'PractitionerRole', 'Practitioner']);
  if (officeId === undefined && officeExt === undefined) {
    origins.set('officeId', srCtx, ['requester']);
    if (requester?.type === 'Organization') officeId = requester.id;
    else if (requester?.officeId !== undefined) officeId = requester.officeId;
    else if (requester !== undefined || sr.requester === undefined) {
      report(
        srCtx,
        ['requester'],
        `cannot tell which office referred it: give a requester Organization or PractitionerRole, or the ${fhirExtensionUrls.referringOffice} extension`,
      );
    }
  }
  const contactIds: string[] = [];
  const contactExts = extensionsWithUrl(sr.extension, fhirExtensionUrls.referringContact);
  if (contactExts.length > 0) {
    for (const { index, extension } of contactExts) {
      const path: JsonPath = ['extension', index];
      const value = readExtensionValue(srCtx, path, extension, 'valueReference');
      const target =
        value === undefined
          ? undefined
          : links.resolve(srCtx, [...path, 'valueReference'], value, ['PractitionerRole', 'Practitioner']);
      if (target !== undefined) {
        origins.set(['contactIds', contactIds.length], srCtx, [...path, 'valueReference']);
        contactIds.push(target.id);
      }
    }
  } else if (requester !== undefined && requester.type !== 'Organization') {
    origins.set(['contactIds', 0], srCtx, ['requester']);
    contactIds.push(requester.id);
  }

  // The clinician of the practice it was sent to.
  const clinicianPerformer = (sr.performer ?? []).findIndex(
    (p) => p.identifier?.system === fhirIdentifierSystems.clinician,
  );
  let clinicianId: string | undefined;
  if (clinicianPerformer >= 0) {
    clinicianId = sr.performer![clinicianPerformer]!.identifier!.value;
    origins.set('clinicianId', srCtx, ['performer', clinicianPerformer, 'identifier', 'value']);
  } else if (task?.owner?.identifier?.system === fhirIdentifierSystems.clinician && taskCtx !== undefined) {
    clinicianId = task.owner.identifier.value;
    origins.set('clinicianId', taskCtx, ['owner', 'identifier', 'value']);
  }

  // The strength checklist.
  const checklist: Record<string, boolean> = {};
  origins.set('checklist', srCtx, ['extension']);
  for (const { index, extension } of extensionsWithUrl(sr.extension, fhirExtensionUrls.checklistAnswer)) {
    const path: JsonPath = ['extension', index];
    const parts = readSubExtensions(srCtx, path, extension);
    if (parts === undefined) continue;
    const itemAt = parts.findIndex((part) => part.url === 'item');
    const doneAt = parts.findIndex((part) => part.url === 'done');
    if (itemAt < 0 || doneAt < 0) {
      report(srCtx, [...path, 'extension'], 'a checklist answer needs an item and done');
      continue;
    }
    const item = readExtensionValue(srCtx, [...path, 'extension', itemAt], parts[itemAt]!, 'valueCode');
    const done = readExtensionValue(srCtx, [...path, 'extension', doneAt], parts[doneAt]!, 'valueBoolean');
    if (item === undefined || done === undefined) continue;
    if (Object.hasOwn(checklist, item)) {
      report(
        srCtx,
        [...path, 'extension', itemAt, 'valueCode'],
        `checklist item ${JSON.stringify(item)} is answered twice`,
      );
      continue;
    }
    origins.set(['checklist', item], srCtx, [...path, 'extension', itemAt, 'valueCode']);
    checklist[item] = done;
  }

  // The patient: an opaque reference; the name only with consent.
  let patient: { reference: string; displayName?: string; consentToShare: boolean } | undefined;
  const consent = readSingleExtension(srCtx, [], sr.extension, fhirExtensionUrls.patientConsent, 'valueBoolean');
  const consentToShare = consent?.value ?? false;
  if (sr.subject === undefined) {
    report(srCtx, ['subject'], 'a referral needs a subject: the patient reference');
  } else {
    const reference = sr.subject.identifier?.value ?? sr.subject.reference;
    if (reference === undefined) {
      report(srCtx, ['subject'], 'the subject needs an identifier (an opaque patient reference) or a reference');
    } else {
      patient = {
        reference,
        consentToShare,
        ...(consentToShare && sr.subject.display !== undefined ? { displayName: sr.subject.display } : {}),
      };
      origins.set('patient', srCtx, ['subject']);
      origins.set(
        'patient.reference',
        srCtx,
        sr.subject.identifier?.value === undefined ? ['subject', 'reference'] : ['subject', 'identifier', 'value'],
      );
      origins.set('patient.displayName', srCtx, ['subject', 'display']);
    }
  }

  // The intake, from the Task.
  const intake: Record<string, string>[] = [];
  // Set when a step could not be read (each problem reported): the history is then
  // not checked as a whole, which would only report the same problem again.
  let intakeBroken = false;
  let patientContactedAt: string | undefined;
  let reportSentToReferrerAt: string | undefined;
  if (task !== undefined && taskCtx !== undefined) {
    const stepExts = extensionsWithUrl(task.extension, fhirExtensionUrls.intakeStep);
    for (const { index, extension } of stepExts) {
      const step = readStep(taskCtx, ['extension', index], extension);
      if (step === undefined) intakeBroken = true;
      else {
        origins.set(['intake', intake.length], taskCtx, ['extension', index]);
        intake.push(step);
      }
    }
    if (stepExts.length > 0) {
      const last = intake.at(-1)?.['status'] as IntakeStatus | undefined;
      if (last !== undefined && !intakeBroken) checkTaskAgrees(taskCtx, task, last);
    } else {
      const status = taskIntakeStatus(taskCtx, task);
      if (status === undefined) intakeBroken = true;
      else if (status !== 'received') {
        const at =
          task.lastModified === undefined ? undefined : readInstant(taskCtx, ['lastModified'], task.lastModified);
        if (task.lastModified === undefined)
          report(taskCtx, ['lastModified'], `a task that is ${status} needs lastModified: when it got there`);
        const appointment = task.restriction?.period?.start;
        const path = shortestIntakePath(status);
        if (path.includes('scheduled') && appointment === undefined) {
          report(
            taskCtx,
            ['restriction', 'period', 'start'],
            `a task that is ${status} needs the appointment time (restriction.period.start) or intake-step extensions`,
          );
        }
        const appointmentAt =
          appointment === undefined ? undefined : readInstant(taskCtx, ['restriction', 'period', 'start'], appointment);
        const reason = task.statusReason?.text;
        if (at === undefined || (path.includes('scheduled') && appointmentAt === undefined)) intakeBroken = true;
        else {
          path.forEach((s, index) => {
            origins.set(['intake', index], taskCtx, ['status']);
            intake.push({
              status: s,
              at,
              ...(s === 'scheduled' && appointmentAt !== undefined ? { appointmentAt } : {}),
              ...((s === 'declined' || s === 'cancelled') && index === path.length - 1 && reason !== undefined
                ? { reason }
                : {}),
            });
          });
        }
      }
    }
    const contacted = readSingleExtension(
      taskCtx,
      [],
      task.extension,
      fhirExtensionUrls.patientContactedAt,
      'valueDateTime',
    );
    if (contacted !== undefined) {
      patientContactedAt = readInstant(taskCtx, contacted.path, contacted.value);
      origins.set('patientContactedAt', taskCtx, contacted.path);
    }
    const reported = readSingleExtension(taskCtx, [], task.extension, fhirExtensionUrls.reportSentAt, 'valueDateTime');
    if (reported !== undefined) {
      reportSentToReferrerAt = readInstant(taskCtx, reported.path, reported.value);
      origins.set('reportSentToReferrerAt', taskCtx, reported.path);
    }
  }

  const notes = (sr.note ?? []).map((note) => note.text).filter((text): text is string => text !== undefined);
  if (notes.length > 0) origins.set('notes', srCtx, ['note']);

  // What is missing was reported where it was read; stand-ins keep the model from
  // reporting it again while it checks everything else.
  const unresolved = receivedAt === undefined || officeId === undefined || patient === undefined || intakeBroken;
  const input = {
    id,
    tenantId,
    officeId: officeId ?? UNRESOLVED,
    contactIds,
    ...optional('clinicianId', clinicianId),
    receivedAt: receivedAt ?? UNRESOLVED_INSTANT,
    via,
    checklist,
    patient: patient ?? { reference: UNRESOLVED },
    intake: intakeBroken ? [] : intake,
    ...optional('patientContactedAt', patientContactedAt),
    ...optional('reportSentToReferrerAt', intakeBroken ? undefined : reportSentToReferrerAt),
    ...(notes.length === 0 ? {} : { notes: notes.join('\n\n') }),
  };
  const referral = finishRecord('referral', input, origins);
  return unresolved ? undefined : referral;
}

/** Reports a Task that is not about the given ServiceRequest. */
function checkTaskLink(taskCtx: ResourceContext, task: ParsedTask, sr: ParsedServiceRequest): void {
  const own = identifierWithSystem(sr.identifier, fhirIdentifierSystems.referral)?.identifier.value;
  const points = (reference: z.output<typeof referenceSchema>) =>
    (reference.reference !== undefined && sr.id !== undefined && reference.reference === `ServiceRequest/${sr.id}`) ||
    (reference.identifier?.system === fhirIdentifierSystems.referral &&
      own !== undefined &&
      reference.identifier.value === own);
  const linked = (task.focus !== undefined && points(task.focus)) || (task.basedOn ?? []).some(points);
  if (!linked) report(taskCtx, ['focus'], 'does not reference the ServiceRequest given with it (focus or basedOn)');
}

/**
 * Reads a referral from a FHIR R4 ServiceRequest and its Task — the inverse of
 * {@link toFhirServiceRequest}, lenient with BSeR resources from other systems:
 *
 * - id: the `urn:referwell:referral` identifier, else the resource `id`;
 * - received at: `authoredOn` (converted to UTC), else the Task's;
 * - office: the referring-office extension, else the requester Organization;
 *   contacts: the referring-contact extensions, else a requester
 *   PractitionerRole or Practitioner (read on its own, a PractitionerRole
 *   requester needs the referring-office extension to name the office — the
 *   bundle importer follows it to its organization instead);
 * - how it arrived: the extension, else `e-referral`;
 * - patient: the subject's identifier value (else its reference) as the opaque
 *   reference; its display name only when the consent extension is `true`;
 * - intake: the Task's intake-step extensions (checked against `Task.status` and
 *   the BSeR business status by {@link intakeTaskMapping}); without them, the
 *   shortest legal path to the status the Task shows, every step at
 *   `Task.lastModified` (a scheduled step's appointment from
 *   `Task.restriction.period.start`); without a Task, `received`.
 *
 * @param resources - The ServiceRequest and, optionally, its Task (untrusted JSON).
 * @param options - The tenant.
 * @returns The referral, or a {@link FhirValidationError} with every problem and its path.
 * @throws Never: every problem with the input is in the returned failure.
 * @example
 * ```ts
 * const result = fromFhirServiceRequest(toFhirServiceRequest(referral), { tenantId: 't1' });
 * result.ok && result.value; //=> referral
 * ```
 * @category Interop
 */
export function fromFhirServiceRequest(
  resources: { readonly serviceRequest: unknown; readonly task?: unknown },
  options: FromFhirOptions,
): FhirResult<Referral> {
  const issues: FhirIssue[] = [];
  const input = (typeof resources === 'object' && resources !== null ? resources : {}) as Record<string, unknown>;
  const srCtx: ResourceContext = {
    label: labelOf(input['serviceRequest'], 'ServiceRequest'),
    base: ['serviceRequest'],
    issues,
  };
  const taskCtx: ResourceContext = { label: labelOf(input['task'], 'Task'), base: ['task'], issues };
  const sr = parseIn(srCtx, [], serviceRequestSchema, input['serviceRequest']);
  const task = input['task'] === undefined ? undefined : parseIn(taskCtx, [], taskSchema, input['task']);
  let referral: Referral | undefined;
  if (sr !== undefined && (input['task'] === undefined || task !== undefined)) {
    if (task !== undefined) checkTaskLink(taskCtx, task, sr);
    referral = readReferral(
      srCtx,
      sr,
      task === undefined ? undefined : taskCtx,
      task,
      options.tenantId,
      standaloneLinks(options.tenantId),
    );
  }
  if (referral === undefined || issues.length > 0) {
    return { ok: false, error: new FhirValidationError('FHIR ServiceRequest', nonEmpty(issues, srCtx)) };
  }
  return { ok: true, value: referral };
}
