/**
 * fast-check arbitraries for small, consistent practices: a few offices with
 * contacts, touchpoints, referrals (legal intake paths), thank-yous and a
 * clinician, all within two years before {@link NOW}.
 */
import fc from 'fast-check';
import { channels, contactRoles, purposes, type IntakeStatus } from '../src/model/vocabulary';
import type { ReferralInput } from '../src/model/referral';
import type { PracticeSnapshotInput } from '../src/model/snapshot';

export const NOW = '2026-03-02T18:00:00Z';
const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Legal intake paths, as status lists after `received`. */
const paths: IntakeStatus[][] = [
  [],
  ['accepted'],
  ['declined'],
  ['cancelled'],
  ['accepted', 'scheduled'],
  ['accepted', 'scheduled', 'first-visit-completed'],
  ['accepted', 'scheduled', 'no-show'],
  ['accepted', 'scheduled', 'no-show', 'scheduled', 'first-visit-completed'],
];

const office = fc.record({
  lifecycle: fc.constantFrom('prospect', 'active', 'active', 'active', 'dormant'),
  contacts: fc.array(fc.constantFrom(...contactRoles), { minLength: 0, maxLength: 4 }),
  touchpoints: fc.array(
    fc.record({
      ageMinutes: fc.integer({ min: -5 * 24 * 60, max: 730 * 24 * 60 }),
      channel: fc.constantFrom(...channels),
      purposes: fc.uniqueArray(fc.constantFrom(...purposes), { minLength: 1, maxLength: 3 }),
      minutes: fc.integer({ min: 0, max: 120 }),
      cards: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
      messageVersion: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
      cost: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
      contactPicks: fc.array(fc.nat(), { maxLength: 3 }),
    }),
    { maxLength: 8 },
  ),
  referrals: fc.array(
    fc.record({
      ageMinutes: fc.integer({ min: 0, max: 400 * 24 * 60 }),
      path: fc.constantFrom(...paths),
      stepMinutes: fc.integer({ min: 1, max: 5 * 24 * 60 }),
      contacted: fc.option(fc.integer({ min: 0, max: 4 * 24 * 60 }), { nil: undefined }),
      checklist: fc.record({ 'prescription-pad': fc.boolean(), 'warm-handoff': fc.boolean(), 'named-clinician': fc.boolean() }),
      contactPicks: fc.array(fc.nat(), { maxLength: 2 }),
      consent: fc.boolean(),
      thanked: fc.boolean(),
    }),
    { maxLength: 5 },
  ),
});

/** A small, valid practice snapshot input. */
export const practiceArbitrary: fc.Arbitrary<PracticeSnapshotInput> = fc
  .record({
    offices: fc.array(office, { minLength: 1, maxLength: 4 }),
    openSlots: fc.integer({ min: 0, max: 6 }),
    messages: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ offices, openSlots, messages }) => {
    const input = {
      practice: { tenantId: 't1', name: 'Practice', timeZone: 'America/Chicago', holidays: ['2026-01-01'] },
      offices: [] as NonNullable<PracticeSnapshotInput['offices']>[number][],
      contacts: [] as NonNullable<PracticeSnapshotInput['contacts']>[number][],
      clinicians: [{ id: 'cl', tenantId: 't1', name: 'Clinician', capacity: { openSlots, acceptingNewClients: true } }],
      messages: Array.from({ length: messages }, (_, i) => ({
        id: `m${i + 1}`,
        tenantId: 't1',
        version: i + 1,
        publishedAt: iso(NOW_MS - (400 - i * 100) * DAY),
        specialties: ['anxiety'],
        idealClient: 'Adults',
        elevatorSpeech: 'We help.',
      })),
      touchpoints: [] as NonNullable<PracticeSnapshotInput['touchpoints']>[number][],
      referrals: [] as NonNullable<PracticeSnapshotInput['referrals']>[number][],
      thankYous: [] as NonNullable<PracticeSnapshotInput['thankYous']>[number][],
      decisions: [],
    };
    offices.forEach((o, i) => {
      const officeId = `o${i}`;
      input.offices.push({ id: officeId, tenantId: 't1', name: `Office ${i}`, kind: 'primary-care', lifecycle: o.lifecycle });
      const contactIds = o.contacts.map((role, j) => {
        const id = `${officeId}-c${j}`;
        input.contacts.push({ id, tenantId: 't1', officeId, name: `Person ${id}`, role });
        return id;
      });
      const pick = (picks: number[]) =>
        contactIds.length === 0 ? [] : [...new Set(picks.map((p) => contactIds[p % contactIds.length]!))];
      o.touchpoints.forEach((t, j) => {
        input.touchpoints.push({
          id: `${officeId}-t${j}`,
          tenantId: 't1',
          officeId,
          at: iso(NOW_MS - t.ageMinutes * 60_000),
          channel: t.channel,
          purposes: t.purposes,
          minutes: t.minutes,
          contactIds: pick(t.contactPicks),
          ...(t.cards === undefined ? {} : { collateral: { cards: t.cards } }),
          ...(t.messageVersion === undefined || t.messageVersion > messages ? {} : { messageVersion: t.messageVersion }),
          ...(t.cost === undefined ? {} : { cost: { amount: t.cost } }),
        });
      });
      o.referrals.forEach((r, j) => {
        const id = `${officeId}-r${j}`;
        const received = NOW_MS - r.ageMinutes * 60_000;
        const intake = r.path.map((status, k) => {
          const at = iso(received + (k + 1) * r.stepMinutes * 60_000);
          return status === 'scheduled' ? { status, at, appointmentAt: iso(received + (k + 2) * r.stepMinutes * 60_000) } : { status, at };
        }) as NonNullable<ReferralInput['intake']>;
        const contacts = pick(r.contactPicks);
        input.referrals.push({
          id,
          tenantId: 't1',
          officeId,
          receivedAt: iso(received),
          via: 'fax',
          contactIds: contacts,
          checklist: r.checklist,
          patient: { reference: `p-${id}`, displayName: `Patient ${id}`, consentToShare: r.consent },
          intake,
          ...(r.contacted === undefined ? {} : { patientContactedAt: iso(received + r.contacted * 60_000) }),
        });
        if (r.thanked && contacts.length > 0) {
          input.thankYous.push({
            id: `${id}-ty`,
            tenantId: 't1',
            officeId,
            contactIds: [contacts[0]!],
            referralIds: [id],
            sentAt: iso(received + DAY),
            medium: 'handwritten-card',
          });
        }
      });
    });
    return input;
  });
