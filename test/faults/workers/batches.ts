/**
 * The crash test's batches of touchpoints, shared by the importing child
 * (`importer.ts`) and the parent that checks and continues the import. (Kept out
 * of `importer.ts`, which starts importing as soon as it is loaded.)
 */
import type { WriteOperation } from '../../../src/store/store';

/** The id of touchpoint `index` of batch `batch`: `tp-b0003-i0999`; `substr(id, 1, 8)` is the batch. */
export const touchpointId = (batch: number, index: number) =>
  `tp-b${String(batch).padStart(4, '0')}-i${String(index).padStart(4, '0')}`;

/**
 * The operations of one batch.
 *
 * @param tenantId - The tenant.
 * @param officeId - The office every touchpoint belongs to.
 * @param batch - The batch number.
 * @param size - Touchpoints per batch.
 */
export function batchOf(tenantId: string, officeId: string, batch: number, size: number): WriteOperation[] {
  return Array.from({ length: size }, (_, index) => ({
    type: 'append' as const,
    kind: 'touchpoint' as const,
    record: {
      id: touchpointId(batch, index),
      tenantId,
      officeId,
      at: new Date(Date.UTC(2025, 0, 1) + (batch * size + index) * 60_000).toISOString(),
      channel: 'email',
      purposes: ['educate'],
      minutes: index % 30,
      notes: `imported in batch ${batch}`,
    },
  }));
}
