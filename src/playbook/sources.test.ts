import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../model/result';
import { defaultSourcesPolicy, sourcesPolicySchema } from './sources';

const pointers = (input: unknown) => {
  const result = sourcesPolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('sources policy', () => {
  it('parses its default to an equal value', () => {
    expect(sourcesPolicySchema.parse(defaultSourcesPolicy)).toEqual(defaultSourcesPolicy);
    expect(defaultSourcesPolicy).toEqual({ windowDays: 365, trendDays: 90 });
    expect(Object.isFrozen(defaultSourcesPolicy)).toBe(true);
  });

  it('requires a counting window of at least one whole day', () => {
    expect(pointers({ ...defaultSourcesPolicy, windowDays: 0 })).toEqual(['/windowDays']);
    expect(pointers({ ...defaultSourcesPolicy, windowDays: -365 })).toEqual(['/windowDays']);
    expect(pointers({ ...defaultSourcesPolicy, windowDays: 30.5 })).toEqual(['/windowDays']);
    expect(pointers({ ...defaultSourcesPolicy, windowDays: 1 })).toEqual([]);
  });

  it('requires a trend period of at least one whole day', () => {
    expect(pointers({ ...defaultSourcesPolicy, trendDays: 0 })).toEqual(['/trendDays']);
    expect(pointers({ ...defaultSourcesPolicy, trendDays: -90 })).toEqual(['/trendDays']);
    expect(pointers({ ...defaultSourcesPolicy, trendDays: 7.5 })).toEqual(['/trendDays']);
    expect(pointers({ ...defaultSourcesPolicy, trendDays: '90' })).toEqual(['/trendDays']);
    expect(pointers({ ...defaultSourcesPolicy, trendDays: 1 })).toEqual([]);
  });

  it('reports both fields when both are wrong', () => {
    expect(pointers({ windowDays: 0, trendDays: 0 })).toEqual(['/windowDays', '/trendDays']);
  });

  it('requires every field and rejects unknown keys by name', () => {
    expect(pointers({ windowDays: 365 })).toEqual(['/trendDays']);
    expect(pointers({ ...defaultSourcesPolicy, windowDay: 30 })).toEqual(['/windowDay']);
  });
});
