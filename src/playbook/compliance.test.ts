import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../model/result';
import { compliancePolicySchema, defaultCompliancePolicy } from './compliance';

const pointers = (input: unknown) => {
  const result = compliancePolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues).map((issue) => issue.pointer);
};

describe('compliance policy', () => {
  it('parses its default to an equal value', () => {
    expect(compliancePolicySchema.parse(defaultCompliancePolicy)).toEqual(defaultCompliancePolicy);
    expect(defaultCompliancePolicy).toEqual({
      currency: 'USD',
      annualCapPerPhysician: 50_000,
      warnAtFraction: 0.9,
      actionCostEstimates: { visit: 0, 'offer-resource': 0 },
    });
    expect(Object.isFrozen(defaultCompliancePolicy.actionCostEstimates)).toBe(true);
  });

  it('requires a three-letter upper-case currency', () => {
    expect(pointers({ ...defaultCompliancePolicy, currency: 'usd' })).toEqual(['/currency']);
    expect(pointers({ ...defaultCompliancePolicy, currency: 'EURO' })).toEqual(['/currency']);
    expect(pointers({ ...defaultCompliancePolicy, currency: 'EUR' })).toEqual([]);
  });

  it('requires whole, non-negative minor units', () => {
    expect(pointers({ ...defaultCompliancePolicy, annualCapPerPhysician: 500.5 })).toEqual(['/annualCapPerPhysician']);
    expect(pointers({ ...defaultCompliancePolicy, actionCostEstimates: { visit: -1 } })).toEqual([
      '/actionCostEstimates/visit',
    ]);
  });

  it('requires 0 < warnAtFraction ≤ 1', () => {
    expect(pointers({ ...defaultCompliancePolicy, warnAtFraction: 0 })).toEqual(['/warnAtFraction']);
    expect(pointers({ ...defaultCompliancePolicy, warnAtFraction: 1.01 })).toEqual(['/warnAtFraction']);
    expect(pointers({ ...defaultCompliancePolicy, warnAtFraction: 1 })).toEqual([]);
  });

  it('requires kebab-case action kinds', () => {
    expect(pointers({ ...defaultCompliancePolicy, actionCostEstimates: { 'Lunch Visit': 100 } })).toEqual([
      '/actionCostEstimates/Lunch Visit',
    ]);
  });
});
