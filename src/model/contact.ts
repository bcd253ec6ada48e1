import { z } from 'zod';
import type { DeepReadonly } from './deep-readonly';
import { npiSchema } from './npi';
import { idSchema, labelSchema, tenantIdSchema, textSchema } from './primitives';
import { contactRoleSchema } from './vocabulary';

/**
 * A person at a medical office: a provider who can sign a referral, or one of the
 * staff (receptionists, nurses, medical assistants, office managers) who often
 * refer as much as the provider does.
 *
 * `npi`, when given, must carry a valid check digit. `active` (default `true`) is
 * `false` once the person has left the office.
 *
 * @example
 * ```ts
 * contactSchema.parse({
 *   id: 'c-1', tenantId: 't1', officeId: 'off-1', name: 'Dana Ruiz', role: 'office-manager',
 * }).active;
 * //=> true
 * ```
 * @category Model
 */
export const contactSchema = z.strictObject({
  id: idSchema,
  tenantId: tenantIdSchema,
  officeId: idSchema,
  name: labelSchema,
  /** How to address them on a card, e.g. `Dr. Okafor`; defaults to `name`. */
  salutation: labelSchema.optional(),
  role: contactRoleSchema,
  npi: npiSchema.optional(),
  email: z.email().max(320).optional(),
  phone: labelSchema.optional(),
  active: z.boolean().default(true),
  notes: textSchema.optional(),
});

/** A person at a medical office (see {@link contactSchema}). @category Model */
export type Contact = DeepReadonly<z.output<typeof contactSchema>>;

/** The input accepted for a contact. @category Model */
export type ContactInput = z.input<typeof contactSchema>;
