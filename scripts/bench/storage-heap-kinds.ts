/**
 * Heap bytes per record of a loaded snapshot, split by kind (memory store, "large"
 * practice): each collection is dropped in turn and the freed heap measured.
 * Run: `node --expose-gc --import tsx scripts/bench/storage-heap-kinds.ts`.
 */
import { memoryStore } from '../../src/adapters/memory/index';
import type { WriteOperation } from '../../src/store/store';
import { generatePractice } from '../../src/testing/generator';
const snap = generatePractice({ seed: 1, offices: 2000, now: '2026-03-02T14:00:00Z', touchpoints: 200_000, referrals: 20_000 });
const store = memoryStore({ tenantId: 'demo' });
await store.savePractice(snap.practice);
const keys = [['office', 'offices'], ['contact', 'contacts'], ['clinician', 'clinicians'], ['practice-message', 'messages'], ['touchpoint', 'touchpoints'], ['referral', 'referrals'], ['thank-you', 'thankYous'], ['action-decision', 'decisions']] as const;
const ops: WriteOperation[] = [];
for (const [kind, key] of keys) for (const record of snap[key]) ops.push(['office', 'contact', 'clinician', 'practice-message'].includes(kind) ? ({ type: 'upsert', kind, record } as WriteOperation) : ({ type: 'append', kind, record } as WriteOperation));
for (let i = 0; i < ops.length; i += 1000) await store.write(ops.slice(i, i + 1000));
const gc = globalThis.gc!;
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
const holder: { s: Record<string, unknown[]> | undefined } = { s: undefined };
holder.s = (await store.loadSnapshot()) as unknown as Record<string, unknown[]>;
await store.getPractice();
for (const [, key] of keys) {
  const n = holder.s[key]!.length;
  if (n === 0) continue;
  const before = heap();
  holder.s[key] = [];
  const after = heap();
  console.log(`${key}: ${n} records, ${((before - after) / n).toFixed(0)} B/record, ${((before - after) / 1e6).toFixed(1)} MB`);
}
