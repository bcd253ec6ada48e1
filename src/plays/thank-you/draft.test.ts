import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors';
import { draftThankYou, type ThankYouDraftInput } from './draft';
import { defaultThankYouPolicy } from './policy';

const NOW = Date.parse('2026-03-02T18:00:00Z'); // Monday, noon in Chicago
const asOf = { now: NOW, timeZone: 'America/Chicago' };

const referral = (receivedAt: string, patient: Partial<ThankYouDraftInput['referrals'][number]['patient']> = {}) => ({
  receivedAt,
  patient: { reference: 'p-1', consentToShare: false, ...patient },
});

const base: ThankYouDraftInput = {
  office: { name: 'Elm Street Pediatrics' },
  contacts: [{ name: 'Ada Okafor', salutation: 'Dr. Okafor' }],
  referrals: [referral('2026-02-27T18:00:00Z'), referral('2026-03-01T18:00:00Z')],
  practiceName: 'Northside Counseling',
  policy: defaultThankYouPolicy,
  asOf,
};

describe('draftThankYou', () => {
  it('writes a personal card with the count, the office, the cards and the ask', () => {
    expect(draftThankYou({ ...base, referrals: [referral('2026-03-01T18:00:00Z'), referral('2026-03-02T15:00:00Z')] })).toEqual({
      salutation: 'Dear Dr. Okafor,',
      body:
        'Thank you for the two patients you referred to Northside Counseling this month. ' +
        'It means a great deal that you and your colleagues at Elm Street Pediatrics trust us to help. ' +
        'We have enclosed three of our business cards for your front desk. ' +
        'Please keep us in mind: we would be glad to see any other patients you think we could help.',
      signature: 'Warmly,\nThe team at Northside Counseling',
      text:
        'Dear Dr. Okafor,\n\n' +
        'Thank you for the two patients you referred to Northside Counseling this month. ' +
        'It means a great deal that you and your colleagues at Elm Street Pediatrics trust us to help. ' +
        'We have enclosed three of our business cards for your front desk. ' +
        'Please keep us in mind: we would be glad to see any other patients you think we could help.\n\n' +
        'Warmly,\nThe team at Northside Counseling',
    });
  });

  it('addresses contacts by salutation, else by name, and the office when there is no one', () => {
    const salutation = (contacts: ThankYouDraftInput['contacts']) => draftThankYou({ ...base, contacts }).salutation;
    expect(salutation([{ name: 'Ben Ames' }])).toBe('Dear Ben Ames,');
    expect(salutation([{ name: 'Ada Okafor', salutation: 'Dr. Okafor' }, { name: 'Ben Ames' }])).toBe(
      'Dear Dr. Okafor and Ben Ames,',
    );
    expect(salutation([{ name: 'A' }, { name: 'B' }, { name: 'C' }])).toBe('Dear A, B and C,');
    const toOffice = draftThankYou({ ...base, contacts: [] });
    expect(toOffice.salutation).toBe('Dear friends at Elm Street Pediatrics,');
    expect(toOffice.body).toContain('everyone at Elm Street Pediatrics trusts us to help.');
  });

  it('counts one patient, a few in words and many in digits', () => {
    const body = (n: number) =>
      draftThankYou({ ...base, referrals: Array.from({ length: n }, () => referral('2026-03-01T18:00:00Z')) }).body;
    expect(body(1)).toMatch(/^Thank you for the patient you referred to Northside Counseling this month\./);
    expect(body(12)).toMatch(/^Thank you for the twelve patients/);
    expect(body(13)).toMatch(/^Thank you for the 13 patients/);
  });

  it('says this month, last month or recently', () => {
    const body = (receivedAt: string[], when: { asOf?: ThankYouDraftInput['asOf'] } = { asOf }) =>
      draftThankYou({ ...base, referrals: receivedAt.map((at) => referral(at)), asOf: when.asOf }).body;
    expect(body(['2026-03-01T18:00:00Z'])).toContain('Northside Counseling this month.');
    expect(body(['2026-02-03T18:00:00Z', '2026-02-27T18:00:00Z'])).toContain('Northside Counseling last month.');
    expect(body(['2026-02-27T18:00:00Z', '2026-03-01T18:00:00Z'])).toContain('Northside Counseling recently.');
    expect(body(['2026-01-27T18:00:00Z'])).toContain('Northside Counseling recently.');
    expect(body(['2026-03-01T18:00:00Z'], {})).toContain('Northside Counseling recently.');
    // 2026-03-01 02:00 UTC is still February 28 in Chicago.
    expect(body(['2026-03-01T02:00:00Z'])).toContain('Northside Counseling last month.');
  });

  it('follows the medium, the number of cards and askForMore', () => {
    const body = (patch: Partial<ThankYouDraftInput['policy']>) =>
      draftThankYou({ ...base, policy: { ...defaultThankYouPolicy, ...patch } }).body;
    expect(body({ enclosedCards: 1 })).toContain('We have enclosed one of our business cards for your front desk.');
    expect(body({ medium: 'email' })).toContain('We will send three of our business cards for your front desk by mail.');
    expect(body({ medium: 'letter' })).toContain('We have enclosed three');
    expect(body({ enclosedCards: 0 })).not.toContain('business cards');
    expect(body({ askForMore: false })).not.toContain('keep us in mind');
  });

  it('signs with the clinicians when given', () => {
    expect(draftThankYou({ ...base, clinicianNames: ['Lee Park, LCSW'] }).signature).toBe(
      'Warmly,\nLee Park, LCSW\nNorthside Counseling',
    );
    expect(draftThankYou({ ...base, clinicianNames: ['Lee Park', 'Mo Diaz'] }).signature).toBe(
      'Warmly,\nLee Park and Mo Diaz\nNorthside Counseling',
    );
    expect(draftThankYou({ ...base, clinicianNames: [] }).signature).toBe('Warmly,\nThe team at Northside Counseling');
  });

  it('names the patients only when every one consented and has a display name', () => {
    const jane = { reference: 'MRN-1', displayName: 'Jane Doe', consentToShare: true };
    const sam = { reference: 'MRN-2', displayName: 'Sam Roe', consentToShare: true };
    const at = '2026-03-01T18:00:00Z';
    const text = (patients: Partial<ThankYouDraftInput['referrals'][number]['patient']>[]) =>
      draftThankYou({ ...base, referrals: patients.map((patient) => referral(at, patient)) }).text;
    expect(text([jane, sam])).toContain('Thank you for referring Jane Doe and Sam Roe to Northside Counseling this month.');
    expect(text([jane, { ...sam, consentToShare: false }])).not.toMatch(/Jane|Sam/);
    expect(text([jane, { reference: 'MRN-3', consentToShare: true }])).not.toContain('Jane');
    expect(text([jane, sam])).not.toContain('MRN-');
  });

  it('refuses to draft for no referral', () => {
    expect(() => draftThankYou({ ...base, referrals: [] })).toThrow(ValidationError);
  });
});
