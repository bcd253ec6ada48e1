/**
 * A small hand-built practice for the report's tests, whose numbers can be worked
 * out by hand (see the comments). Not part of the package.
 *
 * @internal
 * @module
 */
import { scenario } from '../../../test/scenario';
import type { PracticeSnapshot } from '../../model/snapshot';

/** Monday 2 March 2026, noon in Chicago. @internal */
export const TEST_NOW = '2026-03-02T18:00:00Z';

/** An office name that would break the page if it were not escaped. @internal */
export const HOSTILE_NAME = `<script>alert("x")</script> & 'Co' </svg><img src=x onerror=alert(1)>`;

/**
 * Four offices in America/Chicago, seen at {@link TEST_NOW}:
 *
 * - `a` Lakeside Family Medicine: 2 × 60 min of outreach, 3 referrals (Nov, Jan,
 *   Feb), one first visit → 1.5 referrals and 0.5 first visits per hour; the
 *   January one was contacted two business days late;
 * - `b` Elm Street Pediatrics: 30 + 90 min, no referral, last seen 2025-10-01
 *   (152 days: overdue);
 * - `c` Quiet Office: no outreach, one referral (Thursday 26 Feb) never
 *   contacted → late by Monday; never contacted itself;
 * - `h` a hostile name: 45 min on 25 Feb, no referral.
 *
 * @returns The validated snapshot.
 * @example
 * ```ts
 * testPractice().offices.length; //=> 4
 * ```
 * @internal
 */
export function testPractice(): PracticeSnapshot {
  return scenario()
    .office('a', { name: 'Lakeside Family Medicine' })
    .office('b', { name: 'Elm Street Pediatrics', kind: 'pediatrics' })
    .office('c', { name: 'Quiet Office' })
    .office('h', { name: HOSTILE_NAME })
    .touch('t1', 'a', '2025-12-01T16:00:00Z', { minutes: 60 })
    .touch('t2', 'a', '2026-02-20T16:00:00Z', { minutes: 60 })
    .touch('t3', 'b', '2025-06-01T15:00:00Z', { minutes: 30 })
    .touch('t4', 'b', '2025-10-01T15:00:00Z', { minutes: 90 })
    .touch('t5', 'h', '2026-02-25T15:00:00Z', { minutes: 45 })
    // Monday 09:00 CST, contacted two hours later, seen on Friday.
    .referral('r1', 'a', '2026-02-23T15:00:00Z', {
      patientContactedAt: '2026-02-23T17:00:00Z',
      intake: [
        { status: 'accepted', at: '2026-02-23T17:00:00Z' },
        { status: 'scheduled', at: '2026-02-23T17:05:00Z', appointmentAt: '2026-02-27T16:00:00Z' },
        { status: 'first-visit-completed', at: '2026-02-27T17:00:00Z' },
      ],
    })
    // Monday 12 January, contacted Wednesday: 2 business days > 1, late.
    .referral('r2', 'a', '2026-01-12T15:00:00Z', { patientContactedAt: '2026-01-14T20:00:00Z' })
    // Monday 3 November, contacted the same day.
    .referral('r3', 'a', '2025-11-03T15:00:00Z', { patientContactedAt: '2025-11-03T19:00:00Z' })
    // Thursday 26 February, never contacted: Friday and Monday have passed.
    .referral('r4', 'c', '2026-02-26T15:00:00Z')
    .build();
}
