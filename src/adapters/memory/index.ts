/**
 * The in-memory storage adapter: the default, with no dependencies. Data lives as
 * long as the {@link MemoryDatabase} object; several tenants' stores can share one
 * database, each seeing only its own rows.
 *
 * @module
 */
import { createStore, type ReferwellStore } from '../../store/store';
import { memoryDriver, type MemoryStoreOptions } from './driver';

export { memoryDatabase, type MemoryDatabase, type MemoryStoreOptions } from './driver';

/**
 * A store that keeps one tenant's records in memory. Transactions run one at a
 * time and are all-or-nothing (an undo log restores every row a failed
 * transaction touched).
 *
 * @param options - The tenant, and optionally a shared {@link MemoryDatabase}.
 * @returns The store.
 * @example
 * ```ts
 * const store = memoryStore({ tenantId: 't1' });
 * await store.savePractice({ tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago' });
 * (await store.loadSnapshot()).offices; //=> []
 * ```
 * @category Storage
 */
export function memoryStore(options: MemoryStoreOptions): ReferwellStore {
  return createStore(memoryDriver(options));
}
