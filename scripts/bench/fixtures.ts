/**
 * The benchmark fixtures (issue 7): seeded practices from the generator, loaded
 * back through a store so that every timing starts from records exactly as a
 * store returns them (JSON-decoded and validated), not from the generator's own
 * objects (which share some arrays between records).
 *
 * @module
 */
import { memoryStore } from '../../src/adapters/memory/index';
import type { Id } from '../../src/model/primitives';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { snapshotOperations } from '../../src/store/snapshot-operations';
import type { ReferwellStore, WriteOperation } from '../../src/store/store';
import { generatePractice } from '../../src/testing/generator';

/**
 * The moment every benchmark is judged at.
 *
 * @category Benchmark
 */
export const BENCH_NOW = '2026-03-02T14:00:00Z';

/**
 * The seed of every benchmark fixture.
 *
 * @category Benchmark
 */
export const BENCH_SEED = 1;

/**
 * The fixture sizes of issue 7: "small" for the CI smoke run, "large" for the
 * targets; "10×" is "large" scaled by 10 (see {@link generateFixture}).
 *
 * @category Benchmark
 */
export const benchSizes = {
  small: { offices: 50, touchpoints: 5_000, referrals: 500 },
  large: { offices: 2_000, touchpoints: 200_000, referrals: 20_000 },
} as const;

/**
 * A fixture size name.
 *
 * @category Benchmark
 */
export type BenchSize = keyof typeof benchSizes;

/**
 * Generates the practice of one size (seed {@link BENCH_SEED}, now {@link BENCH_NOW}),
 * optionally scaled: `scale` 10 on `large` is the "10×" fixture.
 *
 * @param size - The size name.
 * @param scale - Multiplies offices, touchpoints and referrals; default 1.
 * @returns The generated snapshot (the generator's objects, not yet stored).
 * @example
 * ```ts
 * generateFixture('small').offices.length; //=> 50
 * generateFixture('small', 10).offices.length; //=> 500
 * ```
 * @category Benchmark
 */
export function generateFixture(size: BenchSize, scale = 1): PracticeSnapshot {
  const { offices, touchpoints, referrals } = benchSizes[size];
  return generatePractice({
    seed: BENCH_SEED,
    now: BENCH_NOW,
    offices: offices * scale,
    touchpoints: touchpoints * scale,
    referrals: referrals * scale,
  });
}

/**
 * How many records a snapshot holds: the practice plus every record of every
 * collection.
 *
 * @param snapshot - The snapshot.
 * @returns The count.
 * @example
 * ```ts
 * countRecords({ ...emptySnapshot, offices: [office] }); //=> 2
 * ```
 * @category Benchmark
 */
export function countRecords(snapshot: PracticeSnapshot): number {
  return (
    1 +
    snapshot.offices.length +
    snapshot.contacts.length +
    snapshot.clinicians.length +
    snapshot.messages.length +
    snapshot.touchpoints.length +
    snapshot.referrals.length +
    snapshot.thankYous.length +
    snapshot.decisions.length
  );
}

/**
 * The records of a snapshot (all but the practice) as one batch of store writes:
 * offices, contacts, clinicians and messages upserted, the rest appended, in an
 * order where every reference is written before the record naming it.
 *
 * @param snapshot - The records to write.
 * @returns The operations for {@link ReferwellStore.write}.
 * @example
 * ```ts
 * importOperations(snapshot)[0]; //=> { type: 'upsert', kind: 'office', record: { id: 'off-0001', … } }
 * ```
 * @category Benchmark
 */
export function importOperations(snapshot: PracticeSnapshot): WriteOperation[] {
  return snapshotOperations(snapshot);
}

/**
 * Writes a snapshot into a store: the practice, then every record in one
 * {@link ReferwellStore.write} batch (one transaction).
 *
 * @param store - An empty store of the snapshot's tenant.
 * @param snapshot - The records.
 * @returns When the store holds them.
 * @throws Whatever the store throws (a record it refuses, a database failure).
 * @example
 * ```ts
 * await importSnapshot(memoryStore({ tenantId: 'demo' }), generateFixture('small'));
 * ```
 * @category Benchmark
 */
export async function importSnapshot(store: ReferwellStore, snapshot: PracticeSnapshot): Promise<void> {
  await store.savePractice(snapshot.practice);
  await store.write(importOperations(snapshot));
}

/**
 * A new memory store holding a snapshot's records (the practice included).
 *
 * @param snapshot - The records, e.g. as a store loaded them.
 * @returns The store.
 * @throws Whatever the store throws for a record it refuses.
 * @example
 * ```ts
 * const store = await memoryStoreOf((await storedFixture('small')).snapshot);
 * (await store.loadSnapshot()).offices.length; //=> 50
 * ```
 * @category Benchmark
 */
export async function memoryStoreOf(snapshot: PracticeSnapshot): Promise<ReferwellStore> {
  const store = memoryStore({ tenantId: snapshot.practice.tenantId });
  await importSnapshot(store, snapshot);
  return store;
}

/**
 * A fixture held in a memory store, and the snapshot that store returns.
 *
 * @category Benchmark
 */
export interface StoredFixture {
  /** The memory store holding the fixture. */
  readonly store: ReferwellStore;
  /** `store.loadSnapshot()`: records as every store returns them. */
  readonly snapshot: PracticeSnapshot;
  /** How long generating, importing and loading took, in ms. */
  readonly preparedMs: { readonly generate: number; readonly import: number; readonly load: number };
}

/**
 * Generates a fixture, imports it into a memory store and loads it back. The
 * generator's objects are released before the load, so only the store's rows and
 * the loaded snapshot stay in memory.
 *
 * @param size - The size name.
 * @param scale - Multiplies the size (10 for "10×"); default 1.
 * @returns The store and the loaded snapshot.
 * @example
 * ```ts
 * (await storedFixture('small')).snapshot.offices.length; //=> 50
 * ```
 * @category Benchmark
 */
export async function storedFixture(size: BenchSize, scale = 1): Promise<StoredFixture> {
  const prepared = { generate: 0, import: 0, load: 0 };
  const fill = async (): Promise<ReferwellStore> => {
    let started = performance.now();
    const generated = generateFixture(size, scale);
    prepared.generate = performance.now() - started;
    started = performance.now();
    const store = await memoryStoreOf(generated);
    prepared.import = performance.now() - started;
    return store;
  };
  const store = await fill();
  const started = performance.now();
  const snapshot = await store.loadSnapshot();
  prepared.load = performance.now() - started;
  return { store, snapshot, preparedMs: prepared };
}

/**
 * The records of one extra office, for the desk benchmark (d).
 *
 * @category Benchmark
 */
export interface ExtraOffice {
  /** The office id. */
  readonly officeId: Id;
  /** Its office, contacts, touchpoints, referrals and thank-yous, as store writes. */
  readonly operations: readonly WriteOperation[];
  /** How many records: the office and everything recorded about it. */
  readonly records: number;
}

/**
 * Builds one office with exactly `records` records (the office, its contacts,
 * referrals, thank-yous, and as many touchpoints as make up the rest), generated
 * with another seed and renamed so that no id collides with the fixture's. Its
 * clinicians and message versions are the fixture's.
 *
 * @param base - The fixture the office joins (tenant, clinicians, messages).
 * @param records - How many records in all; at least 100.
 * @returns The office id and its records as writes.
 * @throws Error when the generated office has too few touchpoints to reach `records`.
 * @example
 * ```ts
 * extraOffice(snapshot, 1000).records; //=> 1000
 * ```
 * @category Benchmark
 */
export function extraOffice(base: PracticeSnapshot, records: number): ExtraOffice {
  const generated = generatePractice({
    seed: BENCH_SEED + 1,
    now: BENCH_NOW,
    offices: 1,
    tenantId: base.practice.tenantId,
    touchpoints: records * 2,
    referrals: Math.round(records / 20),
  });
  const office = generated.offices[0]!;
  const officeId = 'bench-office';
  const rename = (id: string) => `bench-${id}`;
  const clinicians = new Set(base.clinicians.map((clinician) => clinician.id));
  const versions = new Set(base.messages.map((message) => message.version));
  const fixed = <T extends object>(record: T): T => {
    const copy = { ...record } as { clinicianId?: string; messageVersion?: number };
    if (copy.clinicianId !== undefined && !clinicians.has(copy.clinicianId)) delete copy.clinicianId;
    if (copy.messageVersion !== undefined && !versions.has(copy.messageVersion)) delete copy.messageVersion;
    return copy as T;
  };
  const contacts = generated.contacts.map((contact) => ({ ...contact, id: rename(contact.id), officeId }));
  const referrals = generated.referrals.map((referral) =>
    fixed({ ...referral, id: rename(referral.id), officeId, contactIds: referral.contactIds.map(rename) }),
  );
  const thankYous = generated.thankYous.map((thankYou) => ({
    ...thankYou,
    id: rename(thankYou.id),
    officeId,
    contactIds: thankYou.contactIds.map(rename),
    referralIds: thankYou.referralIds.map(rename),
  }));
  const room = records - 1 - contacts.length - referrals.length - thankYous.length;
  if (room < 0 || generated.touchpoints.length < room) {
    throw new Error(`[referwell] bench: the generated office cannot make up ${records} records`);
  }
  // The latest touchpoints, so the office's recent history is as generated.
  const touchpoints = generated.touchpoints
    .slice(generated.touchpoints.length - room)
    .map((touchpoint) => fixed({ ...touchpoint, id: rename(touchpoint.id), officeId, contactIds: touchpoint.contactIds.map(rename) }));
  const operations: WriteOperation[] = [
    { type: 'upsert', kind: 'office', record: { ...office, id: officeId, lifecycle: 'active' } },
    ...contacts.map((record) => ({ type: 'upsert' as const, kind: 'contact' as const, record })),
    ...touchpoints.map((record) => ({ type: 'append' as const, kind: 'touchpoint' as const, record })),
    ...referrals.map((record) => ({ type: 'append' as const, kind: 'referral' as const, record })),
    ...thankYous.map((record) => ({ type: 'append' as const, kind: 'thank-you' as const, record })),
  ];
  return { officeId, operations, records: operations.length };
}
