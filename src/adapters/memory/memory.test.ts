import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Id } from '../../model/primitives';
import { recordSchemas } from '../../model/records';
import type { StoredKind } from '../../store/driver';
import { describeStoreConformance, type StoreInspector } from '../../testing/conformance';
import { memoryDatabase, memoryStore, type MemoryDatabase } from './index';

/** Raw access to a memory database: its maps, read and changed without the adapter. */
function inspectMemory(database: MemoryDatabase): StoreInspector {
  const rows = (kind: StoredKind, tenantId: Id) => database.tenants.get(tenantId)?.kinds.get(kind);
  return {
    readRow: (kind, tenantId, id) => {
      const row = rows(kind, tenantId)?.get(id);
      return row === undefined ? undefined : { version: row.version, body: row.body };
    },
    countRows: (kind, tenantId) => rows(kind, tenantId)?.size ?? 0,
    corruptRow: (kind, tenantId, id, body) => {
      const map = rows(kind, tenantId);
      const row = map?.get(id);
      if (map === undefined || row === undefined) throw new Error(`no ${kind} ${id} in tenant ${tenantId}`);
      map.set(id, { ...row, body }); // same key: keeps its place in the change order
    },
  };
}

describeStoreConformance({
  name: 'memory',
  capabilities: { durable: false, multiProcess: false, migrations: false },
  async setup() {
    const database = memoryDatabase();
    return {
      createStore: (tenantId) => memoryStore({ tenantId, database }),
      inspect: inspectMemory(database),
    };
  },
});

describe('memoryStore', () => {
  const office = (tenantId: string, id = 'off-1') => ({ id, tenantId, name: 'Elm Street Pediatrics', kind: 'pediatrics' as const });

  it('has a private database by default: two stores of one tenant without a shared database see nothing of each other', async () => {
    const one = memoryStore({ tenantId: 't1' });
    const two = memoryStore({ tenantId: 't1' });
    await one.upsertOffice(office('t1'));
    expect(await two.get('office', 'off-1')).toBeUndefined();
    expect((await one.get('office', 'off-1'))?.version).toBe(1);
  });

  it('shares a database between tenants, each seeing only its own rows', async () => {
    const database = memoryDatabase();
    const a = memoryStore({ tenantId: 'a', database });
    const b = memoryStore({ tenantId: 'b', database });
    await a.upsertOffice(office('a'));
    await b.upsertOffice(office('b', 'off-2'));
    expect([...database.tenants.keys()].sort()).toEqual(['a', 'b']);
    expect((await a.list('office')).records.map((r) => r.record.id)).toEqual(['off-1']);
    expect((await b.list('office')).records.map((r) => r.record.id)).toEqual(['off-2']);
  });

  it('reports its adapter name and capabilities', () => {
    const store = memoryStore({ tenantId: 't1' });
    expect(store.adapter).toBe('memory');
    expect(store.tenantId).toBe('t1');
    expect(store.capabilities).toEqual({ durable: false, multiProcess: false, migrations: false });
  });

  it('stores JSON text, not the caller’s objects', async () => {
    const database = memoryDatabase();
    const store = memoryStore({ tenantId: 't1', database });
    await store.upsertOffice(office('t1'));
    const row = database.tenants.get('t1')?.kinds.get('office')?.get('off-1');
    expect(typeof row?.body).toBe('string');
    expect(JSON.parse(row!.body)).toEqual(recordSchemas.office.parse(office('t1')));
  });

  it('rolls back the sequence counter with a failed transaction, so change positions stay dense', async () => {
    const database = memoryDatabase();
    const store = memoryStore({ tenantId: 't1', database });
    await store.upsertOffice(office('t1'));
    const seq = database.tenants.get('t1')!.seq;
    await expect(
      store.write([
        { type: 'upsert', kind: 'office', record: office('t1', 'off-2') },
        { type: 'upsert', kind: 'office', record: office('t1'), expectedVersion: 7 },
      ]),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(database.tenants.get('t1')!.seq).toBe(seq);
    expect(database.tenants.get('t1')!.byOffice.get('office')?.get('off-2')?.size ?? 0).toBe(0);
    expect(database.tenants.get('t1')!.kinds.get('office')?.has('off-2')).toBe(false);
  });

  it('keeps running transactions after one fails (the lock is released)', async () => {
    const store = memoryStore({ tenantId: 't1' });
    const results = await Promise.allSettled([
      store.upsertOffice(office('t1'), { expectedVersion: 3 }),
      store.upsertOffice(office('t1')),
      store.upsertOffice(office('t1', 'off-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });

  it('property: any string in an office note and any well-formed id round-trip exactly', async () => {
    const store = memoryStore({ tenantId: 't1' });
    // Ids: no control characters and no lone surrogates; notes: anything up to 10,000 code units.
    const idArb = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
      .filter((s) => s.length <= 200 && !/[\u0000-\u001f\u007f]/.test(s));
    const noteArb = fc.string({ unit: 'binary', maxLength: 300 });
    await fc.assert(
      fc.asyncProperty(idArb, noteArb, async (id, notes) => {
        const written = await store.upsertOffice({ ...office('t1', id), notes });
        const read = await store.get('office', id);
        expect(read?.record).toEqual(written.record);
        expect(read?.record.notes).toBe(notes);
      }),
      { numRuns: 200 },
    );
  });
});
