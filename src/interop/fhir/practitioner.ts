import type { ContactPoint, HumanName, Organization, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { Contact } from '../../model/contact';
import type { Office } from '../../model/office';
import { isProviderRole } from '../../model/roles';
import { contactRoles, type ContactRole } from '../../model/vocabulary';
import {
  codeableConceptSchema,
  codingOf,
  extensionList,
  extensionsSchema,
  idFromReference,
  identifierSchema,
  identifierWithSystem,
  optional,
  parseIn,
  readReferwellId,
  readSingleExtension,
  recordReference,
  referenceSchema,
  referwellIdentifier,
} from './datatypes';
import { toFhirId } from './fhir-id';
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
import { officeKindCodes, type FromFhirOptions } from './organization';
import { finishRecord, RecordOrigins, UNRESOLVED } from './record-origins';
import { fhirCodeSystems, fhirExtensionUrls, fhirIdentifierSystems } from './systems';

/**
 * The codes of each contact role: its display and, where one exists, the SNOMED CT
 * occupation and the NUCC provider-taxonomy classification (the codes US Core
 * uses for provider roles). Office staff roles without a well-established code
 * (receptionist, office manager) carry the referwell code only.
 *
 * @example
 * ```ts
 * contactRoleCodes['nurse-practitioner'].nucc; //=> { code: '363L00000X', display: 'Nurse Practitioner' }
 * contactRoleCodes.receptionist.snomed; //=> undefined
 * ```
 * @category Interop
 */
export const contactRoleCodes = {
  physician: { display: 'Physician', snomed: { code: '309343006', display: 'Physician' }, nucc: undefined },
  'nurse-practitioner': {
    display: 'Nurse practitioner',
    snomed: { code: '224571005', display: 'Nurse practitioner' },
    nucc: { code: '363L00000X', display: 'Nurse Practitioner' },
  },
  'physician-assistant': {
    display: 'Physician assistant',
    snomed: { code: '449161006', display: 'Physician assistant' },
    nucc: { code: '363A00000X', display: 'Physician Assistant' },
  },
  nurse: { display: 'Nurse', snomed: { code: '106293008', display: 'Nursing personnel' }, nucc: undefined },
  'medical-assistant': {
    display: 'Medical assistant',
    snomed: { code: '22515006', display: 'Medical assistant' },
    nucc: undefined,
  },
  receptionist: { display: 'Receptionist', snomed: undefined, nucc: undefined },
  'office-manager': { display: 'Office manager', snomed: undefined, nucc: undefined },
  other: { display: 'Other', snomed: undefined, nucc: undefined },
} as const satisfies Readonly<
  Record<
    ContactRole,
    {
      display: string;
      snomed: { readonly code: string; readonly display: string } | undefined;
      nucc: { readonly code: string; readonly display: string } | undefined;
    }
  >
>;

/**
 * A contact as FHIR R4 resources: the person (Practitioner) and their role at the
 * office (PractitionerRole).
 *
 * @category Interop
 */
export interface FhirContact {
  /** The person: name, NPI, active. */
  readonly practitioner: Practitioner;
  /** Their role at the office: role codes, organization, telecom. */
  readonly practitionerRole: PractitionerRole;
}

/**
 * The {@link toFhirPractitioner} options.
 *
 * @category Interop
 */
export interface ToFhirPractitionerOptions {
  /** The contact's office: when given, a provider's role gets the office's specialty. */
  readonly office?: Office;
}

/**
 * A contact as a FHIR R4 Practitioner and PractitionerRole.
 *
 * - Practitioner: `identifier` (the contact id, `urn:referwell:contact`; the NPI,
 *   `http://hl7.org/fhir/sid/us-npi`), `active`, `name` (`text`; the salutation as
 *   a second name with `use: usual`), notes in an extension;
 * - PractitionerRole: the same contact identifier, `active`, `practitioner`,
 *   `organization` (the office), `code` (the referwell role with its SNOMED CT and
 *   NUCC codes, see {@link contactRoleCodes}), `specialty` (for providers, from the
 *   office kind when `options.office` is given), `telecom` (email, phone).
 *
 * @param contact - A validated contact.
 * @param options - The contact's office, for the specialty.
 * @returns Both resources.
 * @throws Never for a record the model validated (the types ask for one).
 * @example
 * ```ts
 * const { practitioner, practitionerRole } = toFhirPractitioner(contact);
 * practitionerRole.organization?.reference; //=> 'Organization/off-1'
 * ```
 * @category Interop
 */
export function toFhirPractitioner(contact: Contact, options: ToFhirPractitionerOptions = {}): FhirContact {
  const codes = contactRoleCodes[contact.role];
  const id = toFhirId(contact.id);
  const identifier = referwellIdentifier('contact', contact.id, contact.tenantId);
  const names: HumanName[] = [{ text: contact.name }];
  if (contact.salutation !== undefined) names.push({ use: 'usual', text: contact.salutation });
  const telecom: ContactPoint[] = [];
  if (contact.email !== undefined) telecom.push({ system: 'email', value: contact.email, use: 'work' });
  if (contact.phone !== undefined) telecom.push({ system: 'phone', value: contact.phone, use: 'work' });
  const specialty =
    options.office !== undefined && options.office.id === contact.officeId && isProviderRole(contact.role)
      ? officeKindCodes[options.office.kind].specialty
      : undefined;
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id,
    ...extensionList([contact.notes ? { url: fhirExtensionUrls.notes, valueString: contact.notes } : undefined]),
    identifier: [
      identifier,
      ...(contact.npi === undefined ? [] : [{ system: fhirIdentifierSystems.npi, value: contact.npi }]),
    ],
    active: contact.active,
    name: names,
  };
  const practitionerRole: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id,
    identifier: [identifier],
    active: contact.active,
    practitioner: recordReference<Practitioner>('Practitioner', 'contact', contact.id),
    organization: recordReference<Organization>('Organization', 'office', contact.officeId),
    code: [
      {
        coding: [
          { system: fhirCodeSystems.contactRole, code: contact.role, display: codes.display },
          ...(codes.snomed === undefined ? [] : [{ system: fhirCodeSystems.snomed, ...codes.snomed }]),
          ...(codes.nucc === undefined ? [] : [{ system: fhirCodeSystems.nucc, ...codes.nucc }]),
        ],
      },
    ],
    ...(specialty === undefined ? {} : { specialty: [{ coding: [{ system: fhirCodeSystems.snomed, ...specialty }] }] }),
    ...(telecom.length === 0 ? {} : { telecom }),
  };
  return { practitioner, practitionerRole };
}

const humanNameSchema = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
  suffix: z.array(z.string()).optional(),
});

const contactPointSchema = z.object({ system: z.string().optional(), value: z.string().optional() });

/** What the contact reader needs of a Practitioner. @internal */
export const practitionerSchema = z.object({
  resourceType: z.literal('Practitioner'),
  id: z.string().optional(),
  extension: extensionsSchema,
  identifier: z.array(identifierSchema).optional(),
  active: z.boolean().optional(),
  name: z.array(humanNameSchema).optional(),
  telecom: z.array(contactPointSchema).optional(),
});

/** What the contact reader needs of a PractitionerRole. @internal */
export const practitionerRoleSchema = z.object({
  resourceType: z.literal('PractitionerRole'),
  id: z.string().optional(),
  identifier: z.array(identifierSchema).optional(),
  active: z.boolean().optional(),
  practitioner: referenceSchema.optional(),
  organization: referenceSchema.optional(),
  code: z.array(codeableConceptSchema).optional(),
  telecom: z.array(contactPointSchema).optional(),
});

/** A name as one string: its `text`, else its parts in order. */
function nameText(name: z.output<typeof humanNameSchema>): string | undefined {
  if (name.text !== undefined) return name.text;
  const parts = [
    ...(name.prefix ?? []),
    ...(name.given ?? []),
    ...(name.family === undefined ? [] : [name.family]),
    ...(name.suffix ?? []),
  ];
  return parts.length === 0 ? undefined : parts.join(' ');
}

/** The contact role a role concept names: the referwell code, else a SNOMED CT or NUCC code of the table, else `other`. */
function readRole(ctx: ResourceContext, code: z.output<typeof practitionerRoleSchema>['code']): ContactRole {
  const own = codingOf(code, fhirCodeSystems.contactRole);
  if (own !== undefined) {
    const known = contactRoles.find((role) => role === own.code);
    if (known !== undefined) return known;
    report(
      ctx,
      ['code', ...own.path],
      `unknown contact role ${JSON.stringify(own.code)}; expected one of ${contactRoles.join(', ')}`,
    );
    return 'other';
  }
  const snomed = codingOf(code, fhirCodeSystems.snomed)?.code;
  const nucc = codingOf(code, fhirCodeSystems.nucc)?.code;
  return (
    contactRoles.find((role) => {
      const codes = contactRoleCodes[role];
      return (
        (snomed !== undefined && codes.snomed?.code === snomed) || (nucc !== undefined && codes.nucc?.code === nucc)
      );
    }) ?? 'other'
  );
}

/**
 * Where the reader of a contact takes its office id and fallback id from.
 *
 * @internal
 */
export interface ContactLinks {
  /** The office id the role's organization resolves to (already resolved by the caller). */
  readonly officeId: string | undefined;
  /** The id to use when neither resource has a referwell identifier nor the role an `id`. */
  readonly fallbackId?: string;
}

/**
 * Reads a contact from a PractitionerRole and its Practitioner (both parsed),
 * reporting problems in their contexts.
 *
 * @internal
 */
export function readContact(
  practitionerCtx: ResourceContext,
  practitioner: z.output<typeof practitionerSchema>,
  roleCtx: ResourceContext,
  role: z.output<typeof practitionerRoleSchema>,
  tenantId: string,
  links: ContactLinks,
): Contact | undefined {
  const origins = new RecordOrigins(roleCtx);
  const roleId = readReferwellId(roleCtx, role.identifier, 'contact', tenantId);
  const practitionerId = readReferwellId(practitionerCtx, practitioner.identifier, 'contact', tenantId);
  if (roleId !== undefined && practitionerId !== undefined && roleId !== practitionerId) {
    report(
      roleCtx,
      ['identifier'],
      `names contact ${JSON.stringify(roleId)} but its Practitioner names ${JSON.stringify(practitionerId)}`,
    );
  }
  const id = roleId ?? practitionerId ?? role.id ?? links.fallbackId;
  if (id === undefined) {
    report(roleCtx, ['identifier'], 'a contact needs a urn:referwell:contact identifier or a resource id');
    return undefined;
  }
  origins.set('id', roleCtx, ['identifier']);
  origins.set('officeId', roleCtx, ['organization']);
  if (role.organization === undefined)
    report(roleCtx, ['organization'], 'a contact needs the organization (office) of its role');

  const names = practitioner.name ?? [];
  const mainIndex = names.findIndex((name) => name.use !== 'usual');
  const usualIndex = names.findIndex((name) => name.use === 'usual');
  const nameIndex = mainIndex >= 0 ? mainIndex : usualIndex;
  const name = nameIndex >= 0 ? nameText(names[nameIndex]!) : undefined;
  if (name === undefined) report(practitionerCtx, ['name'], 'a contact needs a name');
  origins.set('name', practitionerCtx, ['name', Math.max(nameIndex, 0)]);
  const salutation = mainIndex >= 0 && usualIndex >= 0 ? nameText(names[usualIndex]!) : undefined;
  if (salutation !== undefined) origins.set('salutation', practitionerCtx, ['name', usualIndex]);

  const npi = identifierWithSystem(practitioner.identifier, fhirIdentifierSystems.npi);
  if (npi !== undefined) origins.set('npi', practitionerCtx, ['identifier', npi.index, 'value']);

  const telecomOf = (system: string) => {
    for (const [ctx, list, label] of [
      [roleCtx, role.telecom, 'role'],
      [practitionerCtx, practitioner.telecom, 'practitioner'],
    ] as const) {
      const index = (list ?? []).findIndex((point) => point.system === system && point.value !== undefined);
      if (index >= 0) return { value: list![index]!.value!, ctx, path: ['telecom', index, 'value'] as JsonPath, label };
    }
    return undefined;
  };
  const email = telecomOf('email');
  if (email) origins.set('email', email.ctx, email.path);
  const phone = telecomOf('phone');
  if (phone) origins.set('phone', phone.ctx, phone.path);

  const notes = readSingleExtension(
    practitionerCtx,
    [],
    practitioner.extension,
    fhirExtensionUrls.notes,
    'valueString',
  );
  if (notes) origins.set('notes', practitionerCtx, notes.path);

  // A missing office or name was reported where it failed; stand-ins keep the model
  // from reporting it again while it checks everything else.
  const input = {
    id,
    tenantId,
    officeId: links.officeId ?? UNRESOLVED,
    name: name ?? UNRESOLVED,
    ...optional('salutation', salutation),
    role: readRole(roleCtx, role.code),
    ...optional('npi', npi?.identifier.value),
    ...optional('email', email?.value),
    ...optional('phone', phone?.value),
    active: role.active ?? practitioner.active ?? true,
    ...optional('notes', notes?.value),
  };
  const contact = finishRecord('contact', input, origins);
  return links.officeId === undefined || name === undefined ? undefined : contact;
}

/**
 * Reads a contact from a FHIR R4 Practitioner and its PractitionerRole — the
 * inverse of {@link toFhirPractitioner}, lenient with resources from other
 * systems:
 *
 * - id: the `urn:referwell:contact` identifier (role, else practitioner), else the
 *   role's resource `id`;
 * - office: the role's `organization`, by its `urn:referwell:office` identifier or
 *   its `Organization/id` reference;
 * - role: the referwell role code, else a SNOMED CT or NUCC code of
 *   {@link contactRoleCodes}, else `other`;
 * - name: the first name not marked `usual` (`text`, else its parts); a `usual`
 *   name besides it is the salutation; NPI: the `us-npi` identifier (check digit
 *   verified); email and phone: the role's telecom, else the practitioner's.
 *
 * @param resources - The Practitioner and the PractitionerRole (untrusted JSON);
 *   the role must reference the practitioner.
 * @param options - The tenant.
 * @returns The contact, or a {@link FhirValidationError} with every problem and its path.
 * @throws Never: every problem with the input is in the returned failure.
 * @example
 * ```ts
 * const result = fromFhirPractitioner(toFhirPractitioner(contact), { tenantId: 't1' });
 * result.ok && result.value; //=> contact
 * ```
 * @category Interop
 */
export function fromFhirPractitioner(
  resources: { readonly practitioner: unknown; readonly practitionerRole: unknown },
  options: FromFhirOptions,
): FhirResult<Contact> {
  const issues: FhirIssue[] = [];
  const input = (typeof resources === 'object' && resources !== null ? resources : {}) as Record<string, unknown>;
  const practitionerCtx: ResourceContext = {
    label: labelOf(input['practitioner'], 'Practitioner'),
    base: ['practitioner'],
    issues,
  };
  const roleCtx: ResourceContext = {
    label: labelOf(input['practitionerRole'], 'PractitionerRole'),
    base: ['practitionerRole'],
    issues,
  };
  const practitioner = parseIn(practitionerCtx, [], practitionerSchema, input['practitioner']);
  const role = parseIn(roleCtx, [], practitionerRoleSchema, input['practitionerRole']);
  let contact: Contact | undefined;
  if (practitioner !== undefined && role !== undefined) {
    checkPractitionerLink(roleCtx, role, practitioner);
    const officeId =
      role.organization === undefined
        ? undefined
        : idFromReference(roleCtx, ['organization'], role.organization, 'office', 'Organization', options.tenantId);
    contact = readContact(practitionerCtx, practitioner, roleCtx, role, options.tenantId, { officeId });
  }
  if (contact === undefined || issues.length > 0) {
    return { ok: false, error: new FhirValidationError('FHIR Practitioner', nonEmpty(issues, roleCtx)) };
  }
  return { ok: true, value: contact };
}

/** Reports a role whose `practitioner` does not point at the given Practitioner. */
function checkPractitionerLink(
  roleCtx: ResourceContext,
  role: z.output<typeof practitionerRoleSchema>,
  practitioner: z.output<typeof practitionerSchema>,
): void {
  const ref = role.practitioner;
  if (ref === undefined) {
    report(roleCtx, ['practitioner'], 'must reference its Practitioner');
    return;
  }
  const byId =
    ref.reference !== undefined && practitioner.id !== undefined && ref.reference === `Practitioner/${practitioner.id}`;
  const own = identifierWithSystem(practitioner.identifier, fhirIdentifierSystems.contact)?.identifier.value;
  const byIdentifier =
    ref.identifier?.system === fhirIdentifierSystems.contact && own !== undefined && ref.identifier.value === own;
  if (!byId && !byIdentifier) report(roleCtx, ['practitioner'], 'does not reference the Practitioner given with it');
}
