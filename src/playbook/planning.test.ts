import { describe, expect, it } from 'vitest';
import { officeLifecycles } from '../model/vocabulary';
import { fromZodIssues } from '../model/result';
import { defaultPlanningPolicy, planningPolicySchema } from './planning';

const pointers = (input: unknown) => {
  const result = planningPolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('planning policy', () => {
  it('parses its default to an equal value', () => {
    expect(planningPolicySchema.parse(defaultPlanningPolicy)).toEqual(defaultPlanningPolicy);
    expect(defaultPlanningPolicy).toEqual({ lifecycles: ['active'], horizonDays: 14 });
    expect(Object.isFrozen(defaultPlanningPolicy)).toBe(true);
    expect(Object.isFrozen(defaultPlanningPolicy.lifecycles)).toBe(true);
  });

  it('accepts any non-empty set of the model\'s office lifecycles', () => {
    expect(pointers({ ...defaultPlanningPolicy, lifecycles: [...officeLifecycles] })).toEqual([]);
    expect(pointers({ ...defaultPlanningPolicy, lifecycles: ['dormant', 'prospect'] })).toEqual([]);
  });

  it('requires a non-empty list of known lifecycles without repeats', () => {
    expect(pointers({ ...defaultPlanningPolicy, lifecycles: [] })).toEqual(['/lifecycles']);
    expect(pointers({ ...defaultPlanningPolicy, lifecycles: ['active', 'active'] })).toEqual(['/lifecycles/1']);
    expect(pointers({ ...defaultPlanningPolicy, lifecycles: ['active', 'retired'] })).toEqual(['/lifecycles/1']);
    expect(pointers({ ...defaultPlanningPolicy, lifecycles: 'active' })).toEqual(['/lifecycles']);
  });

  it('requires a whole, non-negative horizon; 0 plans only what is due today', () => {
    expect(pointers({ ...defaultPlanningPolicy, horizonDays: -1 })).toEqual(['/horizonDays']);
    expect(pointers({ ...defaultPlanningPolicy, horizonDays: 3.5 })).toEqual(['/horizonDays']);
    expect(pointers({ ...defaultPlanningPolicy, horizonDays: 0 })).toEqual([]);
  });

  it('requires every field and rejects unknown keys by name', () => {
    expect(pointers({ lifecycles: ['active'] })).toEqual(['/horizonDays']);
    expect(pointers({ horizonDays: 14 })).toEqual(['/lifecycles']);
    expect(pointers({ ...defaultPlanningPolicy, horizon: 7 })).toEqual(['/horizon']);
  });
});
