/**
 * Computes a vector's expected output with the TypeScript implementation: the
 * same function writes the files (`npm run vectors`) and checks them (`npm test`).
 */
import { followUpStatus } from '../../src/engine/follow-up-status';
import { planActions } from '../../src/engine/plan';
import { scoreReferralStrength } from '../../src/engine/referral-strength';
import { scoreRelationship } from '../../src/engine/score';
import { rankSources } from '../../src/engine/sources';
import { indexSnapshot } from '../../src/model/history';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import type { Playbook } from '../../src/playbook/playbook';
import type { VectorCase } from './cases';

/** A vector as stored in `vectors/<name>.json`. */
export interface Vector {
  readonly name: string;
  readonly description: string;
  readonly play: string | null;
  readonly now: string;
  readonly playbook: Playbook;
  readonly snapshot: PracticeSnapshot;
  readonly expected: ReturnType<typeof expectedFor>;
}

/** Every published output for one snapshot, playbook and moment. */
export function expectedFor(snapshot: PracticeSnapshot, playbook: Playbook, now: string) {
  const index = indexSnapshot(snapshot);
  const offices = [...index.offices.values()];
  return {
    actions: planActions({ snapshot, playbook, now }),
    scores: offices.map((history) => scoreRelationship(history, playbook, now)),
    followUp: Object.fromEntries(
      offices.map((history) => {
        const { status, daysSince, lastContactDate, nextDue, earliestNotNuisance } = followUpStatus(history, playbook, now);
        return [history.office.id, { status, daysSince, lastContactDate, nextDue, earliestNotNuisance }];
      }),
    ),
    referralStrength: Object.fromEntries(
      [...snapshot.referrals]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((referral) => [referral.id, scoreReferralStrength(referral, playbook)]),
    ),
    sources: rankSources(snapshot, playbook, now),
  };
}

/** The vector for a case, as plain JSON data. */
export function vectorFor(vectorCase: VectorCase): Vector {
  const snapshot = vectorCase.snapshot();
  return JSON.parse(
    JSON.stringify({
      name: vectorCase.name,
      description: vectorCase.description,
      play: vectorCase.play,
      now: vectorCase.now,
      playbook: vectorCase.playbook,
      snapshot,
      expected: expectedFor(snapshot, vectorCase.playbook, vectorCase.now),
    }),
  ) as Vector;
}
