import { z } from 'zod';
import type { DeepReadonly } from './deep-readonly';
import { idSchema, instantSchema, labelSchema, tenantIdSchema, textSchema } from './primitives';

/**
 * One version of what the practice tells offices about itself (the `educate`
 * play): its specialties, its ideal client, and a short elevator speech. The
 * speech's word limit is a playbook setting, checked by the play, not here.
 *
 * Versions are whole numbers from 1; the highest version is the current message.
 *
 * @example
 * ```ts
 * practiceMessageSchema.parse({
 *   id: 'msg-2', tenantId: 't1', version: 2, publishedAt: '2026-01-05T15:00:00Z',
 *   specialties: ['adolescent anxiety'], idealClient: 'Teens with school refusal',
 *   elevatorSpeech: 'We see anxious teens within a week.',
 * }).version;
 * //=> 2
 * ```
 * @category Model
 */
export const practiceMessageSchema = z.strictObject({
  id: idSchema,
  tenantId: tenantIdSchema,
  version: z.number().int('must be a whole number').min(1, 'versions start at 1'),
  publishedAt: instantSchema,
  specialties: z.array(labelSchema).max(100),
  idealClient: textSchema.min(1, 'must not be empty'),
  elevatorSpeech: textSchema.min(1, 'must not be empty'),
});

/** A version of the practice's message (see {@link practiceMessageSchema}). @category Model */
export type PracticeMessage = DeepReadonly<z.output<typeof practiceMessageSchema>>;

/** The input accepted for a practice message. @category Model */
export type PracticeMessageInput = z.input<typeof practiceMessageSchema>;
