import { z } from 'zod';
import { idSchema, instantSchema, labelSchema, tenantIdSchema, textSchema, timeZoneSchema } from './primitives';
import type { DeepReadonly } from './deep-readonly';
import { officeKindSchema, officeLifecycleSchema } from './vocabulary';

/**
 * A postal address; every part optional, since hosts often know only a city.
 *
 * @category Model
 */
export const addressSchema = z.strictObject({
  line1: labelSchema.optional(),
  line2: labelSchema.optional(),
  city: labelSchema.optional(),
  region: labelSchema.optional(),
  postalCode: labelSchema.optional(),
  country: labelSchema.optional(),
});

/** A postal address. @category Model */
export type Address = Readonly<z.output<typeof addressSchema>>;

/**
 * A medical office or department that can refer patients to the practice.
 *
 * `timeZone` defaults to the practice's; `lifecycle` to `prospect`.
 *
 * @example
 * ```ts
 * const office = officeSchema.parse({
 *   id: 'off-1', tenantId: 't1', name: 'Elm Street Pediatrics', kind: 'pediatrics', lifecycle: 'active',
 * });
 * office.tags; //=> []
 * ```
 * @category Model
 */
export const officeSchema = z.strictObject({
  id: idSchema,
  tenantId: tenantIdSchema,
  name: labelSchema,
  kind: officeKindSchema,
  address: addressSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  tier: labelSchema.optional(),
  tags: z.array(labelSchema).max(100).default([]),
  lifecycle: officeLifecycleSchema.default('prospect'),
  createdAt: instantSchema.optional(),
  notes: textSchema.optional(),
});

/** A medical office (see {@link officeSchema}). @category Model */
export type Office = DeepReadonly<z.output<typeof officeSchema>>;

/** The input accepted for an office: defaults may be left out. @category Model */
export type OfficeInput = z.input<typeof officeSchema>;

