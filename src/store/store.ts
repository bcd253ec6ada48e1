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
import { safeParseWith, toJsonPointer, unwrap } from '../model/result';
import type { PracticeSnapshot } from '../model/snapshot';
import type { ThankYou } from '../model/thank-you';
import type { Touchpoint } from '../model/touchpoint';
import type { DriverTransaction, StorageDriver, StoreCapabilities, StoredKind, StoredRow } from './driver';

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

  const run = async <T>(work: (tx: DriverTransaction) => Promise<T>, readOnly = false): Promise<T> => {
    try {
      return await driver.transaction(work, { readOnly });
    } catch (error) {
      if (ReferwellError.isInstance(error)) throw error;
      throw new StoreError(adapter, error instanceof Error ? error.message : String(error), { cause: error });
    }
  };

  /** Validates an incoming record and checks it belongs to this tenant. */
  const validate = <K extends StoredKind>(kind: K, input: unknown): K extends RecordKind ? RecordTypes[K] : Practice => {
    const schema = kind === 'practice' ? practiceSchema : recordSchemas[kind as RecordKind];
    const result = safeParseWith(schema, input, kind);
    if (!result.ok) throw result.error;
    const record = result.value as { tenantId: string };
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
    return result.value as never;
  };

  /** Parses a stored row back, or reports it as corrupt. */
  const revive = <T>(kind: StoredKind, row: StoredRow): Stored<T> => {
    let json: unknown;
    try {
      json = JSON.parse(row.body);
    } catch (cause) {
      throw new CorruptRecordError({ kind, id: row.id, adapter, reason: 'its body is not valid JSON' }, { cause });
    }
    const schema = kind === 'practice' ? practiceSchema : recordSchemas[kind as RecordKind];
    const result = safeParseWith(schema, json, kind);
    if (!result.ok) {
      throw new CorruptRecordError({ kind, id: row.id, adapter, issues: result.error.issues }, { cause: result.error });
    }
    const record = result.value as { id?: string; tenantId: string };
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
    return { record: result.value as T, version: row.version };
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

  const requireOffice = async (tx: DriverTransaction, kind: StoredKind, officeId: Id | null) => {
    if (officeId === null || kind === 'office') return;
    if ((await tx.get('office', officeId)) === undefined) {
      throw new ValidationError(kind, [
        { path: ['officeId'], pointer: '/officeId', message: `no office ${JSON.stringify(officeId)} in this store`, code: 'custom' },
      ]);
    }
  };

  const upsertIn = async <T>(tx: DriverTransaction, kind: StoredKind, input: unknown, expectedVersion?: number): Promise<Stored<T>> => {
    const expected = checkVersion(expectedVersion);
    const record = validate(kind, input) as { id?: string; tenantId: string; officeId?: string };
    const id = kind === 'practice' ? record.tenantId : record.id!;
    const officeId = officeIdOf(kind, { id, ...(record.officeId === undefined ? {} : { officeId: record.officeId }) });
    await requireOffice(tx, kind, officeId);
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
      if (await tx.put(kind, { id, officeId, version, body: JSON.stringify(record) }, actual)) {
        return { record: record as T, version };
      }
      if (expected !== undefined || attempt >= BLIND_RETRIES) {
        const now = (await tx.get(kind, id))?.version ?? 0;
        throw new ConflictError({ kind, id, expectedVersion: expected ?? actual, actualVersion: now });
      }
    }
  };

  const appendIn = async <T>(tx: DriverTransaction, kind: AppendKind, input: unknown): Promise<AppendResult<T>> => {
    const record = validate(kind, input) as { id: string; officeId?: string };
    const officeId = officeIdOf(kind, record);
    await requireOffice(tx, kind, officeId);
    if (await tx.put(kind, { id: record.id, officeId, version: 1, body: JSON.stringify(record) }, 0)) {
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

  const apply = (tx: DriverTransaction, op: WriteOperation): Promise<Stored<unknown>> =>
    match(op)
      .with({ type: 'upsert' }, (o) => upsertIn(tx, o.kind, o.record, o.expectedVersion))
      .with({ type: 'append' }, (o) => appendIn(tx, o.kind, o.record))
      .with({ type: 'transition' }, (o) =>
        changeReferral(tx, o.referralId, o.expectedVersion, (referral) => transitionReferral(referral, o.step)),
      )
      .with({ type: 'milestone' }, (o) =>
        changeReferral(tx, o.referralId, o.expectedVersion, (referral) =>
          o.milestone === 'patient-contacted' ? markPatientContacted(referral, o.at) : markReportSent(referral, o.at),
        ),
      )
      .exhaustive();

  const listAll = async <T>(tx: DriverTransaction, kind: StoredKind): Promise<T[]> => {
    const out: T[] = [];
    let after = 0;
    for (;;) {
      const rows = await tx.list(kind, after, PAGE_MAX);
      for (const row of rows) out.push(revive<T>(kind, row).record);
      if (rows.length < PAGE_MAX) return out;
      after = rows[rows.length - 1]!.seq;
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
        for (const op of operations) results.push(await apply(tx, op));
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
        return {
          practice: revive<Practice>('practice', practiceRow).record,
          offices: await listAll<Office>(tx, 'office'),
          contacts: await listAll<Contact>(tx, 'contact'),
          clinicians: await listAll<Clinician>(tx, 'clinician'),
          messages: await listAll<PracticeMessage>(tx, 'practice-message'),
          touchpoints: await listAll<Touchpoint>(tx, 'touchpoint'),
          referrals: await listAll<Referral>(tx, 'referral'),
          thankYous: await listAll<ThankYou>(tx, 'thank-you'),
          decisions: await listAll<RecordTypes['action-decision']>(tx, 'action-decision'),
        };
      }, true),
    loadOffice: (officeId) =>
      run(async (tx) => {
        const row = await tx.get('office', checkId('office', officeId));
        if (row === undefined) return undefined;
        const of = async <T>(kind: StoredKind) => (await tx.listByOffice(kind, officeId)).map((r) => revive<T>(kind, r).record);
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
