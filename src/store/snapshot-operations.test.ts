import { describe, expect, it } from 'vitest';
import { memoryStore } from '../adapters/memory/index';
import { generatePractice } from '../testing/generator';
import { snapshotOperations } from './snapshot-operations';

const NOW = '2026-03-02T18:00:00Z';

describe('snapshotOperations', () => {
  const snapshot = generatePractice({ seed: 5, offices: 4, now: NOW, touchpoints: 80, referrals: 12 });

  it('has one operation per record, parents first', () => {
    const ops = snapshotOperations(snapshot);
    const kinds = ops.map((op) => `${op.type} ${'kind' in op ? op.kind : ''}`);
    const collections = ['offices', 'contacts', 'clinicians', 'messages', 'touchpoints', 'referrals', 'thankYous', 'decisions'] as const;
    expect(ops).toHaveLength(collections.reduce((count, key) => count + snapshot[key].length, 0));
    expect([...new Set(kinds)]).toEqual(
      ['upsert office', 'upsert contact', 'upsert clinician', 'upsert practice-message', 'append touchpoint', 'append referral', 'append thank-you'].filter(
        (kind) => kinds.includes(kind),
      ),
    );
  });

  it('writes into an empty store as one batch that loads back as the same snapshot', async () => {
    const store = memoryStore({ tenantId: snapshot.practice.tenantId });
    await store.savePractice(snapshot.practice);
    await store.write(snapshotOperations(snapshot));
    const loaded = await store.loadSnapshot();
    expect(loaded.touchpoints.map((t) => t.id)).toEqual(snapshot.touchpoints.map((t) => t.id));
    expect(loaded.referrals.map((r) => r.id)).toEqual(snapshot.referrals.map((r) => r.id));
    expect(loaded.offices.map((o) => o.id).sort()).toEqual(snapshot.offices.map((o) => o.id).sort());
  });
});
