import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { defaultThankYouPolicy, thankYouPolicySchema, thankYouTriggerSchema } from './policy';

const pointers = (input: unknown) => {
  const result = thankYouPolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('thank-you policy', () => {
  it('parses its default to an equal value', () => {
    expect(thankYouPolicySchema.parse(defaultThankYouPolicy)).toEqual(defaultThankYouPolicy);
    expect(defaultThankYouPolicy).toEqual({
      enabled: true,
      scoreWeight: 10,
      triggers: [{ kind: 'every-referral' }],
      dueWithinBusinessDays: 3,
      medium: 'handwritten-card',
      enclosedCards: 3,
      askForMore: true,
      batchWindowDays: 7,
      lookbackDays: 30,
      scoreWindowDays: 365,
    });
    expect(Object.isFrozen(defaultThankYouPolicy.triggers[0])).toBe(true);
  });

  it('accepts every trigger kind', () => {
    for (const trigger of [
      { kind: 'every-referral' },
      { kind: 'first-from-contact' },
      { kind: 'milestones', milestones: [5, 10] },
      { kind: 'first-visit-completed' },
    ]) {
      expect(thankYouTriggerSchema.safeParse(trigger).success).toBe(true);
    }
  });

  it('requires at least one trigger, each kind once', () => {
    expect(pointers({ ...defaultThankYouPolicy, triggers: [] })).toEqual(['/triggers']);
    expect(
      pointers({ ...defaultThankYouPolicy, triggers: [{ kind: 'every-referral' }, { kind: 'every-referral' }] }),
    ).toEqual(['/triggers/1/kind']);
  });

  it('requires milestones ≥ 2, whole, strictly increasing and non-empty', () => {
    const withMilestones = (milestones: unknown) => ({
      ...defaultThankYouPolicy,
      triggers: [{ kind: 'milestones', milestones }],
    });
    expect(pointers(withMilestones([]))).toEqual(['/triggers/0/milestones']);
    expect(pointers(withMilestones([1, 5]))).toEqual(['/triggers/0/milestones/0']);
    expect(pointers(withMilestones([5, 5]))).toEqual(['/triggers/0/milestones/1']);
    expect(pointers(withMilestones([10, 5]))).toEqual(['/triggers/0/milestones/1']);
    expect(pointers(withMilestones([2.5]))).toEqual(['/triggers/0/milestones/0']);
  });

  it('rejects unknown trigger kinds and keys', () => {
    expect(pointers({ ...defaultThankYouPolicy, triggers: [{ kind: 'birthday' }] })).toEqual(['/triggers/0/kind']);
    expect(pointers({ ...defaultThankYouPolicy, triggers: [{ kind: 'every-referral', milestones: [5] }] })).toEqual([
      '/triggers/0/milestones',
    ]);
  });

  it('requires a look-back of at least one whole day', () => {
    expect(pointers({ ...defaultThankYouPolicy, lookbackDays: 0 })).toEqual(['/lookbackDays']);
    expect(pointers({ ...defaultThankYouPolicy, lookbackDays: -30 })).toEqual(['/lookbackDays']);
    expect(pointers({ ...defaultThankYouPolicy, lookbackDays: 7.5 })).toEqual(['/lookbackDays']);
    expect(pointers({ ...defaultThankYouPolicy, lookbackDays: 1 })).toEqual([]);
    const { lookbackDays: _lookbackDays, ...withoutLookback } = defaultThankYouPolicy;
    expect(pointers(withoutLookback)).toEqual(['/lookbackDays']);
  });

  it('requires a score window of at least one whole day', () => {
    expect(pointers({ ...defaultThankYouPolicy, scoreWindowDays: 0 })).toEqual(['/scoreWindowDays']);
    expect(pointers({ ...defaultThankYouPolicy, scoreWindowDays: 365.5 })).toEqual(['/scoreWindowDays']);
    expect(pointers({ ...defaultThankYouPolicy, scoreWindowDays: 1 })).toEqual([]);
    const { scoreWindowDays: _scoreWindowDays, ...withoutWindow } = defaultThankYouPolicy;
    expect(pointers(withoutWindow)).toEqual(['/scoreWindowDays']);
  });

  it('rejects an unknown medium', () => {
    expect(pointers({ ...defaultThankYouPolicy, medium: 'carrier-pigeon' })).toEqual(['/medium']);
  });
});
