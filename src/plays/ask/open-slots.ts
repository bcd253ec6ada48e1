/**
 * Counting a practice's open intake slots, shared by `practiceOpenings` and the
 * ask play. Internal: not re-exported.
 *
 * @module
 * @internal
 */
import type { Clinician } from '../../model/clinician';

/**
 * A clinician's open slots as the practice counts them: 0 unless they are active,
 * accepting new clients and have a slot open.
 *
 * @param clinician - A clinician.
 * @returns Their open slots, or 0.
 * @internal
 */
export function openSlotsOf(clinician: Clinician): number {
  const { openSlots, acceptingNewClients } = clinician.capacity;
  return clinician.active && acceptingNewClients && openSlots > 0 ? openSlots : 0;
}

/**
 * `practiceOpenings(clinicians).total` without building the list of clinicians:
 * the ask play checks it against its threshold for every office first.
 *
 * @param clinicians - The practice's clinicians.
 * @returns The open slots of every active clinician accepting new clients, summed.
 * @internal
 */
export function practiceOpenSlots(clinicians: readonly Clinician[]): number {
  let total = 0;
  for (let i = 0; i < clinicians.length; i += 1) total += openSlotsOf(clinicians[i]!);
  return total;
}
