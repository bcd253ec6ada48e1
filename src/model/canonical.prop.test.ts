import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePractice } from '../testing/generator';
import { canonicalCopy, hasCanonicalCheck, isCanonicalRecord, isCanonicalTouchpoint, type CanonicalKind } from './canonical';
import { recordSchemas } from './records';

const practice = generatePractice({ seed: 3, offices: 20, now: '2026-03-02T14:00:00Z' });

/** Each kind's generated records, as JSON (what a store writes and reads). */
const samples: Record<CanonicalKind, readonly Record<string, unknown>[]> = {
  touchpoint: practice.touchpoints,
  referral: practice.referrals,
  contact: practice.contacts,
  office: practice.offices,
  'thank-you': practice.thankYous,
} as never;
const kinds = Object.keys(samples) as CanonicalKind[];

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Values to put anywhere: valid ones of every kind's fields, near misses and nonsense. */
const anyValue = fc.oneof(
  fc.constantFrom('', ' ', 'in-person', 'phone', 'follow-up', 'ask', 'off-1', ' off-1', 'a\u0000b', '\uD800', 'é', '2026-03-02T15:00:00Z'),
  fc.constantFrom('2026-02-30T15:00:00Z', '2026-03-02T15:00:00.5Z', '2026-03-02T15:00:00+01:00', '2026-03-02', '2020-01-01T00:00:00Z'),
  fc.constantFrom('accepted', 'declined', 'scheduled', 'first-visit-completed', 'no-show', 'cancelled', 'received'),
  fc.constantFrom('fax', 'prescription-pad', 'physician', 'receptionist', 'pediatrics', 'active', 'closed', 'email', 'handwritten-card'),
  fc.constantFrom('1234567893', '1234567890', 'a@b.co', 'not an email', ' a@b.co', 'America/Chicago', 'Mars/Olympus', 'warm-handoff', 'Warm'),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, 1, 45, Number.NaN),
  fc.constantFrom(null, true, false, [], {}, ['phone'], ['follow-up', 'follow-up'], ['c-001'], ['c-001', 'c-001'], { cards: 3 }, { cards: 3, brochures: 0 }),
  fc.constantFrom(
    { status: 'accepted', at: '2026-01-01T00:00:00Z' },
    { status: 'declined', at: '2026-01-01T00:00:00Z', reason: 'full', redirectedTo: 'Dr. B' },
    { status: 'scheduled', at: '2026-01-01T00:00:00Z' },
    { status: 'cancelled', at: '2026-01-01T00:00:00Z', redirectedTo: 'x' },
    { reference: 'pt-9', consentToShare: true },
    { reference: 'pt-9' },
    { 'warm-handoff': true },
    { Warm: true },
    { line1: 'Main St' },
    { line1: ' Main St' },
    { amount: 5 },
    { amount: 5, description: 'lunch' },
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.array(fc.constantFrom('follow-up', 'ask', 'x', '', 'c-001', 'r-001'), { maxLength: 3 }),
);

const labels = fc.constantFrom('a', ' a', 'a ', '', 'x'.repeat(501), 'Dr. B', 'a\u0000b');
const instants = fc.constantFrom(
  '2023-01-01T00:00:00Z', '2024-06-01T00:00:00Z', '2024-06-01T00:00:00.5Z', '2019-01-01T00:00:00Z', '2024-02-30T00:00:00Z', 'x',
);
const ids = fc.constantFrom('c-001', 'c-002', 'r-001', 'pt-1', '', ' x', 'a\u0001b');
const laterInstants = fc.constantFrom('2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z', '2026-06-01T00:00:00.5Z', '2019-01-01T00:00:00Z', 'x');
/** An intake step: a status, a time, and now and then one more key, valid or not. */
const step = fc
  .tuple(
    fc.constantFrom('accepted', 'declined', 'scheduled', 'first-visit-completed', 'no-show', 'cancelled', 'received'),
    laterInstants,
    fc.option(
      fc.oneof(
        fc.tuple(fc.constant('appointmentAt'), laterInstants),
        fc.tuple(fc.constantFrom('reason', 'redirectedTo'), labels),
      ),
      { nil: undefined },
    ),
  )
  .map(([status, at, more]) => ({ status, at, ...(more === undefined ? {} : { [more[0]]: more[1] }) }));
/** Structured values for the fields that hold objects or lists, valid or nearly so. */
const structured: Record<string, fc.Arbitrary<unknown>> = {
  intake: fc.array(step, { maxLength: 3 }),
  patient: fc.record(
    { reference: ids, displayName: labels, consentToShare: fc.oneof(fc.boolean(), fc.boolean(), fc.constant(1)) },
    { requiredKeys: ['reference', 'consentToShare'] },
  ),
  checklist: fc.dictionary(fc.constantFrom('warm-handoff', 'named-clinician', 'Warm', 'a-', 'x1', '1x', '__proto__'), fc.oneof(fc.boolean(), fc.constant(1))),
  address: fc.dictionary(fc.constantFrom('line1', 'city', 'country', 'zip'), labels),
  tags: fc.oneof(fc.array(labels, { maxLength: 3 }), fc.constant(Array.from({ length: 101 }, (_, i) => `t${i}`)), fc.constant(Array.from({ length: 100 }, (_, i) => `t${i}`))),
  contactIds: fc.array(ids, { maxLength: 3 }),
  referralIds: fc.array(ids, { maxLength: 3 }),
  collateral: fc.record({ cards: fc.constantFrom(0, 1, -1, 1.5), brochures: fc.constantFrom(0, 2, '2'), extra: fc.constant(0) }, { requiredKeys: [] }),
  cost: fc.record({ amount: fc.constantFrom(0, 5, -1, 0.5), description: labels, extra: fc.constant(0) }, { requiredKeys: [] }),
  name: labels,
  salutation: labels,
  phone: labels,
  displayName: labels,
  tier: labels,
  receivedAt: instants,
  patientContactedAt: instants,
  reportSentToReferrerAt: instants,
  email: fc.constantFrom('a@b.co', 'A@B.CO', 'a@b', ' a@b.co', 'a'.repeat(320) + '@b.co'),
  npi: fc.constantFrom('1234567893', '1234567890', '123456789', ' 1234567893'),
  timeZone: fc.constantFrom('America/Chicago', 'UTC', 'Mars/Olympus', 'america/chicago', ''),
};

/** Keys of nested objects (intake steps, patient, address, cost, collateral, checklist) and one no schema knows. */
const nestedKeys = fc.constantFrom(
  'extra', 'status', 'at', 'appointmentAt', 'reason', 'redirectedTo', 'reference', 'displayName', 'consentToShare',
  'line1', 'country', 'amount', 'description', 'cards', 'brochures', 'warm-handoff', 'Warm', '__proto__',
);

/** Every path to a value inside a JSON value (the root excluded). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

/** Sets (or deletes, for `undefined`) the value at `path`, or at the key `sibling` next to it. */
function edit(root: unknown, path: readonly (string | number)[], field: unknown, sibling: string | undefined): void {
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const key = sibling !== undefined && !Array.isArray(parent) ? sibling : last;
  if (field === undefined && !Array.isArray(parent)) delete parent[key];
  else if (field === undefined) (parent as unknown as unknown[]).splice(last as number, 1);
  // As JSON.parse would: an own property, even for `__proto__`.
  else Object.defineProperty(parent, key, { value: field, enumerable: true, writable: true, configurable: true });
}

/** A sharing function as the store makes one: one frozen list per distinct list. */
function sharer() {
  const shared = new Map<string, readonly string[]>();
  return (list: readonly string[]) => {
    const key = list.join('\u0000');
    const found = shared.get(key) ?? Object.freeze([...list]);
    shared.set(key, found);
    return found;
  };
}

/** Top-level keys of each kind: the schema's and one it does not know. */
const keysOf = (kind: CanonicalKind) => {
  const schema = recordSchemas[kind] as unknown as { shape?: Record<string, unknown>; _zod: { def: { shape?: Record<string, unknown>; in?: { shape?: Record<string, unknown> } } } };
  const shape = schema.shape ?? schema._zod.def.shape ?? schema._zod.def.in?.shape ?? {};
  return [...Object.keys(shape), 'extra'];
};

describe.each(kinds)('the hand-written check of a %s', (kind) => {
  const records = samples[kind];
  const schema = recordSchemas[kind];

  it('has generated records to start from, and knows the schema keys', () => {
    expect(records.length).toBeGreaterThan(10);
    expect(keysOf(kind).length).toBeGreaterThan(5);
    expect(hasCanonicalCheck(kind)).toBe(true);
  });

  it('accepts the schema output of every generated record, in place and as a copy', () => {
    for (const record of records) {
      const stored = json(schema.parse(record));
      expect(isCanonicalRecord(kind, stored)).toBe(true);
      const copy = canonicalCopy(kind, stored);
      expect(copy).toEqual(stored);
      expect(copy).not.toBe(stored);
    }
  });

  it('never accepts a value the schema rejects or changes (mutations anywhere in the record)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...records),
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...keysOf(kind)).map((key) => [key]), fc.nat()),
            fc.option(anyValue, { nil: undefined }),
            fc.option(nestedKeys, { nil: undefined }),
          ).chain(([where, field, sibling]): fc.Arbitrary<readonly [number | string[], unknown, string | undefined]> =>
            // A top-level field often gets a structured value of its own kind.
            Array.isArray(where) && structured[where[0]!] !== undefined
              ? fc.tuple(fc.constant(where), fc.oneof(fc.constant(field), structured[where[0]!]!, structured[where[0]!]!), fc.constant(sibling))
              : fc.constant([where, field, sibling]),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        (record, edits) => {
          const value: Record<string, unknown> = json(record);
          for (const [where, field, extra] of edits) {
            if (Array.isArray(where)) {
              edit(value, where, field === undefined ? undefined : json(field), undefined);
            } else {
              const paths = pathsOf(value);
              if (paths.length > 0) edit(value, paths[where % paths.length]!, field === undefined ? undefined : json(field), extra);
            }
          }
          const parsed = schema.safeParse(value);
          const inPlace = json(value);
          const canonical = isCanonicalRecord(kind, inPlace, sharer());
          // Sharing lists leaves the value equal to what it was, whatever the answer.
          expect(inPlace).toEqual(value);
          const copy = canonicalCopy(kind, json(value));
          expect(copy !== undefined).toBe(canonical);
          if (canonical) {
            expect(parsed.success).toBe(true);
            expect(parsed.data).toEqual(value);
            expect(copy).toEqual(value);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('only reads a value when no sharing function is given', () => {
    const frozen = (value: unknown): unknown => {
      if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) frozen(item);
      return Object.freeze(value);
    };
    expect(isCanonicalRecord(kind, frozen(json(schema.parse(records[0]))))).toBe(true);
  });

  it('refuses a value that is not a plain object', () => {
    expect(isCanonicalRecord(kind, null)).toBe(false);
    expect(isCanonicalRecord(kind, [records[0]])).toBe(false);
    expect(isCanonicalRecord(kind, Object.assign(Object.create({ polluted: true }), records[0]))).toBe(false);
    expect(canonicalCopy(kind, Object.assign(Object.create({ polluted: true }), records[0]))).toBeUndefined();
  });
});

/** The implication every property checks: "yes" only for what the schema accepts unchanged. */
function agreesWithSchema(kind: CanonicalKind, value: Record<string, unknown>): void {
  const canonical = isCanonicalRecord(kind, json(value), sharer());
  expect(canonicalCopy(kind, json(value)) !== undefined).toBe(canonical);
  if (canonical) {
    const parsed = recordSchemas[kind].safeParse(value);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(value);
  }
}

describe('the hand-written check of a referral\'s intake', () => {
  it('never accepts steps the schema rejects (statuses, keys per status, order, milestones)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...practice.referrals),
        fc.array(step, { maxLength: 3 }),
        fc.option(laterInstants, { nil: undefined }),
        fc.option(laterInstants, { nil: undefined }),
        (referral, intake, contacted, reported) => {
          const value: Record<string, unknown> = { ...json(referral), intake };
          delete value.patientContactedAt;
          delete value.reportSentToReferrerAt;
          if (contacted !== undefined) value.patientContactedAt = contacted;
          if (reported !== undefined) value.reportSentToReferrerAt = reported;
          agreesWithSchema('referral', value);
          if (isCanonicalRecord('referral', json(value))) accepted += 1;
        },
      ),
      { numRuns: 3000 },
    );
    // The property is only worth something if both answers occur.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(2900);
  });
});

describe('canonicalCopy', () => {
  it('reads each property once: the copy holds what was checked, whatever a getter answers later', () => {
    const touchpoint = json(practice.touchpoints[0]!) as Record<string, unknown>;
    let reads = 0;
    const tricky = { ...touchpoint };
    Object.defineProperty(tricky, 'channel', {
      enumerable: true,
      get: () => (reads += 1) === 1 ? 'phone' : 'not a channel',
    });
    const copy = canonicalCopy('touchpoint', tricky);
    expect(reads).toBe(1);
    expect(copy?.channel).toBe('phone');
    expect(recordSchemas.touchpoint.safeParse(copy).success).toBe(true);
  });

  it('shares no list or object with the input', () => {
    const referral = json(practice.referrals.find((r) => r.intake.length > 0)!);
    const copy = canonicalCopy('referral', referral)!;
    expect(copy.contactIds).not.toBe(referral.contactIds);
    expect(copy.intake).not.toBe(referral.intake);
    expect(copy.intake[0]).not.toBe(referral.intake[0]);
    expect(copy.patient).not.toBe(referral.patient);
    expect(copy.checklist).not.toBe(referral.checklist);
  });

  it('keeps isCanonicalTouchpoint as the touchpoint check', () => {
    expect(isCanonicalTouchpoint(json(practice.touchpoints[0]))).toBe(true);
    expect(isCanonicalTouchpoint({ ...json(practice.touchpoints[0]), channel: 'pigeon' })).toBe(false);
  });
});
