/**
 * Reusing a play's last answer for an office whose history changed only in parts
 * the play does not read ({@link Play.reads}). The desk's plan cache and score
 * cache keep one answer per play and office; after a touchpoint is logged, a play
 * that reads no touchpoints answers from memory. Internal: not re-exported.
 *
 * @module
 * @internal
 */
import type { OfficeHistory } from '../model/history';
import type { Id } from '../model/primitives';
import type { Touchpoint } from '../model/touchpoint';
import type { HistoryPart, Play, PlayContext } from './play';

/** Whether two histories of one office hold the same list for a part (by identity). */
const samePart: Readonly<Record<HistoryPart, (a: OfficeHistory, b: OfficeHistory) => boolean>> = {
  contacts: (a, b) => a.contacts === b.contacts,
  // The `touchpoints` view is rebuilt with every history; the lists under it are what count.
  touchpoints: (a, b) => a.touchpointRecords === b.touchpointRecords && a.touchpointTimes === b.touchpointTimes,
  referrals: (a, b) => a.referrals === b.referrals,
  thankYous: (a, b) => a.thankYous === b.thankYous,
};

/** How an office's touchpoint lists came from the ones before them: see {@link noteTouchpointChange}. */
interface TouchpointChange {
  readonly fromRecords: readonly Touchpoint[];
  readonly fromTimes: readonly number[];
  /** The touchpoints put in or taken out (an older version replaced). */
  readonly changed: readonly Touchpoint[];
}

/** By the new touchpoint records list: how it came from the previous one. */
const touchpointChanges = new WeakMap<readonly Touchpoint[], TouchpointChange>();

/**
 * Notes that an office's new touchpoint lists are the previous ones with the
 * `changed` touchpoints put in or taken out (the desk's append), so that a play
 * that reads none of them ({@link Play.readsTouchpoint}) keeps its answers. Only
 * one step is remembered: the previous lists' own note is dropped, so that no
 * chain of older lists stays alive.
 *
 * @internal
 */
export function noteTouchpointChange(
  records: readonly Touchpoint[],
  fromRecords: readonly Touchpoint[],
  fromTimes: readonly number[],
  changed: readonly Touchpoint[],
): void {
  touchpointChanges.delete(fromRecords);
  touchpointChanges.set(records, { fromRecords, fromTimes, changed });
}

/** Whether a play reads the same touchpoints in two histories of one office. */
function sameTouchpointsFor(play: Play, before: OfficeHistory, after: OfficeHistory): boolean {
  if (samePart.touchpoints(before, after)) return true;
  const reads = play.readsTouchpoint;
  if (reads === undefined) return false;
  const change = touchpointChanges.get(after.touchpointRecords);
  return (
    change !== undefined &&
    change.fromRecords === before.touchpointRecords &&
    change.fromTimes === before.touchpointTimes &&
    !change.changed.some((touchpoint) => reads(touchpoint))
  );
}

/**
 * Whether `play` reads nothing that differs between two histories: the same
 * office record, practice-wide facts and time zone, and the same list (the same
 * object) for each part the play declares — for touchpoints, also lists noted
 * by {@link noteTouchpointChange} as the earlier ones changed only in
 * touchpoints the play does not read ({@link Play.readsTouchpoint}). A play without `reads`, or with a name
 * that is not a {@link HistoryPart}, reads everything: never the same.
 *
 * @param play - The play.
 * @param before - The history the play last answered for.
 * @param after - The history it is asked about now.
 * @param reads - The parts to compare: by default the play's `reads` (its
 *   `scoreReads ?? reads` for a score).
 * @returns `true` when the play's answer for `before` is its answer for `after`.
 * @internal
 */
export function readsSame(
  play: Play,
  before: OfficeHistory,
  after: OfficeHistory,
  reads: readonly HistoryPart[] | undefined = play.reads,
): boolean {
  if (reads === undefined) return false;
  if (before.office !== after.office || before.context !== after.context || before.timeZone !== after.timeZone) return false;
  for (let i = 0; i < reads.length; i += 1) {
    const part = reads[i]!;
    if (!Object.hasOwn(samePart, part)) return false;
    if (part === 'touchpoints' ? !sameTouchpointsFor(play, before, after) : !samePart[part](before, after)) return false;
  }
  return true;
}

/** A play's last answer for each office: the history it was for, and the answer. */
export type LastAnswers<T> = Map<Id, { readonly history: OfficeHistory; readonly answer: T }>;

/**
 * The play's answer for an office: the remembered one when the history differs
 * from the one it was given for only in parts the play does not read; otherwise
 * `ask`'s. Either way it is remembered with this history. `ask` is a module-level function (not a
 * closure made per call), called with the play, history and context.
 *
 * @param answers - The play's last answers, or `undefined` to just ask.
 * @param play - The play.
 * @param history - The office's history.
 * @param context - The play's context (the same for every remembered answer).
 * @param ask - Works the answer out.
 * @param reads - The parts the answer depends on; by default the play's `reads`.
 * @returns The answer.
 * @internal
 */
export function answerFor<T>(
  answers: LastAnswers<T> | undefined,
  play: Play,
  history: OfficeHistory,
  context: PlayContext<never>,
  ask: (play: Play, history: OfficeHistory, context: PlayContext<never>) => T,
  reads: readonly HistoryPart[] | undefined = play.reads,
): T {
  if (answers === undefined) return ask(play, history, context);
  const id = history.office.id;
  const last = answers.get(id);
  if (last !== undefined) {
    if (last.history === history) return last.answer;
    if (readsSame(play, last.history, history, reads)) {
      // Remember the newer history, so that the older one is not kept alive.
      answers.set(id, { history, answer: last.answer });
      return last.answer;
    }
  }
  const answer = ask(play, history, context);
  answers.set(id, { history, answer });
  return answer;
}
