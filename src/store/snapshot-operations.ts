/**
 * A whole snapshot as one batch of store writes.
 *
 * @module
 */
import type { PracticeSnapshot } from '../model/snapshot';
import type { WriteOperation } from './store';

/**
 * The records of a snapshot (all but the practice) as one batch for
 * {@link ReferwellStore.write}: offices, contacts, clinicians and messages
 * upserted, touchpoints, referrals, thank-yous and decisions appended, in an order
 * where every record is written after the records it names.
 *
 * @param snapshot - The records to write.
 * @returns The operations, one per record.
 * @example
 * ```ts
 * await store.savePractice(snapshot.practice);
 * await store.write(snapshotOperations(snapshot));
 * ```
 * @internal
 */
export function snapshotOperations(snapshot: PracticeSnapshot): WriteOperation[] {
  const ops: WriteOperation[] = [];
  for (const record of snapshot.offices) ops.push({ type: 'upsert', kind: 'office', record });
  for (const record of snapshot.contacts) ops.push({ type: 'upsert', kind: 'contact', record });
  for (const record of snapshot.clinicians) ops.push({ type: 'upsert', kind: 'clinician', record });
  for (const record of snapshot.messages) ops.push({ type: 'upsert', kind: 'practice-message', record });
  for (const record of snapshot.touchpoints) ops.push({ type: 'append', kind: 'touchpoint', record });
  for (const record of snapshot.referrals) ops.push({ type: 'append', kind: 'referral', record });
  for (const record of snapshot.thankYous) ops.push({ type: 'append', kind: 'thank-you', record });
  for (const record of snapshot.decisions) ops.push({ type: 'append', kind: 'action-decision', record });
  return ops;
}
