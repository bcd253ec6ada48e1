/**
 * Test support for `referwell/fhir` (used by the tests only, never exported): FHIR.js
 * validation, the structural rules FHIR.js does not check, and fast-check
 * arbitraries of valid offices, contacts and referrals.
 */
import fc from 'fast-check';
import { Fhir } from 'fhir';
import { intakeTransitions } from '../../model/intake-transitions';
import { npiCheckDigit } from '../../model/npi';
import { idSchema } from '../../model/primitives';
import { parseRecord, type RecordKind, type RecordTypes } from '../../model/records';
import { unwrap } from '../../model/result';
import {
  channels,
  contactRoles,
  officeKinds,
  officeLifecycles,
  purposes,
  referralSources,
  resourceKinds,
  thankYouMedia,
  type IntakeStatus,
} from '../../model/vocabulary';

const fhir = new Fhir();

/** FHIR.js's errors for a resource (unexpected properties count as errors; warnings are ignored). */
export function fhirJsErrors(resource: unknown): string[] {
  return fhir
    .validate(resource as object, { errorOnUnexpected: true })
    .messages.filter((message) => message.severity === 'error' || message.severity === 'fatal')
    .map((message) => `${message.location ?? '?'}: ${message.message ?? '?'}`);
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const VALUE_KEY = /^value[A-Z]/;
/** FHIR R4's dateTime regex (from the specification), anchored. */
const DATE_TIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;
/** The dateTime elements the library writes. */
const DATE_TIME_KEYS = new Set(['authoredOn', 'lastModified', 'sent', 'valueDateTime', 'start', 'end']);

/**
 * Rules of the FHIR JSON format FHIR.js does not check: no empty strings, arrays or
 * objects (ele-1), resource ids of the FHIR id form, dateTimes by the
 * specification's regex (FHIR.js accepts `2 March 2026`), every extension with a
 * url and either a value or nested extensions but not both (ext-1), literal
 * references of the form `Type/id`.
 */
export function structuralErrors(resource: unknown): string[] {
  const errors: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      if (node === '') errors.push(`${path}: empty string`);
      const key = path.slice(path.lastIndexOf('.') + 1);
      if (DATE_TIME_KEYS.has(key) && !DATE_TIME.test(node)) errors.push(`${path}: not a FHIR dateTime`);
      return;
    }
    if (Array.isArray(node)) {
      if (node.length === 0) errors.push(`${path}: empty array`);
      node.forEach((item, i) => walk(item, `${path}[${i}]`));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (Object.keys(record).length === 0) errors.push(`${path}: empty object`);
    if (path.endsWith('extension') || /extension\[\d+\]$/.test(path)) {
      const values = Object.keys(record).filter((key) => VALUE_KEY.test(key));
      if (typeof record['url'] !== 'string') errors.push(`${path}: extension without url`);
      if (values.length > 1) errors.push(`${path}: several values`);
      if (values.length === 1 && record['extension'] !== undefined)
        errors.push(`${path}: value and extensions (ext-1)`);
      if (values.length === 0 && record['extension'] === undefined)
        errors.push(`${path}: neither value nor extensions`);
    }
    if (
      typeof record['resourceType'] === 'string' &&
      record['id'] !== undefined &&
      !FHIR_ID.test(String(record['id']))
    ) {
      errors.push(`${path}.id: not a FHIR id`);
    }
    if (
      typeof record['reference'] === 'string' &&
      !/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(record['reference'])
    ) {
      errors.push(`${path}.reference: not Type/id`);
    }
    for (const [key, value] of Object.entries(record)) walk(value, `${path}.${key}`);
  };
  walk(
    resource,
    typeof (resource as { resourceType?: unknown }).resourceType === 'string'
      ? String((resource as { resourceType: string }).resourceType)
      : '$',
  );
  return errors;
}

/** Every problem FHIR.js or the structural rules find. */
export function fhirProblems(resource: unknown): string[] {
  return [...fhirJsErrors(resource), ...structuralErrors(resource)];
}

// ---------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------

/** Any valid referwell id, often not a valid FHIR id (spaces, accents, `/`, long). */
export const idArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
    fc.string({ minLength: 65, maxLength: 90 }),
    fc.constantFrom('rwh.abc', 'Elm Street #2', 'ofﬁce/1', ' lead space', 'a  b'),
  )
  .filter((id) => idSchema.safeParse(id).success);

/** A trimmed, non-empty label. */
export const labelArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.constantFrom('Dr. Ámara Okafor', 'Clínica «Norte»', 'O’Brien & Söhne'),
  )
  .map((text) => text.trim())
  .filter((text) => text.length > 0);

const DAY = 86_400_000;
const START = Date.parse('2015-01-01T00:00:00Z');

/** An instant written in one of the forms the model accepts. */
function instantText(ms: number, form: number): string {
  const iso = new Date(ms).toISOString();
  if (form === 0) return iso.replace(/\.\d{3}Z$/, 'Z');
  if (form === 1) return iso;
  return iso.replace(/Z$/, '417Z');
}

const formArb = fc.integer({ min: 0, max: 2 });

function parsed<K extends RecordKind>(kind: K, input: unknown): RecordTypes[K] {
  return unwrap(parseRecord(kind, input));
}

const optionalArb = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops `undefined` properties (the model's strict objects accept absent, not `undefined`, under its types). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A valid office of `tenantId` with every optional field sometimes set. */
export function officeArb(tenantId: string, id: fc.Arbitrary<string> = idArb): fc.Arbitrary<RecordTypes['office']> {
  return fc
    .record({
      id,
      name: labelArb,
      kind: fc.constantFrom(...officeKinds),
      address: optionalArb(
        fc.record({
          line1: optionalArb(labelArb),
          line2: optionalArb(labelArb),
          city: optionalArb(labelArb),
          region: optionalArb(labelArb),
          postalCode: optionalArb(labelArb),
          country: optionalArb(labelArb),
        }),
      ),
      timeZone: optionalArb(fc.constantFrom('America/Chicago', 'Europe/Paris', 'Pacific/Chatham')),
      tier: optionalArb(labelArb),
      tags: fc.array(labelArb, { maxLength: 3 }),
      lifecycle: fc.constantFrom(...officeLifecycles),
      createdAt: optionalArb(fc.tuple(fc.integer({ min: 0, max: 3000 }), formArb)),
      notes: optionalArb(fc.string({ minLength: 1, maxLength: 40 })),
    })
    .map((o) =>
      parsed(
        'office',
        defined({
          ...o,
          tenantId,
          // FHIR keeps address lines in a list: a second line comes with a first one.
          // FHIR has no empty address: an address with no part is not exported.
          address: ((address) => (address === undefined || Object.keys(address).length === 0 ? undefined : address))(
            o.address === undefined
              ? undefined
              : defined({ ...o.address, line2: o.address.line1 === undefined ? undefined : o.address.line2 }),
          ),
          createdAt: o.createdAt === undefined ? undefined : instantText(START + o.createdAt[0] * DAY, o.createdAt[1]),
        }),
      ),
    );
}

/** A valid NPI. */
export const npiArb: fc.Arbitrary<string> = fc
  .stringMatching(/^[12]\d{8}$/)
  .map((nine) => `${nine}${npiCheckDigit(nine)}`);

const contactSeedArb = fc.record({
  name: labelArb,
  salutation: optionalArb(labelArb),
  role: fc.constantFrom(...contactRoles),
  npi: optionalArb(npiArb),
  email: optionalArb(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,10}$/))),
  phone: optionalArb(fc.stringMatching(/^\+1 \d{3}-\d{3}-\d{4}$/)),
  active: fc.boolean(),
  notes: optionalArb(fc.string({ minLength: 1, maxLength: 40 })),
});

function buildContact(
  seed: typeof contactSeedArb extends fc.Arbitrary<infer S> ? S : never,
  id: string,
  tenantId: string,
  officeId: string,
) {
  return parsed(
    'contact',
    defined({
      ...seed,
      id,
      tenantId,
      officeId,
      email:
        seed.email === undefined || seed.email[0].includes('..') ? undefined : `${seed.email[0]}@${seed.email[1]}.org`,
    }),
  );
}

/** A valid contact of `tenantId` at `officeId`. */
export function contactArb(
  tenantId: string,
  officeId: string,
  id: fc.Arbitrary<string> = idArb,
): fc.Arbitrary<RecordTypes['contact']> {
  return fc.tuple(contactSeedArb, id).map(([seed, contactId]) => buildContact(seed, contactId, tenantId, officeId));
}

/** A random legal intake path: the statuses after `received`. */
const intakePathArb: fc.Arbitrary<IntakeStatus[]> = fc.array(fc.nat(), { maxLength: 6 }).map((choices) => {
  const path: IntakeStatus[] = [];
  let at: IntakeStatus = 'received';
  for (const choice of choices) {
    const next = intakeTransitions[at] as readonly IntakeStatus[];
    if (next.length === 0) break;
    at = next[choice % next.length]!;
    path.push(at);
  }
  return path;
});

const referralSeedArb = fc.record({
  contactPicks: fc.array(fc.nat(), { maxLength: 3 }),
  clinicianId: optionalArb(idArb),
  received: fc.integer({ min: 0, max: 3000 * 24 * 60 }),
  form: formArb,
  via: fc.constantFrom(...referralSources),
  checklist: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}$/), fc.boolean(), {
    maxKeys: 4,
  }),
  patient: fc.record({ reference: idArb, displayName: labelArb, consent: fc.boolean() }),
  path: intakePathArb,
  gaps: fc.array(
    fc.tuple(fc.integer({ min: 0, max: 5 * 24 * 60 }), formArb, fc.integer({ min: 0, max: 30 * 24 * 60 })),
    {
      minLength: 6,
      maxLength: 6,
    },
  ),
  reasons: fc.array(fc.tuple(optionalArb(labelArb), optionalArb(labelArb)), { minLength: 6, maxLength: 6 }),
  contacted: optionalArb(fc.integer({ min: 0, max: 10 * 24 * 60 })),
  reported: optionalArb(fc.integer({ min: 0, max: 40 * 24 * 60 })),
  notes: optionalArb(fc.string({ minLength: 1, maxLength: 60 })),
});

function buildReferral(
  r: typeof referralSeedArb extends fc.Arbitrary<infer S> ? S : never,
  id: string,
  tenantId: string,
  officeId: string,
  contactIds: readonly string[],
) {
  const minute = 60_000;
  const receivedMs = START + r.received * minute;
  let at = receivedMs;
  const intake = r.path.map((status, k) => {
    const [gap, form, ahead] = r.gaps[k]!;
    at += gap * minute;
    const [reason, redirectedTo] = r.reasons[k]!;
    const step = { status, at: instantText(at, form) };
    if (status === 'scheduled') return { ...step, appointmentAt: instantText(at + ahead * minute, 0) };
    if (status === 'declined') return defined({ ...step, reason, redirectedTo });
    if (status === 'cancelled') return defined({ ...step, reason });
    return step;
  });
  const contacts =
    contactIds.length === 0 ? [] : [...new Set(r.contactPicks.map((pick) => contactIds[pick % contactIds.length]!))];
  return parsed(
    'referral',
    defined({
      id,
      tenantId,
      officeId,
      contactIds: contacts,
      clinicianId: r.clinicianId,
      receivedAt: instantText(receivedMs, r.form),
      via: r.via,
      checklist: r.checklist,
      // The name travels only with consent (docs/fhir.md): a name without consent is not exported.
      patient: defined({
        reference: r.patient.reference,
        consentToShare: r.patient.consent,
        displayName: r.patient.consent ? r.patient.displayName : undefined,
      }),
      intake,
      patientContactedAt: r.contacted === undefined ? undefined : instantText(receivedMs + r.contacted * minute, 0),
      reportSentToReferrerAt:
        r.reported === undefined || intake.length === 0 ? undefined : instantText(receivedMs + r.reported * minute, 1),
      notes: r.notes,
    }),
  );
}

/** A valid referral of `tenantId` from `officeId`, credited to some of `contactIds`. */
export function referralArb(
  tenantId: string,
  officeId: string,
  contactIds: readonly string[],
  id: fc.Arbitrary<string> = idArb,
): fc.Arbitrary<RecordTypes['referral']> {
  return fc
    .tuple(referralSeedArb, id)
    .map(([seed, referralId]) => buildReferral(seed, referralId, tenantId, officeId, contactIds));
}

/** Offices, their contacts and referrals with distinct ids per kind, all of `tenantId`. */
export function practiceRecordsArb(tenantId: string) {
  return fc
    .record({
      offices: fc.uniqueArray(officeArb(tenantId), { minLength: 1, maxLength: 3, selector: (office) => office.id }),
      contacts: fc.uniqueArray(fc.tuple(idArb, fc.nat(), contactSeedArb), { maxLength: 5, selector: ([id]) => id }),
      referrals: fc.uniqueArray(fc.tuple(idArb, fc.nat(), referralSeedArb), { maxLength: 5, selector: ([id]) => id }),
    })
    .map(({ offices, contacts: contactSeeds, referrals: referralSeeds }) => {
      const contacts = contactSeeds.map(([id, pick, seed]) =>
        buildContact(seed, id, tenantId, offices[pick % offices.length]!.id),
      );
      const referrals = referralSeeds.map(([id, pick, seed]) => {
        const officeId = offices[pick % offices.length]!.id;
        const here = contacts.filter((contact) => contact.officeId === officeId).map((contact) => contact.id);
        return buildReferral(seed, id, tenantId, officeId, here);
      });
      return { offices, contacts, referrals };
    });
}

/** A valid touchpoint of `tenantId` (for the one-way Communication export). */
export function touchpointArb(
  tenantId: string,
  officeId: string,
  contactIds: readonly string[],
): fc.Arbitrary<RecordTypes['touchpoint']> {
  return fc
    .record({
      id: idArb,
      at: fc.integer({ min: 0, max: 3000 }),
      channel: fc.constantFrom(...channels),
      purposes: fc.uniqueArray(fc.constantFrom(...purposes), { minLength: 1, maxLength: 3 }),
      minutes: fc.integer({ min: 0, max: 240 }),
      cards: fc.integer({ min: 0, max: 50 }),
      brochures: fc.integer({ min: 0, max: 10 }),
      messageVersion: optionalArb(fc.integer({ min: 1, max: 4 })),
      resources: optionalArb(fc.uniqueArray(fc.constantFrom(...resourceKinds), { maxLength: 3 })),
      clinicianId: optionalArb(idArb),
      contacts:
        contactIds.length === 0 ? fc.constant([]) : fc.uniqueArray(fc.constantFrom(...contactIds), { maxLength: 3 }),
    })
    .map((t) =>
      parsed(
        'touchpoint',
        defined({
          id: t.id,
          tenantId,
          officeId,
          contactIds: t.contacts,
          clinicianId: t.clinicianId,
          at: instantText(START + t.at * DAY, 0),
          channel: t.channel,
          purposes: t.purposes,
          minutes: t.minutes,
          collateral: { cards: t.cards, brochures: t.brochures },
          messageVersion: t.messageVersion,
          resources: t.resources,
          cost: { amount: 1500, description: 'Lunch' },
        }),
      ),
    );
}

/** A valid thank-you of `tenantId`. */
export function thankYouArb(
  tenantId: string,
  officeId: string,
  contactIds: readonly [string, ...string[]],
  referralIds: readonly string[],
): fc.Arbitrary<RecordTypes['thank-you']> {
  return fc
    .record({
      id: idArb,
      at: fc.integer({ min: 0, max: 3000 }),
      medium: fc.constantFrom(...thankYouMedia),
      cards: fc.integer({ min: 0, max: 5 }),
      asked: fc.boolean(),
      text: optionalArb(fc.string({ maxLength: 80 })),
      contacts: fc.uniqueArray(fc.constantFrom(...contactIds), { minLength: 1, maxLength: 3 }),
      referrals:
        referralIds.length === 0 ? fc.constant([]) : fc.uniqueArray(fc.constantFrom(...referralIds), { maxLength: 3 }),
    })
    .map((t) =>
      parsed(
        'thank-you',
        defined({
          id: t.id,
          tenantId,
          officeId,
          contactIds: t.contacts,
          referralIds: t.referrals,
          sentAt: instantText(START + t.at * DAY, 1),
          medium: t.medium,
          cardsEnclosed: t.cards,
          askedForMore: t.asked,
          text: t.text,
        }),
      ),
    );
}
