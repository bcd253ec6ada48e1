/**
 * The storage conformance suite: one vitest suite that every storage adapter —
 * memory, SQLite, PostgreSQL, or a host's own — runs unmodified to prove the
 * guarantees of the storage port (DESIGN §5).
 *
 * This module imports `vitest`, so it is only for test files: nothing a user runs
 * imports it (the practice generator lives in its own module for that reason).
 *
 * @module
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReferwellError, type ReferwellErrorCode } from '../errors';
import type { ActionDecisionInput } from '../model/action-decision';
import type { ClinicianInput } from '../model/clinician';
import type { ContactInput } from '../model/contact';
import type { OfficeInput } from '../model/office';
import { practiceSchema, type PracticeInput } from '../model/practice';
import type { PracticeMessageInput } from '../model/practice-message';
import type { Id } from '../model/primitives';
import { recordKinds, recordSchemas, type RecordKind, type RecordTypes } from '../model/records';
import type { IntakeStep, ReferralInput } from '../model/referral';
import { parseSnapshot } from '../model/snapshot';
import type { ThankYouInput } from '../model/thank-you';
import type { TouchpointInput } from '../model/touchpoint';
import type { StoreCapabilities, StoredKind } from '../store/driver';
import type { ReferwellStore, Stored, WriteOperation } from '../store/store';
import { Random } from './random';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/** A value, or a promise of it. @category Testing */
export type Awaitable<T> = T | Promise<T>;

/**
 * One stored row as the database holds it, read without going through the
 * adapter.
 *
 * @category Testing
 */
export interface RawRow {
  /** The row's version column. */
  readonly version: number;
  /** The row's body column: the record as JSON text, exactly as stored. */
  readonly body: string;
}

/**
 * Raw access to the database behind an adapter, used by the suite to check what
 * was really stored (and to damage it on purpose). Each method must bypass the
 * adapter under test: plain SQL, or direct reads of the memory maps.
 *
 * @category Testing
 */
export interface StoreInspector {
  /**
   * The stored row of one record, or `undefined` when there is none.
   *
   * @param kind - The kind of record (`practice` has id = tenant id).
   * @param tenantId - The tenant it belongs to.
   * @param id - The record id.
   */
  readRow(kind: StoredKind, tenantId: Id, id: Id): Awaitable<RawRow | undefined>;
  /**
   * How many rows of a kind one tenant has.
   *
   * @param kind - The kind of record.
   * @param tenantId - The tenant.
   */
  countRows(kind: StoredKind, tenantId: Id): Awaitable<number>;
  /**
   * Overwrites the body of an existing row with exactly `body` — which need not be
   * JSON — keeping its version, change position and office. The row exists when
   * the suite calls this. The body column must therefore be able to hold any text
   * (a `text` column, not `jsonb`).
   *
   * @param kind - The kind of record.
   * @param tenantId - The tenant.
   * @param id - The record id.
   * @param body - The new body text.
   */
  corruptRow(kind: StoredKind, tenantId: Id, id: Id, body: string): Awaitable<void>;
}

/**
 * One clean database for one test, returned by
 * {@link StoreConformanceOptions.setup}.
 *
 * @category Testing
 */
export interface ConformanceHarness {
  /**
   * A store bound to `tenantId` over this harness's database. Called several
   * times per test, for one or several tenants: every store of one harness must
   * see the same data. The suite closes every store it opened after the test.
   *
   * @param tenantId - The tenant the store is bound to.
   */
  createStore(tenantId: Id): Awaitable<ReferwellStore>;
  /** Raw access to the same database. */
  readonly inspect: StoreInspector;
  /** Called after the test, once every store is closed: drop the schema, close the client. */
  teardown?(): Awaitable<void>;
}

/**
 * One row as an older release of the adapter stored it, given to
 * {@link MigrationHarness.setupPrevious}. `body` is the record's JSON text.
 *
 * @category Testing
 */
export interface SeedRow {
  /** The kind of record. */
  readonly kind: StoredKind;
  /** The tenant. */
  readonly tenantId: Id;
  /** The record id (the tenant id for `practice`). */
  readonly id: Id;
  /** The office the record belongs to (the office's own id for `office`), or `null`. */
  readonly officeId: Id | null;
  /** Its version. */
  readonly version: number;
  /** The record as JSON text. */
  readonly body: string;
}

/**
 * A database laid out at an older schema version, returned by
 * {@link MigrationHarness.setupPrevious}. Its `createStore` is the current
 * adapter, which migrates the database forward when it opens it.
 *
 * @category Testing
 */
export interface MigrationDatabase extends ConformanceHarness {
  /** The schema version recorded in the database now (0 when none is). */
  schemaVersion(): Awaitable<number>;
  /** Records `version` as the database's schema version, as a newer release would have. */
  stampVersion(version: number): Awaitable<void>;
}

/**
 * What an adapter with `capabilities.migrations` gives the suite to prove that
 * migrations are forward-only and keep the data.
 *
 * @category Testing
 */
export interface MigrationHarness {
  /** The schema version this release of the adapter migrates to. */
  readonly currentVersion: number;
  /**
   * A new, clean database laid out at the previous schema version (tables as the
   * previous release created them, its version recorded), holding `rows` as the
   * previous release would have stored them — written in the order given, which
   * is their change order. Opening a store on it must migrate it to
   * `currentVersion` with every row intact.
   *
   * @param rows - The rows to store, of several tenants and every kind.
   */
  setupPrevious(rows: readonly SeedRow[]): Promise<MigrationDatabase>;
}

/**
 * The options every adapter gives {@link describeStoreConformance}, whatever its
 * capabilities (see {@link StoreConformanceOptions}).
 *
 * @category Testing
 */
export interface StoreConformanceCommonOptions {
  /** The adapter's name, used as the title of the suite. */
  readonly name: string;
  /**
   * Called before every test: builds a clean, empty database (a new memory
   * database, a new SQLite file, a truncated or fresh Postgres schema) and returns
   * how to open stores on it and inspect it. No test depends on another.
   */
  setup(): Promise<ConformanceHarness>;
  /** The timeout of each test and hook, in milliseconds; default vitest's. */
  readonly timeout?: number;
  /** How many seeded runs the randomized text tests make; default 20. */
  readonly fuzzRuns?: number;
}

/**
 * The {@link describeStoreConformance} options. `capabilities` declares what the
 * adapter guarantees; the suite checks the stores report the same and registers
 * the migration tests only when `migrations` is `true` — in which case a
 * {@link MigrationHarness} is required (the type says so).
 *
 * @category Testing
 */
export type StoreConformanceOptions = StoreConformanceCommonOptions &
  (
    | {
        /** What the adapter guarantees: must equal every store's `capabilities`. */
        readonly capabilities: StoreCapabilities & { readonly migrations: true };
        /** How to build a database at the previous schema version. */
        readonly migrations: MigrationHarness;
      }
    | {
        /** What the adapter guarantees: must equal every store's `capabilities`. */
        readonly capabilities: StoreCapabilities & { readonly migrations: false };
        readonly migrations?: undefined;
      }
  );

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const A = 'tenant-a';
const B = 'tenant-b';

const storedKinds: readonly StoredKind[] = ['practice', ...recordKinds];

/** An instant on a day of February 2026, at an hour (UTC). */
const feb = (day: number, hour = 15, minute = 0) =>
  `2026-02-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;

const practiceInput = (t: Id, over: Partial<PracticeInput> = {}): PracticeInput => ({
  tenantId: t,
  name: 'Northside Counseling',
  timeZone: 'America/Chicago',
  holidays: ['2026-12-25', '2026-07-03'],
  ...over,
});

const officeInput = (t: Id, id = 'off-1', over: Partial<OfficeInput> = {}): OfficeInput => ({
  id,
  tenantId: t,
  name: 'Elm Street Pediatrics',
  kind: 'pediatrics',
  address: {
    line1: '12 Elm Street',
    line2: 'Suite 4',
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    country: 'US',
  },
  timeZone: 'America/Chicago',
  tier: 'A',
  tags: ['north', 'pediatrics'],
  lifecycle: 'active',
  createdAt: '2025-01-02T03:04:05Z',
  notes: 'Front desk closes at noon on Fridays.',
  ...over,
});

const contactInput = (t: Id, id = 'c-1', officeId = 'off-1', over: Partial<ContactInput> = {}): ContactInput => ({
  id,
  tenantId: t,
  officeId,
  name: 'Dr. Ames',
  salutation: 'Dr. Ames',
  role: 'physician',
  npi: '1234567893',
  email: 'ames@example.org',
  phone: '+1 555 0100',
  active: true,
  notes: 'Prefers a call before noon.',
  ...over,
});

const clinicianInput = (t: Id, id = 'cl-1', over: Partial<ClinicianInput> = {}): ClinicianInput => ({
  id,
  tenantId: t,
  name: 'Sam Lee, LCSW',
  specialties: ['anxiety', 'adolescents'],
  capacity: { openSlots: 3, acceptingNewClients: true, asOf: '2026-02-01T12:00:00Z' },
  active: true,
  ...over,
});

const messageInput = (t: Id, id = 'msg-1', version = 1, over: Partial<PracticeMessageInput> = {}): PracticeMessageInput => ({
  id,
  tenantId: t,
  version,
  publishedAt: '2026-01-05T15:00:00Z',
  specialties: ['adolescent anxiety', 'school refusal'],
  idealClient: 'Teens with anxiety who are missing school.',
  elevatorSpeech: 'We see anxious teens within a week, and we call you back the same day.',
  ...over,
});

const touchpointInput = (t: Id, id = 'tp-1', officeId = 'off-1', over: Partial<TouchpointInput> = {}): TouchpointInput => ({
  id,
  tenantId: t,
  officeId,
  contactIds: officeId === 'off-1' ? ['c-1'] : [],
  clinicianId: 'cl-1',
  at: feb(2),
  channel: 'in-person',
  purposes: ['follow-up', 'collateral-drop'],
  minutes: 45,
  collateral: { cards: 50, brochures: 10 },
  messageVersion: 1,
  resources: ['in-service'],
  cost: { amount: 2_500, description: 'Lunch for the front desk' },
  notes: 'Met the new office manager.',
  ...over,
});

/** A referral still `received` (no intake steps). */
const referralInput = (t: Id, id = 'r-1', officeId = 'off-1', over: Partial<ReferralInput> = {}): ReferralInput => ({
  id,
  tenantId: t,
  officeId,
  contactIds: officeId === 'off-1' ? ['c-1'] : [],
  clinicianId: 'cl-1',
  receivedAt: feb(3, 16),
  via: 'prescription-pad',
  checklist: { 'prescription-pad': true, 'warm-handoff': false, 'named-clinician': true },
  patient: { reference: 'patient-77', displayName: 'J. D.', consentToShare: true },
  notes: 'Called while the patient was still in the office.',
  ...over,
});

const completedIntake: IntakeStep[] = [
  { status: 'accepted', at: feb(3, 17) },
  { status: 'scheduled', at: feb(3, 18), appointmentAt: feb(9, 14) },
  { status: 'first-visit-completed', at: feb(9, 15) },
];

const thankYouInput = (t: Id, id = 'ty-1', officeId = 'off-1', over: Partial<ThankYouInput> = {}): ThankYouInput => ({
  id,
  tenantId: t,
  officeId,
  contactIds: ['c-1'],
  referralIds: ['r-1'],
  sentAt: feb(4),
  medium: 'handwritten-card',
  cardsEnclosed: 3,
  askedForMore: true,
  text: 'Thank you for thinking of us.',
  ...over,
});

const decisionInputs = (t: Id): Record<'done' | 'snoozed' | 'dismissed', ActionDecisionInput> => ({
  done: {
    id: 'd-done',
    tenantId: t,
    actionId: 'follow-up:visit:off-1:2026-02-01',
    decidedAt: feb(5),
    outcome: 'done',
    fulfilledBy: { kind: 'touchpoint', id: 'tp-1' },
  },
  snoozed: {
    id: 'd-snoozed',
    tenantId: t,
    actionId: 'stock-cards:restock:off-1:2026-02-01',
    decidedAt: feb(5),
    outcome: 'snoozed',
    until: '2026-03-15',
  },
  dismissed: {
    id: 'd-dismissed',
    tenantId: t,
    actionId: 'ask:ask:off-1:2026-02-01',
    decidedAt: feb(5),
    outcome: 'dismissed',
    reason: 'The office is closing in March.',
  },
});

/** The record a valid input becomes once validated (defaults filled in, labels trimmed). */
function parsed<K extends RecordKind>(kind: K, input: unknown): RecordTypes[K] {
  return recordSchemas[kind].parse(input) as RecordTypes[K];
}

/** Sorts records by id, for comparisons that do not depend on order. */
function byId<T extends { readonly id: string }>(records: readonly T[]): T[] {
  return [...records].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** The office a record belongs to, as the store indexes it. */
function officeOf(kind: StoredKind, record: { readonly id?: string; readonly officeId?: string }): Id | null {
  if (kind === 'office') return record.id ?? null;
  return kind === 'contact' || kind === 'touchpoint' || kind === 'referral' || kind === 'thank-you'
    ? (record.officeId ?? null)
    : null;
}

// ---------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------

/** Strings that break naive SQL, JSON, LIKE patterns, templates and collations. */
const injection = [
  "'); DROP TABLE referwell_records;--",
  '" OR 1=1 --',
  "' OR '1'='1",
  "Robert'); DELETE FROM offices WHERE ('1'='1",
  "1; SELECT pg_sleep(10); --",
  '\\',
  '\\\\',
  "\\'",
  'C:\\Users\\ames\\notes.txt',
  '\\x00 \\u0000 \\n',
  '%',
  '_',
  '%_%',
  'a%b_c',
  '[a-z]*',
  '$1',
  '$$ dollar $$',
  '$tag$ quoted $tag$',
  '?',
  ':name',
  '@p1',
  '${injection}',
  '{{template}}',
  '/* comment */',
  '-- comment',
  '# comment',
  ';',
  '<script>alert(1)</script>',
  'NULL',
  'null',
  'undefined',
  'true',
  '0',
  '-0',
  '1e309',
  'NaN',
  '"quoted"',
  "it's",
  '`backtick`',
  '{"json":"inside"}',
  '[1,2]',
  '__proto__',
  'constructor',
  'hasOwnProperty',
];

/** Unicode that trips byte-length limits, normalisation, bidi handling and surrogates. */
const unicode = [
  'Zoë Ångström',
  'e\u0301 (combining acute) vs \u00e9',
  'ß ﬁ İ ı Ω',
  '中文字符 日本語テキスト 한국어',
  'שלום עולם',
  'مرحبا بالعالم',
  '\u202Eevil right-to-left override\u202C',
  '\u200Fright-to-left mark',
  'zero\u200Bwidth\u200Djoiner',
  'emoji 😀 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽',
  'astral 𝕬𝖘𝖙𝖗𝖆𝖑 𐍈 𝄞 \u{10FFFD}',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̲ text',
  'replacement \uFFFD char',
  'line\u2028separator\u2029paragraph',
  'no\u00A0break',
  '\u0085next line',
];

/** Allowed in text fields (not in ids): control characters, NUL, lone surrogates. */
const textOnly = [
  'NUL \u0000 inside',
  'tab\tnew\nline\r\nreturn',
  'bell \u0007 escape \u001b[31m ANSI',
  'delete \u007f char',
  'lone high \uD800 surrogate',
  'lone low \uDFFF surrogate',
  '\uDBFF\uDBFF reversed \uDC00\uD800',
];

const idFragments = [...injection, ...unicode, 'plain'];
const textFragments = [...injection, ...unicode, ...textOnly, 'plain words ', ' '];

/** Cuts `text` to at most `max` UTF-16 code units without splitting a code point. */
function cutWhole(text: string, max: number): string {
  let out = '';
  for (const point of text) {
    if (out.length + point.length > max) break;
    out += point;
  }
  return out;
}

/** A random string of hostile fragments; `forId` leaves out what ids may not hold. */
function hostile(random: Random, options: { max: number; forId?: boolean }): string {
  const fragments = options.forId ? idFragments : textFragments;
  const target = random.int(1, Math.min(options.max, random.chance(0.2) ? options.max : 120));
  let out = '';
  while (out.length < target) out += random.pick(fragments);
  // Text fields may be cut anywhere (a lone surrogate is allowed there); ids only between code points.
  out = options.forId ? cutWhole(out, options.max) : out.slice(0, options.max);
  return out;
}

/** A label (1–500 characters, not blank once trimmed). */
function hostileLabel(random: Random, max = 500): string {
  const text = hostile(random, { max: max - 1 });
  return text.trim() === '' ? `x${text}` : text;
}

/** An id (1–200 characters, no control characters), made unique by `tag`. */
function hostileId(random: Random, tag: string): string {
  return cutWhole(`${tag}:${hostile(random, { max: 200, forId: true })}`, 200);
}

/** Every kind of record, with every text field (and id) filled by `text`, `label` and `id`. */
function textRecords(
  t: Id,
  gen: { text: (field: string) => string; label: (field: string) => string; id: (field: string) => string },
  messageVersion = 1,
) {
  const officeId = gen.id('office');
  const contactId = gen.id('contact');
  const clinicianId = gen.id('clinician');
  const referralId = gen.id('referral');
  const practice = practiceInput(t, { name: gen.label('practice.name') });
  const office = officeInput(t, officeId, {
    name: gen.label('office.name'),
    address: {
      line1: gen.label('address.line1'),
      line2: gen.label('address.line2'),
      city: gen.label('address.city'),
      region: gen.label('address.region'),
      postalCode: gen.label('address.postalCode'),
      country: gen.label('address.country'),
    },
    tier: gen.label('office.tier'),
    tags: [gen.label('office.tags.0'), gen.label('office.tags.1')],
    notes: gen.text('office.notes'),
  });
  const contact = contactInput(t, contactId, officeId, {
    name: gen.label('contact.name'),
    salutation: gen.label('contact.salutation'),
    phone: gen.label('contact.phone'),
    notes: gen.text('contact.notes'),
  });
  const clinician = clinicianInput(t, clinicianId, {
    name: gen.label('clinician.name'),
    specialties: [gen.label('clinician.specialties.0'), gen.label('clinician.specialties.1')],
  });
  const message = messageInput(t, gen.id('message'), messageVersion, {
    specialties: [gen.label('message.specialties.0')],
    idealClient: gen.text('message.idealClient'),
    elevatorSpeech: gen.text('message.elevatorSpeech'),
  });
  const touchpoint = touchpointInput(t, gen.id('touchpoint'), officeId, {
    contactIds: [contactId],
    clinicianId,
    cost: { amount: 1_999, description: gen.label('touchpoint.cost.description') },
    notes: gen.text('touchpoint.notes'),
  });
  const referral = referralInput(t, referralId, officeId, {
    contactIds: [contactId],
    clinicianId,
    patient: { reference: gen.id('patient.reference'), displayName: gen.label('patient.displayName'), consentToShare: true },
    intake: [{ status: 'declined', at: feb(3, 17), reason: gen.label('declined.reason'), redirectedTo: gen.label('redirectedTo') }],
    notes: gen.text('referral.notes'),
  });
  const cancelled = referralInput(t, gen.id('referral-2'), officeId, {
    contactIds: [contactId],
    clinicianId,
    intake: [{ status: 'cancelled', at: feb(3, 17), reason: gen.label('cancelled.reason') }],
  });
  const thankYou = thankYouInput(t, gen.id('thank-you'), officeId, {
    contactIds: [contactId],
    referralIds: [referralId],
    text: gen.text('thankYou.text'),
  });
  const decision: ActionDecisionInput = {
    id: gen.id('decision'),
    tenantId: t,
    actionId: gen.id('actionId'),
    decidedAt: feb(5),
    outcome: 'dismissed',
    reason: gen.label('decision.reason'),
  };
  const done: ActionDecisionInput = {
    id: gen.id('decision-2'),
    tenantId: t,
    actionId: gen.id('actionId-2'),
    decidedAt: feb(5),
    outcome: 'done',
    fulfilledBy: { kind: 'referral', id: referralId },
  };
  const records: [RecordKind, unknown][] = [
    ['office', office],
    ['contact', contact],
    ['clinician', clinician],
    ['practice-message', message],
    ['touchpoint', touchpoint],
    ['referral', referral],
    ['referral', cancelled],
    ['thank-you', thankYou],
    ['action-decision', decision],
    ['action-decision', done],
  ];
  return { practice, records };
}

// ---------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------

function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 500);
  } catch {
    return String(value);
  }
}

/**
 * Runs `call` and checks that it returns a promise that rejects with a
 * {@link ReferwellError} of `code` whose fields match `fields`. A synchronous
 * throw is a failure too: every store method returns a promise.
 */
async function expectError(
  call: () => Promise<unknown>,
  code: ReferwellErrorCode,
  fields: Record<string, unknown> = {},
): Promise<ReferwellError> {
  let promise: Promise<unknown>;
  try {
    promise = call();
  } catch (error) {
    throw new Error(`expected a promise rejected with "${code}", but the call threw synchronously: ${show(error)}`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (!ReferwellError.isInstance(error)) {
      throw new Error(`expected a ReferwellError "${code}", got ${show(error)}`, { cause: error });
    }
    expect(error.code, error.message).toBe(code);
    expect(error.message.startsWith('[referwell]'), error.message).toBe(true);
    expect(error).toMatchObject(fields);
    return error;
  }
  throw new Error(`expected a ReferwellError "${code}", but the call resolved with ${show(value)}`);
}

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

/**
 * Registers the storage conformance suite with vitest: about 150 small tests,
 * each on a clean database, that prove an adapter gives every guarantee of the
 * storage port —
 *
 * 1. every kind of record round-trips (through the store and in the raw rows);
 * 2. tenant isolation: a store bound to one tenant can neither read nor change
 *    another's rows;
 * 3. idempotent appends: the same id twice stores one record;
 * 4. optimistic concurrency: a stale version is a `ConflictError` that changes
 *    nothing, and of two racing writes exactly one wins;
 * 5. atomic batches: a `write` that fails anywhere leaves nothing;
 * 6. validated reads: a row damaged behind the adapter's back is a
 *    `CorruptRecordError` naming it, never a wrong answer;
 * 7. stable cursor pagination, while records are added and changed;
 * 8. SQL-injection strings, Unicode and 10,000-character text round-trip exactly;
 * 9. the referral intake lifecycle, through the store;
 * 10. snapshots and office loads;
 * 11. records that name a missing office are refused;
 * 12. with `capabilities.migrations`: a database at the previous schema version
 *     is migrated forward with its data intact, and a newer one is refused.
 *
 * Storage is checked through `inspect`, which reads the database without the
 * adapter. Capabilities an adapter does not declare register no tests (never
 * skipped ones); one test states each declared value.
 *
 * @param options - The adapter's name, declared capabilities, and a `setup` that
 *   builds a clean database per test (see {@link StoreConformanceOptions}).
 * @example
 * ```ts
 * // src/adapters/memory/memory.test.ts
 * import { describeStoreConformance } from 'referwell/testing';
 * import { memoryDatabase, memoryStore } from 'referwell/memory';
 *
 * describeStoreConformance({
 *   name: 'memory',
 *   capabilities: { durable: false, multiProcess: false, migrations: false },
 *   async setup() {
 *     const database = memoryDatabase();
 *     const rows = (kind, tenantId) => database.tenants.get(tenantId)?.kinds.get(kind);
 *     return {
 *       createStore: (tenantId) => memoryStore({ tenantId, database }),
 *       inspect: {
 *         readRow: (kind, tenantId, id) => rows(kind, tenantId)?.get(id),
 *         countRows: (kind, tenantId) => rows(kind, tenantId)?.size ?? 0,
 *         corruptRow: (kind, tenantId, id, body) => {
 *           const map = rows(kind, tenantId)!;
 *           map.set(id, { ...map.get(id)!, body });
 *         },
 *       },
 *     };
 *   },
 * });
 * //=> registers "store conformance: memory > …" tests, all passing
 * ```
 * @category Testing
 */
export function describeStoreConformance(options: StoreConformanceOptions): void {
  const { capabilities, timeout } = options;
  const fuzzRuns = options.fuzzRuns ?? 20;

  // Per-test state: the harnesses and stores opened by the current test.
  let harness: ConformanceHarness | undefined;
  const harnesses: ConformanceHarness[] = [];
  const stores: ReferwellStore[] = [];
  const closed = new WeakSet<ReferwellStore>();

  const h = (): ConformanceHarness => {
    if (harness === undefined) throw new Error('[referwell] conformance: no harness (setup() did not run)');
    return harness;
  };
  const inspect = () => h().inspect;
  const openOn = async (on: ConformanceHarness, tenantId: Id): Promise<ReferwellStore> => {
    const store = await on.createStore(tenantId);
    stores.push(store);
    return store;
  };
  const open = (tenantId: Id) => openOn(h(), tenantId);
  const closeStore = async (store: ReferwellStore) => {
    closed.add(store);
    await store.close();
  };

  const readRow = async (kind: StoredKind, tenantId: Id, id: Id) => inspect().readRow(kind, tenantId, id);
  const countRows = async (kind: StoredKind, tenantId: Id) => inspect().countRows(kind, tenantId);
  /** The raw row, with its body parsed. */
  const rawRecord = async (kind: StoredKind, tenantId: Id, id: Id) => {
    const row = await readRow(kind, tenantId, id);
    return row === undefined ? undefined : { version: row.version, record: JSON.parse(row.body) as unknown };
  };

  /** Raw counts of every kind, the raw rows of `keys`, and each kind's change order (ids and versions). */
  const fingerprint = async (store: ReferwellStore, keys: readonly (readonly [StoredKind, Id])[]) => {
    const tenantId = store.tenantId;
    const counts: Record<string, number> = {};
    for (const kind of storedKinds) counts[kind] = await countRows(kind, tenantId);
    const rows: Record<string, RawRow | undefined> = {};
    for (const [kind, id] of keys) {
      const row = await readRow(kind, tenantId, id);
      rows[`${kind}/${id}`] = row === undefined ? undefined : { version: row.version, body: row.body };
    }
    const order: Record<string, string[]> = {};
    for (const kind of recordKinds) {
      const page = await store.list(kind, { limit: 10_000 });
      order[kind] = page.records.map((stored) => `${(stored.record as { id: string }).id}@${stored.version}`);
    }
    return { counts, rows, order };
  };

  /** Writes one record of every kind for `t` (referral still `received`) and returns the expected records. */
  const seed = async (store: ReferwellStore) => {
    const t = store.tenantId;
    await store.savePractice(practiceInput(t));
    await store.upsertOffice(officeInput(t));
    await store.upsertOffice(officeInput(t, 'off-2', { name: 'Lakeside Family Medicine', kind: 'primary-care' }));
    await store.upsertContact(contactInput(t));
    await store.upsertContact(contactInput(t, 'c-2', 'off-2', { name: 'Priya Shah', role: 'receptionist', npi: undefined }));
    await store.upsertClinician(clinicianInput(t));
    await store.upsertPracticeMessage(messageInput(t));
    await store.appendTouchpoint(touchpointInput(t));
    await store.appendReferral(referralInput(t));
    await store.appendThankYou(thankYouInput(t));
    await store.appendDecision(decisionInputs(t).done);
  };
  const seededKeys: readonly (readonly [StoredKind, Id])[] = [
    ['practice', A],
    ['office', 'off-1'],
    ['office', 'off-2'],
    ['contact', 'c-1'],
    ['contact', 'c-2'],
    ['clinician', 'cl-1'],
    ['practice-message', 'msg-1'],
    ['touchpoint', 'tp-1'],
    ['referral', 'r-1'],
    ['thank-you', 'ty-1'],
    ['action-decision', 'd-done'],
  ];
  const keysOf = (t: Id) => seededKeys.map(([kind, id]) => [kind, kind === 'practice' ? t : id] as const);

  const test = (name: string, fn: () => Promise<void>) => it(name, fn, timeout);

  /** A describe block whose every test starts from a clean database built by `setup()`. */
  const group = (title: string, body: () => void) =>
    describe(title, () => {
      beforeEach(async () => {
        harness = await options.setup();
        harnesses.push(harness);
        for (const tenantId of [A, B]) {
          for (const kind of storedKinds) {
            const count = await harness.inspect.countRows(kind, tenantId);
            if (count !== 0) {
              throw new Error(
                `[referwell] conformance: setup() must return a clean database, but tenant ${JSON.stringify(tenantId)} already has ${count} ${kind} row(s)`,
              );
            }
          }
        }
      }, timeout);
      body();
    });

  describe(`store conformance: ${options.name}`, () => {
    afterEach(async () => {
      const open = stores.splice(0);
      const built = harnesses.splice(0);
      harness = undefined;
      try {
        for (const store of open) if (!closed.has(store)) await store.close();
      } finally {
        for (const each of built) await each.teardown?.();
      }
    }, timeout);

    // -----------------------------------------------------------------------
    group('capabilities', () => {
      test(`every store reports the declared capabilities ${JSON.stringify(capabilities)}`, async () => {
        for (const tenantId of [A, B]) {
          const store = await open(tenantId);
          expect({ ...store.capabilities }).toEqual({ ...capabilities });
          expect(store.tenantId).toBe(tenantId);
          expect(typeof store.adapter).toBe('string');
          expect(store.adapter.length).toBeGreaterThan(0);
        }
      });

      test(`declares durable: ${capabilities.durable} (the suite checks data outlives a closed store; surviving a restart is the adapter's own test)`, async () => {
        expect((await open(A)).capabilities.durable).toBe(capabilities.durable);
      });

      test(`declares multiProcess: ${capabilities.multiProcess} (the suite races stores in one process; other processes are the adapter's own test)`, async () => {
        expect((await open(A)).capabilities.multiProcess).toBe(capabilities.multiProcess);
      });

      test(`declares migrations: ${capabilities.migrations}${capabilities.migrations ? '' : ', so no migration tests are registered'}`, async () => {
        expect((await open(A)).capabilities.migrations).toBe(capabilities.migrations);
      });

      test('data written through one store is read by the next store opened on the same database, after close()', async () => {
        const first = await open(A);
        await seed(first);
        await closeStore(first);
        const second = await open(A);
        expect((await second.get('office', 'off-1'))?.record).toEqual(parsed('office', officeInput(A)));
        expect((await second.getPractice())?.record).toEqual(practiceSchema.parse(practiceInput(A)));
        const snapshot = await second.loadSnapshot();
        expect(snapshot.referrals.map((r) => r.id)).toEqual(['r-1']);
      });

      test('close() may be called twice', async () => {
        const store = await open(A);
        await closeStore(store);
        await store.close();
      });
    });

    // -----------------------------------------------------------------------
    group('round-trip of every kind of record', () => {
      test('practice: saved, read back, and stored as its JSON', async () => {
        const store = await open(A);
        expect(await store.getPractice()).toBeUndefined();
        const expected = practiceSchema.parse(practiceInput(A));
        expect(await store.savePractice(practiceInput(A))).toEqual({ record: expected, version: 1 });
        expect(await store.getPractice()).toEqual({ record: expected, version: 1 });
        expect(await rawRecord('practice', A, A)).toEqual({ version: 1, record: expected });
        const renamed = practiceSchema.parse(practiceInput(A, { name: 'Northside Counseling Group', holidays: [] }));
        expect(await store.savePractice(renamed)).toEqual({ record: renamed, version: 2 });
        expect(await rawRecord('practice', A, A)).toEqual({ version: 2, record: renamed });
        expect(await countRows('practice', A)).toBe(1);
      });

      const cases: [string, RecordKind, (t: Id) => unknown, (s: ReferwellStore, input: never) => Promise<Stored<unknown>>][] = [
        ['office (every field)', 'office', (t) => officeInput(t), (s, i) => s.upsertOffice(i)],
        ['office (only required fields; defaults filled in)', 'office', (t) => ({ id: 'off-1', tenantId: t, name: 'Oak Clinic', kind: 'other' }), (s, i) => s.upsertOffice(i)],
        ['contact', 'contact', (t) => contactInput(t), (s, i) => s.upsertContact(i)],
        ['contact (only required fields)', 'contact', (t) => ({ id: 'c-1', tenantId: t, officeId: 'off-1', name: 'Dana Ruiz', role: 'office-manager' }), (s, i) => s.upsertContact(i)],
        ['clinician', 'clinician', (t) => clinicianInput(t), (s, i) => s.upsertClinician(i)],
        ['practice message', 'practice-message', (t) => messageInput(t), (s, i) => s.upsertPracticeMessage(i)],
        ['touchpoint', 'touchpoint', (t) => touchpointInput(t), (s, i) => s.appendTouchpoint(i)],
        ['touchpoint (only required fields)', 'touchpoint', (t) => ({ id: 'tp-1', tenantId: t, officeId: 'off-1', at: feb(2), channel: 'fax', purposes: ['introduction'] }), (s, i) => s.appendTouchpoint(i)],
        ['referral (received)', 'referral', (t) => referralInput(t), (s, i) => s.appendReferral(i)],
        ['referral with intake steps and milestones', 'referral', (t) => referralInput(t, 'r-1', 'off-1', { intake: completedIntake, patientContactedAt: feb(3, 17, 30), reportSentToReferrerAt: feb(10) }), (s, i) => s.appendReferral(i)],
        ['referral declined and redirected', 'referral', (t) => referralInput(t, 'r-1', 'off-1', { intake: [{ status: 'declined', at: feb(3, 17), reason: 'Needs inpatient care', redirectedTo: 'County crisis team' }] }), (s, i) => s.appendReferral(i)],
        ['thank-you', 'thank-you', (t) => thankYouInput(t), (s, i) => s.appendThankYou(i)],
        ['decision: done', 'action-decision', (t) => decisionInputs(t).done, (s, i) => s.appendDecision(i)],
        ['decision: snoozed', 'action-decision', (t) => decisionInputs(t).snoozed, (s, i) => s.appendDecision(i)],
        ['decision: dismissed', 'action-decision', (t) => decisionInputs(t).dismissed, (s, i) => s.appendDecision(i)],
      ];
      for (const [title, kind, make, write] of cases) {
        test(`${title}: the write returns it, get and list read it, the raw row holds its JSON`, async () => {
          const store = await open(A);
          if (kind !== 'office') await store.upsertOffice(officeInput(A));
          const input = make(A);
          const expected = parsed(kind, input);
          const id = (expected as { id: string }).id;
          const before = await countRows(kind, A);
          const written = await write(store, input as never);
          expect(written).toMatchObject({ record: expected, version: 1 });
          expect(await store.get(kind, id)).toEqual({ record: expected, version: 1 });
          expect((await store.list(kind)).records).toContainEqual({ record: expected, version: 1 });
          expect(await rawRecord(kind, A, id)).toEqual({ version: 1, record: expected });
          expect(await countRows(kind, A)).toBe(before + 1);
        });
      }

      test('an upsert replaces the record and increments its version each time', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        const v2 = officeInput(A, 'off-1', { name: 'Elm Street Pediatrics (new site)', lifecycle: 'dormant', tags: [] });
        expect(await store.upsertOffice(v2)).toEqual({ record: parsed('office', v2), version: 2 });
        const v3 = { id: 'off-1', tenantId: A, name: 'Elm', kind: 'other' as const };
        expect(await store.upsertOffice(v3)).toEqual({ record: parsed('office', v3), version: 3 });
        expect(await store.get('office', 'off-1')).toEqual({ record: parsed('office', v3), version: 3 });
        // Fields left out of the new version are gone, not merged from the old one.
        expect(await rawRecord('office', A, 'off-1')).toEqual({ version: 3, record: parsed('office', v3) });
        expect(await countRows('office', A)).toBe(1);
      });

      test('get of a record that was never written is undefined, for every kind', async () => {
        const store = await open(A);
        await seed(store);
        for (const kind of recordKinds) expect(await store.get(kind, 'never-written')).toBeUndefined();
      });

      test('changing the input object after a write, or the record returned, changes nothing stored', async () => {
        const store = await open(A);
        const input = officeInput(A);
        const written = await store.upsertOffice(input);
        (input as { name: string }).name = 'Changed afterwards';
        (input.tags as string[]).push('changed');
        try {
          (written.record as { name: string }).name = 'Changed record';
        } catch {
          // A frozen record is fine too.
        }
        const expected = parsed('office', officeInput(A));
        expect((await store.get('office', 'off-1'))?.record).toEqual(expected);
        expect((await rawRecord('office', A, 'off-1'))?.record).toEqual(expected);
      });

      test('an invalid record of every kind is a ValidationError, and nothing is stored', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        const bad: [RecordKind, () => Promise<unknown>][] = [
          ['office', () => store.upsertOffice({ ...officeInput(A, 'off-bad'), kind: 'spaceship' as never })],
          ['contact', () => store.upsertContact({ ...contactInput(A), npi: '1234567890' })],
          ['clinician', () => store.upsertClinician({ ...clinicianInput(A), capacity: { openSlots: -1, acceptingNewClients: true } })],
          ['practice-message', () => store.upsertPracticeMessage({ ...messageInput(A), version: 0 })],
          ['touchpoint', () => store.appendTouchpoint({ ...touchpointInput(A), purposes: [] })],
          ['referral', () => store.appendReferral({ ...referralInput(A), intake: [{ status: 'first-visit-completed', at: feb(4) }] })],
          ['thank-you', () => store.appendThankYou({ ...thankYouInput(A), contactIds: [] })],
          ['action-decision', () => store.appendDecision({ ...decisionInputs(A).snoozed, until: '2026-02-30' } as never)],
        ];
        for (const [kind, call] of bad) {
          await expectError(call, 'validation-failed', { subject: kind });
          expect(await countRows(kind, A), kind).toBe(kind === 'office' ? 1 : 0);
        }
        await expectError(() => store.savePractice({ ...practiceInput(A), timeZone: 'Mars/Olympus' }), 'validation-failed');
        expect(await countRows('practice', A)).toBe(0);
      });
    });

    // -----------------------------------------------------------------------
    group('tenant isolation', () => {
      test("tenant B cannot read tenant A's records: get, list, loadOffice and loadSnapshot show none of them", async () => {
        const a = await open(A);
        const b = await open(B);
        await seed(a);
        await b.savePractice(practiceInput(B, { name: 'Southside Therapy' }));
        for (const [kind, id] of seededKeys) {
          if (kind !== 'practice') expect(await b.get(kind, id), `${kind} ${id}`).toBeUndefined();
        }
        for (const kind of recordKinds) expect((await b.list(kind)).records, kind).toEqual([]);
        expect(await b.loadOffice('off-1')).toBeUndefined();
        const snapshot = await b.loadSnapshot();
        expect(snapshot.practice.name).toBe('Southside Therapy');
        expect([
          snapshot.offices,
          snapshot.contacts,
          snapshot.clinicians,
          snapshot.messages,
          snapshot.touchpoints,
          snapshot.referrals,
          snapshot.thankYous,
          snapshot.decisions,
        ]).toEqual([[], [], [], [], [], [], [], []]);
        expect((await b.getPractice())?.record.name).toBe('Southside Therapy');
        expect((await a.getPractice())?.record.name).toBe('Northside Counseling');
      });

      test("tenant B cannot write a record carrying tenant A's id: a ValidationError, nothing stored in either tenant", async () => {
        const a = await open(A);
        const b = await open(B);
        await seed(a);
        await b.upsertOffice(officeInput(B));
        const before = await fingerprint(a, keysOf(A));
        const bKeys = [...keysOf(B), ['office', 'off-9'], ['office', 'off-8'], ['contact', 'c-9'], ['touchpoint', 'tp-9']] as const;
        const beforeB = await fingerprint(b, bKeys);
        const attempts: [StoredKind, Id, () => Promise<unknown>][] = [
          ['practice', A, () => b.savePractice(practiceInput(A, { name: 'Hijacked' }))],
          ['office', 'off-9', () => b.upsertOffice(officeInput(A, 'off-9'))],
          ['office', 'off-1', () => b.upsertOffice(officeInput(A, 'off-1', { name: 'Hijacked' }))],
          ['contact', 'c-9', () => b.upsertContact(contactInput(A, 'c-9'))],
          ['clinician', 'cl-9', () => b.upsertClinician(clinicianInput(A, 'cl-9'))],
          ['practice-message', 'msg-9', () => b.upsertPracticeMessage(messageInput(A, 'msg-9', 2))],
          ['touchpoint', 'tp-9', () => b.appendTouchpoint(touchpointInput(A, 'tp-9'))],
          ['referral', 'r-9', () => b.appendReferral(referralInput(A, 'r-9'))],
          ['thank-you', 'ty-9', () => b.appendThankYou(thankYouInput(A, 'ty-9'))],
          ['action-decision', 'd-9', () => b.appendDecision({ ...decisionInputs(A).snoozed, id: 'd-9' })],
          ['office', 'off-8', () => b.write([{ type: 'upsert', kind: 'office', record: officeInput(A, 'off-8') }])],
        ];
        for (const [kind, id, call] of attempts) {
          const error = await expectError(call, 'validation-failed');
          expect(error.message).toContain(JSON.stringify(B));
          if (id !== 'off-1') expect(await readRow(kind, B, kind === 'practice' ? B : id), `${kind} ${id} in B`).toBeUndefined();
        }
        expect(await fingerprint(a, [...keysOf(A), ['office', 'off-9'], ['office', 'off-8']])).toEqual(before);
        expect(await fingerprint(b, bKeys)).toEqual(beforeB);
        expect(await countRows('office', B)).toBe(1);
        for (const kind of storedKinds) if (kind !== 'office') expect(await countRows(kind, B), kind).toBe(0);
      });

      test("tenant B cannot transition or mark tenant A's referral: a NotFoundError, A's row unchanged", async () => {
        const a = await open(A);
        const b = await open(B);
        await seed(a);
        const before = await readRow('referral', A, 'r-1');
        await expectError(() => b.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) }), 'not-found', {
          kind: 'referral',
          id: 'r-1',
        });
        await expectError(() => b.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) }, { expectedVersion: 1 }), 'not-found');
        await expectError(() => b.markReferral('r-1', 'patient-contacted', feb(3, 18)), 'not-found');
        await expectError(
          () => b.write([{ type: 'transition', referralId: 'r-1', step: { status: 'declined', at: feb(3, 17) } }]),
          'not-found',
        );
        expect(await readRow('referral', A, 'r-1')).toEqual(before);
        expect(await readRow('referral', B, 'r-1')).toBeUndefined();
      });

      test("tenant B's writes to its own records with A's ids leave A's rows unchanged", async () => {
        const a = await open(A);
        const b = await open(B);
        await seed(a);
        const before = await fingerprint(a, keysOf(A));
        await seed(b);
        // Same ids, separate records: B's versions start at 1, B's appends are new.
        expect((await b.get('office', 'off-1'))?.version).toBe(1);
        const again = await b.appendTouchpoint(touchpointInput(B, 'tp-1', 'off-1', { notes: 'B' }));
        expect(again.created).toBe(false);
        expect(again.record.notes).toBe(touchpointInput(B).notes);
        await b.upsertOffice(officeInput(B, 'off-1', { name: "B's office" }), { expectedVersion: 1 });
        await b.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) });
        expect(await fingerprint(a, keysOf(A))).toEqual(before);
        expect((await a.get('office', 'off-1'))?.record.name).toBe('Elm Street Pediatrics');
        expect((await rawRecord('office', B, 'off-1'))?.record).toMatchObject({ tenantId: B, name: "B's office" });
      });

      test("versions are per tenant: B's expectedVersion is checked against B's row, not A's", async () => {
        const a = await open(A);
        const b = await open(B);
        await a.upsertOffice(officeInput(A));
        await a.upsertOffice(officeInput(A));
        await expectError(() => b.upsertOffice(officeInput(B), { expectedVersion: 2 }), 'conflict', {
          expectedVersion: 2,
          actualVersion: 0,
        });
        expect(await countRows('office', B)).toBe(0);
        expect(await b.upsertOffice(officeInput(B), { expectedVersion: 0 })).toMatchObject({ version: 1 });
        expect((await readRow('office', A, 'off-1'))?.version).toBe(2);
      });

      test('a contact cannot be attached to an office of another tenant', async () => {
        const a = await open(A);
        const b = await open(B);
        await a.upsertOffice(officeInput(A));
        await expectError(() => b.upsertContact(contactInput(B)), 'validation-failed');
        await expectError(() => b.appendTouchpoint(touchpointInput(B)), 'validation-failed');
        expect(await countRows('contact', B)).toBe(0);
        expect(await countRows('touchpoint', B)).toBe(0);
      });

      test('tenants whose ids differ only by case, spaces, wildcards, quotes or Unicode normalisation are kept apart', async () => {
        const tenants = [
          'acme',
          'ACME',
          'Acme',
          'acme ',
          ' acme',
          'acm_',
          'acm%',
          '%',
          '_',
          'acme%',
          "acme'--",
          'acme"',
          'acme\\',
          'caf\u00e9',
          'cafe\u0301',
          'ﬁ',
          'fi',
          'ß',
          'ss',
          '😀',
          '\u0130',
          'i',
        ];
        const opened = [];
        for (const tenantId of tenants) {
          const store = await open(tenantId);
          await store.upsertOffice(officeInput(tenantId, 'off-1', { name: `office of ${JSON.stringify(tenantId)}` }));
          await store.appendTouchpoint(touchpointInput(tenantId, 'tp-1', 'off-1', { notes: tenantId }));
          opened.push(store);
        }
        for (const [i, tenantId] of tenants.entries()) {
          const store = opened[i]!;
          expect((await store.get('office', 'off-1'))?.record.name).toBe(`office of ${JSON.stringify(tenantId)}`);
          expect((await store.list('touchpoint')).records.map((r) => r.record.notes)).toEqual([tenantId]);
          expect(await countRows('office', tenantId)).toBe(1);
          expect((await rawRecord('office', tenantId, 'off-1'))?.record).toMatchObject({ tenantId });
        }
      });

      test('record ids that differ only by case, spaces or Unicode normalisation are different records', async () => {
        const store = await open(A);
        const ids = ['off-1', 'OFF-1', 'Off-1', 'off-1 ', ' off-1', 'off\u00e9', 'offe\u0301', 'off_1', 'off%1'];
        for (const id of ids) await store.upsertOffice(officeInput(A, id, { name: `name of ${JSON.stringify(id)}` }));
        for (const id of ids) {
          expect((await store.get('office', id))?.record.name).toBe(`name of ${JSON.stringify(id)}`);
          expect((await rawRecord('office', A, id))?.version).toBe(1);
        }
        expect(await countRows('office', A)).toBe(ids.length);
        expect(await store.get('office', 'off-')).toBeUndefined();
        expect(await store.get('office', 'off-%')).toBeUndefined();
      });
    });

    // -----------------------------------------------------------------------
    group('idempotent appends', () => {
      const appends: [string, Exclude<RecordKind, 'office' | 'contact' | 'clinician' | 'practice-message'>, (t: Id, variant: string) => unknown, (s: ReferwellStore, r: never) => Promise<{ created: boolean; version: number; record: unknown }>][] = [
        ['touchpoint', 'touchpoint', (t, v) => touchpointInput(t, 'tp-1', 'off-1', { notes: v }), (s, r) => s.appendTouchpoint(r)],
        ['referral', 'referral', (t, v) => referralInput(t, 'r-1', 'off-1', { notes: v }), (s, r) => s.appendReferral(r)],
        ['thank-you', 'thank-you', (t, v) => thankYouInput(t, 'ty-1', 'off-1', { text: v }), (s, r) => s.appendThankYou(r)],
        ['decision', 'action-decision', (t, v) => ({ ...decisionInputs(t).dismissed, reason: v }), (s, r) => s.appendDecision(r)],
      ];
      for (const [title, kind, make, append] of appends) {
        const id = (parsed(kind, make(A, 'x')) as { id: string }).id;
        test(`${title}: the same id twice stores one row; the second call says created: false and returns the first record`, async () => {
          const store = await open(A);
          await store.upsertOffice(officeInput(A));
          const first = make(A, 'first');
          expect(await append(store, first as never)).toEqual({ record: parsed(kind, first), version: 1, created: true });
          const rowBefore = await readRow(kind, A, id);
          expect(await append(store, make(A, 'second') as never)).toEqual({
            record: parsed(kind, first),
            version: 1,
            created: false,
          });
          expect(await append(store, first as never)).toMatchObject({ created: false, version: 1 });
          expect(await countRows(kind, A)).toBe(1);
          expect(await readRow(kind, A, id)).toEqual(rowBefore);
          expect((await store.list(kind)).records).toHaveLength(1);
        });
      }

      test('appending a referral again after it moved on returns the current referral and changes nothing', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        await store.appendReferral(referralInput(A));
        const accepted = await store.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) });
        const row = await readRow('referral', A, 'r-1');
        expect(await store.appendReferral(referralInput(A))).toEqual({ ...accepted, created: false });
        expect(await readRow('referral', A, 'r-1')).toEqual(row);
      });

      test('the same append twice in one batch stores one row; the batch reports created: true, then false', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        const results = await store.write([
          { type: 'append', kind: 'touchpoint', record: touchpointInput(A, 'tp-1', 'off-1', { notes: 'one' }) },
          { type: 'append', kind: 'touchpoint', record: touchpointInput(A, 'tp-1', 'off-1', { notes: 'two' }) },
        ]);
        expect(results).toEqual([
          { record: parsed('touchpoint', touchpointInput(A, 'tp-1', 'off-1', { notes: 'one' })), version: 1, created: true },
          { record: parsed('touchpoint', touchpointInput(A, 'tp-1', 'off-1', { notes: 'one' })), version: 1, created: false },
        ]);
        expect(await countRows('touchpoint', A)).toBe(1);
      });

      test('racing appends of one id (two stores, ten calls) store exactly one row; exactly one call creates it', async () => {
        const one = await open(A);
        const two = await open(A);
        await one.upsertOffice(officeInput(A));
        const calls = Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? one : two).appendTouchpoint(touchpointInput(A, 'tp-race', 'off-1', { notes: `call ${i}` })),
        );
        const settled = await Promise.allSettled(calls);
        const created = settled.filter((s) => s.status === 'fulfilled' && s.value.created);
        expect(created).toHaveLength(1);
        const winner = (created[0] as PromiseFulfilledResult<Stored<unknown>>).value.record;
        for (const outcome of settled) {
          if (outcome.status === 'fulfilled') expect(outcome.value.record).toEqual(winner);
          else expect(ReferwellError.isInstance(outcome.reason) && outcome.reason.code, show(outcome.reason)).toBe('conflict');
        }
        expect(await countRows('touchpoint', A)).toBe(1);
        expect((await rawRecord('touchpoint', A, 'tp-race'))?.record).toEqual(winner);
      });
    });

    // -----------------------------------------------------------------------
    group('optimistic concurrency', () => {
      test('an update based on the current version succeeds and increments it', async () => {
        const store = await open(A);
        expect(await store.upsertOffice(officeInput(A), { expectedVersion: 0 })).toMatchObject({ version: 1 });
        expect(await store.upsertOffice(officeInput(A, 'off-1', { name: 'v2' }), { expectedVersion: 1 })).toMatchObject({ version: 2 });
        expect(await store.upsertOffice(officeInput(A, 'off-1', { name: 'v3' }), { expectedVersion: 2 })).toMatchObject({ version: 3 });
        expect(await rawRecord('office', A, 'off-1')).toEqual({ version: 3, record: parsed('office', officeInput(A, 'off-1', { name: 'v3' })) });
      });

      const entities: [string, 'office' | 'contact' | 'clinician' | 'practice-message', (t: Id, name: string) => unknown, (s: ReferwellStore, r: never, v: number) => Promise<unknown>][] = [
        ['office', 'office', (t, n) => officeInput(t, 'off-1', { name: n }), (s, r, v) => s.upsertOffice(r, { expectedVersion: v })],
        ['contact', 'contact', (t, n) => contactInput(t, 'c-1', 'off-1', { name: n }), (s, r, v) => s.upsertContact(r, { expectedVersion: v })],
        ['clinician', 'clinician', (t, n) => clinicianInput(t, 'cl-1', { name: n }), (s, r, v) => s.upsertClinician(r, { expectedVersion: v })],
        ['practice message', 'practice-message', (t, n) => messageInput(t, 'msg-1', 1, { idealClient: n }), (s, r, v) => s.upsertPracticeMessage(r, { expectedVersion: v })],
      ];
      for (const [title, kind, make, upsert] of entities) {
        const id = (parsed(kind, make(A, 'x')) as { id: string }).id;
        test(`${title}: a stale expectedVersion is a ConflictError with both versions, and the row is unchanged`, async () => {
          const store = await open(A);
          await store.upsertOffice(officeInput(A));
          await upsert(store, make(A, 'first') as never, kind === 'office' ? 1 : 0);
          await upsert(store, make(A, 'second') as never, kind === 'office' ? 2 : 1);
          const version = kind === 'office' ? 3 : 2;
          const row = await readRow(kind, A, id);
          expect(row?.version).toBe(version);
          const error = await expectError(() => upsert(store, make(A, 'stale') as never, version - 1), 'conflict', {
            kind,
            id,
            expectedVersion: version - 1,
            actualVersion: version,
          });
          expect(error.message).toContain(JSON.stringify(id));
          await expectError(() => upsert(store, make(A, 'zero') as never, 0), 'conflict', {
            expectedVersion: 0,
            actualVersion: version,
          });
          await expectError(() => upsert(store, make(A, 'future') as never, version + 1), 'conflict', {
            expectedVersion: version + 1,
            actualVersion: version,
          });
          expect(await readRow(kind, A, id)).toEqual(row);
          expect(await store.get(kind, id)).toMatchObject({ version });
        });
      }

      test('expectedVersion above 0 for a record that does not exist is a ConflictError, and nothing is stored', async () => {
        const store = await open(A);
        await expectError(() => store.upsertOffice(officeInput(A), { expectedVersion: 1 }), 'conflict', {
          kind: 'office',
          id: 'off-1',
          expectedVersion: 1,
          actualVersion: 0,
        });
        expect(await readRow('office', A, 'off-1')).toBeUndefined();
        expect(await countRows('office', A)).toBe(0);
      });

      test('a referral transition or milestone with a stale version is a ConflictError, and the row is unchanged', async () => {
        const store = await open(A);
        await seed(store);
        await store.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) }, { expectedVersion: 1 });
        const row = await readRow('referral', A, 'r-1');
        await expectError(
          () => store.transitionReferral('r-1', { status: 'scheduled', at: feb(3, 18), appointmentAt: feb(9) }, { expectedVersion: 1 }),
          'conflict',
          { kind: 'referral', id: 'r-1', expectedVersion: 1, actualVersion: 2 },
        );
        await expectError(() => store.markReferral('r-1', 'patient-contacted', feb(3, 18), { expectedVersion: 1 }), 'conflict', {
          expectedVersion: 1,
          actualVersion: 2,
        });
        await expectError(
          () => store.write([{ type: 'transition', referralId: 'r-1', step: { status: 'cancelled', at: feb(4) }, expectedVersion: 3 }]),
          'conflict',
          { expectedVersion: 3, actualVersion: 2 },
        );
        expect(await readRow('referral', A, 'r-1')).toEqual(row);
      });

      test('of two racing updates with the same expectedVersion, exactly one succeeds and the other is a ConflictError', async () => {
        const one = await open(A);
        const two = await open(A);
        await one.upsertOffice(officeInput(A));
        const settled = await Promise.allSettled([
          one.upsertOffice(officeInput(A, 'off-1', { name: 'from one' }), { expectedVersion: 1 }),
          two.upsertOffice(officeInput(A, 'off-1', { name: 'from two' }), { expectedVersion: 1 }),
        ]);
        const won = settled.filter((s) => s.status === 'fulfilled');
        const lost = settled.filter((s) => s.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        const reason = (lost[0] as PromiseRejectedResult).reason as unknown;
        expect(ReferwellError.isInstance(reason) && reason.code, show(reason)).toBe('conflict');
        expect(reason).toMatchObject({ kind: 'office', id: 'off-1', expectedVersion: 1, actualVersion: 2 });
        const winner = (won[0] as PromiseFulfilledResult<Stored<unknown>>).value;
        expect(winner.version).toBe(2);
        expect(await rawRecord('office', A, 'off-1')).toEqual({ version: 2, record: winner.record });
      });

      test('racing updates of one store, each with the same expectedVersion: exactly one wins', async () => {
        const store = await open(A);
        await store.upsertClinician(clinicianInput(A));
        const settled = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => store.upsertClinician(clinicianInput(A, 'cl-1', { name: `racer ${i}` }), { expectedVersion: 1 })),
        );
        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
        for (const s of settled) {
          if (s.status === 'rejected') expect(ReferwellError.isInstance(s.reason) && s.reason.code, show(s.reason)).toBe('conflict');
        }
        expect((await readRow('clinician', A, 'cl-1'))?.version).toBe(2);
      });

      test('racing updates without expectedVersion lose no version: the final version counts every success', async () => {
        const one = await open(A);
        const two = await open(A);
        await one.upsertOffice(officeInput(A));
        const settled = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).upsertOffice(officeInput(A, 'off-1', { name: `writer ${i}` }))),
        );
        const successes = settled.filter((s): s is PromiseFulfilledResult<Stored<RecordTypes['office']>> => s.status === 'fulfilled');
        for (const s of settled) {
          if (s.status === 'rejected') expect(ReferwellError.isInstance(s.reason) && s.reason.code, show(s.reason)).toBe('conflict');
        }
        expect(successes.length).toBeGreaterThan(0);
        const versions = successes.map((s) => s.value.version).sort((x, y) => x - y);
        expect(versions).toEqual(Array.from({ length: successes.length }, (_, i) => i + 2));
        const last = successes.find((s) => s.value.version === versions.at(-1))!.value;
        expect(await rawRecord('office', A, 'off-1')).toEqual({ version: 1 + successes.length, record: last.record });
      });

      test('racing transitions of one referral: exactly one wins, the other is a conflict or an illegal transition', async () => {
        const one = await open(A);
        const two = await open(A);
        await seed(one);
        const settled = await Promise.allSettled([
          one.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) }),
          two.transitionReferral('r-1', { status: 'declined', at: feb(3, 17), reason: 'Full' }),
        ]);
        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
        const lost = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')!.reason as unknown;
        expect(ReferwellError.isInstance(lost) && ['conflict', 'illegal-transition'].includes(lost.code), show(lost)).toBe(true);
        const row = await rawRecord('referral', A, 'r-1');
        expect(row?.version).toBe(2);
        expect((row?.record as { intake: unknown[] }).intake).toHaveLength(1);
      });
    });

    // -----------------------------------------------------------------------
    group('atomic multi-record writes', () => {
      /** Six valid operations over the seeded data; later ones depend on earlier ones. */
      const validOps = (t: Id): WriteOperation[] => [
        { type: 'upsert', kind: 'office', record: officeInput(t, 'off-1', { name: 'Renamed in batch' }), expectedVersion: 1 },
        { type: 'upsert', kind: 'office', record: officeInput(t, 'off-new', { name: 'New in batch' }) },
        { type: 'append', kind: 'touchpoint', record: touchpointInput(t, 'tp-new', 'off-new') },
        { type: 'transition', referralId: 'r-1', step: { status: 'accepted', at: feb(3, 17) } },
        { type: 'append', kind: 'referral', record: referralInput(t, 'r-new', 'off-1') },
        { type: 'upsert', kind: 'contact', record: contactInput(t, 'c-1', 'off-1', { name: 'Renamed contact' }), expectedVersion: 1 },
      ];
      const touchedKeys: readonly (readonly [StoredKind, Id])[] = [
        ['office', 'off-new'],
        ['touchpoint', 'tp-new'],
        ['referral', 'r-new'],
        ['thank-you', 'ty-missing'],
        ['contact', 'c-new'],
      ];
      const failures: [string, ReferwellErrorCode, (t: Id) => WriteOperation][] = [
        ['an invalid record', 'validation-failed', (t) => ({ type: 'append', kind: 'touchpoint', record: { id: 'tp-bad', tenantId: t } })],
        ['a stale version', 'conflict', (t) => ({ type: 'upsert', kind: 'clinician', record: clinicianInput(t), expectedVersion: 5 })],
        ['an illegal transition', 'illegal-transition', () => ({ type: 'transition', referralId: 'r-1', step: { status: 'first-visit-completed', at: feb(5) } })],
        ['a missing office', 'validation-failed', (t) => ({ type: 'append', kind: 'thank-you', record: thankYouInput(t, 'ty-missing', 'off-missing') })],
        ['a missing referral', 'not-found', () => ({ type: 'milestone', referralId: 'r-missing', milestone: 'patient-contacted', at: feb(5) })],
        ["another tenant's record", 'validation-failed', () => ({ type: 'upsert', kind: 'contact', record: contactInput('someone-else', 'c-new') })],
      ];
      const count = validOps(A).length;
      for (const [title, code, failing] of failures) {
        for (const k of [0, 1, 3, count]) {
          const where = k === 0 ? 'first' : k === count ? 'last' : `operation ${k + 1} of ${count + 1}`;
          test(`a batch whose ${where} operation is ${title} fails with "${code}" and leaves nothing of the batch`, async () => {
            const store = await open(A);
            await seed(store);
            const ops = validOps(A);
            const batch = [...ops.slice(0, k), failing(A), ...ops.slice(k)];
            const keys = [...keysOf(A), ...touchedKeys];
            const before = await fingerprint(store, keys);
            await expectError(() => store.write(batch), code);
            expect(await fingerprint(store, keys)).toEqual(before);
            // The store is not wedged: the same batch without the failure applies in full.
            const results = await store.write(ops);
            expect(results.map((r) => r.version)).toEqual([2, 1, 1, 2, 1, 2]);
            expect((await store.get('office', 'off-1'))?.record.name).toBe('Renamed in batch');
            expect(await store.get('touchpoint', 'tp-new')).toMatchObject({ version: 1 });
          });
        }
      }

      test('a successful batch applies every operation in order and returns each result', async () => {
        const store = await open(A);
        await seed(store);
        const results = await store.write(validOps(A));
        expect(results).toHaveLength(count);
        expect(results[0]).toEqual({ record: parsed('office', officeInput(A, 'off-1', { name: 'Renamed in batch' })), version: 2 });
        expect(results[2]).toEqual({ record: parsed('touchpoint', touchpointInput(A, 'tp-new', 'off-new')), version: 1, created: true });
        expect((results[3]?.record as { intake: unknown[] }).intake).toEqual([{ status: 'accepted', at: feb(3, 17) }]);
        expect(await rawRecord('office', A, 'off-new')).toEqual({ version: 1, record: parsed('office', officeInput(A, 'off-new', { name: 'New in batch' })) });
        expect((await readRow('referral', A, 'r-1'))?.version).toBe(2);
        expect((await store.loadOffice('off-new'))?.touchpoints.map((tp) => tp.id)).toEqual(['tp-new']);
      });

      test('an empty batch writes nothing and returns []', async () => {
        const store = await open(A);
        await seed(store);
        const before = await fingerprint(store, keysOf(A));
        expect(await store.write([])).toEqual([]);
        expect(await fingerprint(store, keysOf(A))).toEqual(before);
      });

      test('a batch that updates one record twice sees its own first write', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        const results = await store.write([
          { type: 'upsert', kind: 'office', record: officeInput(A, 'off-1', { name: 'two' }), expectedVersion: 1 },
          { type: 'upsert', kind: 'office', record: officeInput(A, 'off-1', { name: 'three' }), expectedVersion: 2 },
        ]);
        expect(results.map((r) => r.version)).toEqual([2, 3]);
        expect((await rawRecord('office', A, 'off-1'))?.version).toBe(3);
      });

      test("a batch that conflicts with its own earlier write leaves nothing, not even the earlier write", async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        const row = await readRow('office', A, 'off-1');
        await expectError(
          () =>
            store.write([
              { type: 'upsert', kind: 'office', record: officeInput(A, 'off-1', { name: 'two' }), expectedVersion: 1 },
              { type: 'upsert', kind: 'office', record: officeInput(A, 'off-1', { name: 'again' }), expectedVersion: 1 },
            ]),
          'conflict',
          { expectedVersion: 1, actualVersion: 2 },
        );
        expect(await readRow('office', A, 'off-1')).toEqual(row);
      });

      test('a large batch (200 records) that fails on its last operation leaves nothing', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        const ops: WriteOperation[] = Array.from({ length: 200 }, (_, i) => ({
          type: 'append',
          kind: 'touchpoint',
          record: touchpointInput(A, `tp-${i}`),
        }));
        await expectError(() => store.write([...ops, { type: 'append', kind: 'touchpoint', record: { id: 'x' } }]), 'validation-failed');
        expect(await countRows('touchpoint', A)).toBe(0);
        expect((await store.list('touchpoint')).records).toEqual([]);
        expect(await store.write(ops)).toHaveLength(200);
        expect(await countRows('touchpoint', A)).toBe(200);
      });

      test('a run of appends stores an id already stored, or repeated in the run, once, and says which call created it', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        await store.appendTouchpoint(touchpointInput(A, 'tp-old', 'off-1', { minutes: 1 }));
        const results = await store.write([
          { type: 'append', kind: 'touchpoint', record: touchpointInput(A, 'tp-a', 'off-1', { minutes: 2 }) },
          { type: 'append', kind: 'touchpoint', record: touchpointInput(A, 'tp-old', 'off-1', { minutes: 3 }) },
          { type: 'append', kind: 'touchpoint', record: touchpointInput(A, 'tp-a', 'off-1', { minutes: 4 }) },
          { type: 'append', kind: 'touchpoint', record: touchpointInput(A, 'tp-b', 'off-1', { minutes: 5 }) },
        ]);
        expect(results.map((r) => [(r.record as { minutes: number }).minutes, r.version, (r as { created?: boolean }).created])).toEqual([
          [2, 1, true],
          [1, 1, false],
          [2, 1, false],
          [5, 1, true],
        ]);
        expect(await countRows('touchpoint', A)).toBe(3);
        expect((await store.list('touchpoint')).records.map((r) => r.record.id)).toEqual(['tp-old', 'tp-a', 'tp-b']);
      });

      test('a run of upserts takes versions and change positions in batch order', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A, 'off-1'));
        await store.upsertOffice(officeInput(A, 'off-2'));
        const results = await store.write([
          { type: 'upsert', kind: 'office', record: officeInput(A, 'off-3') },
          { type: 'upsert', kind: 'office', record: officeInput(A, 'off-2', { name: 'Second' }), expectedVersion: 1 },
          { type: 'upsert', kind: 'office', record: officeInput(A, 'off-4'), expectedVersion: 0 },
          { type: 'upsert', kind: 'contact', record: contactInput(A, 'c-9', 'off-4') },
        ]);
        expect(results.map((r) => r.version)).toEqual([1, 2, 1, 1]);
        expect((await store.list('office')).records.map((r) => r.record.id)).toEqual(['off-1', 'off-3', 'off-2', 'off-4']);
      });

      test('a run of upserts with a stale version in its middle fails with a conflict naming it and leaves nothing', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A, 'off-1'));
        await store.upsertOffice(officeInput(A, 'off-2'));
        const before = await fingerprint(store, [['office', 'off-1'], ['office', 'off-2'], ['office', 'off-3']]);
        await expectError(
          () =>
            store.write([
              { type: 'upsert', kind: 'office', record: officeInput(A, 'off-3') },
              { type: 'upsert', kind: 'office', record: officeInput(A, 'off-2', { name: 'Stale' }), expectedVersion: 2 },
              { type: 'upsert', kind: 'office', record: officeInput(A, 'off-1', { name: 'Fine' }), expectedVersion: 1 },
            ]),
          'conflict',
          { kind: 'office', id: 'off-2', expectedVersion: 2, actualVersion: 1 },
        );
        expect(await fingerprint(store, [['office', 'off-1'], ['office', 'off-2'], ['office', 'off-3']])).toEqual(before);
      });

      test('a run of contacts whose middle one names a missing office fails naming it and leaves nothing', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A, 'off-1'));
        const error = await expectError(
          () =>
            store.write([
              { type: 'upsert', kind: 'contact', record: contactInput(A, 'c-1', 'off-1') },
              { type: 'upsert', kind: 'contact', record: contactInput(A, 'c-2', 'off-404') },
              { type: 'upsert', kind: 'contact', record: { id: 'c-3' } },
            ]),
          'validation-failed',
        );
        expect(error.message).toContain('off-404');
        expect(await countRows('contact', A)).toBe(0);
      });

      test('a failed batch does not disturb change order or cursors', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        for (let i = 0; i < 4; i += 1) await store.appendTouchpoint(touchpointInput(A, `tp-${i}`));
        const first = await store.list('touchpoint', { limit: 2 });
        await expectError(
          () =>
            store.write([
              { type: 'append', kind: 'touchpoint', record: touchpointInput(A, 'tp-ghost') },
              { type: 'upsert', kind: 'office', record: officeInput(A), expectedVersion: 9 },
            ]),
          'conflict',
        );
        await store.appendTouchpoint(touchpointInput(A, 'tp-4'));
        const rest = await store.list('touchpoint', { after: first.next!, limit: 10 });
        expect([...first.records, ...rest.records].map((r) => r.record.id)).toEqual(['tp-0', 'tp-1', 'tp-2', 'tp-3', 'tp-4']);
      });
    });

    // -----------------------------------------------------------------------
    group('validated reads', () => {
      const corruptions: [string, (record: Record<string, unknown>) => string][] = [
        ['a body that is not JSON', (r) => JSON.stringify(r).slice(0, 20)],
        ['an empty body', () => ''],
        ['JSON null', () => 'null'],
        ['a JSON array', () => '[]'],
        ['a JSON string', (r) => JSON.stringify(JSON.stringify(r))],
        ['JSON that fails the schema (an unknown key)', (r) => JSON.stringify({ ...r, injected: true })],
        ['JSON that fails the schema (a wrong type)', (r) => JSON.stringify({ ...r, name: 42 })],
        ['JSON that fails the schema (a missing field)', (r) => JSON.stringify({ ...r, kind: undefined })],
        ['JSON of another id', (r) => JSON.stringify({ ...r, id: 'off-2' })],
        ['JSON of another tenant', (r) => JSON.stringify({ ...r, tenantId: B })],
      ];
      for (const [title, damage] of corruptions) {
        test(`an office row holding ${title} is a CorruptRecordError naming it, from get, list, loadSnapshot and loadOffice`, async () => {
          const store = await open(A);
          await seed(store);
          await inspect().corruptRow('office', A, 'off-1', damage(parsed('office', officeInput(A)) as never));
          const body = (await readRow('office', A, 'off-1'))?.body;
          const fields = { kind: 'office', id: 'off-1' };
          const reads: [string, () => Promise<unknown>][] = [
            ['get', () => store.get('office', 'off-1')],
            ['list', () => store.list('office')],
            ['loadSnapshot', () => store.loadSnapshot()],
            ['loadOffice', () => store.loadOffice('off-1')],
          ];
          for (const [name, read] of reads) {
            const error = await expectError(read, 'corrupt-record', fields).catch((cause: unknown) => {
              throw new Error(`${name}: ${show(cause)}`, { cause });
            });
            expect(error.message).toContain('"off-1"');
            expect(error.message).toContain(`[${store.adapter}]`);
          }
          // The damage is reported, not repaired or spread: the row is as it was, other records still read.
          expect((await readRow('office', A, 'off-1'))?.body).toBe(body);
          expect((await store.get('office', 'off-2'))?.record.name).toBe('Lakeside Family Medicine');
          expect((await store.loadOffice('off-2'))?.contacts.map((c) => c.id)).toEqual(['c-2']);
        });
      }

      for (const [kind, id] of seededKeys) {
        test(`a corrupted ${kind} row is a CorruptRecordError naming ${kind} and its id on every read that returns it`, async () => {
          const store = await open(A);
          await seed(store);
          const row = await readRow(kind, A, id);
          const record = JSON.parse(row!.body) as Record<string, unknown>;
          await inspect().corruptRow(kind, A, id, JSON.stringify({ ...record, corrupted: 'yes' }));
          const fields = { kind, id };
          if (kind === 'practice') {
            await expectError(() => store.getPractice(), 'corrupt-record', fields);
          } else {
            await expectError(() => store.get(kind, id), 'corrupt-record', fields);
            await expectError(() => store.list(kind), 'corrupt-record', fields);
          }
          await expectError(() => store.loadSnapshot(), 'corrupt-record', fields);
          const office = kind === 'office' ? id : ((record.officeId as string | undefined) ?? undefined);
          if (office !== undefined) await expectError(() => store.loadOffice(office), 'corrupt-record', fields);
          else expect((await store.loadOffice('off-1'))?.office.id).toBe('off-1');
        });
      }

      const touchpointDamage: [string, (r: Record<string, unknown>) => Record<string, unknown>][] = [
        ['a purpose outside the vocabulary', (r) => ({ ...r, purposes: ['follow-up', 'gossip'] })],
        ['no purpose', (r) => ({ ...r, purposes: [] })],
        ['a repeated contact id', (r) => ({ ...r, contactIds: ['c-1', 'c-1'] })],
        ['a contact id with a control character', (r) => ({ ...r, contactIds: ['c-\u0001'] })],
        ['a day that does not exist', (r) => ({ ...r, at: '2026-02-30T15:00:00Z' })],
        ['an instant with an offset', (r) => ({ ...r, at: '2026-02-03T15:00:00+01:00' })],
        ['negative minutes', (r) => ({ ...r, minutes: -5 })],
        ['a channel outside the vocabulary', (r) => ({ ...r, channel: 'telepathy' })],
        ['collateral with a count that is not whole', (r) => ({ ...r, collateral: { cards: 3.5, brochures: 0 } })],
        ['a cost with an empty description', (r) => ({ ...r, cost: { amount: 100, description: '   ' } })],
        ['another office than its row', (r) => ({ ...r, officeId: 'off-2' })],
        ["another tenant's id", (r) => ({ ...r, tenantId: B })],
      ];
      for (const [title, damage] of touchpointDamage) {
        test(`a touchpoint row holding ${title} is a CorruptRecordError from loadSnapshot and loadOffice`, async () => {
          const store = await open(A);
          await seed(store);
          const row = await readRow('touchpoint', A, 'tp-1');
          await inspect().corruptRow('touchpoint', A, 'tp-1', JSON.stringify(damage(JSON.parse(row!.body) as Record<string, unknown>)));
          const fields = { kind: 'touchpoint', id: 'tp-1' };
          await expectError(() => store.loadSnapshot(), 'corrupt-record', fields);
          await expectError(() => store.loadOffice('off-1'), 'corrupt-record', fields);
          await expectError(() => store.get('touchpoint', 'tp-1'), 'corrupt-record', fields);
        });
      }

      test('a touchpoint row the schema accepts but would complete (an older writer) reads as the schema completes it', async () => {
        const store = await open(A);
        await seed(store);
        const row = await readRow('touchpoint', A, 'tp-1');
        const record = JSON.parse(row!.body) as Record<string, unknown>;
        const older: Record<string, unknown> = { ...record, collateral: { cards: 3 }, cost: { amount: 100, description: ' lunch ' } };
        delete older.minutes;
        await inspect().corruptRow('touchpoint', A, 'tp-1', JSON.stringify(older));
        const expected = parsed('touchpoint', older);
        expect(expected).toMatchObject({ minutes: 0, collateral: { cards: 3, brochures: 0 }, cost: { description: 'lunch' } });
        expect((await store.loadSnapshot()).touchpoints.find((tp) => tp.id === 'tp-1')).toEqual(expected);
        expect((await store.loadOffice('off-1'))?.touchpoints.find((tp) => tp.id === 'tp-1')).toEqual(expected);
      });

      test('touchpoints read back in bulk equal what was written, and their lists cannot be changed', async () => {
        const store = await open(A);
        await store.savePractice(practiceInput(A));
        await store.upsertOffice(officeInput(A));
        const inputs = [
          touchpointInput(A, 'tp-a', 'off-1', { purposes: ['follow-up', 'ask'], resources: ['in-service'], cost: { amount: 1200, description: 'Lunch' } }),
          touchpointInput(A, 'tp-b', 'off-1', { purposes: ['ask', 'follow-up'], collateral: { cards: 20 }, notes: '  kept as written  ' }),
          touchpointInput(A, 'tp-c', 'off-1', { purposes: ['follow-up', 'ask'], messageVersion: 2 }),
        ];
        await store.write(inputs.map((record) => ({ type: 'append', kind: 'touchpoint', record })));
        const expected = inputs.map((input) => parsed('touchpoint', input));
        const snapshot = await store.loadSnapshot();
        expect(byId(snapshot.touchpoints)).toEqual(expected);
        expect(byId((await store.loadOffice('off-1'))!.touchpoints)).toEqual(expected);
        for (const touchpoint of snapshot.touchpoints) expect(Object.isFrozen(touchpoint.purposes)).toBe(true);
      });

      test('a corrupted referral cannot be transitioned or marked: CorruptRecordError, nothing written', async () => {
        const store = await open(A);
        await seed(store);
        await inspect().corruptRow('referral', A, 'r-1', '{"id":"r-1"}');
        const row = await readRow('referral', A, 'r-1');
        await expectError(() => store.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) }), 'corrupt-record', {
          kind: 'referral',
          id: 'r-1',
        });
        await expectError(() => store.markReferral('r-1', 'patient-contacted', feb(3, 17)), 'corrupt-record');
        expect(await readRow('referral', A, 'r-1')).toEqual(row);
      });

      test('appending an id whose stored row is corrupted is a CorruptRecordError, not created: false with a wrong record', async () => {
        const store = await open(A);
        await seed(store);
        await inspect().corruptRow('touchpoint', A, 'tp-1', 'not json');
        await expectError(() => store.appendTouchpoint(touchpointInput(A)), 'corrupt-record', { kind: 'touchpoint', id: 'tp-1' });
        expect((await readRow('touchpoint', A, 'tp-1'))?.body).toBe('not json');
      });

      test('a page that does not include the corrupted row still reads; one that does is an error', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        for (let i = 0; i < 3; i += 1) await store.appendTouchpoint(touchpointInput(A, `tp-${i}`));
        const first = await store.list('touchpoint', { limit: 1 });
        await inspect().corruptRow('touchpoint', A, 'tp-0', '{');
        const rest = await store.list('touchpoint', { after: first.next! });
        expect(rest.records.map((r) => r.record.id)).toEqual(['tp-1', 'tp-2']);
        await expectError(() => store.list('touchpoint', { limit: 1 }), 'corrupt-record', { id: 'tp-0' });
      });
    });

    // -----------------------------------------------------------------------
    group('cursor pagination', () => {
      /** Reads pages of `limit` until an empty page; returns every record and the final cursor. */
      const readAll = async <K extends RecordKind>(store: ReferwellStore, kind: K, limit: number, after?: string) => {
        const seen: Stored<RecordTypes[K]>[] = [];
        let cursor = after;
        for (let pages = 0; pages < 10_000; pages += 1) {
          const page = await store.list(kind, { limit, ...(cursor === undefined ? {} : { after: cursor }) });
          expect(page.records.length).toBeLessThanOrEqual(limit);
          if (page.records.length === 0) return { seen, cursor: page.next ?? cursor };
          expect(typeof page.next, 'a page with records gives a cursor to continue from').toBe('string');
          seen.push(...page.records);
          cursor = page.next;
        }
        throw new Error('[referwell] conformance: pagination did not end');
      };
      const ids = (records: readonly Stored<{ readonly id: string }>[]) => records.map((r) => r.record.id);

      for (const limit of [1, 4, 23, 500]) {
        test(`paging 23 records with limit ${limit} returns each exactly once, in change order`, async () => {
          const store = await open(A);
          await store.upsertOffice(officeInput(A));
          const written: string[] = [];
          for (let i = 0; i < 23; i += 1) {
            const id = `tp-${String((i * 7) % 23).padStart(2, '0')}`; // ids not in write order
            await store.appendTouchpoint(touchpointInput(A, id));
            written.push(id);
          }
          const { seen } = await readAll(store, 'touchpoint', limit);
          expect(ids(seen)).toEqual(written);
        });
      }

      test('records added between page reads appear on later pages, with no duplicate and no skip', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        for (let i = 0; i < 10; i += 1) await store.appendReferral(referralInput(A, `r-${i}`));
        const first = await store.list('referral', { limit: 3 });
        for (let i = 10; i < 14; i += 1) await store.appendReferral(referralInput(A, `r-${i}`));
        const second = await store.list('referral', { limit: 3, after: first.next! });
        await store.appendReferral(referralInput(A, 'r-14'));
        const rest = await readAll(store, 'referral', 3, second.next!);
        expect(ids([...first.records, ...second.records, ...rest.seen])).toEqual(Array.from({ length: 15 }, (_, i) => `r-${i}`));
      });

      test('an update moves the record to the end of the change order', async () => {
        const store = await open(A);
        for (const id of ['off-1', 'off-2', 'off-3']) await store.upsertOffice(officeInput(A, id));
        await store.upsertOffice(officeInput(A, 'off-1', { name: 'changed' }));
        const page = await store.list('office');
        expect(page.records.map((r) => `${r.record.id}@${r.version}`)).toEqual(['off-2@1', 'off-3@1', 'off-1@2']);
      });

      test('a record changed between page reads is read again later in its new version, and nothing is skipped', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        for (let i = 0; i < 6; i += 1) await store.appendReferral(referralInput(A, `r-${i}`));
        const first = await store.list('referral', { limit: 2 });
        await store.transitionReferral('r-0', { status: 'accepted', at: feb(3, 17) }); // already read
        await store.transitionReferral('r-4', { status: 'declined', at: feb(3, 17) }); // not read yet
        const rest = await readAll(store, 'referral', 2, first.next!);
        expect(rest.seen.map((r) => `${r.record.id}@${r.version}`)).toEqual(['r-2@1', 'r-3@1', 'r-5@1', 'r-0@2', 'r-4@2']);
      });

      test('the cursor of the last page reads exactly what is written later (a change feed)', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        await store.appendTouchpoint(touchpointInput(A, 'tp-a'));
        const all = await readAll(store, 'touchpoint', 10);
        const empty = await store.list('touchpoint', { after: all.cursor! });
        expect(empty.records).toEqual([]);
        await store.appendTouchpoint(touchpointInput(A, 'tp-b'));
        await store.appendTouchpoint(touchpointInput(A, 'tp-c'));
        const later = await store.list('touchpoint', { after: empty.next ?? all.cursor! });
        expect(ids(later.records)).toEqual(['tp-b', 'tp-c']);
      });

      test('a reader following the cursor while two stores write at once sees every record exactly once', async () => {
        const writers = [await open(A), await open(A)];
        const reader = await open(A);
        await writers[0]!.upsertOffice(officeInput(A));
        const expected = new Set<string>();
        let done = false;
        const write = async (w: number) => {
          for (let batch = 0; batch < 12; batch += 1) {
            const ops: WriteOperation[] = Array.from({ length: 1 + ((batch * 3 + w) % 5) }, (_, i) => {
              const id = `tp-w${w}-b${batch}-${i}`;
              expected.add(id);
              return { type: 'append', kind: 'touchpoint', record: touchpointInput(A, id) };
            });
            await writers[w]!.write(ops);
          }
        };
        const seen: string[] = [];
        let cursor: string | undefined;
        const tail = async () => {
          for (;;) {
            const finished = done; // read before the page: a page after `done` sees everything
            const page = await reader.list('touchpoint', { limit: 3, ...(cursor === undefined ? {} : { after: cursor }) });
            seen.push(...page.records.map((r) => r.record.id));
            cursor = page.next ?? cursor;
            if (page.records.length === 0 && finished) return;
            if (page.records.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          }
        };
        const tailing = tail();
        await Promise.all([write(0), write(1)]);
        done = true;
        await tailing;
        expect(seen.length, 'no record read twice').toBe(new Set(seen).size);
        expect([...seen].sort()).toEqual([...expected].sort());
      });

      test('records of other kinds written in between do not disturb a kind\'s pages', async () => {
        const store = await open(A);
        for (let i = 0; i < 5; i += 1) {
          await store.upsertOffice(officeInput(A, `off-${i}`));
          await store.upsertContact(contactInput(A, `c-${i}`, `off-${i}`));
          await store.upsertClinician(clinicianInput(A, `cl-${i}`));
        }
        expect(ids((await readAll(store, 'office', 2)).seen)).toEqual(['off-0', 'off-1', 'off-2', 'off-3', 'off-4']);
        expect(ids((await readAll(store, 'contact', 2)).seen)).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
      });

      test('list without options returns the first records in change order', async () => {
        const store = await open(A);
        expect(await store.list('office')).toMatchObject({ records: [] });
        await store.upsertOffice(officeInput(A, 'off-b'));
        await store.upsertOffice(officeInput(A, 'off-a'));
        expect(ids((await store.list('office')).records)).toEqual(['off-b', 'off-a']);
      });

      test('a cursor this store did not issue is a ValidationError', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        for (const after of ['', 'garbage', 's', 'S1', 'x1', 's-1', 's1.5', '1', 's 1', "s1'; DROP TABLE x;--", 's'.padEnd(40, 'z'), '\u0000']) {
          await expectError(() => store.list('office', { after }), 'validation-failed').catch((cause: unknown) => {
            throw new Error(`cursor ${JSON.stringify(after)}: ${show(cause)}`, { cause });
          });
        }
      });

      test('a limit that is not a whole number from 1 to 10,000 is a ValidationError', async () => {
        const store = await open(A);
        for (const limit of [0, -1, 1.5, 10_001, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2]) {
          await expectError(() => store.list('office', { limit }), 'validation-failed').catch((cause: unknown) => {
            throw new Error(`limit ${limit}: ${show(cause)}`, { cause });
          });
        }
        expect(await store.list('office', { limit: 10_000 })).toMatchObject({ records: [] });
        expect(await store.list('office', { limit: 1 })).toMatchObject({ records: [] });
      });
    });

    // -----------------------------------------------------------------------
    group('hostile text: SQL injection, Unicode, long text', () => {
      /** Writes every record of `set` through the store's methods and checks each read path and raw row. */
      const roundTrip = async (store: ReferwellStore, set: ReturnType<typeof textRecords>, label: string) => {
        const t = store.tenantId;
        const practice = practiceSchema.parse(set.practice);
        expect((await store.savePractice(set.practice)).record, label).toEqual(practice);
        const expected = set.records.map(([kind, input]) => [kind, parsed(kind, input)] as const);
        for (const [kind, input] of set.records) {
          const call = {
            office: () => store.upsertOffice(input as never),
            contact: () => store.upsertContact(input as never),
            clinician: () => store.upsertClinician(input as never),
            'practice-message': () => store.upsertPracticeMessage(input as never),
            touchpoint: () => store.appendTouchpoint(input as never),
            referral: () => store.appendReferral(input as never),
            'thank-you': () => store.appendThankYou(input as never),
            'action-decision': () => store.appendDecision(input as never),
          }[kind];
          await call();
        }
        expect((await store.getPractice())?.record, label).toEqual(practice);
        expect((await rawRecord('practice', t, t))?.record, label).toEqual(practice);
        for (const [kind, record] of expected) {
          const { id } = record as { id: string };
          expect(await store.get(kind, id), `${label}: get ${kind}`).toEqual({ record, version: 1 });
          expect(await rawRecord(kind, t, id), `${label}: raw ${kind}`).toEqual({ version: 1, record });
        }
        const snapshot = await store.loadSnapshot();
        const checked = parseSnapshot(snapshot);
        expect(checked.ok ? [] : checked.error.issues, label).toEqual([]);
        const office = expected.find(([kind]) => kind === 'office')![1] as RecordTypes['office'];
        expect(snapshot.offices, label).toEqual([office]);
        expect((await store.loadOffice(office.id))?.office, label).toEqual(office);
        expect(byId(snapshot.referrals), label).toEqual(byId(expected.filter(([k]) => k === 'referral').map(([, r]) => r as RecordTypes['referral'])));
      };

      test('every injection and Unicode string, in every text field and id, round-trips exactly', async () => {
        const strings = [...injection, ...unicode];
        const store = await open(A);
        for (const [n, text] of strings.entries()) {
          // Each string fills every field of one set of records (ids made unique by a prefix).
          const set = textRecords(
            A,
            { text: (field) => `${text} ${field}`, label: () => text, id: (field) => `${field}#${n}:${text}` },
            n + 1,
          );
          const { practice, records } = set;
          await store.savePractice(practice);
          await store.write(
            records.map(([kind, record]): WriteOperation =>
              kind === 'office' || kind === 'contact' || kind === 'clinician' || kind === 'practice-message'
                ? { type: 'upsert', kind, record }
                : { type: 'append', kind, record },
            ),
          );
          for (const [kind, input] of records) {
            const record = parsed(kind, input);
            const { id } = record as { id: string };
            expect(await store.get(kind, id), `${JSON.stringify(text)} in ${kind}`).toEqual({ record, version: 1 });
            expect(await rawRecord(kind, A, id), `${JSON.stringify(text)} raw ${kind}`).toEqual({ version: 1, record });
          }
        }
        const snapshot = await store.loadSnapshot();
        expect(snapshot.offices).toHaveLength(strings.length);
        const checked = parseSnapshot(snapshot);
        expect(checked.ok ? [] : checked.error.issues.slice(0, 3)).toEqual([]);
      });

      test('control characters, NUL and lone surrogates in text fields round-trip exactly', async () => {
        for (const [n, text] of textOnly.entries()) {
          const tenantId = `control-${n}`;
          const store = await open(tenantId);
          const set = textRecords(tenantId, { text: () => text, label: () => `label ${text} end`, id: (field) => `${field}-${n}` });
          await roundTrip(store, set, JSON.stringify(text));
        }
      });

      test('every injection string as the tenant id keeps that tenant whole and apart', async () => {
        for (const [n, tenantId] of [...injection, ...unicode].entries()) {
          const store = await open(tenantId);
          const set = textRecords(tenantId, { text: () => tenantId, label: () => tenantId, id: (field) => `${field}-${n}` });
          await roundTrip(store, set, `tenant ${JSON.stringify(tenantId)}`);
          expect(await countRows('office', tenantId)).toBe(1);
        }
        expect(await countRows('office', A)).toBe(0);
      });

      test('10,000-character text, 500-character labels and 200-character ids round-trip exactly', async () => {
        const long = (length: number, seed: string) => cutWhole(seed.repeat(Math.ceil(length / seed.length) + 1), length);
        const sets = [
          ['ASCII', 'The quick brown fox; DROP TABLE x; -- \\ "q" \'s\' '],
          ['astral and combining', '😀👩‍👩‍👧‍👦𝄞e\u0301שלוםمرحبا中文'],
        ] as const;
        for (const [n, [name, pattern]] of sets.entries()) {
          const text = long(10_000, pattern);
          const label = long(500, `x${pattern}`).trimEnd();
          const set = textRecords(`long-${n}`, {
            text: () => text,
            label: () => label,
            id: (field) => long(200, `${n}${field}|${pattern}`),
          });
          expect(text.length).toBeGreaterThan(9_990);
          const store = await open(`long-${n}`);
          await roundTrip(store, set, name);
          const notes = ((await store.get('referral', (parsed('referral', set.records[5]![1]) as { id: string }).id))?.record.notes ?? '');
          expect(notes).toBe(text);
        }
      });

      test('text over its limit, or an id with a control character, is a ValidationError and nothing is stored', async () => {
        const store = await open(A);
        await expectError(() => store.upsertOffice(officeInput(A, 'off-1', { notes: 'x'.repeat(10_001) })), 'validation-failed');
        await expectError(() => store.upsertOffice(officeInput(A, 'off-1', { name: 'x'.repeat(501) })), 'validation-failed');
        for (const id of ['nul\u0000id', 'tab\tid', 'new\nline', 'del\u007f', '', 'x'.repeat(201)]) {
          await expectError(() => store.upsertOffice(officeInput(A, id)), 'validation-failed');
        }
        expect(await countRows('office', A)).toBe(0);
      });

      test('ids that are not well-formed Unicode (lone surrogates) are refused with a typed error or kept exactly, never merged', async () => {
        // A UTF-8 database turns a lone surrogate into U+FFFD, so without a check these three ids
        // would become one row and a read of one would return another's record.
        const store = await open(A);
        const ids = ['lone-\uD800', 'lone-\uDFFF', 'lone-\uFFFD'];
        const refused = new Set<string>();
        for (const id of ids) {
          try {
            await store.upsertOffice(officeInput(A, id, { name: `name of ${JSON.stringify(id)}` }));
          } catch (error) {
            expect(ReferwellError.isInstance(error) && ['validation-failed', 'store-failure'].includes(error.code), show(error)).toBe(true);
            refused.add(id);
          }
        }
        for (const id of ids) {
          // Reading such an id may be refused with a typed error too; what it must not do is return another record.
          const stored = await store.get('office', id).catch((error: unknown) => {
            if (!ReferwellError.isInstance(error)) throw error;
            return undefined;
          });
          if (refused.has(id)) expect(stored, `refused ${JSON.stringify(id)} must not read as a record`).toBeUndefined();
          else expect(stored?.record.name, JSON.stringify(id)).toBe(`name of ${JSON.stringify(id)}`);
        }
        expect(await countRows('office', A)).toBe(ids.length - refused.size);
      });

      test(`${fuzzRuns} seeded runs of random hostile strings in every text field round-trip exactly`, async () => {
        for (let seed = 1; seed <= fuzzRuns; seed += 1) {
          const random = new Random(seed * 7919);
          const tenantId = hostileId(random, `t${seed}`);
          const store = await open(tenantId);
          const set = textRecords(tenantId, {
            text: () => hostile(random, { max: random.chance(0.1) ? 10_000 : 300 }),
            label: () => hostileLabel(random),
            id: (field) => hostileId(random, `${seed}.${field}`),
          });
          await roundTrip(store, set, `seed ${seed} (new Random(${seed * 7919}))`);
        }
      });
    });

    // -----------------------------------------------------------------------
    group('referral intake through the store', () => {
      test('a referral moves received → accepted → scheduled → rescheduled → first visit, one version per step', async () => {
        const store = await open(A);
        await seed(store);
        const steps: IntakeStep[] = [
          { status: 'accepted', at: feb(3, 17) },
          { status: 'scheduled', at: feb(3, 18), appointmentAt: feb(9, 14) },
          { status: 'scheduled', at: feb(5, 9), appointmentAt: feb(10, 14) },
          { status: 'first-visit-completed', at: feb(10, 15) },
        ];
        for (const [i, step] of steps.entries()) {
          const result = await store.transitionReferral('r-1', step, { expectedVersion: i + 1 });
          expect(result.version).toBe(i + 2);
          expect(result.record.intake).toEqual(steps.slice(0, i + 1));
          expect(await rawRecord('referral', A, 'r-1')).toEqual({ version: i + 2, record: result.record });
        }
        expect(await store.get('referral', 'r-1')).toMatchObject({ version: 5 });
      });

      test('milestones: patient contacted and report sent are stored; recording one again later changes nothing', async () => {
        const store = await open(A);
        await seed(store);
        const contacted = await store.markReferral('r-1', 'patient-contacted', feb(3, 16, 30));
        expect(contacted).toMatchObject({ version: 2, record: { patientContactedAt: feb(3, 16, 30) } });
        const row = await readRow('referral', A, 'r-1');
        expect(await store.markReferral('r-1', 'patient-contacted', feb(4))).toEqual(contacted);
        expect(await readRow('referral', A, 'r-1')).toEqual(row);
        await store.transitionReferral('r-1', { status: 'declined', at: feb(3, 17), reason: 'Out of network', redirectedTo: 'Hillside Clinic' });
        const sent = await store.markReferral('r-1', 'report-sent', feb(4));
        expect(sent).toMatchObject({ version: 4, record: { reportSentToReferrerAt: feb(4) } });
        expect((await rawRecord('referral', A, 'r-1'))?.record).toEqual(sent.record);
      });

      const illegal: [string, (store: ReferwellStore) => Promise<unknown>, ReferwellErrorCode][] = [
        ['received → first-visit-completed', (s) => s.transitionReferral('r-1', { status: 'first-visit-completed', at: feb(4) }), 'illegal-transition'],
        ['received → scheduled', (s) => s.transitionReferral('r-1', { status: 'scheduled', at: feb(4), appointmentAt: feb(9) }), 'illegal-transition'],
        ['a step earlier than receipt', (s) => s.transitionReferral('r-1', { status: 'accepted', at: feb(1) }), 'illegal-transition'],
        ['a report before the referral left received', (s) => s.markReferral('r-1', 'report-sent', feb(4)), 'illegal-transition'],
        ['patient contacted before receipt', (s) => s.markReferral('r-1', 'patient-contacted', feb(1)), 'illegal-transition'],
        ['a malformed step', (s) => s.transitionReferral('r-1', { status: 'scheduled', at: feb(4) } as never), 'validation-failed'],
        ['an unknown status', (s) => s.transitionReferral('r-1', { status: 'teleported', at: feb(4) } as never), 'validation-failed'],
      ];
      for (const [title, call, code] of illegal) {
        test(`${title} is refused ("${code}") and nothing is written`, async () => {
          const store = await open(A);
          await seed(store);
          const row = await readRow('referral', A, 'r-1');
          const error = await expectError(() => call(store), code);
          if (code === 'illegal-transition') expect(error).toMatchObject({ referralId: 'r-1', from: 'received' });
          expect(await readRow('referral', A, 'r-1')).toEqual(row);
        });
      }

      test('a final status accepts no further step: IllegalTransitionError, nothing written', async () => {
        const store = await open(A);
        await seed(store);
        await store.transitionReferral('r-1', { status: 'declined', at: feb(3, 17) });
        const row = await readRow('referral', A, 'r-1');
        await expectError(() => store.transitionReferral('r-1', { status: 'accepted', at: feb(4) }), 'illegal-transition', {
          from: 'declined',
          to: 'accepted',
        });
        expect(await readRow('referral', A, 'r-1')).toEqual(row);
      });

      test('an unknown referral is a NotFoundError for transitions and milestones, and nothing is created', async () => {
        const store = await open(A);
        await seed(store);
        await expectError(() => store.transitionReferral('r-404', { status: 'accepted', at: feb(4) }), 'not-found', {
          kind: 'referral',
          id: 'r-404',
        });
        await expectError(() => store.markReferral('r-404', 'report-sent', feb(4)), 'not-found', { id: 'r-404' });
        expect(await readRow('referral', A, 'r-404')).toBeUndefined();
        expect(await countRows('referral', A)).toBe(1);
      });

      test('transitions and milestones in one batch are applied together', async () => {
        const store = await open(A);
        await seed(store);
        const results = await store.write([
          { type: 'milestone', referralId: 'r-1', milestone: 'patient-contacted', at: feb(3, 16, 10) },
          { type: 'transition', referralId: 'r-1', step: { status: 'accepted', at: feb(3, 17) }, expectedVersion: 2 },
          { type: 'transition', referralId: 'r-1', step: { status: 'scheduled', at: feb(3, 18), appointmentAt: feb(9) } },
          { type: 'milestone', referralId: 'r-1', milestone: 'report-sent', at: feb(4) },
        ]);
        expect(results.map((r) => r.version)).toEqual([2, 3, 4, 5]);
        expect((await rawRecord('referral', A, 'r-1'))?.record).toMatchObject({
          patientContactedAt: feb(3, 16, 10),
          reportSentToReferrerAt: feb(4),
          intake: [{ status: 'accepted' }, { status: 'scheduled' }],
        });
      });
    });

    // -----------------------------------------------------------------------
    group('snapshots and office loads', () => {
      test('loadSnapshot returns what was written, and parseSnapshot accepts it unchanged', async () => {
        const store = await open(A);
        await seed(store);
        await store.appendReferral(referralInput(A, 'r-2', 'off-1', { intake: completedIntake }));
        await store.appendDecision(decisionInputs(A).snoozed);
        await store.appendDecision(decisionInputs(A).dismissed);
        await store.upsertPracticeMessage(messageInput(A, 'msg-2', 2));
        const snapshot = await store.loadSnapshot();
        const checked = parseSnapshot(snapshot);
        expect(checked.ok ? [] : checked.error.issues).toEqual([]);
        expect(checked.ok && checked.value).toEqual(snapshot);
        expect(snapshot.practice).toEqual(practiceSchema.parse(practiceInput(A)));
        expect(byId(snapshot.offices)).toEqual(
          byId([parsed('office', officeInput(A)), parsed('office', officeInput(A, 'off-2', { name: 'Lakeside Family Medicine', kind: 'primary-care' }))]),
        );
        expect(byId(snapshot.contacts)).toEqual(
          byId([parsed('contact', contactInput(A)), parsed('contact', contactInput(A, 'c-2', 'off-2', { name: 'Priya Shah', role: 'receptionist', npi: undefined }))]),
        );
        expect(snapshot.clinicians).toEqual([parsed('clinician', clinicianInput(A))]);
        expect(byId(snapshot.messages)).toEqual([parsed('practice-message', messageInput(A)), parsed('practice-message', messageInput(A, 'msg-2', 2))]);
        expect(snapshot.touchpoints).toEqual([parsed('touchpoint', touchpointInput(A))]);
        expect(byId(snapshot.referrals)).toEqual([
          parsed('referral', referralInput(A)),
          parsed('referral', referralInput(A, 'r-2', 'off-1', { intake: completedIntake })),
        ]);
        expect(snapshot.thankYous).toEqual([parsed('thank-you', thankYouInput(A))]);
        expect(byId(snapshot.decisions)).toEqual(byId(Object.values(decisionInputs(A)).map((d) => parsed('action-decision', d))));
      });

      test('loadSnapshot holds the latest version of every updated record, once', async () => {
        const store = await open(A);
        await seed(store);
        await store.upsertOffice(officeInput(A, 'off-1', { name: 'Renamed' }));
        await store.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) });
        await store.savePractice(practiceInput(A, { name: 'Renamed practice' }));
        const snapshot = await store.loadSnapshot();
        expect(snapshot.practice.name).toBe('Renamed practice');
        expect(snapshot.offices.filter((o) => o.id === 'off-1').map((o) => o.name)).toEqual(['Renamed']);
        expect(snapshot.referrals.map((r) => r.intake.length)).toEqual([1]);
      });

      test('loadSnapshot of a practice with no records has empty collections', async () => {
        const store = await open(A);
        await store.savePractice(practiceInput(A));
        expect(await store.loadSnapshot()).toEqual({
          practice: practiceSchema.parse(practiceInput(A)),
          offices: [],
          contacts: [],
          clinicians: [],
          messages: [],
          touchpoints: [],
          referrals: [],
          thankYous: [],
          decisions: [],
        });
      });

      test('loadSnapshot before the practice is saved is a NotFoundError naming the practice', async () => {
        const store = await open(A);
        await store.upsertOffice(officeInput(A));
        await expectError(() => store.loadSnapshot(), 'not-found', { kind: 'practice', id: A });
      });

      test("loadOffice returns that office and only its records", async () => {
        const store = await open(A);
        await seed(store);
        await store.appendTouchpoint(touchpointInput(A, 'tp-2', 'off-2', { contactIds: ['c-2'] }));
        await store.appendReferral(referralInput(A, 'r-2', 'off-2', { contactIds: ['c-2'] }));
        await store.appendThankYou(thankYouInput(A, 'ty-2', 'off-2', { contactIds: ['c-2'], referralIds: ['r-2'] }));
        const one = await store.loadOffice('off-1');
        expect(one).toBeDefined();
        expect(one!.office).toEqual(parsed('office', officeInput(A)));
        expect(one!.contacts).toEqual([parsed('contact', contactInput(A))]);
        expect(one!.touchpoints).toEqual([parsed('touchpoint', touchpointInput(A))]);
        expect(one!.referrals).toEqual([parsed('referral', referralInput(A))]);
        expect(one!.thankYous).toEqual([parsed('thank-you', thankYouInput(A))]);
        const two = await store.loadOffice('off-2');
        expect(two!.contacts.map((c) => c.id)).toEqual(['c-2']);
        expect(two!.touchpoints.map((x) => x.id)).toEqual(['tp-2']);
        expect(two!.referrals.map((x) => x.id)).toEqual(['r-2']);
        expect(two!.thankYous.map((x) => x.id)).toEqual(['ty-2']);
      });

      test('loadOffice follows records that move: a contact moved to another office, a referral that changed', async () => {
        const store = await open(A);
        await seed(store);
        await store.upsertContact(contactInput(A, 'c-1', 'off-2'));
        await store.transitionReferral('r-1', { status: 'accepted', at: feb(3, 17) });
        expect((await store.loadOffice('off-1'))?.contacts).toEqual([]);
        expect(byId((await store.loadOffice('off-2'))?.contacts ?? []).map((c) => c.id)).toEqual(['c-1', 'c-2']);
        expect((await store.loadOffice('off-1'))?.referrals.map((r) => r.intake.length)).toEqual([1]);
      });

      test('loadOffice of an unknown office is undefined', async () => {
        const store = await open(A);
        await seed(store);
        expect(await store.loadOffice('off-404')).toBeUndefined();
      });
    });

    // -----------------------------------------------------------------------
    group('records that name a missing office', () => {
      const writes: [string, StoredKind, Id, (s: ReferwellStore) => Promise<unknown>][] = [
        ['contact', 'contact', 'c-1', (s) => s.upsertContact(contactInput(A, 'c-1', 'off-404'))],
        ['touchpoint', 'touchpoint', 'tp-1', (s) => s.appendTouchpoint(touchpointInput(A, 'tp-1', 'off-404'))],
        ['referral', 'referral', 'r-1', (s) => s.appendReferral(referralInput(A, 'r-1', 'off-404'))],
        ['thank-you', 'thank-you', 'ty-1', (s) => s.appendThankYou(thankYouInput(A, 'ty-1', 'off-404'))],
        ['contact in a batch', 'contact', 'c-1', (s) => s.write([{ type: 'upsert', kind: 'contact', record: contactInput(A, 'c-1', 'off-404') }])],
      ];
      for (const [title, kind, id, call] of writes) {
        test(`a ${title} at an office that does not exist is a ValidationError naming officeId, and nothing is stored`, async () => {
          const store = await open(A);
          await store.upsertOffice(officeInput(A));
          const error = await expectError(() => call(store), 'validation-failed');
          expect(error).toMatchObject({ issues: [expect.objectContaining({ pointer: '/officeId' })] });
          expect(await readRow(kind, A, id)).toBeUndefined();
          expect(await countRows(kind, A)).toBe(0);
        });
      }

      test('an office created earlier in the same batch can be used by later operations', async () => {
        const store = await open(A);
        const results = await store.write([
          { type: 'upsert', kind: 'office', record: officeInput(A, 'off-new') },
          { type: 'upsert', kind: 'contact', record: contactInput(A, 'c-1', 'off-new') },
        ]);
        expect(results.map((r) => r.version)).toEqual([1, 1]);
        expect(await countRows('contact', A)).toBe(1);
      });
    });

    // -----------------------------------------------------------------------
    const migrations = options.migrations;
    if (capabilities.migrations && migrations === undefined) {
      test('declares migrations: true, so a migrations harness must be given', async () => {
        throw new Error('[referwell] conformance: capabilities.migrations is true but the options have no `migrations` harness');
      });
    }
    if (capabilities.migrations && migrations !== undefined) {
      const harness = migrations;
      describe('forward-only schema migrations', () => {
        /** Rows of every kind for A and B, as an older release stored them, in change order. */
        const seedRows = (): SeedRow[] => {
          const rows: SeedRow[] = [];
          for (const t of [A, B]) {
            const add = (kind: StoredKind, input: unknown, version = 1) => {
              const record = kind === 'practice' ? practiceSchema.parse(input) : parsed(kind, input);
              const id = kind === 'practice' ? t : (record as { id: string }).id;
              rows.push({ kind, tenantId: t, id, officeId: officeOf(kind, record as never), version, body: JSON.stringify(record) });
            };
            add('practice', practiceInput(t, { name: `Practice ${t}` }), 2);
            add('office', officeInput(t), 3);
            add('office', officeInput(t, 'off-2', { name: "'); DROP TABLE offices;-- 😀 שלום", notes: 'e\u0301\u0000\uD800' }));
            add('contact', contactInput(t));
            add('clinician', clinicianInput(t), 2);
            add('practice-message', messageInput(t));
            add('touchpoint', touchpointInput(t));
            add('touchpoint', touchpointInput(t, 'tp-0'));
            add('referral', referralInput(t, 'r-1', 'off-1', { intake: completedIntake.slice(0, 2) }), 3);
            add('thank-you', thankYouInput(t));
            for (const decision of Object.values(decisionInputs(t))) add('action-decision', decision);
          }
          return rows;
        };
        const expectIntact = async (db: MigrationDatabase, store: ReferwellStore, rows: readonly SeedRow[]) => {
          const t = store.tenantId;
          for (const row of rows.filter((r) => r.tenantId === t)) {
            const record = JSON.parse(row.body) as unknown;
            if (row.kind === 'practice') expect(await store.getPractice()).toEqual({ record, version: row.version });
            else expect(await store.get(row.kind, row.id), `${row.kind} ${row.id}`).toEqual({ record, version: row.version });
            const raw = await db.inspect.readRow(row.kind, t, row.id);
            expect(raw && { version: raw.version, record: JSON.parse(raw.body) as unknown }).toEqual({ version: row.version, record });
          }
          for (const kind of recordKinds) {
            const page = await store.list(kind, { limit: 10_000 });
            expect(page.records.map((r) => (r.record as { id: string }).id), `change order of ${kind}`).toEqual(
              rows.filter((r) => r.tenantId === t && r.kind === kind).map((r) => r.id),
            );
          }
          const checked = parseSnapshot(await store.loadSnapshot());
          expect(checked.ok ? [] : checked.error.issues).toEqual([]);
          expect((await store.loadOffice('off-1'))?.contacts.map((c) => c.id)).toEqual(['c-1']);
        };
        const previous = async (rows: readonly SeedRow[]) => {
          const db = await harness.setupPrevious(rows);
          harnesses.push(db);
          return db;
        };

        test(`a database at the previous schema version is migrated to version ${harness.currentVersion} on open, with every row intact`, async () => {
          const rows = seedRows();
          const db = await previous(rows);
          expect(await db.schemaVersion()).toBeLessThan(harness.currentVersion);
          const a = await openOn(db, A);
          await expectIntact(db, a, rows);
          expect(await db.schemaVersion()).toBe(harness.currentVersion);
          await expectIntact(db, await openOn(db, B), rows);
        });

        test('after migrating, versions, idempotent appends and change order carry on', async () => {
          const rows = seedRows();
          const db = await previous(rows);
          const store = await openOn(db, A);
          await expectError(() => store.upsertOffice(officeInput(A, 'off-1', { name: 'stale' }), { expectedVersion: 2 }), 'conflict', {
            expectedVersion: 2,
            actualVersion: 3,
          });
          expect(await store.upsertOffice(officeInput(A, 'off-1', { name: 'fresh' }), { expectedVersion: 3 })).toMatchObject({ version: 4 });
          expect(await store.appendTouchpoint(touchpointInput(A, 'tp-1', 'off-1', { notes: 'again' }))).toMatchObject({ created: false });
          const page = await store.list('touchpoint', { limit: 1 });
          await store.appendTouchpoint(touchpointInput(A, 'tp-new'));
          const rest = await store.list('touchpoint', { after: page.next! });
          expect([...page.records, ...rest.records].map((r) => r.record.id)).toEqual(['tp-1', 'tp-0', 'tp-new']);
          expect(await store.transitionReferral('r-1', completedIntake[2]!, { expectedVersion: 3 })).toMatchObject({ version: 4 });
          expect((await store.list('office')).records.map((r) => r.record.id)).toEqual(['off-2', 'off-1']);
          expect((await db.inspect.readRow('office', B, 'off-1'))?.version).toBe(3);
        });

        test('opening a migrated database again migrates nothing and changes nothing', async () => {
          const rows = seedRows();
          const db = await previous(rows);
          const first = await openOn(db, A);
          await first.getPractice();
          await closeStore(first);
          const version = await db.schemaVersion();
          const second = await openOn(db, A);
          await expectIntact(db, second, rows);
          expect(await db.schemaVersion()).toBe(version);
          for (const kind of storedKinds) {
            expect(await db.inspect.countRows(kind, A)).toBe(rows.filter((r) => r.tenantId === A && r.kind === kind).length);
          }
        });

        test('an empty database at the previous version migrates and works', async () => {
          const db = await previous([]);
          const store = await openOn(db, A);
          await seed(store);
          expect(await db.schemaVersion()).toBe(harness.currentVersion);
          expect((await store.loadSnapshot()).offices).toHaveLength(2);
        });

        test('a database at a newer schema version is refused with a StoreError, and left as it is', async () => {
          const rows = seedRows();
          const db = await previous(rows);
          const first = await openOn(db, A);
          await first.getPractice();
          await closeStore(first);
          await db.stampVersion(harness.currentVersion + 1);
          const bodyBefore = await db.inspect.readRow('office', A, 'off-1');
          await expectError(async () => {
            const store = await openOn(db, A);
            await store.getPractice();
            await store.upsertOffice(officeInput(A, 'off-1', { name: 'written by an old release' }));
          }, 'store-failure');
          expect(await db.schemaVersion()).toBe(harness.currentVersion + 1);
          expect(await db.inspect.readRow('office', A, 'off-1')).toEqual(bodyBefore);
        });
      });
    }
  });
}
