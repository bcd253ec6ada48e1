import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { askPolicySchema, defaultAskPolicy } from './policy';

const pointers = (input: unknown) => {
  const result = askPolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('ask policy', () => {
  it('parses its default to an equal value', () => {
    expect(askPolicySchema.parse(defaultAskPolicy)).toEqual(defaultAskPolicy);
  });

  it('has the defaults of DESIGN §1', () => {
    expect(defaultAskPolicy).toEqual({
      enabled: true,
      scoreWeight: 10,
      openingsThreshold: 2,
      cooldownDays: 90,
      maxOfficesPerAsk: 5,
      referralWindowDays: 365,
      intake: { contactWithinBusinessDays: 1, firstVisitWithinDays: 7 },
    });
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(defaultAskPolicy)).toBe(true);
    expect(Object.isFrozen(defaultAskPolicy.intake)).toBe(true);
  });

  it('rejects unknown keys at any depth, by name', () => {
    expect(pointers({ ...defaultAskPolicy, extra: 1 })).toEqual(['/extra']);
    expect(pointers({ ...defaultAskPolicy, intake: { ...defaultAskPolicy.intake, slack: 2 } })).toEqual([
      '/intake/slack',
    ]);
  });

  it('rejects fractional and negative days and a zero threshold', () => {
    expect(pointers({ ...defaultAskPolicy, cooldownDays: 1.5 })).toEqual(['/cooldownDays']);
    expect(pointers({ ...defaultAskPolicy, cooldownDays: -1 })).toEqual(['/cooldownDays']);
    expect(pointers({ ...defaultAskPolicy, openingsThreshold: 0 })).toEqual(['/openingsThreshold']);
    expect(pointers({ ...defaultAskPolicy, intake: { contactWithinBusinessDays: -1, firstVisitWithinDays: 7 } })).toEqual(
      ['/intake/contactWithinBusinessDays'],
    );
  });

  it('needs a referral window of at least one day', () => {
    expect(pointers({ ...defaultAskPolicy, referralWindowDays: 0 })).toEqual(['/referralWindowDays']);
    expect(pointers({ ...defaultAskPolicy, referralWindowDays: 30 })).toEqual([]);
    const { referralWindowDays: _window, ...withoutWindow } = defaultAskPolicy;
    expect(pointers(withoutWindow)).toEqual(['/referralWindowDays']);
  });

  it('accepts zero days of cooldown (ask whenever there are openings)', () => {
    expect(pointers({ ...defaultAskPolicy, cooldownDays: 0 })).toEqual([]);
  });
});
