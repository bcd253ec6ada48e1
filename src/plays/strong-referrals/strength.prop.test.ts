import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strongReferralsPolicySchema, defaultStrongReferralsPolicy, type StrongReferralsPolicy } from './policy';
import { deepFreeze } from '../../playbook/deep-freeze';
import { coachingFor, referralStrength, type ReferralGrade } from './strength';

/** A valid policy: 1–6 items with non-negative weights scaled to add up to 100, and ordered thresholds. */
const policyArb: fc.Arbitrary<StrongReferralsPolicy> = fc
  .record({
    raw: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }).filter((ws) => ws.some((w) => w > 0)),
    thresholds: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
  })
  .map(({ raw, thresholds: [a, b] }) => {
    const total = raw.reduce((sum, w) => sum + w, 0);
    return {
      ...defaultStrongReferralsPolicy,
      checklist: raw.map((w, i) => ({ id: `item-${i}`, label: `Item ${i}`, weight: (w * 100) / total })),
      weakBelow: Math.min(a, b),
      strongAtLeast: Math.max(a, b),
    };
  });

/** Answers for a policy's items (true, false or left out), plus some the checklist does not know. */
const answersArb = (policy: StrongReferralsPolicy) =>
  fc
    .tuple(
      fc.array(fc.constantFrom<boolean | undefined>(true, false, undefined), {
        minLength: policy.checklist.length,
        maxLength: policy.checklist.length,
      }),
      fc.dictionary(fc.constantFrom('unknown-a', 'unknown-b'), fc.boolean()),
    )
    .map(([values, unknown]) => {
      const answers: Record<string, boolean> = { ...unknown };
      policy.checklist.forEach((item, i) => {
        const value = values[i];
        if (value !== undefined) answers[item.id] = value;
      });
      return answers;
    });

const gradeRank: Record<ReferralGrade, number> = { weak: 0, moderate: 1, strong: 2 };

const caseArb = policyArb.chain((policy) =>
  fc.record({
    policy: fc.constant(policy),
    answers: answersArb(policy),
    flip: fc.nat({ max: policy.checklist.length - 1 }),
  }),
);

describe('referralStrength properties', () => {
  it('generates valid policies', () => {
    fc.assert(fc.property(policyArb, (policy) => strongReferralsPolicySchema.safeParse(policy).success));
  });

  it('is always within 0–100 and splits the checklist into present and missing, in policy order', () => {
    fc.assert(
      fc.property(caseArb, ({ policy, answers }) => {
        const result = referralStrength({ checklist: answers }, policy);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        const ids = policy.checklist.map((item) => item.id);
        expect([...result.present, ...result.missing].sort()).toEqual([...ids].sort());
        expect(result.present).toEqual(ids.filter((id) => result.present.includes(id)));
        expect(result.missing).toEqual(ids.filter((id) => result.missing.includes(id)));
      }),
    );
  });

  it('is monotone: answering one more item true never lowers the score or the grade', () => {
    fc.assert(
      fc.property(caseArb, ({ policy, answers, flip }) => {
        const id = policy.checklist[flip]!.id;
        const before = referralStrength({ checklist: answers }, policy);
        const after = referralStrength({ checklist: { ...answers, [id]: true } }, policy);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(gradeRank[after.grade]).toBeGreaterThanOrEqual(gradeRank[before.grade]);
        expect(after.missing.length).toBeLessThanOrEqual(before.missing.length);
      }),
    );
  });

  it('never depends on answers the checklist does not know', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ policy, answers }, extra) => {
        const plain = referralStrength({ checklist: answers }, policy);
        const noisy = referralStrength({ checklist: { ...answers, 'not-on-the-list': extra } }, policy);
        expect(noisy).toEqual(plain);
      }),
    );
  });
});

describe('referralStrength: the coaching sentence', () => {
  it('is the same for a frozen checklist (remembered) as for an unfrozen copy (written afresh)', () => {
    fc.assert(
      fc.property(caseArb, ({ policy, answers }) => {
        const frozen = deepFreeze(structuredClone(policy));
        const fresh = referralStrength({ checklist: answers }, policy);
        // Twice: the second answer comes from what the first remembered.
        expect(referralStrength({ checklist: answers }, frozen)).toEqual(fresh);
        expect(referralStrength({ checklist: answers }, frozen)).toEqual(fresh);
        expect(fresh.coaching).toBe(coachingFor(policy.checklist.filter((item) => fresh.missing.includes(item.id))));
      }),
    );
  });

  it('follows a checklist that is not frozen when it changes between calls', () => {
    const checklist = [{ id: 'reason', label: 'Reason for referral', weight: 100 }];
    const policy = { ...defaultStrongReferralsPolicy, checklist };
    expect(referralStrength({ checklist: {} }, policy).coaching).toContain('Reason for referral');
    checklist[0] = { id: 'reason', label: 'Why they are referring', weight: 100 };
    expect(referralStrength({ checklist: {} }, policy).coaching).toContain('Why they are referring');
  });
});
