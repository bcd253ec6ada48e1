import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { defaultFollowUpPolicy, followUpPolicySchema } from './policy';

const pointers = (input: unknown) => {
  const result = followUpPolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('follow-up policy', () => {
  it('parses its default to an equal value', () => {
    expect(followUpPolicySchema.parse(defaultFollowUpPolicy)).toEqual(defaultFollowUpPolicy);
    expect(defaultFollowUpPolicy).toEqual({
      enabled: true,
      scoreWeight: 20,
      nuisanceFloorDays: 30,
      dueSoonDays: 76,
      targetDays: 90,
      overdueDays: 120,
      lapsedDays: 180,
      countingChannels: 'all',
      countingPurposes: 'all',
    });
  });

  it('reports the first bound that does not increase', () => {
    expect(pointers({ ...defaultFollowUpPolicy, dueSoonDays: 20 })).toEqual(['/dueSoonDays']);
    expect(pointers({ ...defaultFollowUpPolicy, dueSoonDays: 100 })).toEqual(['/targetDays']);
    expect(pointers({ ...defaultFollowUpPolicy, overdueDays: 90 })).toEqual(['/overdueDays']);
    expect(pointers({ ...defaultFollowUpPolicy, lapsedDays: 120 })).toEqual(['/lapsedDays']);
    // Two breaks: only the first is reported.
    expect(pointers({ ...defaultFollowUpPolicy, dueSoonDays: 30, lapsedDays: 10 })).toEqual(['/dueSoonDays']);
  });

  it('accepts restricted channel and purpose lists', () => {
    const policy = { ...defaultFollowUpPolicy, countingChannels: ['in-person', 'phone'], countingPurposes: ['follow-up'] };
    expect(pointers(policy)).toEqual([]);
  });

  it('rejects empty, repeated or unknown channel and purpose lists', () => {
    expect(pointers({ ...defaultFollowUpPolicy, countingChannels: [] })).toEqual(['/countingChannels']);
    expect(pointers({ ...defaultFollowUpPolicy, countingChannels: ['phone', 'phone'] })).toEqual([
      '/countingChannels/1',
    ]);
    expect(pointers({ ...defaultFollowUpPolicy, countingPurposes: 'some' })).toEqual(['/countingPurposes']);
  });
});
