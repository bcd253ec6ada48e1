import { z } from 'zod';
import type { DeepReadonly } from './deep-readonly';
import { calendarDateSchema, idSchema, instantSchema, labelSchema, tenantIdSchema } from './primitives';

/**
 * The kinds of record that can fulfil an action.
 *
 * @category Model
 */
export const fulfillingRecordKinds = ['touchpoint', 'referral', 'thank-you'] as const;

const base = {
  id: idSchema,
  tenantId: tenantIdSchema,
  /** The deterministic id of the proposed action this decision answers. */
  actionId: idSchema,
  decidedAt: instantSchema,
};

/**
 * The host's answer to a proposed action:
 * - `done` — carried out, optionally naming the record that fulfilled it;
 * - `snoozed` — hide it until a calendar date (in the practice's time zone);
 * - `dismissed` — not going to happen, with a reason.
 *
 * @example
 * ```ts
 * actionDecisionSchema.parse({
 *   id: 'd-1', tenantId: 't1', actionId: 'follow-up:visit:off-1:2026-03-01',
 *   decidedAt: '2026-03-01T12:00:00Z', outcome: 'snoozed', until: '2026-03-15',
 * }).outcome;
 * //=> 'snoozed'
 * ```
 * @category Model
 */
export const actionDecisionSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    ...base,
    outcome: z.literal('done'),
    fulfilledBy: z.strictObject({ kind: z.enum(fulfillingRecordKinds), id: idSchema }).optional(),
  }),
  z.strictObject({ ...base, outcome: z.literal('snoozed'), until: calendarDateSchema }),
  z.strictObject({ ...base, outcome: z.literal('dismissed'), reason: labelSchema }),
]);

/** The host's answer to a proposed action (see {@link actionDecisionSchema}). @category Model */
export type ActionDecision = DeepReadonly<z.output<typeof actionDecisionSchema>>;

/** The input accepted for an action decision. @category Model */
export type ActionDecisionInput = z.input<typeof actionDecisionSchema>;
