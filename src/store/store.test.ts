import { describe, expect, it } from 'vitest';
import { memoryDriver } from '../adapters/memory/driver';
import { memoryDatabase, memoryStore } from '../adapters/memory/index';
import { generatePractice } from '../testing/generator';
import type { StorageDriver } from './driver';
import { snapshotOperations } from './snapshot-operations';
import { createStore } from './store';
import { CorruptRecordError, ValidationError } from '../errors';

describe('createStore', () => {
  it('checks ids given to reads and changes, so no driver sees a malformed key', async () => {
    const store = memoryStore({ tenantId: 't1' });
    await expect(store.get('office', 'x\uD800')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.loadOffice('')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.transitionReferral('a\u0000b', { status: 'accepted', at: '2026-03-02T18:00:00Z' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('reports a malformed cursor or limit as a rejected promise, never a synchronous throw', async () => {
    const store = memoryStore({ tenantId: 't1' });
    await expect(store.list('office', { after: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list('office', { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('createStore input checks', () => {
  const office = { id: 'a', tenantId: 't1', name: 'A', kind: 'primary-care' as const };
  const touchpoint = { id: 'tp', tenantId: 't1', officeId: 'a', at: '2026-02-01T15:00:00Z', channel: 'phone', purposes: ['ask'] } as const;

  it('refuses a batch that would upsert an appended record, or an unknown operation, naming it', async () => {
    const store = memoryStore({ tenantId: 't1' });
    await store.upsertOffice(office);
    await store.appendTouchpoint(touchpoint);
    const rewrite = await store
      .write([{ type: 'upsert', kind: 'touchpoint' as never, record: { ...touchpoint, minutes: 999 } }])
      .catch((error: unknown) => error);
    expect(rewrite).toBeInstanceOf(ValidationError);
    expect((rewrite as ValidationError).issues[0]?.pointer).toBe('/0/kind');
    const unknown = await store.write([{ type: 'delete' } as never]).catch((error: unknown) => error);
    expect((unknown as ValidationError).issues[0]?.pointer).toBe('/0/type');
    expect((await store.get('touchpoint', 'tp'))?.record.minutes).toBe(0);
  });

  it('refuses an unknown kind and a malformed expected version with a ValidationError', async () => {
    const store = memoryStore({ tenantId: 't1' });
    await expect(store.get('offices' as never, 'a')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list('offices' as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.upsertOffice(office, { expectedVersion: -1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.upsertOffice(office, { expectedVersion: Number.NaN })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a tenant id no record could carry', () => {
    expect(() => memoryStore({ tenantId: '' })).toThrow(ValidationError);
    expect(() => memoryStore({ tenantId: 'x'.repeat(201) })).toThrow(ValidationError);
  });

  it('reports a record whose office disagrees with the office it is stored under as corrupt', async () => {
    const database = memoryDatabase();
    const store = memoryStore({ tenantId: 't1', database });
    await store.upsertOffice(office);
    await store.upsertOffice({ ...office, id: 'b' });
    await store.appendTouchpoint(touchpoint);
    const row = database.tenants.get('t1')!.kinds.get('touchpoint')!.get('tp')!;
    database.tenants.get('t1')!.kinds.get('touchpoint')!.set('tp', { ...row, body: JSON.stringify({ ...touchpoint, officeId: 'b' }) });
    await expect(store.loadOffice('a')).rejects.toBeInstanceOf(CorruptRecordError);
    await expect(store.get('touchpoint', 'tp')).rejects.toThrow(/does not match the office it is stored under/);
  });
});

describe('createStore quick path for touchpoints', () => {
  const office = { id: 'a', tenantId: 't1', name: 'A', kind: 'primary-care' as const };
  const complete = {
    id: 'tp',
    tenantId: 't1',
    officeId: 'a',
    contactIds: [],
    at: '2026-02-01T15:00:00Z',
    channel: 'phone',
    purposes: ['ask'],
    minutes: 5,
  };

  it('stores what it checked: a getter is read once, and its first answer is what is stored', async () => {
    const store = memoryStore({ tenantId: 't1' });
    await store.upsertOffice(office);
    let reads = 0;
    const tricky = { ...complete };
    Object.defineProperty(tricky, 'channel', { enumerable: true, get: () => (++reads === 1 ? 'phone' : 'telepathy') });
    const { record } = await store.appendTouchpoint(tricky as never);
    expect(reads).toBe(1);
    expect(record.channel).toBe('phone');
    expect((await store.get('touchpoint', 'tp'))?.record.channel).toBe('phone');
  });

  it('refuses a getter whose only answer is invalid', async () => {
    const store = memoryStore({ tenantId: 't1' });
    await store.upsertOffice(office);
    const tricky = { ...complete };
    Object.defineProperty(tricky, 'channel', { enumerable: true, get: () => 'telepathy' });
    await expect(store.appendTouchpoint(tricky as never)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.get('touchpoint', 'tp')).toBeUndefined();
  });

  it('returns a copy that shares nothing with the input', async () => {
    const store = memoryStore({ tenantId: 't1' });
    await store.upsertOffice(office);
    const input = { ...complete, purposes: ['ask'] };
    const { record } = await store.appendTouchpoint(input as never);
    input.purposes.push('educate');
    expect(record.purposes).toEqual(['ask']);
    expect((await store.get('touchpoint', 'tp'))?.record).toEqual(record);
  });

  it('refuses what zod refuses even when JSON would hide it (a Date, a toJSON method)', async () => {
    const store = memoryStore({ tenantId: 't1' });
    await store.upsertOffice(office);
    await expect(store.appendTouchpoint({ ...complete, at: new Date('2026-02-01T15:00:00Z') } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(store.appendTouchpoint({ ...complete, toJSON: () => complete } as never)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.get('touchpoint', 'tp')).toBeUndefined();
  });
});

describe('loadSnapshot pages', () => {
  const snapshot = generatePractice({ seed: 3, offices: 4, now: '2026-03-02T14:00:00Z', touchpoints: 40, referrals: 6 });

  /** A memory driver whose `list` calls are recorded as [kind, afterSeq, limit]. */
  const recording = (snapshotPage?: number) => {
    const calls: [string, number, number][] = [];
    const inner = memoryDriver({ tenantId: snapshot.practice.tenantId });
    const driver: StorageDriver = {
      ...inner,
      ...(snapshotPage === undefined ? {} : { snapshotPage }),
      transaction: (work, options) =>
        inner.transaction(
          (tx) =>
            work({
              ...tx,
              list: (kind, afterSeq, limit) => {
                calls.push([kind, afterSeq, limit]);
                return tx.list(kind, afterSeq, limit);
              },
            }),
          options,
        ),
    };
    return { store: createStore(driver), calls };
  };

  const fill = async (store: ReturnType<typeof createStore>) => {
    await store.savePractice(snapshot.practice);
    await store.write(snapshotOperations(snapshot));
  };

  it('reads a kind in pages of the driver\'s snapshotPage rows and loads every record in order', async () => {
    const paged = recording(7);
    const whole = recording();
    await fill(paged.store);
    await fill(whole.store);
    paged.calls.length = 0;
    whole.calls.length = 0;
    const loaded = await paged.store.loadSnapshot();
    expect(loaded).toEqual(await whole.store.loadSnapshot());
    expect(loaded.touchpoints).toHaveLength(snapshot.touchpoints.length);
    const touchpointPages = paged.calls.filter(([kind]) => kind === 'touchpoint');
    // Pages of 7 (the last one maybe shorter), then the empty one that ends the kind.
    const pages = Math.ceil(snapshot.touchpoints.length / 7) + 1;
    expect(touchpointPages.map(([, , limit]) => limit)).toEqual(Array(pages).fill(7));
    expect(touchpointPages[0]?.[1]).toBe(0);
    // Each page starts after the last row of the one before.
    for (let i = 1; i < touchpointPages.length; i += 1) expect(touchpointPages[i]![1]).toBeGreaterThan(touchpointPages[i - 1]![1]);
  });

  it('reads on past a page shorter than asked for, so a driver that caps its pages loses nothing', async () => {
    const inner = memoryDriver({ tenantId: snapshot.practice.tenantId });
    const capped: StorageDriver = {
      ...inner,
      snapshotPage: 7,
      transaction: (work, options) =>
        inner.transaction((tx) => work({ ...tx, list: (kind, afterSeq, limit) => tx.list(kind, afterSeq, Math.min(limit, 3)) }), options),
    };
    const store = createStore(capped);
    await fill(store);
    const loaded = await store.loadSnapshot();
    expect(loaded.touchpoints.map((t) => t.id)).toEqual(snapshot.touchpoints.map((t) => t.id));
    expect(loaded.referrals).toHaveLength(snapshot.referrals.length);
  });

  it('asks for 50,000 rows at a time by default, and when snapshotPage is not a whole number from 1', async () => {
    for (const page of [undefined, 0, -3, 2.5, Number.NaN]) {
      const { store, calls } = recording(page);
      await fill(store);
      calls.length = 0;
      await store.loadSnapshot();
      expect(new Set(calls.map(([, , limit]) => limit))).toEqual(new Set([50_000]));
    }
  });
});
