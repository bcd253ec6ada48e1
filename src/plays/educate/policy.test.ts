import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { defaultEducatePolicy, educatePolicySchema } from './policy';

const pointers = (input: unknown) => {
  const result = educatePolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('educate policy', () => {
  it('parses its default to an equal value', () => {
    expect(educatePolicySchema.parse(defaultEducatePolicy)).toEqual(defaultEducatePolicy);
    expect(defaultEducatePolicy).toEqual({
      enabled: true,
      scoreWeight: 10,
      elevatorSpeechMaxWords: 90,
      staleMessageCredit: 0.5,
    });
    expect(Object.isFrozen(defaultEducatePolicy)).toBe(true);
  });

  it('keeps the stale-message credit between 0 and 1', () => {
    expect(pointers({ ...defaultEducatePolicy, staleMessageCredit: 1.5 })).toEqual(['/staleMessageCredit']);
    expect(pointers({ ...defaultEducatePolicy, staleMessageCredit: -0.1 })).toEqual(['/staleMessageCredit']);
    expect(pointers({ ...defaultEducatePolicy, staleMessageCredit: 0 })).toEqual([]);
  });

  it('no longer takes lifecycles (they moved to the playbook\'s planning section)', () => {
    expect(pointers({ ...defaultEducatePolicy, lifecycles: ['active'] })).toEqual(['/lifecycles']);
  });

  it('requires a word limit of at least one word', () => {
    expect(pointers({ ...defaultEducatePolicy, elevatorSpeechMaxWords: 0 })).toEqual(['/elevatorSpeechMaxWords']);
  });
});
