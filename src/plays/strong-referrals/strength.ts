import type { Referral } from '../../model/referral';
import { joinWords } from '../english';
import type { ReferralChecklistItem, StrongReferralsPolicy } from './policy';

/**
 * How strong a referral is: `strong` (score ≥ `strongAtLeast`), `weak` (score <
 * `weakBelow`) or `moderate` in between.
 *
 * @category Plays
 */
export type ReferralGrade = 'strong' | 'moderate' | 'weak';

/**
 * A referral scored against the strength checklist.
 *
 * @category Plays
 */
export interface ReferralStrength {
  /** Σ weights of the checklist items answered `true`, 0–100. */
  readonly score: number;
  /** The grade of the score (see {@link ReferralGrade}). */
  readonly grade: ReferralGrade;
  /** The ids of the items the referral has, in policy order. */
  readonly present: readonly string[];
  /** The ids of the items it lacks (answered `false` or not at all), in policy order. */
  readonly missing: readonly string[];
  /**
   * One plain-English sentence for the referrer: what to do next time, naming the
   * missing items, or thanks when nothing is missing.
   */
  readonly coaching: string;
}

/**
 * The coaching sentence for a set of missing checklist items: "Next time, ask
 * them to …" with each item's `coachingPhrase` (or its quoted label when it has
 * none); a thank-you sentence when nothing is missing.
 *
 * @param missing - The missing items, in the order to name them.
 * @returns One sentence.
 * @example
 * ```ts
 * coachingFor(defaultStrongReferralsPolicy.checklist.slice(1));
 * //=> 'Next time, ask them to call our office while the patient is still there and to recommend a clinician by name.'
 * coachingFor([]);
 * //=> 'Every item on the checklist was there: thank them for a strong referral.'
 * ```
 * @category Plays
 */
export function coachingFor(missing: readonly Pick<ReferralChecklistItem, 'label' | 'coachingPhrase'>[]): string {
  if (missing.length === 0) return 'Every item on the checklist was there: thank them for a strong referral.';
  const phrases = missing.map((item) =>
    item.coachingPhrase === undefined ? `about "${item.label}"` : `to ${item.coachingPhrase}`,
  );
  return `Next time, ask them ${joinWords(phrases)}.`;
}

/**
 * The grade of a strength score under the policy's thresholds.
 *
 * @param score - A strength score, 0–100.
 * @param policy - `strongAtLeast` and `weakBelow`.
 * @returns `strong` when score ≥ `strongAtLeast`, `weak` when score < `weakBelow`,
 *   otherwise `moderate`.
 * @example
 * ```ts
 * gradeReferralStrength(40, defaultStrongReferralsPolicy); //=> 'moderate'
 * ```
 * @category Plays
 */
export function gradeReferralStrength(
  score: number,
  policy: Pick<StrongReferralsPolicy, 'strongAtLeast' | 'weakBelow'>,
): ReferralGrade {
  if (score >= policy.strongAtLeast) return 'strong';
  if (score < policy.weakBelow) return 'weak';
  return 'moderate';
}

/**
 * Scores one referral against the strength checklist of a `strong-referrals`
 * policy: the sum of the weights of the items answered `true`, graded by the
 * policy's thresholds, with the items present and missing and a coaching sentence
 * naming what to ask for next time. ({@link scoreReferralStrength} does the same
 * with a whole playbook.)
 * An item left out of the referral's answers counts as missing; answers under
 * ids the checklist does not know are ignored. The score is capped at 100 (the
 * weights add up to 100, give or take floating-point rounding).
 *
 * @param referral - The referral (only its `checklist` answers are read).
 * @param policy - The strong-referrals policy (`checklist`, `strongAtLeast`, `weakBelow`).
 * @returns The score, grade, present and missing item ids, and coaching.
 * @example
 * ```ts
 * referralStrength({ checklist: { 'prescription-pad': true } }, defaultStrongReferralsPolicy);
 * //=> { score: 30, grade: 'weak', present: ['prescription-pad'], missing: ['warm-handoff', 'named-clinician'],
 * //     coaching: 'Next time, ask them to call our office while the patient is still there and to recommend a clinician by name.' }
 * ```
 * @category Plays
 */
export function referralStrength(
  referral: Pick<Referral, 'checklist'>,
  policy: Pick<StrongReferralsPolicy, 'checklist' | 'strongAtLeast' | 'weakBelow'>,
): ReferralStrength {
  const answers: Readonly<Record<string, boolean>> = referral.checklist;
  const checklist = policy.checklist;
  let sum = 0;
  const present: string[] = [];
  const missing: string[] = [];
  // Which items are missing, one bit each, to look the coaching sentence up.
  let missingBits = 0;
  for (let i = 0; i < checklist.length; i += 1) {
    const item = checklist[i]!;
    if (isDone(answers, item)) {
      sum += item.weight;
      present.push(item.id);
    } else {
      missing.push(item.id);
      missingBits += 2 ** i;
    }
  }
  const score = Math.min(100, sum);
  return {
    score,
    grade: gradeReferralStrength(score, policy),
    present,
    missing,
    coaching: coachingOf(checklist, missingBits, answers),
  };
}

/** Whether a referral's checklist answers the item `true`. */
function isDone(answers: Readonly<Record<string, boolean>>, item: ReferralChecklistItem): boolean {
  return Object.hasOwn(answers, item.id) && answers[item.id] === true;
}

/**
 * The coaching sentence per checklist and set of missing items: a policy's few
 * combinations are written once, not once per referral. Only checklists frozen all
 * the way down (as `deepFreeze` leaves the default playbook) and of at most 30
 * items are remembered; any other is written afresh every time.
 */
const coachingByChecklist = new WeakMap<readonly ReferralChecklistItem[], Map<number, string>>();

function coachingOf(
  checklist: readonly ReferralChecklistItem[],
  missingBits: number,
  answers: Readonly<Record<string, boolean>>,
): string {
  let sentences = coachingByChecklist.get(checklist);
  if (sentences === undefined) {
    if (checklist.length > 30 || !Object.isFrozen(checklist) || !checklist.every((item) => Object.isFrozen(item))) {
      return coachingFor(missingItemsOf(checklist, answers));
    }
    sentences = new Map();
    coachingByChecklist.set(checklist, sentences);
  }
  let sentence = sentences.get(missingBits);
  if (sentence === undefined) {
    sentence = coachingFor(missingItemsOf(checklist, answers));
    sentences.set(missingBits, sentence);
  }
  return sentence;
}

/**
 * The checklist items a referral lacks, in policy order: listed only when a
 * coaching sentence is written, as most referrals share one written before.
 */
function missingItemsOf(
  checklist: readonly ReferralChecklistItem[],
  answers: Readonly<Record<string, boolean>>,
): ReferralChecklistItem[] {
  return checklist.filter((item) => !isDone(answers, item));
}
