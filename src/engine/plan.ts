import { addDays, compareCalendarDates } from '../calendar/dates';
import type { ActionDecision } from '../model/action-decision';
import { indexSnapshot, type OfficeHistory, type PracticeIndex } from '../model/history';
import type { Id } from '../model/primitives';
import type { PracticeSnapshot } from '../model/snapshot';
import type { Playbook } from '../playbook/playbook';
import { defaultPlays } from '../plays/default-plays';
import { followUpFacts } from '../plays/follow-up/status';
import type { ActionDraft, Play } from '../plays/play';
import type { Action } from './action';
import { actionId } from './action-id';
import { complianceLedger, complianceWarnings } from './compliance';
import { isEnabled, momentFor, playContext, toMillis, type Moment } from './context';

/**
 * The {@link planActions} options.
 *
 * @category Engine
 */
export interface PlanOptions {
  /** One tenant's records (validate untrusted data with `parseSnapshot` first). */
  readonly snapshot: PracticeSnapshot;
  /** The policies to plan with, e.g. `defaultPlaybook`. */
  readonly playbook: Playbook;
  /** The moment to plan for; the engine never reads the clock. */
  readonly now: Moment;
  /** Decisions besides those in the snapshot (done, snoozed, dismissed). */
  readonly decisions?: readonly ActionDecision[];
  /** The plays to run; default {@link defaultPlays}. */
  readonly plays?: readonly Play[];
}

/**
 * The {@link planIndex} options: {@link PlanOptions} with an already-built index
 * instead of a snapshot, and optionally the offices to plan for.
 *
 * @category Engine
 */
export interface PlanIndexOptions extends Omit<PlanOptions, 'snapshot'> {
  /** The indexed tenant. */
  readonly index: PracticeIndex;
  /**
   * Return only these offices' actions (default: all). Plays without `select` plan
   * only these offices; a play with `select` (e.g. `ask`, which keeps the best few
   * offices) still plans every office, so the result equals the full plan
   * filtered to these offices.
   */
  readonly officeIds?: readonly Id[];
}

/** A draft that passed the floor, horizon and decisions, with its id. */
interface KeptDraft {
  readonly draft: ActionDraft;
  readonly id: string;
}

/**
 * What {@link planIndex} remembers between calls: each play's kept drafts (after
 * the floor, horizon and decisions) by office history. A history is rebuilt
 * whenever its office changes, so a remembered entry is always for the same
 * records; everything else the drafts depend on — the moment, the playbook, the
 * plays, the practice and the decisions — is part of the cache's key, and a
 * different key empties the cache. A holder that changes the decisions map in
 * place (the desk) calls {@link PlanCache.clear}.
 *
 * @internal
 */
export interface PlanCache {
  /** Forgets everything. */
  clear(): void;
  /** @internal */
  readonly state: {
    key: readonly unknown[] | undefined;
    byPlay: Map<Play, WeakMap<OfficeHistory, readonly KeptDraft[]>>;
  };
}

/**
 * Creates an empty {@link PlanCache}.
 *
 * @returns The cache.
 * @example
 * ```ts
 * const cache = createPlanCache();
 * planIndexWith({ index, playbook: defaultPlaybook, now, officeIds: ['off-1'] }, cache).length; //=> 3
 * ```
 * @internal
 */
export function createPlanCache(): PlanCache {
  const state: PlanCache['state'] = { key: undefined, byPlay: new Map() };
  return {
    state,
    clear() {
      state.key = undefined;
      state.byPlay = new Map();
    },
  };
}

/** The cache's entries for one play, emptied first when the key changed. */
function cachedDrafts(
  cache: PlanCache | undefined,
  key: readonly unknown[],
  play: Play,
): WeakMap<OfficeHistory, readonly KeptDraft[]> | undefined {
  if (cache === undefined) return undefined;
  const { state } = cache;
  if (state.key === undefined || state.key.length !== key.length || state.key.some((part, i) => part !== key[i])) {
    state.key = key;
    state.byPlay = new Map();
  }
  let entries = state.byPlay.get(play);
  if (entries === undefined) {
    entries = new WeakMap();
    state.byPlay.set(play, entries);
  }
  return entries;
}

/**
 * Decides, from a decision history, whether an action is hidden today: `done` and
 * `dismissed` hide it for good; `snoozed` hides it until (not including) `until`.
 * The latest decision wins.
 */
function hiddenByDecision(decisions: readonly ActionDecision[] | undefined, today: string): boolean {
  const latest = decisions?.at(-1);
  if (latest === undefined) return false;
  if (latest.outcome === 'snoozed') return compareCalendarDates(today, latest.until) < 0;
  return true;
}

/**
 * Proposes what the practice should do, and why: every enabled play plans for every
 * office in the playbook's `planning.lifecycles`, then the engine
 * (steps 1, 2 and 4 come before a play's `select`, which chooses among what is left)
 *
 * 1. drops *outreach* for offices contacted within the follow-up nuisance floor
 *    (`plays['follow-up'].nuisanceFloorDays`; responses such as thank-you cards
 *    and intake expediting are not outreach);
 * 2. drops actions due after today + `planning.horizonDays`;
 * 3. gives each action its deterministic id ({@link actionId});
 * 4. honours decisions: `done` and `dismissed` hide an action, `snoozed` hides it
 *    until its date;
 * 5. adds compliance warnings where an action's estimated cost would bring a
 *    physician near or past the yearly cap, after the warnings the play attached
 *    to its draft (e.g. `message-too-long`);
 * 6. sorts by due date, then priority (highest first), then play order, then
 *    office id, then action id.
 *
 * Pure: no clock, no I/O, inputs never mutated; the same inputs in any record
 * order give the same actions.
 *
 * @param options - The snapshot, playbook, moment, extra decisions and plays.
 * @returns The actions, in the order above.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * const actions = planActions({ snapshot, playbook: defaultPlaybook, now: '2026-03-01T14:00:00Z' });
 * actions[0]?.explanation.summary;
 * //=> 'Last contact with Lakeside Family Medicine was 123 days ago (2025-10-29, in-person); the target is every 90 days.'
 * ```
 * @category Engine
 */
export function planActions(options: PlanOptions): Action[] {
  const { snapshot, ...rest } = options;
  return planIndex({ ...rest, index: indexSnapshot(snapshot) });
}

/**
 * {@link planActions} over an already-built index, optionally for some offices
 * only (how the desk re-plans one office without reloading the tenant).
 *
 * @param options - The index, playbook, moment, decisions, plays and offices.
 * @returns The actions, ordered as {@link planActions} orders them.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * planIndex({ index, playbook: defaultPlaybook, now, officeIds: ['off-1'] }).every((a) => a.officeId === 'off-1');
 * //=> true
 * ```
 * @category Engine
 */
export function planIndex(options: PlanIndexOptions): Action[] {
  return planIndexWith(options, undefined);
}

/**
 * {@link planIndex} with a {@link PlanCache}: each play's drafts are remembered per
 * office history, so that re-planning after a change to one office recomputes only
 * that office (the desk keeps one cache). The result is always what
 * {@link planIndex} returns.
 *
 * @param options - As for {@link planIndex}.
 * @param cache - The cache, or `undefined` for none.
 * @returns The actions, ordered as {@link planActions} orders them.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * const cache = createPlanCache();
 * planIndexWith({ index, playbook: defaultPlaybook, now, officeIds: ['off-1'] }, cache).length; //=> 3
 * ```
 * @internal
 */
export function planIndexWith(options: PlanIndexOptions, cache: PlanCache | undefined): Action[] {
  const { index, playbook } = options;
  const plays = options.plays ?? defaultPlays;
  const now = toMillis(options.now);
  const moment = momentFor(index.context, now);
  const horizonEnd = addDays(moment.today, playbook.planning.horizonDays);
  const lifecycles: readonly string[] = playbook.planning.lifecycles;

  // Every office the plays plan for; `officeIds` narrows the output, but a play that
  // chooses among offices (`select`) still sees them all, so an office's actions are
  // the same whether it is planned alone or with the practice.
  const eligible: OfficeHistory[] = [];
  for (const history of index.offices.values()) {
    if (lifecycles.includes(history.office.lifecycle)) eligible.push(history);
  }
  const wanted = options.officeIds === undefined ? undefined : new Set(options.officeIds);
  const offices = wanted === undefined ? eligible : eligible.filter((history) => wanted.has(history.office.id));

  const followUp = playbook.plays['follow-up'];
  const insideFloor = new Map<Id, boolean>();
  const isInsideFloor = (history: OfficeHistory): boolean => {
    let inside = insideFloor.get(history.office.id);
    if (inside === undefined) {
      const facts = followUpFacts(history, followUp, now, moment.timeZone);
      inside = facts.daysSince !== null && facts.daysSince < followUp.nuisanceFloorDays;
      insideFloor.set(history.office.id, inside);
    }
    return inside;
  };

  const extraDecisions = new Map<Id, ActionDecision[]>();
  for (const decision of [...(options.decisions ?? [])].sort(
    (a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )) {
    const list = extraDecisions.get(decision.actionId) ?? [];
    list.push(decision);
    extraDecisions.set(decision.actionId, list);
  }
  const decisionsFor = (id: string): readonly ActionDecision[] | undefined => {
    const stored = index.decisions.get(id);
    const extra = extraDecisions.get(id);
    if (extra === undefined) return stored;
    if (stored === undefined) return extra;
    return [...stored, ...extra].sort((a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt));
  };

  // The cache holds drafts after decisions, so extra decisions bypass it.
  const remembering = options.decisions === undefined || options.decisions.length === 0 ? cache : undefined;
  const cacheKey = [now, playbook, plays, index.context, index.decisions];
  let ledger: ReturnType<typeof complianceLedger> | undefined;
  const actions: (Action & { readonly order: number })[] = [];
  plays.forEach((play, order) => {
    const context = playContext(play, playbook, moment);
    if (!isEnabled(context.policy)) return;
    // Floor, horizon and decisions come first, so that a play's `select` chooses
    // among the actions that can actually be shown.
    const remembered = cachedDrafts(remembering, cacheKey, play);
    const ids = new Map<ActionDraft, string>();
    const kept: ActionDraft[] = [];
    for (const history of play.select ? eligible : offices) {
      let keptHere = remembered?.get(history);
      if (keptHere === undefined) {
        const list: KeptDraft[] = [];
        for (const draft of play.plan(history, context)) {
          if (draft.outreach && isInsideFloor(history)) continue;
          if (compareCalendarDates(draft.due, horizonEnd) > 0) continue;
          const id = actionId(play.id, draft.kind, draft.officeId, draft.anchor);
          if (hiddenByDecision(decisionsFor(id), moment.today)) continue;
          list.push({ draft, id });
        }
        keptHere = list;
        remembered?.set(history, keptHere);
      }
      for (const { draft, id } of keptHere) {
        ids.set(draft, id);
        kept.push(draft);
      }
    }
    let drafts: readonly ActionDraft[] = kept;
    if (play.select) drafts = play.select(drafts, context);
    for (const draft of drafts) {
      if (wanted !== undefined && !wanted.has(draft.officeId)) continue;
      // Only offices the plays plan for (a host's play might name another office).
      const history = index.offices.get(draft.officeId);
      const id = ids.get(draft);
      if (history === undefined || !lifecycles.includes(history.office.lifecycle) || id === undefined) continue;
      // The ledger walks every costed touchpoint: build it only once an action has a cost estimate.
      const costed = (playbook.compliance.actionCostEstimates[draft.kind] ?? 0) > 0;
      if (costed) ledger ??= complianceLedger({ index, playbook, now });
      actions.push({
        id,
        play: play.id,
        kind: draft.kind,
        officeId: draft.officeId,
        contactIds: draft.contactIds,
        due: draft.due,
        priority: draft.priority,
        outreach: draft.outreach,
        title: draft.title,
        explanation: draft.explanation,
        warnings: [
          ...(draft.warnings ?? []),
          ...(costed && ledger ? complianceWarnings(playbook.compliance, ledger, history, draft.kind, draft.contactIds) : []),
        ],
        details: draft.details ?? {},
        order,
      });
    }
  });

  actions.sort(
    (a, b) =>
      compareCalendarDates(a.due, b.due) ||
      b.priority - a.priority ||
      a.order - b.order ||
      (a.officeId < b.officeId ? -1 : a.officeId > b.officeId ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return actions.map(({ order: _order, ...action }) => action);
}
