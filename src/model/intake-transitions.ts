import type { IntakeStatus } from './vocabulary';

/**
 * The referral intake lifecycle as one table: for each status, the statuses it may
 * move to. Modelled on the 360X closed-loop referral and BSeR task flow.
 *
 * | from | may move to |
 * | --- | --- |
 * | `received` | `accepted`, `declined`, `cancelled` |
 * | `accepted` | `scheduled`, `cancelled` |
 * | `scheduled` | `scheduled` (reschedule), `first-visit-completed`, `no-show`, `cancelled` |
 * | `no-show` | `scheduled` (rebooked), `cancelled` |
 * | `declined`, `first-visit-completed`, `cancelled` | nothing: final |
 *
 * Two milestones sit outside the table: the patient being contacted (allowed at
 * any time after receipt) and the report sent back to the referrer (allowed once
 * the referral has left `received`).
 *
 * @category Model
 */
export const intakeTransitions = {
  received: ['accepted', 'declined', 'cancelled'],
  accepted: ['scheduled', 'cancelled'],
  declined: [],
  scheduled: ['scheduled', 'first-visit-completed', 'no-show', 'cancelled'],
  'first-visit-completed': [],
  'no-show': ['scheduled', 'cancelled'],
  cancelled: [],
} as const satisfies Readonly<Record<IntakeStatus, readonly IntakeStatus[]>>;

/**
 * Whether the intake lifecycle allows moving from `from` to `to`.
 *
 * @param from - The current status.
 * @param to - The wanted status.
 * @returns `true` when {@link intakeTransitions} lists the move.
 * @example
 * ```ts
 * canTransition('received', 'accepted'); //=> true
 * canTransition('declined', 'scheduled'); //=> false
 * ```
 * @category Model
 */
export function canTransition(from: IntakeStatus, to: IntakeStatus): boolean {
  return (intakeTransitions[from] as readonly IntakeStatus[]).includes(to);
}
