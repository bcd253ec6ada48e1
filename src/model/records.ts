import { z } from 'zod';
import { actionDecisionSchema, type ActionDecision } from './action-decision';
import { clinicianSchema, type Clinician } from './clinician';
import { contactSchema, type Contact } from './contact';
import { officeSchema, type Office } from './office';
import { practiceMessageSchema, type PracticeMessage } from './practice-message';
import { referralSchema, type Referral } from './referral';
import { safeParseWith, type Result } from './result';
import { thankYouSchema, type ThankYou } from './thank-you';
import { touchpointSchema, type Touchpoint } from './touchpoint';

/**
 * The schema of every kind of record, by kind name.
 *
 * @category Model
 */
export const recordSchemas = {
  office: officeSchema,
  contact: contactSchema,
  clinician: clinicianSchema,
  'practice-message': practiceMessageSchema,
  touchpoint: touchpointSchema,
  referral: referralSchema,
  'thank-you': thankYouSchema,
  'action-decision': actionDecisionSchema,
} as const;

/** The name of a kind of record. @category Model */
export type RecordKind = keyof typeof recordSchemas;

/** Every kind of record, in a fixed order. @category Model */
export const recordKinds = Object.keys(recordSchemas) as readonly RecordKind[];

/**
 * The record type of each kind.
 *
 * @category Model
 */
export interface RecordTypes {
  office: Office;
  contact: Contact;
  clinician: Clinician;
  'practice-message': PracticeMessage;
  touchpoint: Touchpoint;
  referral: Referral;
  'thank-you': ThankYou;
  'action-decision': ActionDecision;
}

/** The input accepted for each kind of record (defaults may be left out). @category Model */
export type RecordInputs = { [K in RecordKind]: z.input<(typeof recordSchemas)[K]> };

/**
 * Validates one record of the given kind, filling in defaults.
 *
 * @param kind - Which kind of record `input` should be.
 * @param input - Untrusted data (a request body, a database row, a CSV line).
 * @returns The typed record, or a {@link ValidationError} with every problem and its path.
 * @example
 * ```ts
 * const result = parseRecord('contact', { id: 'c-1', tenantId: 't1', officeId: 'o-1', name: 'Dr. Ames', role: 'physician', npi: '1234567890' });
 * result.ok; //=> false
 * result.error.issues[0].message; //=> 'NPI check digit is wrong: for 123456789 it must be 3, not 0'
 * ```
 * @category Model
 */
export function parseRecord<K extends RecordKind>(kind: K, input: unknown): Result<RecordTypes[K]> {
  return safeParseWith(recordSchemas[kind] as z.ZodType, input, kind) as Result<RecordTypes[K]>;
}
