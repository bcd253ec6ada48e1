import type { Clinician } from '../../model/clinician';
import type { Id } from '../../model/primitives';
import { openSlotsOf } from './open-slots';

/**
 * One clinician's contribution to the practice's openings.
 *
 * @category Plays
 */
export interface ClinicianOpening {
  /** The clinician. */
  readonly clinicianId: Id;
  /** Their name, for the explanation. */
  readonly name: string;
  /** Their open intake slots (> 0). */
  readonly openSlots: number;
}

/**
 * The practice's openings, as the `ask` play counts them.
 *
 * @category Plays
 */
export interface PracticeOpenings {
  /** The open slots of every active clinician accepting new clients, summed. */
  readonly total: number;
  /** The clinicians with at least one of those slots, in id order. */
  readonly clinicians: readonly ClinicianOpening[];
}

/**
 * Counts the practice's openings: the sum of `capacity.openSlots` over the
 * clinicians who are `active` and `capacity.acceptingNewClients`. Clinicians
 * with no open slot are left out of the list.
 *
 * @param clinicians - The practice's clinicians (e.g. `history.context.clinicians`).
 * @returns The total and the clinicians contributing to it, in the given order.
 * @example
 * ```ts
 * practiceOpenings([
 *   { ...sam, capacity: { openSlots: 3, acceptingNewClients: true } },
 *   { ...ana, capacity: { openSlots: 4, acceptingNewClients: false } },
 * ]).total;
 * //=> 3
 * ```
 * @category Plays
 */
export function practiceOpenings(clinicians: readonly Clinician[]): PracticeOpenings {
  const open: ClinicianOpening[] = [];
  let total = 0;
  for (const clinician of clinicians) {
    const openSlots = openSlotsOf(clinician);
    if (openSlots === 0) continue;
    total += openSlots;
    open.push({ clinicianId: clinician.id, name: clinician.name, openSlots });
  }
  return { total, clinicians: open };
}
