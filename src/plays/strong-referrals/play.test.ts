import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../../test/scenario';
import { planActions } from '../../engine/plan';
import { scoreRelationship } from '../../engine/score';
import { defaultPlaybook, type Playbook } from '../../playbook/playbook';
import { strongReferralsPlay, strongReferralsScore } from './play';
import { defaultStrongReferralsPolicy, type StrongReferralsPolicy } from './policy';
import { joinWords } from '../english';
import { coachingFor, gradeReferralStrength, referralStrength } from './strength';

const NOW = '2026-03-02T18:00:00Z'; // noon in Chicago
const plays = [strongReferralsPlay];

function planOf(build: ReturnType<typeof scenario>, playbook: Playbook = defaultPlaybook) {
  return planActions({ snapshot: build.build(), playbook, now: NOW, plays });
}

function withPolicy(patch: Partial<StrongReferralsPolicy>): Playbook {
  return {
    ...defaultPlaybook,
    plays: {
      ...defaultPlaybook.plays,
      'strong-referrals': { ...defaultPlaybook.plays['strong-referrals'], ...patch },
    },
  };
}

/** Lakeside, last visited 45 days ago (outside the nuisance floor), with a doctor, an MA and a doctor who left. */
function lakeside() {
  return scenario()
    .office('o', { name: 'Lakeside Family Medicine' })
    .contact('dr', 'o', 'physician')
    .contact('ma', 'o', 'medical-assistant')
    .contact('gone', 'o', 'physician', { active: false })
    .touch('visit', 'o', daysBefore(NOW, 45));
}

const PAD_ONLY = { 'prescription-pad': true }; // 30 points: weak
const NOTHING = {}; // 0 points: weak
const CALL_ONLY = { 'warm-handoff': true }; // 40 points: moderate (weak is below 40)

describe('strong-referrals: teach them to refer strongly', () => {
  it('after two weak referrals the office gets a coach action naming the missing items', () => {
    const build = lakeside()
      .referral('r1', 'o', daysBefore(NOW, 60), { checklist: PAD_ONLY, contactIds: ['dr', 'ma'] })
      .referral('r2', 'o', daysBefore(NOW, 20), { checklist: NOTHING, contactIds: ['dr'] });
    const actions = planOf(build);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      play: 'strong-referrals',
      kind: 'coach',
      officeId: 'o',
      contactIds: ['dr', 'ma'],
      due: '2026-03-02',
      priority: 55,
      title: 'Coach Lakeside Family Medicine on making strong referrals',
      explanation: {
        rule: 'strong-referrals/weak-referrals',
        summary:
          'Lakeside Family Medicine sent 2 weak referrals (under 40 points) in the last 365 days; most often missing: ' +
          'Called our office while the patient was still there (2 of 2), Recommended a clinician by name (2 of 2), ' +
          'Wrote therapy on an official prescription pad (1 of 2).',
        policy: { weakBelow: 40, coachAfterWeakReferrals: 2, lookbackDays: 365 },
        facts: { weakReferrals: 2, recentReferrals: 2, lastCoachingDate: null, latestWeakReferralDate: '2026-02-10' },
        evidence: [
          { kind: 'referral', id: 'r1' },
          { kind: 'referral', id: 'r2' },
        ],
      },
      details: {
        missingItems: [
          { id: 'warm-handoff', label: 'Called our office while the patient was still there', count: 2 },
          { id: 'named-clinician', label: 'Recommended a clinician by name', count: 2 },
          { id: 'prescription-pad', label: 'Wrote therapy on an official prescription pad', count: 1 },
        ],
        coaching:
          'Next time, ask them to call our office while the patient is still there, to recommend a clinician by name and to write therapy on an official prescription pad.',
        weakReferrals: [
          { referralId: 'r1', score: 30, missing: ['warm-handoff', 'named-clinician'] },
          { referralId: 'r2', score: 0, missing: ['prescription-pad', 'warm-handoff', 'named-clinician'] },
        ],
      },
    });
  });

  it('one weak referral is not enough', () => {
    expect(planOf(lakeside().referral('r1', 'o', daysBefore(NOW, 20), { checklist: PAD_ONLY }))).toEqual([]);
  });

  it('a coaching visit resets the weak-referral count', () => {
    const coached = lakeside()
      .referral('r1', 'o', daysBefore(NOW, 90), { checklist: NOTHING, contactIds: ['dr'] })
      .referral('r2', 'o', daysBefore(NOW, 80), { checklist: NOTHING, contactIds: ['dr'] })
      .touch('coaching', 'o', daysBefore(NOW, 60), { purposes: ['follow-up', 'coach'] })
      .referral('r3', 'o', daysBefore(NOW, 20), { checklist: PAD_ONLY, contactIds: ['ma'] });
    expect(planOf(coached)).toEqual([]); // only r3 counts since the coaching

    const [action] = planOf(coached.referral('r4', 'o', daysBefore(NOW, 10), { checklist: PAD_ONLY, contactIds: ['ma'] }));
    expect(action?.contactIds).toEqual(['ma']);
    expect(action?.explanation.summary).toBe(
      'Lakeside Family Medicine sent 2 weak referrals (under 40 points) since the last coaching on 2026-01-01; most often missing: ' +
        'Called our office while the patient was still there (2 of 2), Recommended a clinician by name (2 of 2).',
    );
    expect(action?.explanation.facts).toMatchObject({ weakReferrals: 2, recentReferrals: 4, lastCoachingDate: '2026-01-01' });
    expect(action?.explanation.evidence).toEqual([
      { kind: 'touchpoint', id: 'coaching' },
      { kind: 'referral', id: 'r3' },
      { kind: 'referral', id: 'r4' },
    ]);
    expect(action?.details['coaching']).toBe(
      'Next time, ask them to call our office while the patient is still there and to recommend a clinician by name.',
    );
  });

  it('moderate and strong referrals do not count as weak (40 points is moderate, not weak)', () => {
    const build = lakeside()
      .referral('r1', 'o', daysBefore(NOW, 60), { checklist: CALL_ONLY })
      .referral('r2', 'o', daysBefore(NOW, 50), { checklist: { 'warm-handoff': true, 'named-clinician': true } })
      .referral('r3', 'o', daysBefore(NOW, 20), { checklist: PAD_ONLY });
    expect(planOf(build)).toEqual([]);
  });

  it('weak referrals more than lookbackDays old no longer count', () => {
    const at = (days: number) =>
      planOf(
        lakeside()
          .referral('old', 'o', daysBefore(NOW, days), { checklist: NOTHING })
          .referral('new', 'o', daysBefore(NOW, 20), { checklist: NOTHING }),
      );
    expect(at(365)).toHaveLength(1); // exactly 365 days ago: still within the window
    expect(at(366)).toEqual([]);
  });

  it('reads the threshold from the policy', () => {
    const build = lakeside().referral('r1', 'o', daysBefore(NOW, 20), { checklist: PAD_ONLY });
    expect(planOf(build, withPolicy({ coachAfterWeakReferrals: 1 }))).toHaveLength(1);
    expect(planOf(build, withPolicy({ weakBelow: 30 }))).toEqual([]); // 30 points is no longer weak
  });

  it('names only the active contacts on the weak referrals', () => {
    const build = lakeside()
      .referral('r1', 'o', daysBefore(NOW, 60), { checklist: NOTHING, contactIds: ['gone'] })
      .referral('r2', 'o', daysBefore(NOW, 20), { checklist: NOTHING });
    expect(planOf(build)[0]?.contactIds).toEqual([]);
  });

  it('keeps the action id until another weak referral arrives', () => {
    const build = lakeside()
      .referral('r1', 'o', daysBefore(NOW, 60), { checklist: NOTHING })
      .referral('r2', 'o', daysBefore(NOW, 20), { checklist: NOTHING });
    const first = planOf(build)[0]!.id;
    expect(planOf(build)[0]!.id).toBe(first);
    expect(planOf(build.referral('r3', 'o', daysBefore(NOW, 5), { checklist: { 'warm-handoff': true, 'named-clinician': true } }))[0]!.id).toBe(first);
    expect(planOf(build.referral('r4', 'o', daysBefore(NOW, 3), { checklist: NOTHING }))[0]!.id).not.toBe(first);
  });

  it('ignores referrals and coaching after now', () => {
    const build = lakeside()
      .referral('r1', 'o', daysBefore(NOW, 20), { checklist: NOTHING })
      .referral('later', 'o', daysBefore(NOW, -1), { checklist: NOTHING });
    expect(planOf(build)).toEqual([]);
    const coachedLater = lakeside()
      .referral('r1', 'o', daysBefore(NOW, 60), { checklist: NOTHING })
      .referral('r2', 'o', daysBefore(NOW, 20), { checklist: NOTHING })
      .touch('planned', 'o', daysBefore(NOW, -1), { purposes: ['coach'] });
    expect(planOf(coachedLater)).toHaveLength(1);
  });

  it('is outreach, so it waits outside the follow-up nuisance floor', () => {
    const build = lakeside()
      .referral('r1', 'o', daysBefore(NOW, 60), { checklist: NOTHING })
      .referral('r2', 'o', daysBefore(NOW, 20), { checklist: NOTHING })
      .touch('call', 'o', daysBefore(NOW, 5), { channel: 'phone' });
    expect(planOf(build)).toEqual([]);
  });
});

describe('referralStrength', () => {
  const score = (checklist: Record<string, boolean>, policy = defaultStrongReferralsPolicy) =>
    referralStrength({ checklist }, policy);

  it('adds the weights of the items answered true and names the rest', () => {
    expect(score({ 'prescription-pad': true, 'named-clinician': true })).toEqual({
      score: 60, // 30 + 30
      grade: 'moderate',
      present: ['prescription-pad', 'named-clinician'],
      missing: ['warm-handoff'],
      coaching: 'Next time, ask them to call our office while the patient is still there.',
    });
  });

  it('grades at the thresholds: 70 is strong, 40 moderate, 30 weak', () => {
    expect(score({ 'prescription-pad': true, 'warm-handoff': true }).grade).toBe('strong'); // 70
    expect(score(CALL_ONLY).grade).toBe('moderate'); // 40
    expect(score(PAD_ONLY).grade).toBe('weak'); // 30
  });

  it('thanks them when every item is there', () => {
    expect(score({ 'prescription-pad': true, 'warm-handoff': true, 'named-clinician': true })).toEqual({
      score: 100,
      grade: 'strong',
      present: ['prescription-pad', 'warm-handoff', 'named-clinician'],
      missing: [],
      coaching: 'Every item on the checklist was there: thank them for a strong referral.',
    });
  });

  it('counts an item answered false or left out as missing, in policy order', () => {
    expect(score({ 'named-clinician': false })).toMatchObject({
      score: 0,
      grade: 'weak',
      present: [],
      missing: ['prescription-pad', 'warm-handoff', 'named-clinician'],
      coaching:
        'Next time, ask them to write therapy on an official prescription pad, to call our office while the patient is still there and to recommend a clinician by name.',
    });
  });

  it('ignores answers the checklist does not know', () => {
    expect(score({ 'fax-cover-sheet': true, 'prescription-pad': true })).toMatchObject({
      score: 30,
      present: ['prescription-pad'],
    });
  });

  it('quotes the label of an item without a coaching phrase', () => {
    const policy: StrongReferralsPolicy = {
      ...defaultStrongReferralsPolicy,
      checklist: [
        { id: 'records-sent', label: 'Sent recent visit notes', weight: 50 },
        { id: 'warm-handoff', label: 'Called us', weight: 50, coachingPhrase: 'call us' },
      ],
    };
    expect(score({}, policy).coaching).toBe('Next time, ask them about "Sent recent visit notes" and to call us.');
  });

  it('caps a floating-point sum of thirds at 100', () => {
    const third = 100 / 3;
    const policy: StrongReferralsPolicy = {
      ...defaultStrongReferralsPolicy,
      checklist: [
        { id: 'a', label: 'A', weight: third },
        { id: 'b', label: 'B', weight: third },
        { id: 'c', label: 'C', weight: third },
      ],
    };
    const result = score({ a: true, b: true, c: true }, policy);
    expect(result.score).toBeLessThanOrEqual(100);
    expect(result.score).toBeCloseTo(100, 9);
  });

  it('gradeReferralStrength, coachingFor and joinWords', () => {
    expect(gradeReferralStrength(69.9, defaultStrongReferralsPolicy)).toBe('moderate');
    expect(gradeReferralStrength(39.9, defaultStrongReferralsPolicy)).toBe('weak');
    expect(gradeReferralStrength(50, { strongAtLeast: 50, weakBelow: 50 })).toBe('strong');
    expect(coachingFor([])).toBe('Every item on the checklist was there: thank them for a strong referral.');
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('strong-referrals score', () => {
  const component = (build: ReturnType<typeof scenario>) =>
    scoreRelationship(build.history('o'), defaultPlaybook, NOW, { plays }).components[0]!;

  it('is the mean strength of the referrals within lookbackDays', () => {
    const build = lakeside()
      .referral('ancient', 'o', daysBefore(NOW, 400), { checklist: NOTHING }) // outside 365 days: ignored
      .referral('r1', 'o', daysBefore(NOW, 200), { checklist: PAD_ONLY }) // 30
      .referral('r2', 'o', daysBefore(NOW, 100), { checklist: NOTHING }) // 0
      .referral('r3', 'o', daysBefore(NOW, 10), {
        checklist: { 'prescription-pad': true, 'warm-handoff': true, 'named-clinician': true },
      }); // 100
    const result = component(build);
    // (30 + 0 + 100) / 3 = 43.33… → 43.3
    expect(result.score).toBe(43.3);
    expect(result.reasons).toEqual([
      'mean strength 43.3 over 3 referrals in the last 365 days: 1 strong, 0 moderate, 2 weak',
      'most often missing: Called our office while the patient was still there (2 of 3)',
    ]);
    expect(result.facts).toEqual({ referrals: 3, meanStrength: 130 / 3, strong: 1, moderate: 0, weak: 2 });
    expect(result.evidence.map((ref) => ref.id)).toEqual(['r1', 'r2', 'r3']);
  });

  it('is null without referrals in the window', () => {
    const result = component(lakeside().referral('ancient', 'o', daysBefore(NOW, 400)));
    expect(result.score).toBeNull();
    expect(result.reasons).toEqual(['no referrals in the last 365 days']);
  });

  it('gives full marks to a single perfect referral, with no missing-item reason', () => {
    const result = component(
      lakeside().referral('r1', 'o', daysBefore(NOW, 10), {
        checklist: { 'prescription-pad': true, 'warm-handoff': true, 'named-clinician': true },
      }),
    );
    expect(result.score).toBe(100);
    expect(result.reasons).toEqual(['mean strength 100 over 1 referral in the last 365 days: 1 strong, 0 moderate, 0 weak']);
  });

  it('strongReferralsScore is the plain mean', () => {
    const of = (...scores: number[]) =>
      strongReferralsScore(scores.map((s) => ({ strength: { score: s, grade: 'weak', present: [], missing: [], coaching: '' } })));
    expect(of()).toBeNull();
    expect(of(30, 100)).toBe(65);
  });
});
