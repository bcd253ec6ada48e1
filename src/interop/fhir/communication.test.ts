import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../model/records';
import { unwrap } from '../../model/result';
import { channels, thankYouMedia } from '../../model/vocabulary';
import {
  channelModes,
  thankYouMediumModes,
  toFhirThankYouCommunication,
  toFhirTouchpointCommunication,
} from './communication';
import { fhirProblems } from './fhir-test-support';

const touchpoint = unwrap(
  parseRecord('touchpoint', {
    id: 'tp-1',
    tenantId: 't1',
    officeId: 'off-1',
    contactIds: ['c-2'],
    clinicianId: 'cl-1',
    at: '2026-03-02T15:00:00Z',
    channel: 'in-person',
    purposes: ['follow-up', 'collateral-drop'],
    minutes: 45,
    collateral: { cards: 50 },
    messageVersion: 2,
    resources: ['in-service'],
    cost: { amount: 4500, description: 'Lunch for the front desk' },
    notes: 'Dr. Ames was out.',
  }),
);

const thankYou = unwrap(
  parseRecord('thank-you', {
    id: 'ty-1',
    tenantId: 't1',
    officeId: 'off-1',
    contactIds: ['c-1'],
    referralIds: ['r-1', 'r-2'],
    sentAt: '2026-03-04T17:00:00Z',
    medium: 'handwritten-card',
    cardsEnclosed: 3,
    askedForMore: true,
    text: 'Thank you for thinking of us.',
  }),
);

describe('toFhirTouchpointCommunication', () => {
  it('maps a touchpoint to a Communication, leaving out spend and notes', () => {
    const communication = toFhirTouchpointCommunication(touchpoint);
    expect(fhirProblems(communication)).toEqual([]);
    expect(communication).toEqual({
      resourceType: 'Communication',
      id: 'tp-1',
      extension: [
        {
          url: 'urn:referwell:extension:minutes',
          valueDuration: { value: 45, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
        },
        { url: 'urn:referwell:extension:cards', valueInteger: 50 },
        { url: 'urn:referwell:extension:message-version', valueInteger: 2 },
        {
          url: 'urn:referwell:extension:resource-offered',
          valueCoding: { system: 'urn:referwell:code-system:resource-kind', code: 'in-service' },
        },
      ],
      identifier: [
        {
          system: 'urn:referwell:touchpoint',
          value: 'tp-1',
          assigner: { identifier: { system: 'urn:referwell:tenant', value: 't1' } },
        },
      ],
      status: 'completed',
      category: [
        { coding: [{ system: 'urn:referwell:code-system:purpose', code: 'follow-up' }] },
        { coding: [{ system: 'urn:referwell:code-system:purpose', code: 'collateral-drop' }] },
      ],
      medium: [
        {
          coding: [
            { system: 'urn:referwell:code-system:channel', code: 'in-person' },
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode',
              code: 'FACE',
              display: 'face-to-face',
            },
          ],
        },
      ],
      sent: '2026-03-02T15:00:00Z',
      recipient: [
        { reference: 'Organization/off-1', identifier: { system: 'urn:referwell:office', value: 'off-1' } },
        { reference: 'PractitionerRole/c-2', identifier: { system: 'urn:referwell:contact', value: 'c-2' } },
      ],
      sender: { type: 'Practitioner', identifier: { system: 'urn:referwell:clinician', value: 'cl-1' } },
    });
    expect(JSON.stringify(communication)).not.toMatch(/Lunch|4500|Ames/);
  });

  it('has a ParticipationMode for every channel and every thank-you medium, all valid', () => {
    expect(Object.keys(channelModes).sort()).toEqual([...channels].sort());
    expect(Object.keys(thankYouMediumModes).sort()).toEqual([...thankYouMedia].sort());
    for (const channel of channels) {
      expect(
        fhirProblems(toFhirTouchpointCommunication({ ...touchpoint, channel, minutes: 0, collateral: undefined })),
      ).toEqual([]);
    }
  });
});

describe('toFhirThankYouCommunication', () => {
  it('maps a thank-you card to a Communication about the referrals it acknowledges', () => {
    const communication = toFhirThankYouCommunication(thankYou);
    expect(fhirProblems(communication)).toEqual([]);
    expect(communication).toMatchObject({
      resourceType: 'Communication',
      status: 'completed',
      category: [{ coding: [{ system: 'urn:referwell:code-system:purpose', code: 'thank-you' }] }],
      medium: [
        {
          coding: [
            { system: 'urn:referwell:code-system:thank-you-medium', code: 'handwritten-card' },
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode',
              code: 'HANDWRIT',
              display: 'handwritten',
            },
          ],
        },
      ],
      sent: '2026-03-04T17:00:00Z',
      about: [
        { reference: 'ServiceRequest/r-1', identifier: { system: 'urn:referwell:referral', value: 'r-1' } },
        { reference: 'ServiceRequest/r-2', identifier: { system: 'urn:referwell:referral', value: 'r-2' } },
      ],
      payload: [{ contentString: 'Thank you for thinking of us.' }],
      extension: [
        { url: 'urn:referwell:extension:cards', valueInteger: 3 },
        { url: 'urn:referwell:extension:asked-for-more', valueBoolean: true },
      ],
    });
    const bare = toFhirThankYouCommunication({ ...thankYou, referralIds: [], text: undefined } as never);
    expect(bare.about).toBeUndefined();
    expect(bare.payload).toBeUndefined();
    expect(fhirProblems(bare)).toEqual([]);
  });
});
