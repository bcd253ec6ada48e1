import type { PracticeSnapshotInput } from '../src/model/snapshot';

/** A small, hand-written practice used across the model tests. */
export function smallPractice(): PracticeSnapshotInput {
  return {
    practice: { tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago', holidays: ['2026-12-25'] },
    offices: [
      { id: 'off-b', tenantId: 't1', name: 'Elm Street Pediatrics', kind: 'pediatrics', lifecycle: 'active' },
      {
        id: 'off-a',
        tenantId: 't1',
        name: 'Lakeside Family Medicine',
        kind: 'primary-care',
        lifecycle: 'active',
        timeZone: 'America/New_York',
      },
    ],
    contacts: [
      { id: 'c-2', tenantId: 't1', officeId: 'off-a', name: 'Priya Shah', role: 'receptionist' },
      { id: 'c-1', tenantId: 't1', officeId: 'off-a', name: 'Dr. Ames', role: 'physician', npi: '1234567893' },
      { id: 'c-3', tenantId: 't1', officeId: 'off-b', name: 'Dr. Ortiz', role: 'physician' },
    ],
    clinicians: [
      { id: 'cl-1', tenantId: 't1', name: 'Sam Lee, LCSW', capacity: { openSlots: 3, acceptingNewClients: true } },
    ],
    messages: [
      {
        id: 'm-1',
        tenantId: 't1',
        version: 1,
        publishedAt: '2025-06-01T12:00:00Z',
        specialties: ['anxiety'],
        idealClient: 'Adults with anxiety',
        elevatorSpeech: 'We help anxious adults.',
      },
    ],
    touchpoints: [
      {
        id: 'tp-2',
        tenantId: 't1',
        officeId: 'off-a',
        contactIds: ['c-1', 'c-2'],
        at: '2026-02-10T15:00:00Z',
        channel: 'in-person',
        purposes: ['follow-up'],
        minutes: 40,
      },
      {
        id: 'tp-1',
        tenantId: 't1',
        officeId: 'off-a',
        contactIds: ['c-2'],
        at: '2026-01-05T15:00:00Z',
        channel: 'phone',
        purposes: ['introduction'],
        minutes: 10,
      },
    ],
    referrals: [
      {
        id: 'r-1',
        tenantId: 't1',
        officeId: 'off-a',
        contactIds: ['c-1', 'c-2'],
        receivedAt: '2026-02-12T16:00:00Z',
        via: 'phone-from-office',
        checklist: { 'warm-handoff': true },
        patient: { reference: 'p-1' },
        intake: [
          { status: 'accepted', at: '2026-02-12T18:00:00Z' },
          { status: 'scheduled', at: '2026-02-13T15:00:00Z', appointmentAt: '2026-02-18T15:00:00Z' },
          { status: 'first-visit-completed', at: '2026-02-18T16:00:00Z' },
        ],
        patientContactedAt: '2026-02-12T17:00:00Z',
      },
    ],
    thankYous: [
      {
        id: 'ty-1',
        tenantId: 't1',
        officeId: 'off-a',
        contactIds: ['c-1'],
        referralIds: ['r-1'],
        sentAt: '2026-02-13T20:00:00Z',
        medium: 'handwritten-card',
        cardsEnclosed: 3,
        askedForMore: true,
      },
    ],
    decisions: [],
  };
}
