/**
 * The rows the raw-driver baselines of (f) and (g) write: the same tables, keys
 * and JSON bodies the SQL adapters store, built without the store's validation.
 *
 * @module
 */
import type { Id } from '../../src/model/primitives';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { tableOf, type RecordTable } from '../../src/store/tables';

/**
 * One row as the raw baselines write it.
 *
 * @category Benchmark
 */
export interface RawRow {
  /** The record id (the tenant id for the practice). */
  readonly id: Id;
  /** The office it belongs to (its own id for an office), else `null`. */
  readonly officeId: Id | null;
  /** Its position in the tenant's write order, from 1. */
  readonly seq: number;
  /** `JSON.stringify(record)`. */
  readonly body: string;
}

/**
 * The snapshot's collections with the table each goes to, in write order.
 *
 * @category Benchmark
 */
export const rawCollections = [
  ['offices', tableOf('office')],
  ['contacts', tableOf('contact')],
  ['clinicians', tableOf('clinician')],
  ['messages', tableOf('practice-message')],
  ['touchpoints', tableOf('touchpoint')],
  ['referrals', tableOf('referral')],
  ['thankYous', tableOf('thank-you')],
  ['decisions', tableOf('action-decision')],
] as const satisfies readonly (readonly [Exclude<keyof PracticeSnapshot, 'practice'>, RecordTable])[];

/**
 * The tables whose rows carry an office id (and have an office index).
 *
 * @category Benchmark
 */
export const officeTables: ReadonlySet<RecordTable> = new Set([
  tableOf('office'),
  tableOf('contact'),
  tableOf('touchpoint'),
  tableOf('referral'),
  tableOf('thank-you'),
]);

/**
 * Every row of a snapshot, table by table, the practice first.
 *
 * @param snapshot - The records.
 * @returns The rows of each table (tables without rows are left out).
 * @example
 * ```ts
 * rawRows(snapshot).get('referwell_offices')?.[0]; //=> { id: 'off-0001', officeId: 'off-0001', seq: 2, body: '{"id":"off-0001",…}' }
 * ```
 * @category Benchmark
 */
export function rawRows(snapshot: PracticeSnapshot): Map<RecordTable, RawRow[]> {
  let seq = 0;
  const tables = new Map<RecordTable, RawRow[]>();
  tables.set(tableOf('practice'), [
    { id: snapshot.practice.tenantId, officeId: null, seq: (seq += 1), body: JSON.stringify(snapshot.practice) },
  ]);
  for (const [key, table] of rawCollections) {
    const rows: RawRow[] = [];
    for (const record of snapshot[key]) {
      const officeId = table === tableOf('office') ? record.id : 'officeId' in record ? record.officeId : null;
      rows.push({ id: record.id, officeId, seq: (seq += 1), body: JSON.stringify(record) });
    }
    if (rows.length > 0) tables.set(table, rows);
  }
  return tables;
}

/**
 * What a raw baseline loads: each collection's records, decoded from JSON.
 *
 * @category Benchmark
 */
export type RawSnapshot = { practice: unknown } & Record<(typeof rawCollections)[number][0], unknown[]>;

/**
 * How many records a raw load holds (practice included), to compare with the adapter's.
 *
 * @param loaded - The raw load.
 * @returns The count.
 * @example
 * ```ts
 * countRaw(loaded); //=> 242075
 * ```
 * @category Benchmark
 */
export function countRaw(loaded: RawSnapshot): number {
  return (loaded.practice === undefined ? 0 : 1) + rawCollections.reduce((sum, [key]) => sum + loaded[key].length, 0);
}
