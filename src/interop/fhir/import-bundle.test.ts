import { readFileSync } from 'node:fs';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../adapters/memory/index';
import { ConflictError, ReferwellError } from '../../errors';
import { parseRecord, type RecordKind, type RecordTypes } from '../../model/records';
import { unwrap } from '../../model/result';
import type { ReferwellStore } from '../../store/store';
import { toFhirBundle } from './bundle';
import { fhirProblems } from './fhir-test-support';
import { importReferralBundle } from './import-bundle';
import { FhirValidationError } from './issues';

const T = 't1';
const record = <K extends RecordKind>(kind: K, input: unknown): RecordTypes[K] => unwrap(parseRecord(kind, input));

const offices = [
  record('office', {
    id: 'off-1',
    tenantId: T,
    name: 'Elm Street Pediatrics',
    kind: 'pediatrics',
    lifecycle: 'active',
    tags: ['north'],
  }),
  record('office', {
    id: 'off 2',
    tenantId: T,
    name: 'Lakeside Family Medicine',
    kind: 'primary-care',
    address: { line1: '12 Lake Rd', city: 'Madison', region: 'WI', postalCode: '53703', country: 'US' },
    timeZone: 'America/Chicago',
  }),
  record('office', {
    id: 'off-3',
    tenantId: T,
    name: 'St. Mary Inpatient Psychiatry',
    kind: 'hospital-unit',
    lifecycle: 'prospect',
  }),
];
const contacts = [
  record('contact', {
    id: 'c-1',
    tenantId: T,
    officeId: 'off-1',
    name: 'Dr. Ortiz',
    role: 'physician',
    npi: '1234567893',
  }),
  record('contact', {
    id: 'c-2',
    tenantId: T,
    officeId: 'off-1',
    name: 'Priya Shah',
    role: 'receptionist',
    email: 'front@elm.example',
  }),
  record('contact', {
    id: 'c-3',
    tenantId: T,
    officeId: 'off 2',
    name: 'Ann Lee',
    salutation: 'Ms. Lee',
    role: 'nurse-practitioner',
  }),
  record('contact', {
    id: 'c-4',
    tenantId: T,
    officeId: 'off-3',
    name: 'Sam Roy',
    role: 'office-manager',
    active: false,
  }),
];
const referrals = [
  record('referral', {
    id: 'r-1',
    tenantId: T,
    officeId: 'off-1',
    contactIds: ['c-1', 'c-2'],
    receivedAt: '2026-03-02T16:00:00Z',
    via: 'phone-from-office',
    checklist: { 'warm-handoff': true, 'prescription-pad': false },
    patient: { reference: 'p-77', displayName: 'J. Doe', consentToShare: true },
    intake: [
      { status: 'accepted', at: '2026-03-02T18:00:00Z' },
      { status: 'scheduled', at: '2026-03-03T15:00:00Z', appointmentAt: '2026-03-09T15:00:00Z' },
      { status: 'first-visit-completed', at: '2026-03-09T16:00:00Z' },
    ],
    patientContactedAt: '2026-03-02T17:00:00Z',
    reportSentToReferrerAt: '2026-03-10T12:00:00Z',
  }),
  record('referral', {
    id: 'r-2',
    tenantId: T,
    officeId: 'off 2',
    contactIds: ['c-3'],
    receivedAt: '2026-03-04T10:30:00.250Z',
    via: 'fax',
    patient: { reference: 'p-78' },
    intake: [
      { status: 'declined', at: '2026-03-04T12:00:00Z', reason: 'needs inpatient care', redirectedTo: 'St. Mary' },
    ],
    notes: 'Faxed twice.',
  }),
  record('referral', {
    id: 'r-3',
    tenantId: T,
    officeId: 'off-3',
    receivedAt: '2026-03-05T09:00:00Z',
    via: 'e-referral',
    patient: { reference: 'p-79' },
    clinicianId: 'cl-1',
  }),
];

const goodBundle = (): Bundle =>
  JSON.parse(JSON.stringify(toFhirBundle({ offices, contacts, referrals }, { type: 'transaction' }))) as Bundle;

/** The index of the entry holding `Type/id`. */
function entryIndex(bundle: Bundle, type: string, id: string): number {
  const index = (bundle.entry ?? []).findIndex(
    (entry) => entry.resource?.resourceType === type && entry.resource.id === id,
  );
  if (index < 0) throw new Error(`no ${type}/${id}`);
  return index;
}

function resourceAt<K extends Resource['resourceType']>(
  bundle: Bundle,
  type: K,
  id: string,
): Extract<Resource, { resourceType: K }> {
  return bundle.entry![entryIndex(bundle, type, id)]!.resource as Extract<Resource, { resourceType: K }>;
}

async function storedCounts(store: ReferwellStore) {
  return {
    offices: (await store.list('office')).records.length,
    contacts: (await store.list('contact')).records.length,
    referrals: (await store.list('referral')).records.length,
  };
}

function issuesOf(result: Awaited<ReturnType<typeof importReferralBundle>>) {
  if (result.ok) expect.fail('expected the import to fail');
  expect(result.error).toBeInstanceOf(FhirValidationError);
  expect(ReferwellError.isInstance(result.error)).toBe(true);
  return result.error.issues.map(({ resource, pointer, message }) => ({ resource, pointer, message }));
}

describe('importReferralBundle', () => {
  it('imports a transaction bundle into a memory store', async () => {
    const bundle = goodBundle();
    expect(fhirProblems(bundle)).toEqual([]);
    const store = memoryStore({ tenantId: T });
    const result = await importReferralBundle(bundle, { tenantId: T, store });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.offices).toEqual(offices);
    expect(result.value.contacts).toEqual(contacts);
    expect(result.value.referrals).toEqual(referrals);
    expect(result.value.ignored).toEqual([]);
    expect(result.value.kept).toEqual({ offices: [], contacts: [], referrals: [] });
    expect(await storedCounts(store)).toEqual({ offices: 3, contacts: 4, referrals: 3 });
    expect((await store.get('referral', 'r-1'))?.record).toEqual(referrals[0]);
    expect((await store.get('office', 'off 2'))?.record).toEqual(offices[1]);
  });

  it('returns the records without storing them when no store is given', async () => {
    const result = await importReferralBundle(toFhirBundle({ offices, contacts, referrals }), { tenantId: T });
    expect(result.ok && result.value.referrals.length).toBe(3);
  });

  it('stores nothing from a bundle with one bad resource among many, and names every problem', async () => {
    const bundle = goodBundle();
    const sr = resourceAt(bundle, 'ServiceRequest', 'r-2') as unknown as Record<string, unknown>;
    delete sr['subject'];
    sr['authoredOn'] = '2026-03-04';
    sr['requester'] = { reference: 'PractitionerRole/nobody' };
    const index = entryIndex(bundle, 'ServiceRequest', 'r-2');
    const store = memoryStore({ tenantId: T });
    const issues = issuesOf(await importReferralBundle(bundle, { tenantId: T, store }));
    expect(issues).toEqual([
      {
        resource: 'ServiceRequest/r-2',
        pointer: `/entry/${index}/resource/authoredOn`,
        message: '"2026-03-04" is not a date and time with seconds and a time zone, like 2026-03-02T16:00:00Z',
      },
      {
        resource: 'ServiceRequest/r-2',
        pointer: `/entry/${index}/resource/requester/reference`,
        message: '"PractitionerRole/nobody" does not resolve to a resource in the bundle',
      },
      {
        resource: 'ServiceRequest/r-2',
        pointer: `/entry/${index}/resource/subject`,
        message: 'a referral needs a subject: the patient reference',
      },
    ]);
    expect(await storedCounts(store)).toEqual({ offices: 0, contacts: 0, referrals: 0 });
  });

  it('reports problems in several resources at once, each with its resource and path', async () => {
    const bundle = goodBundle();
    const practitioner = resourceAt(bundle, 'Practitioner', 'c-1');
    practitioner.identifier![1]!.value = '1234567890';
    const role = resourceAt(bundle, 'PractitionerRole', 'c-2');
    role.organization = { reference: 'Organization/elsewhere' };
    const task = resourceAt(bundle, 'Task', 'r-1');
    task.businessStatus!.coding![0]!.code = '5.1.1';
    const organization = resourceAt(bundle, 'Organization', 'off-3') as unknown as Record<string, unknown>;
    organization['identifier'] = [
      {
        system: 'urn:referwell:office',
        value: 'off-3',
        assigner: { identifier: { system: 'urn:referwell:tenant', value: 't2' } },
      },
    ];
    const issues = issuesOf(await importReferralBundle(bundle, { tenantId: T }));
    const at = (type: string, id: string) => `/entry/${entryIndex(bundle, type, id)}/resource`;
    expect(issues).toEqual([
      {
        resource: 'PractitionerRole/c-2',
        pointer: `${at('PractitionerRole', 'c-2')}/organization/reference`,
        message: '"Organization/elsewhere" does not resolve to a resource in the bundle',
      },
      {
        resource: 'Organization/off-3',
        pointer: `${at('Organization', 'off-3')}/identifier/0/assigner/identifier/value`,
        message: 'belongs to tenant "t2", not "t1"',
      },
      {
        resource: 'Practitioner/c-1',
        pointer: `${at('Practitioner', 'c-1')}/identifier/1/value`,
        message: 'contact /npi: NPI check digit is wrong: for 123456789 it must be 3, not 0',
      },
      {
        resource: 'Task/r-1',
        pointer: `${at('Task', 'r-1')}/businessStatus/coding/0/code`,
        message: 'is "5.1.1" but the last intake step is first-visit-completed (business status 5.1.4)',
      },
    ]);
  });

  it('stores nothing when the store write fails', async () => {
    const store = memoryStore({ tenantId: T });
    // Another writer stores off-1 between the importer's check and its write.
    const racing: ReferwellStore = {
      ...store,
      get: async (kind, id) => (kind === 'office' && id === 'off-1' ? undefined : store.get(kind, id)),
    };
    await store.upsertOffice(offices[0]!);
    const attempt = importReferralBundle(goodBundle(), { tenantId: T, store: racing });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect(await storedCounts(store)).toEqual({ offices: 1, contacts: 0, referrals: 0 });
  });

  it('keeps the offices and contacts a store already has, unless told to replace them', async () => {
    const store = memoryStore({ tenantId: T });
    const curated = { ...offices[0]!, tier: 'A', tags: ['north', 'lunch-ok'], notes: 'Ask for Priya.' };
    await store.upsertOffice(curated);
    await store.upsertContact(contacts[0]!);
    const first = await importReferralBundle(goodBundle(), { tenantId: T, store });
    expect(first.ok && first.value.kept).toEqual({ offices: ['off-1'], contacts: ['c-1'], referrals: [] });
    expect((await store.get('office', 'off-1'))?.record).toEqual(curated);
    const again = await importReferralBundle(goodBundle(), { tenantId: T, store, existing: 'replace' });
    expect(again.ok && again.value.kept).toEqual({ offices: [], contacts: [], referrals: ['r-1', 'r-2', 'r-3'] });
    expect((await store.get('office', 'off-1'))?.record).toEqual(offices[0]);
    expect(await storedCounts(store)).toEqual({ offices: 3, contacts: 4, referrals: 3 });
  });

  it('reads a BSeR-style collection from an EHR: urn:uuid references, no referwell identifiers, offsets', async () => {
    const uuid = (n: number) => `urn:uuid:00000000-0000-4000-8000-00000000000${n}`;
    const entry = (n: number, resource: Record<string, unknown>): BundleEntry => ({
      fullUrl: uuid(n),
      resource: resource as unknown as Resource,
    });
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        entry(1, {
          resourceType: 'Organization',
          name: 'Oak Clinic',
          type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov' }] }],
          active: true,
        }),
        entry(2, {
          resourceType: 'Practitioner',
          identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
          name: [{ family: 'Okafor', given: ['Amara'], prefix: ['Dr.'] }],
        }),
        entry(3, {
          resourceType: 'PractitionerRole',
          practitioner: { reference: uuid(2) },
          organization: { reference: uuid(1) },
          code: [{ coding: [{ system: 'http://snomed.info/sct', code: '309343006' }] }],
          telecom: [{ system: 'phone', value: '+1 555-0100' }],
        }),
        entry(4, { resourceType: 'Patient', name: [{ family: 'Never', given: ['Read'] }] }),
        entry(5, {
          resourceType: 'ServiceRequest',
          status: 'active',
          intent: 'order',
          subject: { reference: uuid(4), display: 'Read Never' },
          authoredOn: '2026-03-02T10:00:00-06:00',
          requester: { reference: uuid(2) },
        }),
        entry(6, {
          resourceType: 'Task',
          status: 'in-progress',
          intent: 'order',
          businessStatus: {
            coding: [{ system: 'http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS', code: '5.1.1' }],
          },
          focus: { reference: uuid(5) },
          lastModified: '2026-03-03T09:15:00+01:00',
          restriction: { period: { start: '2026-03-10T15:00:00Z' } },
        }),
      ],
    };
    const result = await importReferralBundle(bundle, { tenantId: T });
    if (!result.ok) expect.fail(JSON.stringify(result.error.issues));
    const ids = [1, 3, 5].map((n) => uuid(n).slice('urn:uuid:'.length));
    expect(result.value.offices).toEqual([
      { id: ids[0], tenantId: T, name: 'Oak Clinic', kind: 'other', tags: [], lifecycle: 'active' },
    ]);
    expect(result.value.contacts).toEqual([
      {
        id: ids[1],
        tenantId: T,
        officeId: ids[0],
        name: 'Dr. Amara Okafor',
        role: 'physician',
        npi: '1234567893',
        phone: '+1 555-0100',
        active: true,
      },
    ]);
    expect(result.value.referrals).toEqual([
      {
        id: ids[2],
        tenantId: T,
        officeId: ids[0],
        contactIds: [ids[1]],
        receivedAt: '2026-03-02T16:00:00Z',
        via: 'e-referral',
        checklist: {},
        // The display name is dropped: no consent extension.
        patient: { reference: uuid(4), consentToShare: false },
        intake: [
          { status: 'accepted', at: '2026-03-03T08:15:00Z' },
          { status: 'scheduled', at: '2026-03-03T08:15:00Z', appointmentAt: '2026-03-10T15:00:00Z' },
        ],
      },
    ]);
    expect(result.value.ignored).toEqual([
      {
        entry: 3,
        resource: uuid(4),
        reason: 'patients are never read: a referral keeps an opaque patient reference only',
      },
    ]);
  });

  it('lists Communications as ignored', async () => {
    const touchpoint = record('touchpoint', {
      id: 'tp-1',
      tenantId: T,
      officeId: 'off-1',
      at: '2026-03-01T15:00:00Z',
      channel: 'in-person',
      purposes: ['follow-up'],
    });
    const bundle = toFhirBundle({ offices, touchpoints: [touchpoint] });
    const result = await importReferralBundle(bundle, { tenantId: T });
    expect(result.ok && result.value.ignored).toEqual([
      { entry: 3, resource: 'Communication/tp-1', reason: 'a Communication is not part of a referral record' },
    ]);
  });

  it('refuses what is not a transaction or collection bundle of resources', async () => {
    expect(issuesOf(await importReferralBundle('nope', { tenantId: T }))).toEqual([
      { resource: 'Bundle', pointer: '', message: 'Invalid input: expected object, received string' },
    ]);
    expect(
      issuesOf(await importReferralBundle({ resourceType: 'Bundle', type: 'searchset' }, { tenantId: T })),
    ).toEqual([
      { resource: 'Bundle', pointer: '/type', message: 'must be "transaction" or "collection", not "searchset"' },
    ]);
    const bundle = goodBundle();
    bundle.entry![0]!.request = { method: 'DELETE', url: 'Organization/off-1' };
    const n = bundle.entry!.length;
    bundle.entry!.push({ resource: { id: 'x' } as unknown as Resource, request: { method: 'POST', url: 'Basic' } });
    bundle.entry!.push({ ...bundle.entry![2]! });
    expect(issuesOf(await importReferralBundle(bundle, { tenantId: T }))).toEqual([
      {
        resource: 'Organization/off-1',
        pointer: '/entry/0/request/method',
        message: 'must be POST or PUT: an import only creates or updates, not "DELETE"',
      },
      { resource: `entry[${n}]`, pointer: `/entry/${n}/resource/resourceType`, message: 'is required' },
      {
        resource: 'Organization/off-3',
        pointer: `/entry/${n + 1}/resource/id`,
        message: 'repeats Organization/off-3 of entry 2',
      },
    ]);
  });

  it('refuses a store bound to another tenant, or a bad tenant id', async () => {
    const store = memoryStore({ tenantId: 't2' });
    expect(issuesOf(await importReferralBundle(goodBundle(), { tenantId: T, store }))).toEqual([
      { resource: 'options', pointer: '/store', message: 'the store is bound to tenant "t2", not "t1"' },
    ]);
    expect(issuesOf(await importReferralBundle(goodBundle(), { tenantId: '' }))[0]?.pointer).toBe('/tenantId');
  });

  it('resolves references by identifier, and reports contained or dangling ones', async () => {
    const bundle = goodBundle();
    const role = resourceAt(bundle, 'PractitionerRole', 'c-1');
    role.organization = { identifier: { system: 'urn:referwell:office', value: 'off-1' } };
    const ok = await importReferralBundle(bundle, { tenantId: T });
    expect(ok.ok && ok.value.contacts[0]).toEqual(contacts[0]);

    role.organization = { identifier: { system: 'urn:referwell:office', value: 'off-9' } };
    const other = resourceAt(bundle, 'PractitionerRole', 'c-2');
    other.practitioner = { reference: '#p1' };
    const roleAt = `/entry/${entryIndex(bundle, 'PractitionerRole', 'c-1')}/resource`;
    const otherAt = `/entry/${entryIndex(bundle, 'PractitionerRole', 'c-2')}/resource`;
    expect(issuesOf(await importReferralBundle(bundle, { tenantId: T })).slice(0, 2)).toEqual([
      {
        resource: 'PractitionerRole/c-1',
        pointer: `${roleAt}/organization/identifier`,
        message: 'no Organization in the bundle has the identifier urn:referwell:office|off-9',
      },
      {
        resource: 'PractitionerRole/c-2',
        pointer: `${otherAt}/practitioner/reference`,
        message: 'contained resources are not supported: put the resource in the bundle',
      },
    ]);
  });
});

describe('the example bundle of docs/fhir.md', () => {
  it('is valid FHIR R4 and imports', async () => {
    const docs = readFileSync(new URL('../../../docs/fhir.md', import.meta.url), 'utf8');
    const block = /### Example bundle[\s\S]*?```json\n([\s\S]*?)\n```/.exec(docs)?.[1];
    const bundle = JSON.parse(block ?? 'null') as Bundle;
    expect(fhirProblems(bundle)).toEqual([]);
    const result = await importReferralBundle(bundle, { tenantId: T });
    if (!result.ok) expect.fail(JSON.stringify(result.error.issues));
    expect([result.value.offices.length, result.value.contacts.length, result.value.referrals.length]).toEqual([
      1, 1, 1,
    ]);
    expect(result.value.referrals[0]?.intake.map((step) => step.status)).toEqual(['accepted', 'scheduled']);
  });
});
