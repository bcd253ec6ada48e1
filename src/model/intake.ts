import { IllegalTransitionError } from '../errors';
import { canTransition } from './intake-transitions';
import { instantSchema } from './primitives';
import { intakeStatus, intakeStepSchema, type IntakeStep, type Referral } from './referral';
import { safeParseWith, unwrap } from './result';

/** The time of the latest thing recorded on a referral's intake. */
function lastIntakeTime(referral: Referral): number {
  const last = referral.intake.at(-1);
  return Date.parse(last ? last.at : referral.receivedAt);
}

/**
 * Moves a referral's intake to a new status, returning a new referral (the input is
 * not changed).
 *
 * @param referral - The referral as it stands.
 * @param step - The new status, when it happened, and its details
 *   (`appointmentAt` for `scheduled`; `reason` / `redirectedTo` for `declined`).
 * @returns The referral with the step appended.
 * @throws {@link ValidationError} when `step` is malformed.
 * @throws {@link IllegalTransitionError} when {@link intakeTransitions} does not
 *   allow the move, or `step.at` is earlier than the last step.
 * @example
 * ```ts
 * const accepted = transitionReferral(referral, { status: 'accepted', at: '2026-03-02T18:00:00Z' });
 * intakeStatus(accepted); //=> 'accepted'
 * transitionReferral(accepted, { status: 'no-show', at: '2026-03-03T18:00:00Z' });
 * // throws IllegalTransitionError: cannot go from "accepted" to "no-show"
 * ```
 * @category Model
 */
export function transitionReferral(referral: Referral, step: IntakeStep): Referral {
  const parsed = unwrap(safeParseWith(intakeStepSchema, step, 'intake step'));
  const from = intakeStatus(referral);
  if (!canTransition(from, parsed.status)) {
    throw new IllegalTransitionError({ referralId: referral.id, from, to: parsed.status });
  }
  if (Date.parse(parsed.at) < lastIntakeTime(referral)) {
    throw new IllegalTransitionError({
      referralId: referral.id,
      from,
      to: parsed.status,
      reason: `${parsed.at} is earlier than the referral's last recorded step`,
    });
  }
  return { ...referral, intake: [...referral.intake, parsed] };
}

/**
 * Records when the practice first reached the referred patient (the start of the
 * intake-responsiveness clock). Recording it again keeps the earlier time.
 *
 * @param referral - The referral.
 * @param at - When the patient was contacted (ISO-8601 UTC).
 * @returns The referral with `patientContactedAt` set.
 * @throws {@link ValidationError} when `at` is not an instant.
 * @throws {@link IllegalTransitionError} when `at` is before the referral was received.
 * @example
 * ```ts
 * markPatientContacted(referral, '2026-03-02T19:00:00Z').patientContactedAt;
 * //=> '2026-03-02T19:00:00Z'
 * ```
 * @category Model
 */
export function markPatientContacted(referral: Referral, at: string): Referral {
  const when = unwrap(safeParseWith(instantSchema, at, 'instant'));
  if (Date.parse(when) < Date.parse(referral.receivedAt)) {
    throw new IllegalTransitionError({
      referralId: referral.id,
      from: intakeStatus(referral),
      to: 'patient-contacted',
      reason: `${when} is before the referral was received`,
    });
  }
  const earlier = referral.patientContactedAt;
  if (earlier !== undefined && Date.parse(earlier) <= Date.parse(when)) return referral;
  return { ...referral, patientContactedAt: when };
}

/**
 * Records that the report went back to the referrer, closing the loop. Allowed
 * once the referral has left `received`; recording it again keeps the earlier time.
 *
 * @param referral - The referral.
 * @param at - When the report was sent (ISO-8601 UTC).
 * @returns The referral with `reportSentToReferrerAt` set.
 * @throws {@link ValidationError} when `at` is not an instant.
 * @throws {@link IllegalTransitionError} when the referral is still `received`, or
 *   `at` is before it was received.
 * @example
 * ```ts
 * markReportSent(declined, '2026-03-05T14:00:00Z').reportSentToReferrerAt;
 * //=> '2026-03-05T14:00:00Z'
 * ```
 * @category Model
 */
export function markReportSent(referral: Referral, at: string): Referral {
  const when = unwrap(safeParseWith(instantSchema, at, 'instant'));
  const from = intakeStatus(referral);
  if (from === 'received') {
    throw new IllegalTransitionError({
      referralId: referral.id,
      from,
      to: 'report-sent',
      reason: 'accept or decline the referral before reporting back',
    });
  }
  if (Date.parse(when) < Date.parse(referral.receivedAt)) {
    throw new IllegalTransitionError({
      referralId: referral.id,
      from,
      to: 'report-sent',
      reason: `${when} is before the referral was received`,
    });
  }
  const earlier = referral.reportSentToReferrerAt;
  if (earlier !== undefined && Date.parse(earlier) <= Date.parse(when)) return referral;
  return { ...referral, reportSentToReferrerAt: when };
}
