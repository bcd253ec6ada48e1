import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { beAResourcePolicySchema, defaultBeAResourcePolicy } from './policy';

const pointers = (input: unknown) => {
  const result = beAResourcePolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('be-a-resource policy', () => {
  it('parses its default to an equal value', () => {
    expect(beAResourcePolicySchema.parse(defaultBeAResourcePolicy)).toEqual(defaultBeAResourcePolicy);
    expect(defaultBeAResourcePolicy).toEqual({
      enabled: true,
      scoreWeight: 10,
      offerEveryDays: 365,
      offers: ['in-service', 'staff-meeting-talk', 'consult-line'],
    });
  });

  it('requires a non-empty list of known offers without repeats', () => {
    expect(pointers({ ...defaultBeAResourcePolicy, offers: [] })).toEqual(['/offers']);
    expect(pointers({ ...defaultBeAResourcePolicy, offers: ['consult-line', 'consult-line'] })).toEqual(['/offers/1']);
    expect(pointers({ ...defaultBeAResourcePolicy, offers: ['lunch'] })).toEqual(['/offers/0']);
  });

  it('rejects negative days', () => {
    expect(pointers({ ...defaultBeAResourcePolicy, offerEveryDays: -365 })).toEqual(['/offerEveryDays']);
  });
});
