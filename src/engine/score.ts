import type { OfficeHistory } from '../model/history';
import type { Id } from '../model/primitives';
import type { Playbook } from '../playbook/playbook';
import { defaultPlays } from '../plays/default-plays';
import type { Play, PlayContext, PlayScore } from '../plays/play';
import { answerFor, type LastAnswers } from '../plays/reads';
import { roundScore } from '../plays/round-score';
import type { RecordRef } from './action';
import { isEnabled, momentFor, playContext, toMillis, type Moment } from './context';
import { isSameKey } from './plan';


/**
 * One play's part of a relationship score.
 *
 * @category Engine
 */
export interface ScoreComponent {
  /** The play. */
  readonly play: string;
  /** Its title. */
  readonly title: string;
  /** Its `scoreWeight` from the playbook. */
  readonly weight: number;
  /** 0–100 rounded to one decimal, or `null` when the play had nothing to judge. */
  readonly score: number | null;
  /** Why, in plain English. */
  readonly reasons: readonly string[];
  /** The numbers behind the score. */
  readonly facts: PlayScore['facts'];
  /** The records behind the score. */
  readonly evidence: readonly RecordRef[];
}

/**
 * An office's relationship score and its components.
 *
 * @category Engine
 */
export interface RelationshipScore {
  /** The office. */
  readonly officeId: Id;
  /**
   * 0–100, one decimal: the weighted mean of the components that have a score
   * (weights from each play's `scoreWeight`); 0 when none has.
   */
  readonly score: number;
  /** One component per enabled play, in play order. */
  readonly components: readonly ScoreComponent[];
}

/**
 * The {@link scoreRelationship} options.
 *
 * @category Engine
 */
export interface ScoreOptions {
  /** The plays to score with; default {@link defaultPlays}. */
  readonly plays?: readonly Play[];
}

/**
 * Scores one office's relationship with the practice, 0–100, with one component
 * per enabled play and the reasons for each.
 *
 * overall = Σ(weightᵢ × scoreᵢ) / Σ weightᵢ over the components whose score is not
 * `null` (each rounded to one decimal first), rounded to one decimal; 0 when no
 * component has a score or all weights are 0. Each play's formula is in its docs.
 *
 * @param history - The office's history (from `indexSnapshot` or `buildOfficeHistory`).
 * @param playbook - The policies.
 * @param now - The moment to score at.
 * @param options - Optionally, the plays to use.
 * @returns The score and its components.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * const result = scoreRelationship(index.offices.get('off-1')!, defaultPlaybook, '2026-03-01T14:00:00Z');
 * result.components.find((c) => c.play === 'follow-up')?.reasons[0];
 * //=> 'last contact 12 days ago (too-soon); full marks up to 90 days, none from 180'
 * ```
 * @category Engine
 */
export function scoreRelationship(
  history: OfficeHistory,
  playbook: Playbook,
  now: Moment,
  options: ScoreOptions = {},
): RelationshipScore {
  return scoreRelationshipWith(history, playbook, now, options, undefined);
}

/**
 * What {@link scoreRelationshipWith} remembers between calls: for each play that
 * declares what it reads ({@link Play.scoreReads}, else {@link Play.reads}), its
 * last score per office. The
 * moment, the playbook and the practice-wide facts are the cache's key; a
 * different key empties it.
 *
 * @internal
 */
export interface ScoreCache {
  /** Forgets everything. */
  clear(): void;
  /** @internal */
  key: readonly unknown[] | undefined;
  /** @internal */
  readonly byPlay: Map<Play, LastAnswers<PlayScore>>;
}

/**
 * Creates an empty {@link ScoreCache}.
 *
 * @returns The cache.
 * @internal
 */
export function createScoreCache(): ScoreCache {
  const cache: ScoreCache = {
    key: undefined,
    byPlay: new Map(),
    clear() {
      cache.key = undefined;
      cache.byPlay.clear();
    },
  };
  return cache;
}

/** The cache's last scores for a play, for the key; the cache is emptied first when the key changed. */
function answersOf(cache: ScoreCache | undefined, key: readonly unknown[], play: Play): LastAnswers<PlayScore> | undefined {
  if (cache === undefined || (play.scoreReads ?? play.reads) === undefined) return undefined;
  if (!isSameKey(cache.key, key)) {
    cache.key = key;
    cache.byPlay.clear();
  }
  let answers = cache.byPlay.get(play);
  if (answers === undefined) {
    answers = new Map();
    cache.byPlay.set(play, answers);
  }
  return answers;
}

/** What a play's `score` says about an office. */
function scoreOf(play: Play, history: OfficeHistory, context: PlayContext<never>): PlayScore {
  return play.score(history, context);
}

/**
 * {@link scoreRelationship} with a {@link ScoreCache}: a play whose declared parts
 * of the history did not change since its last score of the office is not asked
 * again (the desk keeps one cache). The result is always what
 * {@link scoreRelationship} returns.
 *
 * @param history - As for {@link scoreRelationship}.
 * @param playbook - As for {@link scoreRelationship}.
 * @param now - As for {@link scoreRelationship}.
 * @param options - As for {@link scoreRelationship}.
 * @param cache - The cache, or `undefined` for none.
 * @returns The score and its components.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @internal
 */
export function scoreRelationshipWith(
  history: OfficeHistory,
  playbook: Playbook,
  now: Moment,
  options: ScoreOptions,
  cache: ScoreCache | undefined,
): RelationshipScore {
  const millis = toMillis(now);
  const moment = momentFor(history.context, millis);
  const key = cache === undefined ? undefined : [millis, playbook, history.context];
  const components: ScoreComponent[] = [];
  let weighted = 0;
  let weights = 0;
  for (const play of options.plays ?? defaultPlays) {
    const context = playContext(play, playbook, moment);
    if (!isEnabled(context.policy)) continue;
    const weight = Number((context.policy as { scoreWeight?: unknown }).scoreWeight ?? 1);
    const result = answerFor(
      key === undefined ? undefined : answersOf(cache, key, play),
      play,
      history,
      context,
      scoreOf,
      play.scoreReads ?? play.reads,
    );
    const score = result.score === null ? null : roundScore(Math.min(100, Math.max(0, result.score)));
    if (score !== null && weight > 0) {
      weighted += weight * score;
      weights += weight;
    }
    components.push({
      play: play.id,
      title: play.title,
      weight,
      score,
      reasons: result.reasons,
      facts: result.facts,
      evidence: result.evidence,
    });
  }
  return { officeId: history.office.id, score: weights > 0 ? roundScore(weighted / weights) : 0, components };
}
