import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Id } from '../../model/primitives';
import { recordSchemas } from '../../model/records';
import type { StoredKind } from '../../store/driver';
import { describeStoreConformance, type StoreInspector } from '../../testing/conformance';
import { memoryDriver } from './driver';
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

describe('memory driver: reading a kind page by page', () => {
  const row = (id: string) => ({ id, officeId: null, version: 1, body: '{}' });

  /** Every page of a kind after `afterSeq`, `limit` rows at a time, in one transaction. */
  const pages = (driver: ReturnType<typeof memoryDriver>, limit: number, afterSeq = 0) =>
    driver.transaction(async (tx) => {
      const all: string[][] = [];
      for (let after = afterSeq; ; ) {
        const page = await tx.list('office', after, limit);
        if (page.length === 0) return all;
        all.push(page.map((r) => r.id));
        after = page.at(-1)!.seq;
      }
    });

  const filled = async (ids: readonly string[]) => {
    const driver = memoryDriver({ tenantId: 't1' });
    await driver.transaction(async (tx) => {
      for (const id of ids) await tx.put('office', row(id), 0);
    });
    return driver;
  };

  it('gives the same rows, in change order, whatever the page size', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `o${String(i).padStart(2, '0')}`);
    const driver = await filled(ids);
    for (const limit of [1, 2, 3, 5, 11, 50]) expect((await pages(driver, limit)).flat()).toEqual(ids);
    expect((await pages(driver, 4, 6)).flat()).toEqual(ids.slice(6));
  });

  it('sees a write made between two pages (the row moves to the end of the change order)', async () => {
    const driver = await filled(['a', 'b', 'c', 'd']);
    const first = await driver.transaction((tx) => tx.list('office', 0, 2));
    expect(first.map((r) => r.id)).toEqual(['a', 'b']);
    await driver.transaction(async (tx) => void (await tx.put('office', { ...row('a'), version: 2 }, 1)));
    const rest = await driver.transaction((tx) => tx.list('office', first.at(-1)!.seq, 10));
    expect(rest.map((r) => r.id)).toEqual(['c', 'd', 'a']);
  });

  it('sees the rows as they were after a transaction that failed between two pages', async () => {
    const driver = await filled(['a', 'b', 'c', 'd']);
    const first = await driver.transaction((tx) => tx.list('office', 0, 2));
    await expect(
      driver.transaction(async (tx) => {
        await tx.put('office', { ...row('c'), version: 2 }, 1);
        await tx.put('office', row('e'), 0);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const rest = await driver.transaction((tx) => tx.list('office', first.at(-1)!.seq, 10));
    expect(rest.map((r) => r.id)).toEqual(['c', 'd']);
  });
});
