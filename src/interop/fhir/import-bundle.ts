import { z } from 'zod';
import type { Contact } from '../../model/contact';
import type { Office } from '../../model/office';
import { idSchema } from '../../model/primitives';
import type { Referral } from '../../model/referral';
import type { ReferwellStore, WriteOperation } from '../../store/store';
import {
  identifierSchema,
  identifierWithSystem,
  parseIn,
  parseLiteralReference,
  typeList,
  uuidOf,
  withArticle,
  type referenceSchema,
} from './datatypes';
import {
  FhirValidationError,
  nonEmpty,
  report,
  type FhirIssue,
  type FhirResult,
  type JsonPath,
  type ResourceContext,
} from './issues';
import { organizationSchema, readOffice } from './organization';
import { practitionerRoleSchema, practitionerSchema, readContact } from './practitioner';
import {
  readReferral,
  serviceRequestSchema,
  taskSchema,
  type ParsedServiceRequest,
  type ParsedTask,
  type ReferralLinks,
  type ResolvedTarget,
} from './service-request';
import { fhirIdentifierSystems } from './systems';

/**
 * The {@link importReferralBundle} options.
 *
 * @category Interop
 */
export interface ImportReferralBundleOptions {
  /** The tenant (practice) the records are for; identifiers assigned by another tenant are refused. */
  readonly tenantId: string;
  /**
   * Where to store the records: all of them in one atomic `write`, and only when
   * the whole bundle validated. Must be bound to `tenantId`. Without a store the
   * records are only returned.
   */
  readonly store?: ReferwellStore;
  /**
   * What to do with an office or contact the store already has: `keep` (default)
   * leaves the stored record as it is (the practice's own tier, tags and notes win
   * over what an EHR sends); `replace` overwrites it with the bundle's. A referral
   * already stored is always kept (appends are idempotent; intake updates go
   * through `transitionReferral`).
   */
  readonly existing?: 'keep' | 'replace';
}

/**
 * A bundle entry the importer did not turn into a record, and why.
 *
 * @category Interop
 */
export interface IgnoredEntry {
  /** Its index in `Bundle.entry`. */
  readonly entry: number;
  /** `Type/id`, else its `fullUrl`, else `entry[n]`. */
  readonly resource: string;
  /** Why it was left out. */
  readonly reason: string;
}

/**
 * What {@link importReferralBundle} read (and stored).
 *
 * @category Interop
 */
export interface ImportedReferrals {
  /** The offices, one per Organization. */
  readonly offices: readonly Office[];
  /** The contacts, one per PractitionerRole. */
  readonly contacts: readonly Contact[];
  /** The referrals, one per ServiceRequest (with its Task). */
  readonly referrals: readonly Referral[];
  /** Entries that are not part of a referral record (Patient, Communication, other types). */
  readonly ignored: readonly IgnoredEntry[];
  /** Ids of records the store already had and that were left as they were (empty without a store). */
  readonly kept: {
    readonly offices: readonly string[];
    readonly contacts: readonly string[];
    readonly referrals: readonly string[];
  };
}

const bundleSchema = z.object({
  resourceType: z.literal('Bundle', { error: 'must be "Bundle"' }),
  type: z.string({ error: 'is required' }),
  entry: z.array(z.unknown(), { error: 'must be an array' }).optional(),
});

const entrySchema = z.object({
  fullUrl: z.string().optional(),
  resource: z.looseObject({ resourceType: z.string({ error: 'is required' }), id: z.string().optional() }),
  request: z.object({ method: z.string(), url: z.string() }).optional(),
});

/** One bundle entry as the importer tracks it. */
interface Entry {
  readonly index: number;
  readonly ctx: ResourceContext;
  readonly type: string;
  readonly id: string | undefined;
  readonly fullUrl: string | undefined;
  readonly identifiers: z.output<typeof identifierSchema>[];
  readonly resource: unknown;
}

type Reference = z.output<typeof referenceSchema>;

/** The ids a reference resolves to, computed without reporting (the readers report). */
function candidateId(entry: Entry, kind: 'office' | 'contact', also: readonly Entry[] = []): string | undefined {
  for (const candidate of [entry, ...also]) {
    const own = identifierWithSystem(candidate.identifiers, fhirIdentifierSystems[kind])?.identifier.value;
    if (own !== undefined) return own;
  }
  return entry.id ?? uuidOf(entry.fullUrl);
}

/**
 * Imports referrals from a FHIR R4 Bundle an EHR sent: type `transaction` or
 * `collection`, holding ServiceRequests (each with its Task, if any) and the
 * Organizations, Practitioners and PractitionerRoles they reference.
 *
 * Every entry is checked — its structure (what the importer reads), then its
 * meaning: references resolve inside the bundle (by `fullUrl`, `Type/id` or a
 * referwell identifier), codes are known, identifiers belong to `tenantId`, each
 * record passes the model's validation, ids are unique. Every problem is reported
 * with its resource and JSON path (e.g. `/entry/4/resource/authoredOn`). On any
 * problem nothing is stored. With a store, all records are written in one atomic
 * `store.write` after everything validated, so a failing write stores nothing
 * either. Patients are never read: a referral keeps an opaque reference only.
 * See docs/fhir.md for every rule.
 *
 * @param bundle - Untrusted JSON.
 * @param options - The tenant, and optionally the store and what to do with records it already has.
 * @returns The records read (and stored), or a {@link FhirValidationError} listing every problem.
 * @throws `ReferwellError` (a `ConflictError`, `StoreError`…) when the store
 *   fails; nothing is stored then either.
 * @example
 * ```ts
 * const result = await importReferralBundle(bundle, { tenantId: 't1', store });
 * if (result.ok) result.value.referrals.length; //=> 3
 * else result.error.issues[0];
 * //=> { resource: 'ServiceRequest/sr-2', pointer: '/entry/5/resource/subject', message: 'a referral needs a subject: the patient reference', … }
 * ```
 * @category Interop
 */
export async function importReferralBundle(
  bundle: unknown,
  options: ImportReferralBundleOptions,
): Promise<FhirResult<ImportedReferrals>> {
  const issues: FhirIssue[] = [];
  const fail = (ctx: ResourceContext) => ({
    ok: false as const,
    error: new FhirValidationError('FHIR bundle', nonEmpty(issues, ctx)),
  });

  const optionsCtx: ResourceContext = { label: 'options', base: [], issues };
  const tenantId = parseIn(
    optionsCtx,
    ['tenantId'],
    idSchema,
    (options as { tenantId?: unknown } | undefined)?.tenantId,
  );
  const store = options?.store;
  if (tenantId !== undefined && store !== undefined && store.tenantId !== tenantId) {
    report(
      optionsCtx,
      ['store'],
      `the store is bound to tenant ${JSON.stringify(store.tenantId)}, not ${JSON.stringify(tenantId)}`,
    );
  }
  const existing = options?.existing ?? 'keep';
  if (existing !== 'keep' && existing !== 'replace') report(optionsCtx, ['existing'], 'must be "keep" or "replace"');
  if (tenantId === undefined || issues.length > 0) return fail(optionsCtx);

  const bundleCtx: ResourceContext = { label: 'Bundle', base: [], issues };
  const parsed = parseIn(bundleCtx, [], bundleSchema, bundle);
  if (parsed === undefined) return fail(bundleCtx);
  const transaction = parsed.type === 'transaction';
  if (!transaction && parsed.type !== 'collection') {
    report(bundleCtx, ['type'], `must be "transaction" or "collection", not ${JSON.stringify(parsed.type)}`);
  }

  // Index the entries.
  const entries: Entry[] = [];
  const ignored: IgnoredEntry[] = [];
  const byFullUrl = new Map<string, Entry>();
  const byTypeId = new Map<string, Entry>();
  (parsed.entry ?? []).forEach((raw, index) => {
    const rawEntry = (typeof raw === 'object' && raw !== null ? raw : {}) as { fullUrl?: unknown; resource?: unknown };
    const rawResource = (
      typeof rawEntry.resource === 'object' && rawEntry.resource !== null ? rawEntry.resource : {}
    ) as {
      resourceType?: unknown;
      id?: unknown;
    };
    const label =
      typeof rawResource.resourceType === 'string' && typeof rawResource.id === 'string' && rawResource.id !== ''
        ? `${rawResource.resourceType}/${rawResource.id}`
        : typeof rawEntry.fullUrl === 'string' && rawEntry.fullUrl !== ''
        ? rawEntry.fullUrl
        : `entry[${index}]`;
    const entryCtx: ResourceContext = { label, base: ['entry', index], issues };
    const entry = parseIn(entryCtx, [], entrySchema, raw);
    if (entry === undefined) return;
    if (transaction) {
      if (entry.request === undefined)
        report(entryCtx, ['request'], 'a transaction entry needs a request (POST or PUT)');
      else if (entry.request.method !== 'POST' && entry.request.method !== 'PUT') {
        report(
          entryCtx,
          ['request', 'method'],
          `must be POST or PUT: an import only creates or updates, not ${JSON.stringify(entry.request.method)}`,
        );
      }
    }
    const tracked: Entry = {
      index,
      ctx: { label, base: ['entry', index, 'resource'], issues },
      type: entry.resource.resourceType,
      id: entry.resource.id,
      fullUrl: entry.fullUrl,
      // Read leniently here (for following references); the resource's own reader reports a bad one.
      identifiers: z.array(identifierSchema).safeParse(entry.resource['identifier']).data ?? [],
      resource: entry.resource,
    };
    // A repeated entry is reported once and read no further.
    const key = entry.resource.id === undefined ? undefined : `${entry.resource.resourceType}/${entry.resource.id}`;
    const sameUrl = entry.fullUrl === undefined ? undefined : byFullUrl.get(entry.fullUrl);
    const sameId = key === undefined ? undefined : byTypeId.get(key);
    if (sameUrl !== undefined) report(entryCtx, ['fullUrl'], `repeats the fullUrl of entry ${sameUrl.index}`);
    else if (sameId !== undefined) report(entryCtx, ['resource', 'id'], `repeats ${key} of entry ${sameId.index}`);
    if (sameUrl !== undefined || sameId !== undefined) return;
    if (entry.fullUrl !== undefined) byFullUrl.set(entry.fullUrl, tracked);
    if (key !== undefined) byTypeId.set(key, tracked);
    entries.push(tracked);
  });

  /** Follows a reference into the bundle. */
  const follow = (
    ctx: ResourceContext,
    path: JsonPath,
    reference: Reference,
    types: readonly string[],
  ): Entry | undefined => {
    let found: Entry | undefined;
    if (reference.reference !== undefined) {
      const literal = reference.reference;
      if (literal.startsWith('#')) {
        report(ctx, [...path, 'reference'], 'contained resources are not supported: put the resource in the bundle');
        return undefined;
      }
      found = byFullUrl.get(literal);
      const target = found === undefined ? parseLiteralReference(literal) : undefined;
      if (target !== undefined) {
        found = byFullUrl.get(target.url);
        if (found === undefined && target.type !== undefined) {
          found =
            byTypeId.get(`${target.type}/${target.id}`) ??
            entries.find((e) => e.fullUrl?.endsWith(`/${target.type}/${target.id}`) === true);
        }
      }
      if (found === undefined) {
        report(ctx, [...path, 'reference'], `${JSON.stringify(literal)} does not resolve to a resource in the bundle`);
        return undefined;
      }
    } else if (reference.identifier?.system !== undefined && reference.identifier.value !== undefined) {
      const { system, value } = reference.identifier;
      found = entries.find(
        (e) => types.includes(e.type) && e.identifiers.some((id) => id.system === system && id.value === value),
      );
      if (found === undefined) {
        report(
          ctx,
          [...path, 'identifier'],
          `no ${types.join(' or ')} in the bundle has the identifier ${system}|${value}`,
        );
        return undefined;
      }
    } else {
      report(ctx, path, 'needs a reference or an identifier (system and value)');
      return undefined;
    }
    if (!types.includes(found.type)) {
      report(ctx, path, `must reference ${typeList(types)}, not ${withArticle(found.type)}`);
      return undefined;
    }
    return found;
  };

  // Read every resource of the types the importer knows; list the others.
  const parsedOf = new Map<Entry, unknown>();
  for (const entry of entries) {
    const schema = (
      {
        Organization: organizationSchema,
        Practitioner: practitionerSchema,
        PractitionerRole: practitionerRoleSchema,
        ServiceRequest: serviceRequestSchema,
        Task: taskSchema,
      } as Record<string, z.ZodType | undefined>
    )[entry.type];
    if (schema === undefined) {
      ignored.push({
        entry: entry.index,
        resource: entry.ctx.label,
        reason:
          entry.type === 'Patient'
            ? 'patients are never read: a referral keeps an opaque patient reference only'
            : `${withArticle(entry.type)} is not part of a referral record`,
      });
      continue;
    }
    const value = parseIn(entry.ctx, [], schema, entry.resource);
    if (value !== undefined) parsedOf.set(entry, value);
  }
  const ofType = (type: string) => entries.filter((entry) => entry.type === type && parsedOf.has(entry));

  // Roles and practitioners: which role is each practitioner's, which office each role's.
  const roleEntries = ofType('PractitionerRole');
  const practitionerOfRole = new Map<Entry, Entry>();
  const rolesOfPractitioner = new Map<Entry, Entry[]>();
  const officeEntryOfRole = new Map<Entry, Entry>();
  for (const roleEntry of roleEntries) {
    const role = parsedOf.get(roleEntry) as z.output<typeof practitionerRoleSchema>;
    if (role.practitioner === undefined) report(roleEntry.ctx, ['practitioner'], 'a contact needs its Practitioner');
    else {
      const practitioner = follow(roleEntry.ctx, ['practitioner'], role.practitioner, ['Practitioner']);
      if (practitioner !== undefined) {
        practitionerOfRole.set(roleEntry, practitioner);
        rolesOfPractitioner.set(practitioner, [...(rolesOfPractitioner.get(practitioner) ?? []), roleEntry]);
      }
    }
    if (role.organization !== undefined) {
      const office = follow(roleEntry.ctx, ['organization'], role.organization, ['Organization']);
      if (office !== undefined) officeEntryOfRole.set(roleEntry, office);
    }
  }
  const contactIdOfRole = (roleEntry: Entry) => {
    const practitioner = practitionerOfRole.get(roleEntry);
    return candidateId(roleEntry, 'contact', practitioner === undefined ? [] : [practitioner]);
  };

  // Offices.
  const offices: Office[] = [];
  const officeEntries: { id: string; entry: Entry }[] = [];
  for (const entry of ofType('Organization')) {
    const office = readOffice(
      entry.ctx,
      parsedOf.get(entry) as z.output<typeof organizationSchema>,
      tenantId,
      uuidOf(entry.fullUrl),
    );
    if (office !== undefined) {
      offices.push(office);
      officeEntries.push({ id: office.id, entry });
    }
  }

  // Contacts.
  const contacts: Contact[] = [];
  const contactEntries: { id: string; entry: Entry }[] = [];
  for (const roleEntry of roleEntries) {
    const practitionerEntry = practitionerOfRole.get(roleEntry);
    if (practitionerEntry === undefined || !parsedOf.has(practitionerEntry)) continue;
    const officeEntry = officeEntryOfRole.get(roleEntry);
    const contact = readContact(
      practitionerEntry.ctx,
      parsedOf.get(practitionerEntry) as z.output<typeof practitionerSchema>,
      roleEntry.ctx,
      parsedOf.get(roleEntry) as z.output<typeof practitionerRoleSchema>,
      tenantId,
      {
        officeId: officeEntry === undefined ? undefined : candidateId(officeEntry, 'office'),
        ...optionalFallback(uuidOf(roleEntry.fullUrl)),
      },
    );
    if (contact !== undefined) {
      contacts.push(contact);
      contactEntries.push({ id: contact.id, entry: roleEntry });
    }
  }
  for (const entry of ofType('Practitioner')) {
    if (!rolesOfPractitioner.has(entry)) {
      ignored.push({
        entry: entry.index,
        resource: entry.ctx.label,
        reason: 'no PractitionerRole in the bundle names its office',
      });
    }
  }

  // Tasks → their ServiceRequest.
  const taskOf = new Map<Entry, Entry>();
  for (const taskEntry of ofType('Task')) {
    const task = parsedOf.get(taskEntry) as ParsedTask;
    const reference = task.focus ?? task.basedOn?.[0];
    const path: JsonPath = task.focus !== undefined ? ['focus'] : ['basedOn', 0];
    if (reference === undefined) {
      report(taskEntry.ctx, ['focus'], 'a referral task needs its ServiceRequest as focus (or basedOn)');
      continue;
    }
    const srEntry = follow(taskEntry.ctx, path, reference, ['ServiceRequest']);
    if (srEntry === undefined) continue;
    const other = taskOf.get(srEntry);
    if (other !== undefined) {
      report(taskEntry.ctx, path, `${srEntry.ctx.label} already has a Task (${other.ctx.label})`);
      continue;
    }
    taskOf.set(srEntry, taskEntry);
  }

  // Referrals.
  const targetOf = (entry: Entry): ResolvedTarget | 'unresolved' => {
    if (entry.type === 'Organization') {
      const id = candidateId(entry, 'office');
      return id === undefined ? 'unresolved' : { type: 'Organization', id };
    }
    const roleEntry =
      entry.type === 'PractitionerRole'
        ? entry
        : (rolesOfPractitioner.get(entry) ?? []).length === 1
        ? rolesOfPractitioner.get(entry)![0]!
        : undefined;
    if (roleEntry === undefined) return 'unresolved';
    const id = contactIdOfRole(roleEntry);
    const officeEntry = officeEntryOfRole.get(roleEntry);
    const officeId = officeEntry === undefined ? undefined : candidateId(officeEntry, 'office');
    return id === undefined
      ? 'unresolved'
      : { type: 'PractitionerRole', id, ...(officeId === undefined ? {} : { officeId }) };
  };
  const links = (fallbackId: string | undefined): ReferralLinks => ({
    ...optionalFallback(fallbackId),
    resolve(ctx, path, reference, types) {
      const found = follow(
        ctx,
        path,
        reference,
        types.includes('PractitionerRole') ? [...types, 'Practitioner'] : types,
      );
      if (found === undefined) return undefined;
      const target = targetOf(found);
      if (target === 'unresolved') {
        const roles = rolesOfPractitioner.get(found)?.length ?? 0;
        report(
          ctx,
          path,
          found.type === 'Practitioner'
            ? roles === 0
              ? `${found.ctx.label} has no PractitionerRole in the bundle, so its office is unknown`
              : `${found.ctx.label} has ${roles} PractitionerRoles: reference the PractitionerRole instead`
            : `${found.ctx.label} has no id to import it under`,
        );
        return undefined;
      }
      return target;
    },
  });
  const referrals: Referral[] = [];
  const referralEntries: { id: string; entry: Entry }[] = [];
  for (const srEntry of ofType('ServiceRequest')) {
    const taskEntry = taskOf.get(srEntry);
    const referral = readReferral(
      srEntry.ctx,
      parsedOf.get(srEntry) as ParsedServiceRequest,
      taskEntry?.ctx,
      taskEntry === undefined ? undefined : (parsedOf.get(taskEntry) as ParsedTask),
      tenantId,
      links(uuidOf(srEntry.fullUrl)),
    );
    if (referral !== undefined) {
      referrals.push(referral);
      referralEntries.push({ id: referral.id, entry: srEntry });
    }
  }

  // Ids are unique per kind.
  for (const [kind, read] of [
    ['office', officeEntries],
    ['contact', contactEntries],
    ['referral', referralEntries],
  ] as const) {
    const seen = new Map<string, Entry>();
    for (const { id, entry } of read) {
      const first = seen.get(id);
      if (first === undefined) seen.set(id, entry);
      else
        report(
          entry.ctx,
          ['identifier'],
          `imports ${kind} ${JSON.stringify(id)} again (already read from ${first.ctx.label})`,
        );
    }
  }

  if (issues.length > 0) return fail(bundleCtx);

  const kept = { offices: [] as string[], contacts: [] as string[], referrals: [] as string[] };
  if (store !== undefined) {
    const operations: WriteOperation[] = [];
    for (const office of offices) {
      if (existing === 'keep' && (await store.get('office', office.id)) !== undefined) kept.offices.push(office.id);
      else
        operations.push({
          type: 'upsert',
          kind: 'office',
          record: office,
          ...(existing === 'keep' ? { expectedVersion: 0 } : {}),
        });
    }
    for (const contact of contacts) {
      if (existing === 'keep' && (await store.get('contact', contact.id)) !== undefined) kept.contacts.push(contact.id);
      else
        operations.push({
          type: 'upsert',
          kind: 'contact',
          record: contact,
          ...(existing === 'keep' ? { expectedVersion: 0 } : {}),
        });
    }
    for (const referral of referrals) {
      if ((await store.get('referral', referral.id)) !== undefined) kept.referrals.push(referral.id);
      else operations.push({ type: 'append', kind: 'referral', record: referral });
    }
    if (operations.length > 0) await store.write(operations);
  }
  return { ok: true, value: { offices, contacts, referrals, ignored, kept } };
}

function optionalFallback(fallbackId: string | undefined): { fallbackId?: string } {
  return fallbackId === undefined ? {} : { fallbackId };
}
