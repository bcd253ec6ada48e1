import { z } from 'zod';
import type { DeepReadonly } from './deep-readonly';
import { countSchema, idSchema, instantSchema, labelSchema, tenantIdSchema, textSchema } from './primitives';
import { uniqueArray } from './unique';
import { channelSchema, purposeSchema, resourceKindSchema } from './vocabulary';

/**
 * Business cards and brochures left at the office (the `stock-cards` play).
 *
 * @category Model
 */
export const collateralSchema = z.strictObject({
  cards: countSchema.default(0),
  brochures: countSchema.default(0),
});

/** Collateral left at an office. @category Model */
export type Collateral = Readonly<z.output<typeof collateralSchema>>;

/**
 * What an outreach cost (lunch, a gift), for the compliance ledger, in the minor
 * units (cents) of the playbook's currency.
 *
 * @category Model
 */
export const spendSchema = z.strictObject({
  amount: countSchema,
  description: labelSchema.optional(),
});

/** What an outreach cost. @category Model */
export type Spend = Readonly<z.output<typeof spendSchema>>;

/**
 * One outreach to an office: a visit, call, email, letter, fax, video or portal
 * message, with the people reached, why, how long it took and what was left behind.
 *
 * - `contactIds`: the people reached (may be empty: a drop-off at the front desk).
 * - `minutes`: outreach time including travel, for source yield.
 * - `messageVersion`: the practice message version presented (`educate`).
 * - `resources`: help offered to the office (`be-a-resource`).
 *
 * @example
 * ```ts
 * touchpointSchema.parse({
 *   id: 'tp-1', tenantId: 't1', officeId: 'off-1', at: '2026-03-02T15:00:00Z',
 *   channel: 'in-person', purposes: ['follow-up', 'collateral-drop'], minutes: 45,
 *   collateral: { cards: 50 },
 * }).collateral?.brochures;
 * //=> 0
 * ```
 * @category Model
 */
export const touchpointSchema = z.strictObject({
  id: idSchema,
  tenantId: tenantIdSchema,
  officeId: idSchema,
  contactIds: uniqueArray(idSchema).default([]),
  clinicianId: idSchema.optional(),
  at: instantSchema,
  channel: channelSchema,
  purposes: uniqueArray(purposeSchema).min(1, 'name at least one purpose'),
  minutes: countSchema.default(0),
  collateral: collateralSchema.optional(),
  messageVersion: z.number().int().min(1).optional(),
  resources: uniqueArray(resourceKindSchema).optional(),
  cost: spendSchema.optional(),
  notes: textSchema.optional(),
});

/** One outreach to an office (see {@link touchpointSchema}). @category Model */
export type Touchpoint = DeepReadonly<z.output<typeof touchpointSchema>>;

/** The input accepted for a touchpoint. @category Model */
export type TouchpointInput = z.input<typeof touchpointSchema>;
