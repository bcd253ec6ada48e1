import { describe, expectTypeOf, it } from 'vitest';
import type { ReferwellErrorCode } from '../errors';
import type { Contact, Office, PracticeSnapshot, Referral, Result } from './index';
import { intakeStatus, parseRecord } from './index';
import type { IntakeStatus } from './vocabulary';

declare const office: Office;
declare const snapshot: PracticeSnapshot;
declare const referral: Referral;

describe('model types', () => {
  it('records are readonly all the way down', () => {
    // @ts-expect-error a record's fields cannot be assigned
    office.name = 'x';
    // @ts-expect-error nested arrays cannot be pushed to
    office.tags.push('x');
    // @ts-expect-error snapshot collections are readonly
    snapshot.offices.push(office);
    // @ts-expect-error intake steps are readonly
    referral.intake[0]!.at = 'x';
  });

  it('parseRecord returns the type of the kind asked for', () => {
    expectTypeOf(parseRecord('contact', {})).toEqualTypeOf<Result<Contact>>();
    // @ts-expect-error not a record kind
    parseRecord('patient', {});
  });

  it('a failed result has no value and a successful one no error', () => {
    const result = parseRecord('office', {});
    if (result.ok) {
      expectTypeOf(result.value).toEqualTypeOf<Office>();
      // @ts-expect-error no error on success
      void result.error;
    } else {
      expectTypeOf(result.error.code).toEqualTypeOf<ReferwellErrorCode>();
    }
  });

  it('intake statuses are a closed union', () => {
    expectTypeOf(intakeStatus(referral)).toEqualTypeOf<IntakeStatus>();
    // @ts-expect-error channels are a closed union
    const channel: Office['kind'] = 'spa';
    void channel;
  });
});
