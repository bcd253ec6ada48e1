import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { defaultStrongReferralsPolicy, strongReferralsPolicySchema } from './policy';

const pointers = (input: unknown) => {
  const result = strongReferralsPolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

const item = (id: string, weight: number) => ({ id, label: id, weight });

describe('strong-referrals policy', () => {
  it('parses its default to an equal value', () => {
    expect(strongReferralsPolicySchema.parse(defaultStrongReferralsPolicy)).toEqual(defaultStrongReferralsPolicy);
    expect(defaultStrongReferralsPolicy.checklist.map(({ id, weight }) => [id, weight])).toEqual([
      ['prescription-pad', 30],
      ['warm-handoff', 40],
      ['named-clinician', 30],
    ]);
    expect(defaultStrongReferralsPolicy.enabled).toBe(true);
    expect(defaultStrongReferralsPolicy.scoreWeight).toBe(10);
    expect(defaultStrongReferralsPolicy.strongAtLeast).toBe(70);
    expect(defaultStrongReferralsPolicy.weakBelow).toBe(40);
    expect(defaultStrongReferralsPolicy.coachAfterWeakReferrals).toBe(2);
    expect(defaultStrongReferralsPolicy.lookbackDays).toBe(365);
    expect(Object.isFrozen(defaultStrongReferralsPolicy.checklist[0])).toBe(true);
  });

  it('requires the weights to add up to 100', () => {
    const checklist = [item('a', 30), item('b', 30)];
    expect(pointers({ ...defaultStrongReferralsPolicy, checklist })).toEqual(['/checklist']);
  });

  it('tolerates floating-point sums such as thirds', () => {
    const third = 100 / 3;
    const checklist = [item('a', third), item('b', third), item('c', third)];
    expect(pointers({ ...defaultStrongReferralsPolicy, checklist })).toEqual([]);
  });

  it('requires unique kebab-case ids', () => {
    const checklist = [item('a', 50), item('a', 50)];
    expect(pointers({ ...defaultStrongReferralsPolicy, checklist })).toEqual(['/checklist/1/id']);
    expect(pointers({ ...defaultStrongReferralsPolicy, checklist: [item('Warm Handoff', 100)] })).toEqual([
      '/checklist/0/id',
    ]);
  });

  it('requires weakBelow ≤ strongAtLeast, reported at weakBelow', () => {
    expect(pointers({ ...defaultStrongReferralsPolicy, weakBelow: 71 })).toEqual(['/weakBelow']);
    expect(pointers({ ...defaultStrongReferralsPolicy, weakBelow: 70 })).toEqual([]);
  });

  it('rejects unknown keys in a checklist item and negative weights', () => {
    const checklist = [{ ...item('a', 100), hint: 'x' }];
    expect(pointers({ ...defaultStrongReferralsPolicy, checklist })).toEqual(['/checklist/0/hint']);
    expect(pointers({ ...defaultStrongReferralsPolicy, checklist: [item('a', 110), item('b', -10)] })).toEqual([
      '/checklist/1/weight',
    ]);
  });

  it('takes an optional, non-empty coaching phrase per item', () => {
    expect(defaultStrongReferralsPolicy.checklist.map((entry) => entry.coachingPhrase)).toEqual([
      'write therapy on an official prescription pad',
      'call our office while the patient is still there',
      'recommend a clinician by name',
    ]);
    expect(pointers({ ...defaultStrongReferralsPolicy, checklist: [item('a', 100)] })).toEqual([]);
    expect(pointers({ ...defaultStrongReferralsPolicy, checklist: [{ ...item('a', 100), coachingPhrase: ' ' }] })).toEqual([
      '/checklist/0/coachingPhrase',
    ]);
  });
});
