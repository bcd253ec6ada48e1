import { match } from 'ts-pattern';
import {
  ConflictError,
  CorruptRecordError,
  NotFoundError,
  ReferwellError,
  StoreError,
  ValidationError,
  type ValidationIssue,
} from '../errors';
import type { Clinician } from '../model/clinician';
import type { Contact } from '../model/contact';
import type { DeepReadonly } from '../model/deep-readonly';
import { markPatientContacted, markReportSent, transitionReferral } from '../model/intake';
import type { Office } from '../model/office';
import { practiceSchema, type Practice } from '../model/practice';
import type { PracticeMessage } from '../model/practice-message';
import { idSchema, tenantIdSchema, type Id } from '../model/primitives';
import { recordSchemas, type RecordInputs, type RecordKind, type RecordTypes } from '../model/records';
import type { IntakeStep, Referral } from '../model/referral';
import { canonicalCopy, hasCanonicalCheck, isCanonicalRecord, type ShareList } from '../model/canonical';
import { safeParseWith, toJsonPointer, unwrap } from '../model/result';
import type { PracticeSnapshot } from '../model/snapshot';
import type { ThankYou } from '../model/thank-you';
import type { Touchpoint } from '../model/touchpoint';
import type { DriverTransaction, RowWrite, StorageDriver, StoreCapabilities, StoredKind, StoredRow } from './driver';

/**
 * A record as stored, with its version (1 on creation, +1 on every change).
 *
 * @category Storage
 */
export interface Stored<T> {
  /** The record. */
  readonly record: T;
  /** Its version, for optimistic concurrency. */
  readonly version: number;
}

/**
 * The outcome of an append: `created` is `false` when a record with that id was
 * already stored (appends are idempotent; the stored record is kept and returned).
 *
 * @category Storage
 */
export interface AppendResult<T> extends Stored<T> {
  /** Whether this call stored the record. */
  readonly created: boolean;
}

/** The kinds that are updated in place, with versions. @category Storage */
export type EntityKind = 'office' | 'contact' | 'clinician' | 'practice-message';
/** The kinds that are appended once (a referral's intake then moves by transitions). @category Storage */
export type AppendKind = 'touchpoint' | 'referral' | 'thank-you' | 'action-decision';

/**
 * Options of a versioned write: `expectedVersion` is the version the caller last
 * read (0: the record must not exist yet). When given and stale, the write fails
 * with a {@link ConflictError} and changes nothing.
 *
 * @category Storage
 */
export interface WriteOptions {
  /** The version the caller based the write on. */
  readonly expectedVersion?: number;
}

/**
 * One operation of an atomic {@link ReferwellStore.write} batch.
 *
 * @category Storage
 */
export type WriteOperation =
  | { readonly type: 'upsert'; readonly kind: EntityKind; readonly record: unknown; readonly expectedVersion?: number }
  | { readonly type: 'append'; readonly kind: AppendKind; readonly record: unknown }
  | { readonly type: 'transition'; readonly referralId: Id; readonly step: IntakeStep; readonly expectedVersion?: number }
  | {
      readonly type: 'milestone';
      readonly referralId: Id;
      readonly milestone: 'patient-contacted' | 'report-sent';
      readonly at: string;
      readonly expectedVersion?: number;
    };

/**
 * A page of records in change order (every write moves a record to the end).
 *
 * @category Storage
 */
export interface Page<T> {
  /** The records on this page. */
  readonly records: readonly Stored<T>[];
  /**
   * Pass as `after` for the next page. Always given once the kind has records (on
   * an empty page, the cursor that was passed in): a reader that keeps calling with
   * it sees records written later, each once per write. `undefined` only when
   * nothing has been read yet.
   */
  readonly next: string | undefined;
}

/**
 * One office with everything recorded about it, as loaded by
 * {@link ReferwellStore.loadOffice}.
 *
 * @category Storage
 */
export interface LoadedOffice {
  readonly office: Office;
  readonly contacts: readonly Contact[];
  readonly touchpoints: readonly Touchpoint[];
  readonly referrals: readonly Referral[];
  readonly thankYous: readonly ThankYou[];
}

/**
 * The storage port: one tenant's records, written and read by use case. Every
 * adapter (memory, SQLite, PostgreSQL, or a host's own) gives the same
 * guarantees, proven by the conformance suite in `referwell/testing`:
 * tenant isolation, idempotent appends, optimistic concurrency, atomic batches,
 * validated reads, stable cursors and forward-only migrations.
 *
 * Every input is validated (a bad record is a {@link ValidationError}; a record of
 * another tenant too). Failures of the database are {@link StoreError}s with the
 * driver's error as `cause`.
 *
 * @category Storage
 */
export interface ReferwellStore {
  /** The adapter's name, e.g. `sqlite`. */
  readonly adapter: string;
  /** The tenant this store is bound to. */
  readonly tenantId: Id;
  /** What the adapter guarantees. */
  readonly capabilities: StoreCapabilities;
  /** Saves the practice's settings (name, time zone, holidays). */
  savePractice(practice: unknown): Promise<Stored<Practice>>;
  /** The practice's settings, if saved. */
  getPractice(): Promise<Stored<Practice> | undefined>;
  /** Creates or updates an office. */
  upsertOffice(office: StoreInput<'office'>, options?: WriteOptions): Promise<Stored<Office>>;
  /** Creates or updates a contact (its office must exist). */
  upsertContact(contact: StoreInput<'contact'>, options?: WriteOptions): Promise<Stored<Contact>>;
  /** Creates or updates a clinician. */
  upsertClinician(clinician: StoreInput<'clinician'>, options?: WriteOptions): Promise<Stored<Clinician>>;
  /** Creates or updates a practice-message version. */
  upsertPracticeMessage(message: StoreInput<'practice-message'>, options?: WriteOptions): Promise<Stored<PracticeMessage>>;
  /** Appends a touchpoint (idempotent by id; its office must exist). */
  appendTouchpoint(touchpoint: StoreInput<'touchpoint'>): Promise<AppendResult<Touchpoint>>;
  /** Appends a referral (idempotent by id; its office must exist). */
  appendReferral(referral: StoreInput<'referral'>): Promise<AppendResult<Referral>>;
  /** Appends a thank-you (idempotent by id; its office must exist). */
  appendThankYou(thankYou: StoreInput<'thank-you'>): Promise<AppendResult<ThankYou>>;
  /** Appends an action decision (idempotent by id). */
  appendDecision(decision: StoreInput<'action-decision'>): Promise<AppendResult<RecordTypes['action-decision']>>;
  /** Moves a referral's intake one step (see `intakeTransitions`). */
  transitionReferral(referralId: Id, step: IntakeStep, options?: WriteOptions): Promise<Stored<Referral>>;
  /** Records that the referred patient was contacted, or that the report went back. */
  markReferral(
    referralId: Id,
    milestone: 'patient-contacted' | 'report-sent',
    at: string,
    options?: WriteOptions,
  ): Promise<Stored<Referral>>;
  /** Applies several operations atomically: all of them, or none. */
  write(operations: readonly WriteOperation[]): Promise<readonly Stored<unknown>[]>;
  /** One record by kind and id, validated; `undefined` when absent. */
  get<K extends RecordKind>(kind: K, id: Id): Promise<Stored<RecordTypes[K]> | undefined>;
  /** A page of one kind's records after a cursor, in change order. */
  list<K extends RecordKind>(kind: K, options?: { after?: string; limit?: number }): Promise<Page<RecordTypes[K]>>;
  /** Every record of the tenant, as a snapshot for the engine. */
  loadSnapshot(): Promise<PracticeSnapshot>;
  /** One office and its records; `undefined` when the office does not exist. */
  loadOffice(officeId: Id): Promise<LoadedOffice | undefined>;
  /** Releases what the adapter holds (the host's client stays open). */
  close(): Promise<void>;
}

/**
 * What a store accepts for a record of kind `K`: the record's input shape
 * (defaults may be left out), readonly or not, so records read back can be
 * written again as they are.
 *
 * @category Storage
 */
export type StoreInput<K extends RecordKind> = DeepReadonly<RecordInputs[K]>;

const officeScoped: ReadonlySet<StoredKind> = new Set(['contact', 'touchpoint', 'referral', 'thank-you']);

/** The office a record belongs to, for the office index. */
function officeIdOf(kind: StoredKind, record: { readonly id: string; readonly officeId?: string }): Id | null {
  if (kind === 'office') return record.id;
  return officeScoped.has(kind) ? (record.officeId ?? null) : null;
}

/** Encodes a change-feed position as an opaque cursor. */
function encodeCursor(seq: number): string {
  return `s${seq.toString(36)}`;
}

/** Decodes a cursor made by {@link encodeCursor}. */
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const seq = /^s[0-9a-z]{1,11}$/.test(cursor) ? parseInt(cursor.slice(1), 36) : NaN;
  if (!Number.isSafeInteger(seq)) {
    throw new ValidationError('cursor', [
      { path: [], pointer: '', message: `${JSON.stringify(cursor)} is not a cursor this store issued`, code: 'invalid_format' },
    ]);
  }
  return seq;
}

const entityKinds: readonly EntityKind[] = ['office', 'contact', 'clinician', 'practice-message'];
const appendKinds: readonly AppendKind[] = ['touchpoint', 'referral', 'thank-you', 'action-decision'];

/**
 * Checks the shape of a batch (the types say so; JavaScript callers may not): a
 * list of operations of a known type, each on a kind that type allows — touchpoints
 * and referrals are appended, never upserted, so a batch cannot rewrite history.
 */
function checkOperations(operations: unknown): void {
  const issues: ValidationIssue[] = [];
  const issue = (path: (string | number)[], message: string) =>
    issues.push({ path, pointer: toJsonPointer(path), message, code: 'invalid_value' });
  if (!Array.isArray(operations)) {
    issue([], 'must be a list of operations');
  } else {
    operations.forEach((op: unknown, index) => {
      const o = (typeof op === 'object' && op !== null ? op : {}) as { type?: unknown; kind?: unknown };
      if (o.type === 'upsert') {
        if (!entityKinds.includes(o.kind as EntityKind)) issue([index, 'kind'], `upsert takes one of ${entityKinds.join(', ')}`);
      } else if (o.type === 'append') {
        if (!appendKinds.includes(o.kind as AppendKind)) issue([index, 'kind'], `append takes one of ${appendKinds.join(', ')}`);
      } else if (o.type !== 'transition' && o.type !== 'milestone') {
        issue([index, 'type'], 'must be "upsert", "append", "transition" or "milestone"');
      }
    });
  }
  if (issues.length > 0) throw new ValidationError('write operations', issues);
}

const PAGE_MAX = 10_000;

/**
 * Rows per page when `loadSnapshot` reads a kind (see
 * {@link StorageDriver.snapshotPage}). Pages of 10,000 left a PostgreSQL load of
 * the large practice waiting for the server about a quarter of its time.
 */
const SNAPSHOT_PAGE = 50_000;


/** How often a write without an expected version re-reads and retries after a concurrent change. */
const BLIND_RETRIES = 20;

/**
 * Builds the storage port over an adapter's driver. Adapters call this; hosts call
 * the adapter's factory (`memoryStore`, `sqliteStore`, `postgresStore`).
 *
 * @param driver - The adapter's transactions over one tenant's rows.
 * @returns The store.
 * @example
 * ```ts
 * const store = createStore(myDriver);
 * await store.upsertOffice({ id: 'off-1', tenantId: myDriver.tenantId, name: 'Elm Street Pediatrics', kind: 'pediatrics' });
 * ```
 * @category Storage
 */
export function createStore(driver: StorageDriver): ReferwellStore {
  const { adapter } = driver;
  const tenantId = unwrap(safeParseWith(tenantIdSchema, driver.tenantId, `${adapter} store tenantId`));
  const chunk = driver.batchChunk;
  const appendChunk = chunk !== undefined && Number.isSafeInteger(chunk) && chunk >= 1 ? chunk : Number.POSITIVE_INFINITY;
  const page = driver.snapshotPage;
  const snapshotPage = page !== undefined && Number.isSafeInteger(page) && page >= 1 ? page : SNAPSHOT_PAGE;

  const run = async <T>(work: (tx: DriverTransaction) => Promise<T>, readOnly = false): Promise<T> => {
    try {
      return await driver.transaction(work, { readOnly });
    } catch (error) {
      if (ReferwellError.isInstance(error)) throw error;
      throw new StoreError(adapter, error instanceof Error ? error.message : String(error), { cause: error });
    }
  };

  /**
   * Validates an incoming record and checks it belongs to this tenant; returns it
   * with its JSON text (made once, to store). A touchpoint, referral, contact,
   * office or thank-you already exactly as its schema would output it is checked
   * by hand while being copied ({@link canonicalCopy}: each property read once, so
   * what was checked is what gets stored, and the result shares nothing with the
   * caller's object, as zod's output would not); anything else goes through the
   * zod schema.
   */
  const encode = (kind: StoredKind, input: unknown): { record: unknown; body: string } => {
    let value: unknown = hasCanonicalCheck(kind) ? canonicalCopy(kind, input) : undefined;
    if (value === undefined) {
      const schema = kind === 'practice' ? practiceSchema : recordSchemas[kind as RecordKind];
      const result = safeParseWith(schema, input, kind);
      if (!result.ok) throw result.error;
      value = result.value;
    }
    const record = value as { tenantId: string };
    if (record.tenantId !== tenantId) {
      throw new ValidationError(kind, [
        {
          path: ['tenantId'],
          pointer: '/tenantId',
          message: `this store is bound to tenant ${JSON.stringify(tenantId)}, not ${JSON.stringify(record.tenantId)}`,
          code: 'custom',
        },
      ]);
    }
    return { record: value, body: JSON.stringify(value) };
  };

  /**
   * Parses a stored row back, or reports it as corrupt. A touchpoint, referral,
   * contact, office or thank-you exactly as its schema outputs it is checked by
   * hand ({@link isCanonicalRecord}) and used as parsed — with `share` (bulk reads),
   * its lists of ids and vocabulary values shared and frozen; anything else goes
   * through the zod schema, which names every problem.
   */
  const revive = <T>(kind: StoredKind, row: StoredRow, share?: ShareList): Stored<T> => {
    let json: unknown;
    try {
      json = JSON.parse(row.body);
    } catch (cause) {
      throw new CorruptRecordError({ kind, id: row.id, adapter, reason: 'its body is not valid JSON' }, { cause });
    }
    let value: unknown = json;
    if (!hasCanonicalCheck(kind) || !isCanonicalRecord(kind, json, share)) {
      const schema = kind === 'practice' ? practiceSchema : recordSchemas[kind as RecordKind];
      const result = safeParseWith(schema, json, kind);
      if (!result.ok) {
        throw new CorruptRecordError({ kind, id: row.id, adapter, issues: result.error.issues }, { cause: result.error });
      }
      value = result.value;
    }
    const record = value as { id?: string; tenantId: string };
    const id = kind === 'practice' ? record.tenantId : record.id;
    if (id !== row.id || record.tenantId !== tenantId) {
      throw new CorruptRecordError({ kind, id: row.id, adapter, reason: 'its id or tenant does not match its key' });
    }
    const officeId = officeIdOf(kind, record as { id: string; officeId?: string });
    if (officeId !== row.officeId) {
      throw new CorruptRecordError({
        kind,
        id: row.id,
        adapter,
        reason: `its office ${JSON.stringify(officeId)} does not match the office it is stored under (${JSON.stringify(row.officeId)})`,
      });
    }
    if (!Number.isSafeInteger(row.version) || row.version < 1) {
      throw new CorruptRecordError({ kind, id: row.id, adapter, reason: `its version ${String(row.version)} is not valid` });
    }
    return { record: value as T, version: row.version };
  };

  /**
   * One shared, frozen list per distinct list of strings, for one bulk read: the
   * records are read-only (their types say so), and a few thousand distinct lists
   * stand for hundreds of thousands of equal ones.
   */
  const listSharer = (): ShareList => {
    const lists = new Map<string, readonly string[]>();
    return (list) => {
      // NUL cannot occur in an id or a vocabulary value, so the key is unambiguous.
      const key = list.length === 1 ? list[0]! : list.join('\u0000');
      let shared = lists.get(key);
      if (shared === undefined) {
        shared = Object.freeze(list);
        lists.set(key, shared);
      }
      return shared;
    };
  };

  /** Checks a record kind given to a read (the types say so; JavaScript callers may not). */
  const checkKind = (kind: unknown): RecordKind => {
    if (typeof kind === 'string' && Object.hasOwn(recordSchemas, kind)) return kind as RecordKind;
    throw new ValidationError('record kind', [
      {
        path: [],
        pointer: '',
        message: `${JSON.stringify(kind)} is not a record kind (${Object.keys(recordSchemas).join(', ')})`,
        code: 'invalid_value',
      },
    ]);
  };

  /** Checks an expected version: a whole number ≥ 0, or absent. */
  const checkVersion = (expected: unknown): number | undefined => {
    if (expected === undefined || (Number.isSafeInteger(expected) && (expected as number) >= 0)) {
      return expected as number | undefined;
    }
    throw new ValidationError('write options', [
      {
        path: ['expectedVersion'],
        pointer: '/expectedVersion',
        message: 'must be a whole number ≥ 0 (0: the record must not exist yet)',
        code: 'invalid_type',
      },
    ]);
  };

  /** Checks an id given to a read or a change, so no driver sees a malformed key. */
  const checkId = (kind: string, id: unknown): Id => {
    const result = safeParseWith(idSchema, id, `${kind} id`);
    if (!result.ok) throw result.error;
    return result.value;
  };

  const noOffice = (kind: StoredKind, officeId: Id) =>
    new ValidationError(kind, [
      { path: ['officeId'], pointer: '/officeId', message: `no office ${JSON.stringify(officeId)} in this store`, code: 'custom' },
    ]);

  /**
   * Checks that a record's office exists. `known` holds the offices this
   * transaction has already seen stored: offices are never deleted, so one check
   * per office and transaction is enough (a rolled-back transaction takes its set
   * with it).
   */
  const requireOffice = async (tx: DriverTransaction, kind: StoredKind, officeId: Id | null, known: Set<Id>) => {
    if (officeId === null || kind === 'office' || known.has(officeId)) return;
    if ((await tx.get('office', officeId)) === undefined) throw noOffice(kind, officeId);
    known.add(officeId);
  };

  const upsertIn = async <T>(
    tx: DriverTransaction,
    kind: StoredKind,
    input: unknown,
    expectedVersion?: number,
    known: Set<Id> = new Set(),
  ): Promise<Stored<T>> => {
    const expected = checkVersion(expectedVersion);
    const { record: checked, body } = encode(kind, input);
    const record = checked as { id?: string; tenantId: string; officeId?: string };
    const id = kind === 'practice' ? record.tenantId : record.id!;
    const officeId = officeIdOf(kind, { id, ...(record.officeId === undefined ? {} : { officeId: record.officeId }) });
    await requireOffice(tx, kind, officeId, known);
    // Without an expected version the write is "last writer wins": when another
    // writer commits between our read and our write (possible under PostgreSQL's
    // read committed), read again and retry instead of reporting a conflict.
    for (let attempt = 1; ; attempt += 1) {
      const current = await tx.get(kind, id);
      const actual = current?.version ?? 0;
      if (expected !== undefined && expected !== actual) {
        throw new ConflictError({ kind, id, expectedVersion: expected, actualVersion: actual });
      }
      const version = actual + 1;
      if (await tx.put(kind, { id, officeId, version, body }, actual)) {
        if (kind === 'office') known.add(id);
        return { record: record as T, version };
      }
      if (expected !== undefined || attempt >= BLIND_RETRIES) {
        const now = (await tx.get(kind, id))?.version ?? 0;
        throw new ConflictError({ kind, id, expectedVersion: expected ?? actual, actualVersion: now });
      }
    }
  };

  const appendIn = async <T>(
    tx: DriverTransaction,
    kind: AppendKind,
    input: unknown,
    known: Set<Id> = new Set(),
  ): Promise<AppendResult<T>> => {
    const { record: checked, body } = encode(kind, input);
    const record = checked as { id: string; officeId?: string };
    const officeId = officeIdOf(kind, record);
    await requireOffice(tx, kind, officeId, known);
    if (await tx.put(kind, { id: record.id, officeId, version: 1, body }, 0)) {
      return { record: record as T, version: 1, created: true };
    }
    const existing = await tx.get(kind, record.id);
    if (existing === undefined) throw new StoreError(adapter, `append of ${kind} ${JSON.stringify(record.id)} was refused`);
    return { ...revive<T>(kind, existing), created: false };
  };

  const changeReferral = async (
    tx: DriverTransaction,
    referralId: Id,
    expected: number | undefined,
    change: (referral: Referral) => Referral,
  ): Promise<Stored<Referral>> => {
    const id = checkId('referral', referralId);
    checkVersion(expected);
    for (let attempt = 1; ; attempt += 1) {
      const row = await tx.get('referral', id);
      if (row === undefined) throw new NotFoundError({ kind: 'referral', id });
      const current = revive<Referral>('referral', row);
      if (expected !== undefined && expected !== current.version) {
        throw new ConflictError({ kind: 'referral', id, expectedVersion: expected, actualVersion: current.version });
      }
      const next = change(current.record);
      if (next === current.record) return current;
      const version = current.version + 1;
      const body = JSON.stringify(next);
      if (await tx.put('referral', { id, officeId: next.officeId, version, body }, current.version)) {
        return { record: next, version };
      }
      // Another writer moved the referral meanwhile: apply the change to what it wrote
      // (which may now be illegal), unless the caller asked for a specific version.
      if (expected !== undefined || attempt >= BLIND_RETRIES) {
        const now = (await tx.get('referral', id))?.version ?? 0;
        throw new ConflictError({ kind: 'referral', id, expectedVersion: expected ?? current.version, actualVersion: now });
      }
    }
  };

  /**
   * Appends a run of records of one kind with a few statements instead of a few
   * per record (when the driver has `insertMany`), with the same outcome as
   * appending them one by one: the first invalid record or missing office (in
   * order) fails the run, a record whose id is already stored (or earlier in the
   * run) is not written and the stored one is returned. The run goes to the driver
   * in chunks of the driver's {@link StorageDriver.batchChunk} records (default: all
   * at once), so each chunk's JSON texts and rows can be garbage before the next is
   * made (the whole run is still one transaction).
   */
  const appendRun = async (
    tx: DriverTransaction,
    kind: AppendKind,
    inputs: readonly unknown[],
    known: Set<Id>,
  ): Promise<AppendResult<unknown>[]> => {
    const results: AppendResult<unknown>[] = new Array(inputs.length);
    const seen = new Set<Id>();
    /** Positions of records whose id came earlier in the run (rare), filled in at the end. */
    const repeats: { readonly index: number; readonly id: Id }[] = [];
    for (let start = 0; start < inputs.length; start += appendChunk) {
      const end = Math.min(inputs.length, start + appendChunk);
      const records: { id: string; officeId?: string }[] = [];
      const bodies: string[] = [];
      let invalid: unknown;
      for (let i = start; i < end; i += 1) {
        try {
          const { record, body } = encode(kind, inputs[i]);
          records.push(record as { id: string; officeId?: string });
          bodies.push(body);
        } catch (error) {
          invalid = error;
          break;
        }
      }
      // Offices of the records before the first invalid one, checked in one read.
      const missing = new Set<Id>();
      for (const record of records) {
        const officeId = officeIdOf(kind, record);
        if (officeId !== null && !known.has(officeId)) missing.add(officeId);
      }
      if (missing.size > 0) {
        const found = tx.presentIds === undefined ? undefined : await tx.presentIds('office', [...missing]);
        for (const officeId of missing) {
          if (found === undefined) await requireOffice(tx, kind, officeId, known);
          else if (found.has(officeId)) known.add(officeId);
          else throw noOffice(kind, officeId);
        }
      }
      if (invalid !== undefined) throw invalid;
      // One set insertion per record finds repeated ids.
      const rows: RowWrite[] = [];
      const positions: number[] = [];
      for (let j = 0; j < records.length; j += 1) {
        const record = records[j]!;
        const before = seen.size;
        seen.add(record.id);
        if (seen.size === before) {
          repeats.push({ index: start + j, id: record.id });
          continue;
        }
        positions.push(j);
        rows.push({ id: record.id, officeId: officeIdOf(kind, record), version: 1, body: bodies[j]! });
      }
      const written = await tx.insertMany!(kind, rows);
      for (let r = 0; r < rows.length; r += 1) {
        const j = positions[r]!;
        if (written[r] === true) {
          results[start + j] = { record: records[j], version: 1, created: true };
          continue;
        }
        const id = rows[r]!.id;
        const existing = await tx.get(kind, id);
        if (existing === undefined) throw new StoreError(adapter, `append of ${kind} ${JSON.stringify(id)} was refused`);
        results[start + j] = { ...revive<unknown>(kind, existing), created: false };
      }
    }
    if (repeats.length > 0) {
      // A repeated id gets the outcome of its first record, as not created.
      const first = new Map<Id, AppendResult<unknown>>();
      for (const result of results) {
        const id = result === undefined ? undefined : (result.record as { id: Id }).id;
        if (id !== undefined && !first.has(id)) first.set(id, result!);
      }
      for (const { index, id } of repeats) {
        const result = first.get(id)!;
        results[index] = { record: result.record, version: result.version, created: false };
      }
    }
    return results;
  };

  /**
   * Upserts a run of records of one kind with a few statements instead of a few
   * per record (when the driver has `versionsOf` and `putMany`), with the same
   * outcome as upserting them one by one: in order, the first invalid record,
   * missing office or stale `expectedVersion` fails the run. A run that names one
   * id twice is upserted one by one.
   */
  const upsertRun = async (
    tx: DriverTransaction,
    kind: EntityKind,
    ops: readonly { readonly record: unknown; readonly expectedVersion?: number }[],
    known: Set<Id>,
  ): Promise<Stored<unknown>[]> => {
    const records: { id: string; officeId?: string }[] = [];
    const bodies: string[] = [];
    let invalid: unknown;
    for (const op of ops) {
      try {
        checkVersion(op.expectedVersion);
        const { record, body } = encode(kind, op.record);
        records.push(record as { id: string; officeId?: string });
        bodies.push(body);
      } catch (error) {
        invalid = error;
        break;
      }
    }
    const ids = records.map((record) => record.id);
    if (new Set(ids).size !== ids.length || tx.versionsOf === undefined || tx.putMany === undefined) {
      const results: Stored<unknown>[] = [];
      for (const op of ops) results.push(await upsertIn(tx, kind, op.record, op.expectedVersion, known));
      return results;
    }
    const offices = new Set<Id>();
    for (const record of records) {
      const officeId = officeIdOf(kind, record);
      if (officeId !== null && kind !== 'office' && !known.has(officeId)) offices.add(officeId);
    }
    const found = offices.size === 0 ? new Set<Id>() : await (tx.presentIds?.('office', [...offices]) ?? new Set<Id>());
    for (const officeId of found) known.add(officeId);
    const versions = await tx.versionsOf(kind, ids);
    const writes: { row: RowWrite; expectedVersion: number }[] = [];
    for (let i = 0; i < records.length; i += 1) {
      const record = records[i]!;
      const officeId = officeIdOf(kind, record);
      if (officeId !== null && kind !== 'office') await requireOffice(tx, kind, officeId, known);
      const actual = versions.get(record.id) ?? 0;
      const expected = ops[i]!.expectedVersion;
      if (expected !== undefined && expected !== actual) {
        throw new ConflictError({ kind, id: record.id, expectedVersion: expected, actualVersion: actual });
      }
      writes.push({ row: { id: record.id, officeId, version: actual + 1, body: bodies[i]! }, expectedVersion: actual });
    }
    if (invalid !== undefined) throw invalid;
    const written = await tx.putMany(kind, writes);
    const results: Stored<unknown>[] = [];
    for (let i = 0; i < records.length; i += 1) {
      const record = records[i]!;
      // A row another writer changed meanwhile is upserted again on its own (which re-reads).
      const result = written[i] === true ? { record, version: writes[i]!.row.version } : await upsertIn(tx, kind, ops[i]!.record, ops[i]!.expectedVersion, known);
      if (kind === 'office') known.add(record.id);
      results.push(result);
    }
    return results;
  };

  const apply = (tx: DriverTransaction, op: WriteOperation, known: Set<Id> = new Set()): Promise<Stored<unknown>> =>
    match(op)
      .with({ type: 'upsert' }, (o) => upsertIn(tx, o.kind, o.record, o.expectedVersion, known))
      .with({ type: 'append' }, (o) => appendIn(tx, o.kind, o.record, known))
      .with({ type: 'transition' }, (o) =>
        changeReferral(tx, o.referralId, o.expectedVersion, (referral) => transitionReferral(referral, o.step)),
      )
      .with({ type: 'milestone' }, (o) =>
        changeReferral(tx, o.referralId, o.expectedVersion, (referral) =>
          o.milestone === 'patient-contacted' ? markPatientContacted(referral, o.at) : markReportSent(referral, o.at),
        ),
      )
      .exhaustive();

  /**
   * Every record of a kind, page by page. The next page is asked for before this
   * one is revived, so a database across a network finds it while this page is
   * being checked (one query waits at a time, in order, on the transaction). Only
   * an empty page ends the kind: a driver may return fewer rows than asked for.
   */
  const listAll = async <T>(tx: DriverTransaction, kind: StoredKind, share: ShareList): Promise<T[]> => {
    const out: T[] = [];
    let pending = tx.list(kind, 0, snapshotPage);
    for (;;) {
      const rows = await pending;
      if (rows.length === 0) return out;
      pending = tx.list(kind, rows[rows.length - 1]!.seq, snapshotPage);
      // Awaited on the next turn; if reviving this page throws first, the transaction
      // fails with that error and this page's failure must not go unhandled.
      pending.catch(() => undefined);
      for (const row of rows) out.push(revive<T>(kind, row, share).record);
    }
  };

  const store: ReferwellStore = {
    adapter,
    tenantId,
    capabilities: driver.capabilities,
    savePractice: (practice) => run((tx) => upsertIn<Practice>(tx, 'practice', practice)),
    getPractice: () =>
      run(async (tx) => {
        const row = await tx.get('practice', tenantId);
        return row === undefined ? undefined : revive<Practice>('practice', row);
      }, true),
    upsertOffice: (office, options) => run((tx) => upsertIn<Office>(tx, 'office', office, options?.expectedVersion)),
    upsertContact: (contact, options) => run((tx) => upsertIn<Contact>(tx, 'contact', contact, options?.expectedVersion)),
    upsertClinician: (clinician, options) =>
      run((tx) => upsertIn<Clinician>(tx, 'clinician', clinician, options?.expectedVersion)),
    upsertPracticeMessage: (message, options) =>
      run((tx) => upsertIn<PracticeMessage>(tx, 'practice-message', message, options?.expectedVersion)),
    appendTouchpoint: (touchpoint) => run((tx) => appendIn<Touchpoint>(tx, 'touchpoint', touchpoint)),
    appendReferral: (referral) => run((tx) => appendIn<Referral>(tx, 'referral', referral)),
    appendThankYou: (thankYou) => run((tx) => appendIn<ThankYou>(tx, 'thank-you', thankYou)),
    appendDecision: (decision) => run((tx) => appendIn(tx, 'action-decision', decision)),
    transitionReferral: (referralId, step, options) =>
      run((tx) => changeReferral(tx, referralId, options?.expectedVersion, (r) => transitionReferral(r, step))),
    markReferral: (referralId, milestone, at, options) =>
      run((tx) => apply(tx, { type: 'milestone', referralId, milestone, at, ...options }) as Promise<Stored<Referral>>),
    write: (operations) =>
      run(async (tx) => {
        checkOperations(operations);
        const results: Stored<unknown>[] = [];
        const known = new Set<Id>();
        for (let i = 0; i < operations.length; ) {
          const op = operations[i]!;
          if (op.type === 'upsert' && tx.putMany !== undefined) {
            // A run of upserts of one kind goes to the driver at once.
            let end = i + 1;
            while (end < operations.length && operations[end]!.type === 'upsert' && (operations[end] as typeof op).kind === op.kind) {
              end += 1;
            }
            for (const result of await upsertRun(tx, op.kind, operations.slice(i, end) as (typeof op)[], known)) results.push(result);
            i = end;
            continue;
          }
          if (op.type !== 'append' || tx.insertMany === undefined) {
            results.push(await apply(tx, op, known));
            i += 1;
            continue;
          }
          // A run of appends of one kind goes to the driver at once.
          let end = i + 1;
          while (end < operations.length && operations[end]!.type === 'append' && (operations[end] as typeof op).kind === op.kind) {
            end += 1;
          }
          const inputs = operations.slice(i, end).map((o) => (o as typeof op).record);
          for (const result of await appendRun(tx, op.kind, inputs, known)) results.push(result);
          i = end;
        }
        return results;
      }),
    get: <K extends RecordKind>(kind: K, id: Id) =>
      run(async (tx) => {
        const row = await tx.get(checkKind(kind), checkId(kind, id));
        return row === undefined ? undefined : revive<RecordTypes[K]>(kind, row);
      }, true),
    // async: a bad cursor or limit rejects the promise instead of throwing synchronously.
    list: async <K extends RecordKind>(kind: K, options: { after?: string; limit?: number } = {}) => {
      checkKind(kind);
      const after = decodeCursor(options.after);
      const limit = options.limit ?? 500;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > PAGE_MAX) {
        throw new ValidationError('list options', [
          { path: ['limit'], pointer: '/limit', message: `must be a whole number from 1 to ${PAGE_MAX}`, code: 'too_big' },
        ]);
      }
      return run(async (tx) => {
        const rows = await tx.list(kind, after, limit);
        const last = rows[rows.length - 1];
        return {
          records: rows.map((row) => revive<RecordTypes[K]>(kind, row)),
          next: last === undefined ? options.after : encodeCursor(last.seq),
        };
      }, true);
    },
    loadSnapshot: () =>
      run(async (tx) => {
        const practiceRow = await tx.get('practice', tenantId);
        if (practiceRow === undefined) throw new NotFoundError({ kind: 'practice', id: tenantId });
        const share = listSharer();
        return {
          practice: revive<Practice>('practice', practiceRow).record,
          offices: await listAll<Office>(tx, 'office', share),
          contacts: await listAll<Contact>(tx, 'contact', share),
          clinicians: await listAll<Clinician>(tx, 'clinician', share),
          messages: await listAll<PracticeMessage>(tx, 'practice-message', share),
          touchpoints: await listAll<Touchpoint>(tx, 'touchpoint', share),
          referrals: await listAll<Referral>(tx, 'referral', share),
          thankYous: await listAll<ThankYou>(tx, 'thank-you', share),
          decisions: await listAll<RecordTypes['action-decision']>(tx, 'action-decision', share),
        };
      }, true),
    loadOffice: (officeId) =>
      run(async (tx) => {
        const row = await tx.get('office', checkId('office', officeId));
        if (row === undefined) return undefined;
        const share = listSharer();
        const of = async <T>(kind: StoredKind) =>
          (await tx.listByOffice(kind, officeId)).map((r) => revive<T>(kind, r, share).record);
        return {
          office: revive<Office>('office', row).record,
          contacts: await of<Contact>('contact'),
          touchpoints: await of<Touchpoint>('touchpoint'),
          referrals: await of<Referral>('referral'),
          thankYous: await of<ThankYou>('thank-you'),
        };
      }, true),
    close: () => driver.close(),
  };
  return store;
}
