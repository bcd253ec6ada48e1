import { describe, expectTypeOf, it } from 'vitest';
import { followUpPolicyDefinition } from './follow-up/policy';
import { definePlay, type HistoryPart, type Play } from './play';

describe('Play.reads', () => {
  it('is an optional list of the four history parts', () => {
    expectTypeOf<Play['reads']>().toEqualTypeOf<readonly HistoryPart[] | undefined>();
    expectTypeOf<HistoryPart>().toEqualTypeOf<'contacts' | 'touchpoints' | 'referrals' | 'thankYous'>();
  });

  it('accepts the part names in definePlay and rejects any other', () => {
    const plan = () => [];
    const score = () => ({ score: null, reasons: [], facts: {}, evidence: [] });
    definePlay({ id: 'x', title: 'X', policy: followUpPolicyDefinition, reads: ['touchpoints', 'thankYous'], plan, score });
    // @ts-expect-error — `touchpoint` is not a part name.
    definePlay({ id: 'x', title: 'X', policy: followUpPolicyDefinition, reads: ['touchpoint'], plan, score });
  });
});
