import type { Address as FhirAddress, Organization } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { Office } from '../../model/office';
import { officeKinds, officeLifecycles, type OfficeKind } from '../../model/vocabulary';
import {
  codeableConceptSchema,
  codingOf,
  extensionList,
  extensionsSchema,
  extensionsWithUrl,
  identifierSchema,
  optional,
  parseIn,
  readExtensionValue,
  readInstant,
  readReferwellId,
  readSingleExtension,
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
  type ResourceContext,
} from './issues';
import { finishRecord, RecordOrigins, UNRESOLVED } from './record-origins';
import { fhirCodeSystems, fhirExtensionUrls } from './systems';

/**
 * The codes of each office kind: its display, the HL7 organization type
 * (`prov` Healthcare Provider, `dept` Hospital Department) and, where SNOMED CT
 * has one, the practice-setting specialty its providers get on
 * `PractitionerRole.specialty`.
 *
 * @example
 * ```ts
 * officeKindCodes.pediatrics.specialty;
 * //=> { code: '394537008', display: 'Pediatric specialty' }
 * officeKindCodes['hospital-unit'].organizationType; //=> 'dept'
 * ```
 * @category Interop
 */
export const officeKindCodes = {
  'primary-care': {
    display: 'Primary care',
    organizationType: 'prov',
    specialty: { code: '419772000', display: 'Family practice' },
  },
  pediatrics: {
    display: 'Pediatrics',
    organizationType: 'prov',
    specialty: { code: '394537008', display: 'Pediatric specialty' },
  },
  'ob-gyn': {
    display: 'Obstetrics and gynecology',
    organizationType: 'prov',
    specialty: { code: '394585009', display: 'Obstetrics and gynecology' },
  },
  psychiatry: {
    display: 'Psychiatry',
    organizationType: 'prov',
    specialty: { code: '394587001', display: 'Psychiatry' },
  },
  'urgent-care': { display: 'Urgent care', organizationType: 'prov', specialty: undefined },
  'hospital-unit': { display: 'Hospital unit', organizationType: 'dept', specialty: undefined },
  other: { display: 'Other', organizationType: 'prov', specialty: undefined },
} as const satisfies Readonly<
  Record<
    OfficeKind,
    {
      display: string;
      organizationType: 'prov' | 'dept';
      specialty: { readonly code: string; readonly display: string } | undefined;
    }
  >
>;

const organizationTypeDisplay = { prov: 'Healthcare Provider', dept: 'Hospital Department' } as const;

/** Options of the readers: the tenant the records are for. @category Interop */
export interface FromFhirOptions {
  /** The tenant (practice) the records belong to; identifiers assigned by another tenant are refused. */
  readonly tenantId: string;
}

/**
 * An office as a FHIR R4 Organization.
 *
 * - `identifier`: the office id (`urn:referwell:office`), assigned by the tenant;
 * - `active`: `false` only for a `closed` office; the exact lifecycle travels in an
 *   extension;
 * - `type`: the office kind (referwell code system) with the HL7 organization type;
 * - `name`, `address` (`region` → `state`, `line1`/`line2` → `line`; an address
 *   with no part is left out);
 * - extensions: lifecycle, time zone, tier, tags (one each, in order), created-at,
 *   notes (see docs/fhir.md).
 *
 * @param office - A validated office.
 * @returns The Organization.
 * @throws Never for a record the model validated (the types ask for one).
 * @example
 * ```ts
 * toFhirOrganization(office).identifier?.[0];
 * //=> { system: 'urn:referwell:office', value: 'off-1', assigner: { identifier: { system: 'urn:referwell:tenant', value: 't1' } } }
 * ```
 * @category Interop
 */
export function toFhirOrganization(office: Office): Organization {
  const kind = officeKindCodes[office.kind];
  return {
    resourceType: 'Organization',
    id: toFhirId(office.id),
    ...extensionList([
      { url: fhirExtensionUrls.officeLifecycle, valueCode: office.lifecycle },
      office.timeZone === undefined ? undefined : { url: fhirExtensionUrls.timeZone, valueCode: office.timeZone },
      office.tier === undefined ? undefined : { url: fhirExtensionUrls.tier, valueString: office.tier },
      ...office.tags.map((tag) => ({ url: fhirExtensionUrls.tag, valueString: tag })),
      office.createdAt === undefined
        ? undefined
        : { url: fhirExtensionUrls.createdAt, valueDateTime: office.createdAt },
      office.notes ? { url: fhirExtensionUrls.notes, valueString: office.notes } : undefined,
    ]),
    identifier: [referwellIdentifier('office', office.id, office.tenantId)],
    active: office.lifecycle !== 'closed',
    type: [
      {
        coding: [
          { system: fhirCodeSystems.officeKind, code: office.kind, display: kind.display },
          {
            system: fhirCodeSystems.organizationType,
            code: kind.organizationType,
            display: organizationTypeDisplay[kind.organizationType],
          },
        ],
      },
    ],
    name: office.name,
    ...toFhirAddress(office.address),
  };
}

/** The office address as `address`, or nothing when no part of it is known (FHIR has no empty address). */
function toFhirAddress(address: Office['address']): { address?: FhirAddress[] } {
  if (address === undefined) return {};
  const line = [address.line1, address.line2].filter((part): part is string => part !== undefined);
  const fhirAddress: FhirAddress = {
    ...(line.length === 0 ? {} : { line }),
    ...optional('city', address.city),
    ...optional('state', address.region),
    ...optional('postalCode', address.postalCode),
    ...optional('country', address.country),
  };
  return Object.keys(fhirAddress).length === 0 ? {} : { address: [fhirAddress] };
}

const addressSchema = z.object({
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});

/** What the office reader needs of an Organization. @internal */
export const organizationSchema = z.object({
  resourceType: z.literal('Organization'),
  id: z.string().optional(),
  extension: extensionsSchema,
  identifier: z.array(identifierSchema).optional(),
  active: z.boolean().optional(),
  type: z.array(codeableConceptSchema).optional(),
  name: z.string().optional(),
  address: z.array(addressSchema).optional(),
});

/**
 * Reads an office from an Organization (already parsed with
 * {@link organizationSchema}), reporting problems in `ctx`. `fallbackId` is the id
 * to use when the resource has neither a referwell identifier nor an `id`.
 *
 * @internal
 */
export function readOffice(
  ctx: ResourceContext,
  organization: z.output<typeof organizationSchema>,
  tenantId: string,
  fallbackId?: string,
): Office | undefined {
  const origins = new RecordOrigins(ctx);
  const id = readReferwellId(ctx, organization.identifier, 'office', tenantId) ?? organization.id ?? fallbackId;
  if (id === undefined) {
    report(ctx, ['identifier'], 'an office needs a urn:referwell:office identifier or a resource id');
    return undefined;
  }
  origins.set('id', ctx, ['identifier']);
  if (organization.name === undefined) report(ctx, ['name'], 'an office needs a name');
  origins.set('name', ctx, ['name']);

  const kindCoding = codingOf(organization.type, fhirCodeSystems.officeKind);
  origins.set('kind', ctx, kindCoding === undefined ? ['type'] : ['type', ...kindCoding.path]);
  let kind: OfficeKind = 'other';
  if (kindCoding !== undefined) {
    const known = officeKinds.find((k) => k === kindCoding.code);
    if (known === undefined) {
      report(
        ctx,
        ['type', ...kindCoding.path],
        `unknown office kind ${JSON.stringify(kindCoding.code)}; expected one of ${officeKinds.join(', ')}`,
      );
    } else kind = known;
  } else if (codingOf(organization.type, fhirCodeSystems.organizationType)?.code === 'dept') {
    kind = 'hospital-unit';
  }

  const lifecycleExt = readSingleExtension(
    ctx,
    [],
    organization.extension,
    fhirExtensionUrls.officeLifecycle,
    'valueCode',
  );
  let lifecycle: string | undefined;
  if (lifecycleExt !== undefined) {
    lifecycle = lifecycleExt.value;
    origins.set('lifecycle', ctx, lifecycleExt.path);
    if (!(officeLifecycles as readonly string[]).includes(lifecycle)) {
      report(
        ctx,
        lifecycleExt.path,
        `unknown office lifecycle ${JSON.stringify(lifecycle)}; expected one of ${officeLifecycles.join(', ')}`,
      );
    } else if (organization.active !== undefined && organization.active !== (lifecycle !== 'closed')) {
      report(ctx, ['active'], `active is ${organization.active} but the lifecycle extension says ${lifecycle}`);
    }
  } else if (organization.active !== undefined) {
    lifecycle = organization.active ? 'active' : 'closed';
  }

  const timeZone = readSingleExtension(ctx, [], organization.extension, fhirExtensionUrls.timeZone, 'valueCode');
  if (timeZone) origins.set('timeZone', ctx, timeZone.path);
  const tier = readSingleExtension(ctx, [], organization.extension, fhirExtensionUrls.tier, 'valueString');
  if (tier) origins.set('tier', ctx, tier.path);
  const notes = readSingleExtension(ctx, [], organization.extension, fhirExtensionUrls.notes, 'valueString');
  if (notes) origins.set('notes', ctx, notes.path);
  const created = readSingleExtension(ctx, [], organization.extension, fhirExtensionUrls.createdAt, 'valueDateTime');
  const createdAt = created === undefined ? undefined : readInstant(ctx, created.path, created.value);
  if (created) origins.set('createdAt', ctx, created.path);
  const tags: string[] = [];
  for (const { index, extension } of extensionsWithUrl(organization.extension, fhirExtensionUrls.tag)) {
    const value = readExtensionValue(ctx, ['extension', index], extension, 'valueString');
    if (value !== undefined) {
      origins.set(['tags', tags.length], ctx, ['extension', index, 'valueString']);
      tags.push(value);
    }
  }

  const address = organization.address?.[0];
  if (address !== undefined) origins.set('address', ctx, ['address', 0]);
  const [line1, ...rest] = address?.line ?? [];
  const input = {
    id,
    tenantId,
    // A missing name was reported above; the stand-in keeps it from being reported twice.
    name: organization.name ?? UNRESOLVED,
    kind,
    ...(address === undefined
      ? {}
      : {
          address: {
            ...optional('line1', line1),
            ...optional('line2', rest.length === 0 ? undefined : rest.join(', ')),
            ...optional('city', address.city),
            ...optional('region', address.state),
            ...optional('postalCode', address.postalCode),
            ...optional('country', address.country),
          },
        }),
    ...optional('timeZone', timeZone?.value),
    ...optional('tier', tier?.value),
    tags,
    ...optional('lifecycle', lifecycle),
    ...optional('createdAt', createdAt),
    ...optional('notes', notes?.value),
  };
  const office = finishRecord('office', input, origins);
  return organization.name === undefined ? undefined : office;
}

/**
 * Reads an office from a FHIR R4 Organization — the inverse of
 * {@link toFhirOrganization}, and lenient with Organizations from other systems:
 *
 * - id: the `urn:referwell:office` identifier, else the resource `id`;
 * - kind: the referwell office-kind coding, else `hospital-unit` for the HL7 type
 *   `dept`, else `other`;
 * - lifecycle: the lifecycle extension, else `active` / `closed` from `active`,
 *   else the model default (`prospect`).
 *
 * @param organization - Untrusted JSON.
 * @param options - The tenant.
 * @returns The office, or a {@link FhirValidationError} with every problem and its path.
 * @throws Never: every problem with the input is in the returned failure.
 * @example
 * ```ts
 * const result = fromFhirOrganization(toFhirOrganization(office), { tenantId: 't1' });
 * result.ok && result.value; //=> office
 * ```
 * @category Interop
 */
export function fromFhirOrganization(organization: unknown, options: FromFhirOptions): FhirResult<Office> {
  const issues: FhirIssue[] = [];
  const ctx: ResourceContext = { label: labelOf(organization, 'Organization'), base: [], issues };
  const parsed = parseIn(ctx, [], organizationSchema, organization);
  const office = parsed === undefined ? undefined : readOffice(ctx, parsed, options.tenantId);
  if (office === undefined || issues.length > 0) {
    return { ok: false, error: new FhirValidationError('FHIR Organization', nonEmpty(issues, ctx)) };
  }
  return { ok: true, value: office };
}
