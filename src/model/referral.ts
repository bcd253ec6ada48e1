import { z } from 'zod';
import type { DeepReadonly } from './deep-readonly';
import { intakeTransitions } from './intake-transitions';
import { idSchema, instantSchema, labelSchema, tenantIdSchema, textSchema } from './primitives';
import { uniqueArray } from './unique';
import { referralSourceSchema, type IntakeStatus } from './vocabulary';

const step = { at: instantSchema };

/**
 * One move of a referral's intake, with when it happened. The first status,
 * `received`, is the referral's `receivedAt` and is not repeated here.
 *
 * - `declined` may say why and where the patient was redirected (the promise to
 *   the referrer: every patient they send gets care somewhere);
 * - `scheduled` carries the appointment time (`appointmentAt`); scheduling again
 *   reschedules;
 * - `cancelled` may say why.
 *
 * @category Model
 */
export const intakeStepSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('accepted'), ...step }),
  z.strictObject({
    status: z.literal('declined'),
    ...step,
    reason: labelSchema.optional(),
    redirectedTo: labelSchema.optional(),
  }),
  z.strictObject({ status: z.literal('scheduled'), ...step, appointmentAt: instantSchema }),
  z.strictObject({ status: z.literal('first-visit-completed'), ...step }),
  z.strictObject({ status: z.literal('no-show'), ...step }),
  z.strictObject({ status: z.literal('cancelled'), ...step, reason: labelSchema.optional() }),
]);

/** One move of a referral's intake. @category Model */
export type IntakeStep = DeepReadonly<z.output<typeof intakeStepSchema>>;

/**
 * The patient a referral is about, as an opaque reference: no protected health
 * information is needed. `displayName` is optional and only ever shown to the
 * referrer when `consentToShare` is `true`.
 *
 * @category Model
 */
export const patientRefSchema = z.strictObject({
  reference: idSchema,
  displayName: labelSchema.optional(),
  consentToShare: z.boolean().default(false),
});

/** The patient reference of a referral. @category Model */
export type PatientRef = Readonly<z.output<typeof patientRefSchema>>;

/** A strength-checklist item id: kebab-case, e.g. `warm-handoff`. @internal */
const checklistItemIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'checklist item ids are kebab-case, like warm-handoff');

/**
 * A patient referred by an office.
 *
 * - `contactIds`: everyone at the office involved in the referral (credit goes to
 *   each of them, not only the physician).
 * - `via`: how it arrived.
 * - `checklist`: answers to the playbook's referral-strength checklist, by item id
 *   (an item left out counts as not done).
 * - `intake`: the lifecycle after `received`, in order (see
 *   {@link intakeTransitions}); the current status is derived with
 *   {@link intakeStatus}, never stored.
 * - `patientContactedAt`: when the practice first reached the patient.
 * - `reportSentToReferrerAt`: when the loop was closed with the referrer.
 *
 * The schema checks that the intake steps form a legal path with times that never
 * go backwards.
 *
 * @example
 * ```ts
 * const referral = referralSchema.parse({
 *   id: 'r-1', tenantId: 't1', officeId: 'off-1', contactIds: ['c-1'],
 *   receivedAt: '2026-03-02T16:00:00Z', via: 'phone-from-office',
 *   checklist: { 'warm-handoff': true }, patient: { reference: 'p-77' },
 * });
 * intakeStatus(referral); //=> 'received'
 * ```
 * @category Model
 */
export const referralSchema = z
  .strictObject({
    id: idSchema,
    tenantId: tenantIdSchema,
    officeId: idSchema,
    contactIds: uniqueArray(idSchema).default([]),
    clinicianId: idSchema.optional(),
    receivedAt: instantSchema,
    via: referralSourceSchema,
    checklist: z.record(checklistItemIdSchema, z.boolean()).default({}),
    patient: patientRefSchema,
    intake: z.array(intakeStepSchema).default([]),
    patientContactedAt: instantSchema.optional(),
    reportSentToReferrerAt: instantSchema.optional(),
    notes: textSchema.optional(),
  })
  .superRefine((referral, ctx) => {
    const received = Date.parse(referral.receivedAt);
    let from: IntakeStatus = 'received';
    let last = received;
    referral.intake.forEach((move, index) => {
      const allowed: readonly IntakeStatus[] = intakeTransitions[from];
      if (!allowed.includes(move.status)) {
        ctx.addIssue({
          code: 'custom',
          path: ['intake', index, 'status'],
          message: `intake cannot go from "${from}" to "${move.status}"`,
        });
      }
      const at = Date.parse(move.at);
      if (at < last) {
        ctx.addIssue({
          code: 'custom',
          path: ['intake', index, 'at'],
          message: 'is earlier than the step before it (or than receivedAt)',
        });
      }
      last = Math.max(last, at);
      from = move.status;
    });
    if (referral.patientContactedAt !== undefined && Date.parse(referral.patientContactedAt) < received) {
      ctx.addIssue({ code: 'custom', path: ['patientContactedAt'], message: 'is earlier than receivedAt' });
    }
    if (referral.reportSentToReferrerAt !== undefined) {
      if (Date.parse(referral.reportSentToReferrerAt) < received) {
        ctx.addIssue({ code: 'custom', path: ['reportSentToReferrerAt'], message: 'is earlier than receivedAt' });
      }
      if (referral.intake.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['reportSentToReferrerAt'],
          message: 'a report can only be sent once the referral has left "received"',
        });
      }
    }
  });

/** A patient referred by an office (see {@link referralSchema}). @category Model */
export type Referral = DeepReadonly<z.output<typeof referralSchema>>;

/** The input accepted for a referral. @category Model */
export type ReferralInput = z.input<typeof referralSchema>;

/**
 * The current intake status of a referral: the status of its last intake step, or
 * `received` when it has none.
 *
 * @param referral - A referral.
 * @returns Its current status.
 * @example
 * ```ts
 * intakeStatus({ ...referral, intake: [{ status: 'accepted', at: '2026-03-02T18:00:00Z' }] });
 * //=> 'accepted'
 * ```
 * @category Model
 */
export function intakeStatus(referral: Pick<Referral, 'intake'>): IntakeStatus {
  return referral.intake.at(-1)?.status ?? 'received';
}
