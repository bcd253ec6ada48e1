import { z } from 'zod';
import type { DeepReadonly } from './deep-readonly';
import { countSchema, idSchema, instantSchema, tenantIdSchema, textSchema } from './primitives';
import { uniqueArray } from './unique';
import { thankYouMediumSchema } from './vocabulary';

/**
 * A thank-you sent to one or more contacts of an office, acknowledging one or more
 * referrals (the `thank-you` play). `text` is the message as sent, if kept.
 *
 * @example
 * ```ts
 * thankYouSchema.parse({
 *   id: 'ty-1', tenantId: 't1', officeId: 'off-1', contactIds: ['c-1'], referralIds: ['r-1'],
 *   sentAt: '2026-03-04T17:00:00Z', medium: 'handwritten-card', cardsEnclosed: 3, askedForMore: true,
 * }).medium;
 * //=> 'handwritten-card'
 * ```
 * @category Model
 */
export const thankYouSchema = z.strictObject({
  id: idSchema,
  tenantId: tenantIdSchema,
  officeId: idSchema,
  contactIds: uniqueArray(idSchema).min(1, 'thank at least one contact'),
  referralIds: uniqueArray(idSchema).default([]),
  sentAt: instantSchema,
  medium: thankYouMediumSchema,
  cardsEnclosed: countSchema.default(0),
  askedForMore: z.boolean().default(false),
  text: textSchema.optional(),
});

/** A thank-you that was sent (see {@link thankYouSchema}). @category Model */
export type ThankYou = DeepReadonly<z.output<typeof thankYouSchema>>;

/** The input accepted for a thank-you. @category Model */
export type ThankYouInput = z.input<typeof thankYouSchema>;
