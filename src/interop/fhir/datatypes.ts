/**
 * FHIR datatypes as referwell reads and writes them: zod schemas for the parts of
 * Identifier, Reference, Coding, CodeableConcept and Extension the importers read,
 * and builders for the ones the exporters write. Internal to `referwell/fhir`.
 *
 * @module
 */
import type { Extension, Identifier, Practitioner, Reference, Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import { formatInstant, parseInstant } from '../../calendar/instant';
import { instantSchema } from '../../model/primitives';
import { fromZodIssues } from '../../model/result';
import { report, reportAll, type JsonPath, type ResourceContext } from './issues';
import { toFhirId } from './fhir-id';
import { fhirIdentifierSystems } from './systems';

/** The referwell record kinds that travel with an identifier. */
export type IdentifiedKind = 'office' | 'contact' | 'referral' | 'clinician' | 'touchpoint' | 'thankYou';

// ---------------------------------------------------------------------------
// Schemas (structural checks of what the importers read; unknown keys are dropped)
// ---------------------------------------------------------------------------

const str = z.string({ error: 'must be a string' });
const optionalString = str.optional();

/** `Identifier`: system, value, and an assigner given by identifier. */
export const identifierSchema = z.object({
  system: optionalString,
  value: optionalString,
  assigner: z.object({ identifier: z.object({ system: optionalString, value: optionalString }).optional() }).optional(),
});

/** `Reference`: literal (`reference`) and/or logical (`identifier`). */
export const referenceSchema = z.object({
  reference: optionalString,
  identifier: identifierSchema.optional(),
  display: optionalString,
});

/** `Coding`. */
export const codingSchema = z.object({
  system: optionalString,
  code: optionalString,
  display: optionalString,
});

/** `CodeableConcept`. */
export const codeableConceptSchema = z.object({
  coding: z.array(codingSchema).optional(),
  text: optionalString,
});

/** `Extension`, checked only for its `url`; the value is read with {@link readExtensionValue}. */
export const extensionStubSchema = z.looseObject({ url: str });

/** An extension as the importers see it before reading its value. */
export type ExtensionStub = z.output<typeof extensionStubSchema>;

/** `extension` arrays of any element. */
export const extensionsSchema = z.array(extensionStubSchema).optional();

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/**
 * Parses `input` with `schema`, reporting every zod issue inside the resource of
 * `ctx` (below `path`). Returns `undefined` when it fails.
 */
export function parseIn<S extends z.ZodType>(
  ctx: ResourceContext,
  path: JsonPath,
  schema: S,
  input: unknown,
): z.output<S> | undefined {
  let parsed: ReturnType<S['safeParse']>;
  try {
    parsed = schema.safeParse(input) as ReturnType<S['safeParse']>;
  } catch (cause) {
    report(ctx, path, `could not be read: ${cause instanceof Error ? cause.message : String(cause)}`);
    return undefined;
  }
  if (parsed.success) return parsed.data as z.output<S>;
  reportAll(ctx, fromZodIssues(parsed.error.issues, path));
  return undefined;
}

/** The extensions with `url`, with their index in the array. */
export function extensionsWithUrl(
  extensions: readonly ExtensionStub[] | undefined,
  url: string,
): { readonly index: number; readonly extension: ExtensionStub }[] {
  const out: { index: number; extension: ExtensionStub }[] = [];
  (extensions ?? []).forEach((extension, index) => {
    if (extension.url === url) out.push({ index, extension });
  });
  return out;
}

/** The value[x] keys referwell reads, with the schema of each. */
const valueSchemas = {
  valueString: str,
  valueCode: str,
  valueBoolean: z.boolean({ error: 'must be true or false' }),
  valueInteger: z.number({ error: 'must be a number' }).int('must be a whole number'),
  valueDateTime: str,
  valueCoding: codingSchema,
  valueReference: referenceSchema,
  valueDuration: z.object({ value: z.number().optional(), unit: optionalString, code: optionalString }),
} as const;

type ValueKey = keyof typeof valueSchemas;

/**
 * Reads the `key` value of an extension at `path` (the extension's own path),
 * reporting a missing or malformed value.
 */
export function readExtensionValue<K extends ValueKey>(
  ctx: ResourceContext,
  path: JsonPath,
  extension: ExtensionStub,
  key: K,
): z.output<(typeof valueSchemas)[K]> | undefined {
  const value = (extension as Record<string, unknown>)[key];
  if (value === undefined) {
    report(ctx, [...path, key], `extension ${extension.url} needs a ${key}`);
    return undefined;
  }
  return parseIn(ctx, [...path, key], valueSchemas[key], value) as z.output<(typeof valueSchemas)[K]> | undefined;
}

/**
 * Reads the single value of an extension that may appear at most once on an
 * element (`path` is the element's path). Returns `undefined` when absent.
 */
export function readSingleExtension<K extends ValueKey>(
  ctx: ResourceContext,
  path: JsonPath,
  extensions: readonly ExtensionStub[] | undefined,
  url: string,
  key: K,
): { readonly value: z.output<(typeof valueSchemas)[K]>; readonly path: JsonPath } | undefined {
  const found = extensionsWithUrl(extensions, url);
  found
    .slice(1)
    .forEach(({ index }) => report(ctx, [...path, 'extension', index], `extension ${url} may appear only once`));
  const first = found[0];
  if (first === undefined) return undefined;
  const at = [...path, 'extension', first.index];
  const value = readExtensionValue(ctx, at, first.extension, key);
  return value === undefined ? undefined : { value, path: [...at, key] };
}

/** The sub-extensions of a complex extension, checked for their urls. */
export function readSubExtensions(
  ctx: ResourceContext,
  path: JsonPath,
  extension: ExtensionStub,
): readonly ExtensionStub[] | undefined {
  const parts = parseIn(ctx, [...path, 'extension'], z.array(extensionStubSchema), extension.extension ?? []);
  if (parts !== undefined && parts.length === 0)
    report(ctx, [...path, 'extension'], `extension ${extension.url} needs its parts`);
  return parts;
}

/** A FHIR `dateTime` with a time and a zone: what an instant can be read from. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Converts a FHIR `dateTime`/`instant` with a time to a referwell instant (UTC, `Z`).
 * A `Z` value that is already an instant is kept character for character (so a
 * round trip is exact); an offset is converted to UTC. Reports a value without a
 * time or zone, or an impossible one.
 */
export function readInstant(ctx: ResourceContext, path: JsonPath, value: string): string | undefined {
  const match = DATE_TIME.exec(value);
  if (match !== null) {
    const [, local = '', fraction = '', zone = '', sign, hours = '0', minutes = '0'] = match;
    if (zone === 'Z') {
      if (instantSchema.safeParse(value).success) return value;
    } else {
      try {
        const wall = parseInstant(`${local}${fraction}Z`);
        const offsetMs = (Number(hours) * 60 + Number(minutes)) * 60_000;
        if (Number(hours) <= 14 && Number(minutes) < 60) {
          const utc = formatInstant(sign === '-' ? wall + offsetMs : wall - offsetMs);
          return fraction === '' ? utc.replace(/\.000Z$/, 'Z') : utc;
        }
      } catch {
        // Impossible fields (February 30) or out of range: reported below.
      }
    }
  }
  report(
    ctx,
    path,
    `${JSON.stringify(value)} is not a date and time with seconds and a time zone, like 2026-03-02T16:00:00Z`,
    'invalid_format',
  );
  return undefined;
}

/** Where a literal reference points. */
export interface LiteralTarget {
  /** The resource type, when the reference names one (`Type/id` or a URL ending so). */
  readonly type?: string;
  /** The resource id, when the reference names one. */
  readonly id?: string;
  /** The reference without a `_history` suffix, to compare with `fullUrl`s. */
  readonly url: string;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE = /^(https?:\/\/.+\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const UUID = /^urn:uuid:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/** Splits a literal reference (`Type/id`, an absolute URL, `urn:uuid:…`); `undefined` for a contained (`#…`) or unreadable one. */
export function parseLiteralReference(reference: string): LiteralTarget | undefined {
  const relative = RELATIVE.exec(reference);
  if (relative) return { type: relative[1]!, id: relative[2]!, url: `${relative[1]}/${relative[2]}` };
  const absolute = ABSOLUTE.exec(reference);
  if (absolute) return { type: absolute[2]!, id: absolute[3]!, url: `${absolute[1]}${absolute[2]}/${absolute[3]}` };
  if (UUID.test(reference) || reference.startsWith('urn:oid:')) return { url: reference };
  return undefined;
}

/** The id a `urn:uuid:` full URL stands for, if it is one. */
export function uuidOf(fullUrl: string | undefined): string | undefined {
  return fullUrl === undefined ? undefined : UUID.exec(fullUrl)?.[1];
}

/** The first identifier with `system`, with its index. */
export function identifierWithSystem(
  identifiers: readonly z.output<typeof identifierSchema>[] | undefined,
  system: string,
): { readonly index: number; readonly identifier: z.output<typeof identifierSchema> } | undefined {
  const index = (identifiers ?? []).findIndex((identifier) => identifier.system === system);
  return index < 0 ? undefined : { index, identifier: identifiers![index]! };
}

/**
 * Reads the referwell id of a resource from its `urn:referwell:<kind>` identifier,
 * checking the tenant named by its assigner. `undefined` when there is none.
 */
export function readReferwellId(
  ctx: ResourceContext,
  identifiers: readonly z.output<typeof identifierSchema>[] | undefined,
  kind: IdentifiedKind,
  tenantId: string,
): string | undefined {
  const found = identifierWithSystem(identifiers, fhirIdentifierSystems[kind]);
  if (found === undefined) return undefined;
  const path = ['identifier', found.index];
  checkTenant(ctx, path, found.identifier, tenantId);
  if (found.identifier.value === undefined) {
    report(ctx, [...path, 'value'], `a ${fhirIdentifierSystems[kind]} identifier needs a value`);
    return undefined;
  }
  return found.identifier.value;
}

/** Reports an identifier whose assigner names another tenant. */
export function checkTenant(
  ctx: ResourceContext,
  path: JsonPath,
  identifier: z.output<typeof identifierSchema>,
  tenantId: string,
): void {
  const assigner = identifier.assigner?.identifier;
  if (
    assigner?.system === fhirIdentifierSystems.tenant &&
    assigner.value !== undefined &&
    assigner.value !== tenantId
  ) {
    report(
      ctx,
      [...path, 'assigner', 'identifier', 'value'],
      `belongs to tenant ${JSON.stringify(assigner.value)}, not ${JSON.stringify(tenantId)}`,
    );
  }
}

/** The code of the first coding of `system` in a list of concepts, with its path. */
export function codingOf(
  concepts: readonly z.output<typeof codeableConceptSchema>[] | undefined,
  system: string,
): { readonly code: string | undefined; readonly path: JsonPath } | undefined {
  for (const [i, concept] of (concepts ?? []).entries()) {
    for (const [j, coding] of (concept.coding ?? []).entries()) {
      if (coding.system === system) return { code: coding.code, path: [i, 'coding', j, 'code'] };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/**
 * The identifier carrying a referwell record id, assigned by the tenant.
 */
export function referwellIdentifier(kind: IdentifiedKind, id: string, tenantId: string): Identifier {
  return {
    system: fhirIdentifierSystems[kind],
    value: id,
    assigner: { identifier: { system: fhirIdentifierSystems.tenant, value: tenantId } },
  };
}

/**
 * A reference to the resource of a referwell record: literal (`Type/<fhir id>`) for
 * readers that follow references, and logical (the referwell identifier) so the
 * record id survives without the target resource.
 */
export function recordReference<T extends Resource>(
  type: T['resourceType'],
  kind: IdentifiedKind,
  id: string,
): Reference<T> {
  return { reference: `${type}/${toFhirId(id)}`, identifier: { system: fhirIdentifierSystems[kind], value: id } };
}

/** A logical reference to a clinician of the practice (clinicians are not exported as resources). */
export function clinicianReference(id: string): Reference<Practitioner> {
  return { type: 'Practitioner', identifier: { system: fhirIdentifierSystems.clinician, value: id } };
}

/** Drops `undefined` entries from a list of extensions under construction. */
export function compact<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}

/** `{ key: value }` when `value` is defined, else `{}`: for optional FHIR elements under exactOptionalPropertyTypes. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** An extension list, or nothing when it would be empty (FHIR forbids empty arrays). */
export function extensionList(extensions: readonly (Extension | undefined)[]): { extension?: Extension[] } {
  const list = compact(extensions);
  return list.length === 0 ? {} : { extension: list };
}

/**
 * The referwell id a reference points to, read from the reference alone (no bundle
 * to follow it into): its `urn:referwell:<kind>` identifier, else the id of a
 * literal `type/id` (or `urn:uuid:`) reference. Reports a reference that names
 * neither, or another resource type.
 */
export function idFromReference(
  ctx: ResourceContext,
  path: JsonPath,
  reference: z.output<typeof referenceSchema>,
  kind: IdentifiedKind,
  type: string,
  tenantId: string,
): string | undefined {
  if (reference.identifier?.system === fhirIdentifierSystems[kind] && reference.identifier.value !== undefined) {
    checkTenant(ctx, [...path, 'identifier'], reference.identifier, tenantId);
    return reference.identifier.value;
  }
  if (reference.reference !== undefined) {
    const target = parseLiteralReference(reference.reference);
    if (target?.type === type && target.id !== undefined) return target.id;
    const uuid = uuidOf(reference.reference);
    if (uuid !== undefined) return uuid;
    report(ctx, [...path, 'reference'], `must reference ${withArticle(type)} (as ${type}/id)`);
    return undefined;
  }
  report(
    ctx,
    path,
    `must reference ${withArticle(type)} by reference or by a ${fhirIdentifierSystems[kind]} identifier`,
  );
  return undefined;
}

/** `a Task`, `an Organization`. */
export function withArticle(type: string): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** `an Organization`, `a PractitionerRole or a Practitioner`. */
export function typeList(types: readonly string[]): string {
  return types.map(withArticle).join(' or ');
}
