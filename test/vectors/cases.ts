/**
 * The test-vector cases: inputs, plus the facts each case was written to show,
 * worked out by hand from the play's rules (see docs/plays). `npm run vectors`
 * writes each case with the engine's full output to `vectors/<name>.json`;
 * `test/vectors.test.ts` checks both the files and these hand-written facts.
 */
import { generatePractice } from '../../src/testing/generator';
import { unwrap } from '../../src/model/result';
import { parsePlaybook } from '../../src/playbook/parse';
import { defaultPlaybook, type Playbook } from '../../src/playbook/playbook';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { daysBefore, scenario } from '../scenario';

export interface VectorCase {
  readonly name: string;
  readonly description: string;
  /** The play the case pins, or null for a whole practice. */
  readonly play: string | null;
  readonly now: string;
  readonly playbook: Playbook;
  readonly snapshot: () => PracticeSnapshot;
  /** Facts worked out by hand: the actions as [play, kind, officeId, due], in plan order. */
  readonly handActions?: readonly (readonly [string, string, string, string])[];
  /** Follow-up statuses by office, worked out by hand. */
  readonly handFollowUp?: Readonly<Record<string, string>>;
}

// Monday 2 March 2026, noon in Chicago.
const NOW = '2026-03-02T18:00:00Z';
const only = (...ids: string[]): Playbook => ({
  ...defaultPlaybook,
  plays: Object.fromEntries(
    Object.entries(defaultPlaybook.plays).map(([id, policy]) => [id, { ...policy, enabled: ids.includes(id) }]),
  ) as unknown as Playbook['plays'],
});

export const vectorCases: readonly VectorCase[] = [
  {
    name: 'follow-up-cadence',
    description:
      'Seven offices last contacted 20, 50, 80, 100, 130 and 200 days ago and never. Too-soon and on-track get nothing; due-soon is planned ahead for day 90; due, overdue and lapsed are late; the never-contacted office gets an introduction today.',
    play: 'follow-up',
    now: NOW,
    playbook: only('follow-up'),
    snapshot: () =>
      scenario()
        .office('d020')
        .office('d050')
        .office('d080')
        .office('d100')
        .office('d130')
        .office('d200')
        .office('never')
        .touch('t020', 'd020', daysBefore(NOW, 20))
        .touch('t050', 'd050', daysBefore(NOW, 50))
        .touch('t080', 'd080', daysBefore(NOW, 80))
        .touch('t100', 'd100', daysBefore(NOW, 100))
        .touch('t130', 'd130', daysBefore(NOW, 130))
        .touch('t200', 'd200', daysBefore(NOW, 200))
        .build(),
    // Last contacts: d200 2025-08-14, d130 2025-10-23, d100 2025-11-22, d080 2025-12-12; each + 90 days.
    handActions: [
      ['follow-up', 'follow-up', 'd200', '2025-11-12'],
      ['follow-up', 'follow-up', 'd130', '2026-01-21'],
      ['follow-up', 'follow-up', 'd100', '2026-02-20'],
      ['follow-up', 'follow-up', 'never', '2026-03-02'],
      ['follow-up', 'follow-up', 'd080', '2026-03-12'],
    ],
    handFollowUp: {
      d020: 'too-soon',
      d050: 'on-track',
      d080: 'due-soon',
      d100: 'due',
      d130: 'overdue',
      d200: 'lapsed',
      never: 'never-contacted',
    },
  },
  {
    name: 'ask-openings-and-intake',
    description:
      'Three open slots reach the threshold of 2: the office not asked for 100 days is asked; the one asked 40 days ago is inside the 90-day cooldown. A referral received last Wednesday and never contacted breaks the one-business-day promise.',
    play: 'ask',
    now: NOW,
    playbook: only('ask'),
    snapshot: () =>
      scenario()
        .clinician('cl', { capacity: { openSlots: 3, acceptingNewClients: true } })
        .office('a')
        .office('b')
        .contact('a-dr', 'a', 'physician')
        .contact('b-dr', 'b', 'physician')
        .touch('ask-a', 'a', daysBefore(NOW, 100), { purposes: ['ask'], contactIds: ['a-dr'] })
        .touch('ask-b', 'b', daysBefore(NOW, 40), { purposes: ['ask'], contactIds: ['b-dr'] })
        .referral('r1', 'b', '2026-02-25T16:00:00Z', { contactIds: ['b-dr'] })
        .build(),
    // Due dates: contact promise = 1 business day after Wed 2026-02-25 = Thu 02-26; first visit not yet late (5 days).
    handActions: [
      ['ask', 'expedite-intake', 'b', '2026-02-26'],
      ['ask', 'ask', 'a', '2026-03-02'],
    ],
  },
  {
    name: 'face-to-face-visit',
    description:
      'An office phoned 40 days ago but last visited in person 200 days ago is due a visit (180 days, due on the 180th day); one visited 60 days ago is not.',
    play: 'face-to-face',
    now: NOW,
    playbook: only('face-to-face'),
    snapshot: () =>
      scenario()
        .office('far')
        .office('near')
        .touch('visit-far', 'far', daysBefore(NOW, 200))
        .touch('call-far', 'far', daysBefore(NOW, 40), { channel: 'phone' })
        .touch('visit-near', 'near', daysBefore(NOW, 60))
        .build(),
    // 2025-08-14 + 180 days = 2026-02-10.
    handActions: [['face-to-face', 'visit', 'far', '2026-02-10']],
  },
  {
    name: 'educate-new-message',
    description:
      'Message version 2 was published; one office heard version 1, another version 2, a third never heard it. The first and third get an educate action today.',
    play: 'educate',
    now: NOW,
    playbook: only('educate'),
    snapshot: () =>
      scenario()
        .message(1, '2025-01-10T15:00:00Z')
        .message(2, '2026-01-10T15:00:00Z')
        .office('heard-v1')
        .office('heard-v2')
        .office('never')
        .touch('t1', 'heard-v1', daysBefore(NOW, 60), { purposes: ['educate'], messageVersion: 1 })
        .touch('t2', 'heard-v2', daysBefore(NOW, 45), { purposes: ['educate'], messageVersion: 2 })
        .touch('t3', 'never', daysBefore(NOW, 45))
        .build(),
    handActions: [
      ['educate', 'educate', 'heard-v1', '2026-03-02'],
      ['educate', 'educate', 'never', '2026-03-02'],
    ],
  },
  {
    name: 'strong-referrals-coach',
    description:
      'Two weak referrals (no checklist item, and only the prescription pad: 30 < 40) since the last coaching visit trigger a coach action; a strong referral (100) does not count.',
    play: 'strong-referrals',
    now: NOW,
    playbook: only('strong-referrals'),
    snapshot: () =>
      scenario()
        .office('o')
        .contact('dr', 'o', 'physician')
        .touch('coach', 'o', daysBefore(NOW, 120), { purposes: ['coach'] })
        .referral('weak1', 'o', daysBefore(NOW, 50), { contactIds: ['dr'] })
        .referral('strong', 'o', daysBefore(NOW, 45), {
          contactIds: ['dr'],
          checklist: { 'prescription-pad': true, 'warm-handoff': true, 'named-clinician': true },
        })
        .referral('weak2', 'o', daysBefore(NOW, 40), { contactIds: ['dr'], checklist: { 'prescription-pad': true } })
        .build(),
    handActions: [['strong-referrals', 'coach', 'o', '2026-03-02']],
  },
  {
    name: 'office-staff-befriend',
    description:
      'One office has a receptionist last seen 120 days ago (more than 90): befriend-staff. Another has a nurse seen 50 days ago: nothing. A third has no staff on file: befriend-staff with no contacts.',
    play: 'office-staff',
    now: NOW,
    playbook: only('office-staff'),
    snapshot: () =>
      scenario()
        .office('stale')
        .office('fine')
        .office('none')
        .contact('rec', 'stale', 'receptionist')
        .contact('rn', 'fine', 'nurse')
        .contact('dr', 'none', 'physician')
        .touch('t1', 'stale', daysBefore(NOW, 120), { contactIds: ['rec'] })
        .touch('t1b', 'stale', daysBefore(NOW, 45))
        .touch('t2', 'fine', daysBefore(NOW, 50), { contactIds: ['rn'] })
        .touch('t3', 'none', daysBefore(NOW, 45), { contactIds: ['dr'] })
        .build(),
    handActions: [
      ['office-staff', 'befriend-staff', 'none', '2026-03-02'],
      ['office-staff', 'befriend-staff', 'stale', '2026-03-02'],
    ],
  },
  {
    name: 'stock-cards-restock',
    description:
      '70 cards dropped 70 days ago (10 weeks × 1 card) and 5 referrals since (5 cards): 55 left, no restock. Another office got 40 cards 98 days ago (14 weeks): 26, then 3 referrals: 23 < 25, restock 77 to reach 100.',
    play: 'stock-cards',
    now: NOW,
    playbook: only('stock-cards'),
    snapshot: () => {
      const build = scenario()
        .office('full')
        .office('low')
        .touch('drop-full', 'full', daysBefore(NOW, 70), { purposes: ['collateral-drop'], collateral: { cards: 70 } })
        .touch('drop-low', 'low', daysBefore(NOW, 98), { purposes: ['collateral-drop'], collateral: { cards: 40 } });
      for (let i = 0; i < 5; i += 1) build.referral(`full-r${i}`, 'full', daysBefore(NOW, 60 - i));
      for (let i = 0; i < 3; i += 1) build.referral(`low-r${i}`, 'low', daysBefore(NOW, 50 - i));
      return build.build();
    },
    handActions: [['stock-cards', 'restock', 'low', '2026-03-02']],
  },
  {
    name: 'be-a-resource-offer',
    description:
      'An office offered an in-service 400 days ago (more than 365) gets an offer-resource action, due today; one that heard a staff-meeting talk 100 days ago does not.',
    play: 'be-a-resource',
    now: NOW,
    playbook: only('be-a-resource'),
    snapshot: () =>
      scenario()
        .office('old')
        .office('recent')
        .touch('offer', 'old', daysBefore(NOW, 400), { purposes: ['in-service'] })
        .touch('call', 'old', daysBefore(NOW, 45), { channel: 'phone' })
        .touch('talk', 'recent', daysBefore(NOW, 100), { purposes: ['staff-meeting-talk'] })
        .build(),
    handActions: [['be-a-resource', 'offer-resource', 'old', '2026-03-02']],
  },
  {
    name: 'thank-you-batches',
    description:
      'Dr. Ames referred on Thu 26 Feb and Fri 27 Feb (one card, due 3 business days after Thursday: Tue 3 Mar); the nurse referred on Mon 16 Feb and was thanked; the Friday 20 Feb referral from the receptionist is due Wed 25 Feb, with Mon 23 Feb a practice holiday → Thu 26 Feb.',
    play: 'thank-you',
    now: NOW,
    playbook: only('thank-you'),
    snapshot: () =>
      scenario({ holidays: ['2026-02-23'] })
        .office('o')
        .contact('dr', 'o', 'physician', { name: 'Dana Ames', salutation: 'Dr. Ames' })
        .contact('rn', 'o', 'nurse')
        .contact('rec', 'o', 'receptionist')
        .referral('r-rn', 'o', '2026-02-16T16:00:00Z', { contactIds: ['rn'] })
        .thankYou('ty-rn', 'o', '2026-02-17T16:00:00Z', { contactIds: ['rn'], referralIds: ['r-rn'] })
        .referral('r-rec', 'o', '2026-02-20T16:00:00Z', { contactIds: ['rec'] })
        .referral('r-dr1', 'o', '2026-02-26T16:00:00Z', { contactIds: ['dr'] })
        .referral('r-dr2', 'o', '2026-02-27T16:00:00Z', { contactIds: ['dr'] })
        .build(),
    handActions: [
      ['thank-you', 'send-thank-you', 'o', '2026-02-26'],
      ['thank-you', 'send-thank-you', 'o', '2026-03-03'],
    ],
  },
  {
    name: 'practice-small',
    description: 'A generated practice of 12 offices over three years (seed 1), with the default playbook.',
    play: null,
    now: NOW,
    playbook: defaultPlaybook,
    snapshot: () => generatePractice({ seed: 1, offices: 12, now: NOW, tenantId: 't1', timeZone: 'America/Chicago' }),
  },
  {
    name: 'practice-custom-playbook',
    description:
      'A generated practice of 20 offices (seed 2) with a partial playbook: follow up every 60 days (due soon at 50), a 30-day horizon, and thank-you cards only for first referrals and the 5th and 10th.',
    play: null,
    now: '2026-06-15T14:00:00Z',
    playbook: unwrap(
      parsePlaybook({
        version: 2,
        extends: 'referwell:default',
        planning: { horizonDays: 30 },
        plays: {
          'follow-up': { dueSoonDays: 50, targetDays: 60 },
          'thank-you': { triggers: [{ kind: 'first-from-contact' }, { kind: 'milestones', milestones: [5, 10] }] },
        },
      }),
    ),
    snapshot: () => generatePractice({ seed: 2, offices: 20, now: '2026-06-15T14:00:00Z', tenantId: 't1', timeZone: 'America/Chicago' }),
  },
];
