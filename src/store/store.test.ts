import { describe, expect, it } from 'vitest';
import { memoryStore } from '../adapters/memory/index';
import { ValidationError } from '../errors';

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
