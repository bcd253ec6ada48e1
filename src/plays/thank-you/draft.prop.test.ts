import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thankYouMedia } from '../../model/vocabulary';
import { draftThankYou, type ThankYouDraftInput } from './draft';

// A reference carries '#', a name a '-': neither ever appears in the card's own
// wording, nor in the office, contact, practice and clinician names below, so
// finding one in the text can only mean it leaked.
const reference = fc.stringMatching(/^[A-Za-z0-9]{1,12}#[A-Za-z0-9#]{0,12}$/);
const displayName = fc.stringMatching(/^[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}-[A-Z][a-z]{1,8}$/);
const instant = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-03-02T18:00:00Z') })
  .map((ms) => new Date(ms).toISOString());

const patient = fc.record(
  { reference, displayName, consentToShare: fc.boolean() },
  { requiredKeys: ['reference', 'consentToShare'] },
);

const input = fc.record({
  office: fc.constantFrom({ name: 'Elm Street Pediatrics' }, { name: 'Lakeside Family Medicine' }),
  contacts: fc.subarray([{ name: 'Ada Okafor', salutation: 'Dr. Okafor' }, { name: 'Ben Ames' }, { name: 'Cy Ortiz' }]),
  referrals: fc.array(fc.record({ receivedAt: instant, patient }), { minLength: 1, maxLength: 6 }),
  practiceName: fc.constantFrom('Northside Counseling', 'Harbor Therapy Group'),
  clinicianNames: fc.option(fc.subarray(['Lee Park, LCSW', 'Mo Diaz, PhD']), { nil: undefined }),
  policy: fc.record({
    medium: fc.constantFrom(...thankYouMedia),
    enclosedCards: fc.integer({ min: 0, max: 20 }),
    askForMore: fc.boolean(),
  }),
  asOf: fc.option(fc.constant({ now: Date.parse('2026-03-02T18:00:00Z'), timeZone: 'America/Chicago' }), {
    nil: undefined,
  }),
}) as fc.Arbitrary<ThankYouDraftInput>;

const allConsented = (value: ThankYouDraftInput) =>
  value.referrals.every((referral) => referral.patient.consentToShare && referral.patient.displayName !== undefined);

describe('draftThankYou never leaks patient information (properties)', () => {
  it('never writes a patient reference', () => {
    fc.assert(
      fc.property(input, (value) => {
        const { text } = draftThankYou(value);
        for (const referral of value.referrals) expect(text).not.toContain(referral.patient.reference);
      }),
    );
  });

  it('writes no patient name unless every patient consented', () => {
    fc.assert(
      fc.property(input, (value) => {
        fc.pre(!allConsented(value));
        const { text } = draftThankYou(value);
        for (const referral of value.referrals) {
          if (referral.patient.displayName !== undefined) expect(text).not.toContain(referral.patient.displayName);
        }
      }),
    );
  });

  it('names every patient when every patient consented', () => {
    fc.assert(
      fc.property(input, (value) => {
        fc.pre(allConsented(value));
        const { text } = draftThankYou(value);
        for (const referral of value.referrals) expect(text).toContain(referral.patient.displayName);
      }),
    );
  });

  it('writes the same text whatever the references, and whatever the names without consent', () => {
    fc.assert(
      fc.property(input, fc.array(fc.tuple(reference, displayName), { minLength: 6, maxLength: 6 }), (value, others) => {
        const consented = allConsented(value);
        const swapped: ThankYouDraftInput = {
          ...value,
          referrals: value.referrals.map((referral, index) => {
            const [otherReference, otherName] = others[index]!;
            const { displayName: name, ...rest } = referral.patient;
            return {
              ...referral,
              patient: {
                ...rest,
                reference: otherReference,
                ...(name === undefined ? {} : { displayName: consented ? name : otherName }),
              },
            };
          }),
        };
        expect(draftThankYou(swapped).text).toBe(draftThankYou(value).text);
      }),
    );
  });
});
