import { z } from 'zod';
import type { DeepReadonly } from './deep-readonly';
import { countSchema, idSchema, instantSchema, labelSchema, tenantIdSchema } from './primitives';

/**
 * How much new work a clinician can take: open intake slots and whether they
 * accept new clients at all. The `ask` play asks for referrals when openings are
 * at or above its threshold.
 *
 * @category Model
 */
export const capacitySchema = z.strictObject({
  openSlots: countSchema,
  acceptingNewClients: z.boolean(),
  /** When the numbers were last updated. */
  asOf: instantSchema.optional(),
});

/** A clinician's capacity. @category Model */
export type Capacity = Readonly<z.output<typeof capacitySchema>>;

/**
 * A therapist of the practice.
 *
 * @example
 * ```ts
 * clinicianSchema.parse({
 *   id: 'cl-1', tenantId: 't1', name: 'Sam Lee, LCSW', specialties: ['anxiety'],
 *   capacity: { openSlots: 4, acceptingNewClients: true },
 * }).active;
 * //=> true
 * ```
 * @category Model
 */
export const clinicianSchema = z.strictObject({
  id: idSchema,
  tenantId: tenantIdSchema,
  name: labelSchema,
  specialties: z.array(labelSchema).max(100).default([]),
  capacity: capacitySchema,
  active: z.boolean().default(true),
});

/** A therapist of the practice (see {@link clinicianSchema}). @category Model */
export type Clinician = DeepReadonly<z.output<typeof clinicianSchema>>;

/** The input accepted for a clinician. @category Model */
export type ClinicianInput = z.input<typeof clinicianSchema>;
