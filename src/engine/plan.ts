import { addDays, compareCalendarDates } from '../calendar/dates';
import { invalidArgument } from '../calendar/validation';
import type { ValidationError } from '../errors';
import type { ActionDecision } from '../model/action-decision';
import type { Contact } from '../model/contact';
import {
  contactsOfGroup,
  groupSnapshot,
  historyOfGroup,
  type OfficeHistory,
  type PracticeContext,
  type PracticeIndex,
} from '../model/history';
import type { Office } from '../model/office';
import type { CalendarDate, Id } from '../model/primitives';
import type { PracticeSnapshot } from '../model/snapshot';
import type { Playbook } from '../playbook/playbook';
import { defaultPlays } from '../plays/default-plays';
import type { FollowUpPolicy } from '../plays/follow-up/policy';
import { daysSinceLastContact } from '../plays/follow-up/floor';
import type { ActionDraft, Play, PlayContext } from '../plays/play';
import { answerFor, type LastAnswers } from '../plays/reads';
import type { Action } from './action';
import { actionId } from './action-id';
import {
  complianceLedger,
  complianceWarnings,
  ledgerOf,
  ledgerYear,
  tallySpend,
  type LedgerEntry,
  type SpendTally,
} from './compliance';
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
 * For a play that declares what it reads ({@link Play.reads}) it also keeps what
 * the play's `plan` last returned for each office: a new history of the office
 * that differs only in parts the play does not read gets those drafts without
 * the play being asked.
 *
 * Besides the drafts it remembers, per call, which offices were eligible and,
 * for each play that chooses among offices (`select`), what it was given and what
 * it chose: when only some offices changed and their kept drafts came out equal
 * to before, the earlier choice stands and the other offices are not read again.
 * When the same offices are in the same map with only some histories replaced
 * (what the desk does after a write), only those offices are planned again and
 * nothing else of the tenant is read but the map's entries.
 *
 * @internal
 */
export interface PlanCache {
  /** Forgets everything. */
  clear(): void;
  /** @internal */
  readonly state: PlanCacheState;
}

/** The contents of a {@link PlanCache}. @internal */
interface PlanCacheState {
  key: readonly unknown[] | undefined;
  byPlay: Map<Play, PlayMemory>;
  /** The offices of the last call and which of them the plays planned for. */
  eligible: EligibleMemo | undefined;
  /** Per play with `select`: its last input, by eligible office, and its choice. */
  selections: Map<Play, SelectionMemo>;
}

/** Where a draft's id is looked up: a `Map` for one call, a `WeakMap` in the cache. */
interface DraftIds {
  get(draft: ActionDraft): string | undefined;
  set(draft: ActionDraft, id: string): unknown;
}

/** One play's remembered drafts, by office history, and the id of each. */
interface PlayMemory {
  readonly drafts: WeakMap<OfficeHistory, readonly KeptDraft[]>;
  readonly ids: WeakMap<ActionDraft, string>;
  /**
   * For a play that declares what it reads ({@link Play.reads}): what its `plan`
   * returned last, per office, so that an office whose history changed only in
   * parts it does not read is not planned again.
   */
  readonly planned: LastAnswers<readonly ActionDraft[]> | undefined;
}

/** Which offices of an index were eligible, by position in its map. */
interface EligibleMemo {
  readonly offices: ReadonlyMap<Id, OfficeHistory>;
  readonly lifecycles: readonly string[];
  /** Every history, in the map's order. */
  readonly all: readonly OfficeHistory[];
  /** Parallel to `all`: its position in `eligible`, or -1 when its lifecycle is not planned for. */
  readonly eligibleAt: readonly number[];
  /** The histories planned for, in the map's order. */
  readonly eligible: readonly OfficeHistory[];
}

/** A `select` call remembered: the kept drafts of each eligible office and the choice. */
interface SelectionMemo {
  readonly histories: readonly OfficeHistory[];
  readonly kept: readonly (readonly KeptDraft[])[];
  readonly selected: readonly ActionDraft[];
  /** The chosen drafts by office id, built the first time one office is asked for. */
  byOffice: Map<Id, ActionDraft[]> | undefined;
}

function emptyState(key: readonly unknown[] | undefined): PlanCacheState {
  return { key, byPlay: new Map(), eligible: undefined, selections: new Map() };
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
  const cache: PlanCache = {
    state: emptyState(undefined),
    clear() {
      (cache as { state: PlanCacheState }).state = emptyState(undefined);
    },
  };
  return cache;
}

/**
 * Whether a cache's key is the given one: the same parts, each the same value
 * (`===`), in order. A cache with no key yet has none.
 *
 * @internal
 */
export function isSameKey(key: readonly unknown[] | undefined, other: readonly unknown[]): boolean {
  return key !== undefined && key.length === other.length && key.every((part, i) => part === other[i]);
}

/** The cache's state for a key, emptied first when the key changed. */
function stateFor(cache: PlanCache | undefined, key: readonly unknown[]): PlanCacheState | undefined {
  if (cache === undefined) return undefined;
  const { state } = cache;
  if (isSameKey(state.key, key)) return state;
  (cache as { state: PlanCacheState }).state = emptyState(key);
  return cache.state;
}

/** The cache's memory of one play. */
function memoryOf(state: PlanCacheState | undefined, play: Play): PlayMemory | undefined {
  if (state === undefined) return undefined;
  let memory = state.byPlay.get(play);
  if (memory === undefined) {
    memory = { drafts: new WeakMap(), ids: new WeakMap(), planned: play.reads === undefined ? undefined : new Map() };
    state.byPlay.set(play, memory);
  }
  return memory;
}

/** The chosen drafts grouped by office, each office's in the order chosen. */
function groupByOffice(drafts: readonly ActionDraft[]): Map<Id, ActionDraft[]> {
  const groups = new Map<Id, ActionDraft[]>();
  for (const draft of drafts) {
    const group = groups.get(draft.officeId);
    if (group === undefined) groups.set(draft.officeId, [draft]);
    else group.push(draft);
  }
  return groups;
}

/** The offices one call plans for, and how they differ from the last call's. */
interface Eligibility {
  /** The eligible offices' histories, in the index's order. */
  readonly offices: readonly OfficeHistory[];
  /**
   * The last call's list (from the cache), when this one has the same offices at
   * the same positions, only some of them with a new history; else `undefined`.
   */
  readonly previous: readonly OfficeHistory[] | undefined;
  /** With `previous`: the positions whose history is new. */
  readonly changed: readonly number[];
}

/**
 * The offices the plays plan for, in the index's order. With a memo of the same
 * map, histories are compared by identity only: when the same offices are there,
 * some with a new history and none changing whether it is planned for, the last
 * call's lists are copied and patched at the positions that changed (which are
 * returned), so that the plan reads only those offices again. Otherwise a
 * history at the same position as last time keeps its answer without being read.
 */
function eligibleOffices(
  index: PracticeIndex,
  lifecycles: readonly string[],
  state: PlanCacheState | undefined,
): Eligibility {
  const memo = state?.eligible;
  const usable =
    memo !== undefined && memo.offices === index.offices && memo.lifecycles === lifecycles ? memo : undefined;
  if (usable !== undefined && usable.all.length === index.offices.size) {
    const patched = patchEligible(usable, index.offices.values(), lifecycles);
    if (patched !== undefined) {
      if (patched.all !== usable.all) {
        state!.eligible = {
          offices: usable.offices,
          lifecycles,
          all: patched.all,
          eligibleAt: usable.eligibleAt,
          eligible: patched.eligible,
        };
      }
      return { offices: patched.eligible, previous: usable.eligible, changed: patched.changed };
    }
  }
  const all: OfficeHistory[] = [];
  const eligibleAt: number[] = [];
  const eligible: OfficeHistory[] = [];
  let position = 0;
  for (const history of index.offices.values()) {
    const yes =
      usable !== undefined && usable.all[position] === history
        ? usable.eligibleAt[position]! >= 0
        : lifecycles.includes(history.office.lifecycle);
    all.push(history);
    eligibleAt.push(yes ? eligible.length : -1);
    if (yes) eligible.push(history);
    position += 1;
  }
  if (state !== undefined) state.eligible = { offices: index.offices, lifecycles, all, eligibleAt, eligible };
  return { offices: eligible, previous: undefined, changed: [] };
}

/**
 * The memo's lists with the new histories put in, walking the map once and
 * copying a list only when something in it changed; `undefined` when an office
 * is not the one at the same position last time, or a new history changes
 * whether its office is planned for.
 */
function patchEligible(
  memo: EligibleMemo,
  histories: IterableIterator<OfficeHistory>,
  lifecycles: readonly string[],
): { all: readonly OfficeHistory[]; eligible: readonly OfficeHistory[]; changed: number[] } | undefined {
  let all: OfficeHistory[] | undefined;
  let eligible: OfficeHistory[] | undefined;
  const changed: number[] = [];
  let position = 0;
  for (const history of histories) {
    const before = memo.all[position]!;
    if (before !== history) {
      const at = memo.eligibleAt[position]!;
      if (before.office.id !== history.office.id || lifecycles.includes(history.office.lifecycle) !== at >= 0) return undefined;
      (all ??= memo.all.slice())[position] = history;
      if (at >= 0) {
        (eligible ??= memo.eligible.slice())[at] = history;
        changed.push(at);
      }
    }
    position += 1;
  }
  return { all: all ?? memo.all, eligible: eligible ?? memo.eligible, changed };
}

/**
 * Whether two values hold the same data: primitives by `Object.is`, arrays and
 * plain objects member by member; any other object only when it is the same one.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether two kept lists hold the same drafts with the same ids, in order. */
function sameKept(a: readonly KeptDraft[], b: readonly KeptDraft[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i]!.id !== b[i]!.id || !sameData(a[i]!.draft, b[i]!.draft)) return false;
  }
  return true;
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
 * The kept drafts of an office for which a play proposes nothing (most offices,
 * for most plays): one shared, frozen empty list rather than one per office and
 * play.
 */
const noDrafts: readonly KeptDraft[] = Object.freeze([]);

/**
 * What every planner of one {@link planIndexWith} call shares: the moment, the
 * follow-up floor and the decisions.
 */
interface PlanRun {
  /** The stored decisions by action id, oldest first. */
  readonly decisions: ReadonlyMap<Id, readonly ActionDecision[]>;
  readonly now: number;
  readonly timeZone: string;
  readonly today: CalendarDate;
  readonly horizonEnd: CalendarDate;
  readonly followUp: FollowUpPolicy;
  /** Per office id: whether its last counting contact is inside the nuisance floor. */
  readonly insideFloor: Map<Id, boolean>;
  /** The call's extra decisions by action id, oldest first. */
  readonly extraDecisions: ReadonlyMap<Id, readonly ActionDecision[]>;
}

/** One enabled play in a {@link planIndexWith} call: how it keeps an office's drafts. */
interface Planner {
  readonly play: Play;
  /** Its position among the plays (the last sort key but two). */
  readonly order: number;
  /** Its context for this call (policy and moment). */
  readonly context: PlayContext<never>;
  /** Where the id of each kept draft is found. */
  readonly ids: DraftIds;
  /** Its drafts remembered per history, with a cache. */
  readonly memory: PlayMemory | undefined;
  readonly run: PlanRun;
}

// The engine's per-call work lives in module-level functions that take the call's
// state as arguments, not in closures made by each call. V8 keeps a closure's
// optimised code only while some closure of it is alive; a closure made per call
// is garbage after the call, so after each full collection its code would be
// compiled again, on every call that follows one.

/** Whether an office's last counting contact is inside the follow-up nuisance floor. */
function isInsideFloor(run: PlanRun, history: OfficeHistory): boolean {
  let inside = run.insideFloor.get(history.office.id);
  if (inside === undefined) {
    const daysSince = daysSinceLastContact(history, run.followUp, run.now, run.timeZone);
    inside = daysSince !== null && daysSince < run.followUp.nuisanceFloorDays;
    run.insideFloor.set(history.office.id, inside);
  }
  return inside;
}

/** By decision time, oldest first. */
function byDecidedAt(a: ActionDecision, b: ActionDecision): number {
  return Date.parse(a.decidedAt) - Date.parse(b.decidedAt);
}

/** By decision time, then id. */
function byDecidedAtThenId(a: ActionDecision, b: ActionDecision): number {
  return byDecidedAt(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The stored and extra decisions about one action, oldest first. */
function decisionsFor(run: PlanRun, id: string): readonly ActionDecision[] | undefined {
  const stored = run.decisions.get(id);
  const extra = run.extraDecisions.get(id);
  if (extra === undefined) return stored;
  if (stored === undefined) return extra;
  return [...stored, ...extra].sort(byDecidedAt);
}

/**
 * A play's drafts for an office after the floor, horizon and decisions, with their
 * ids. Floor, horizon and decisions come first, so that a play's `select` chooses
 * among the actions that can actually be shown. A list equal to `previous` (the
 * same office's list before it changed) is replaced by it, so that a choice made
 * over it still stands.
 */
function keptFor(planner: Planner, history: OfficeHistory, previous?: readonly KeptDraft[]): readonly KeptDraft[] {
  const { memory, run } = planner;
  const remembered = memory?.drafts.get(history);
  if (remembered !== undefined) return remembered;
  let found: KeptDraft[] | undefined;
  const { play } = planner;
  const outreachOnly = play.outreachOnly === true;
  // Inside the floor every draft of an outreach-only play would be dropped: it is not asked.
  const planned =
    outreachOnly && isInsideFloor(run, history) ? noPlanned : answerFor(memory?.planned, play, history, planner.context, planOf);
  // A counted loop: it runs for every office and play, and a `for…of` allocates an
  // iterator result per draft until it is optimised.
  for (let d = 0; d < planned.length; d += 1) {
    const draft = planned[d]!;
    if (outreachOnly && draft.outreach !== true) throw notOutreach(play, draft);
    if (draft.outreach && isInsideFloor(run, history)) continue;
    if (compareCalendarDates(draft.due, run.horizonEnd) > 0) continue;
    const id = actionId(play.id, draft.kind, draft.officeId, draft.anchor);
    if (hiddenByDecision(decisionsFor(run, id), run.today)) continue;
    (found ??= []).push({ draft, id });
  }
  const list = found ?? noDrafts;
  const kept = previous !== undefined && sameKept(list, previous) ? previous : list;
  if (kept === list) for (let k = 0; k < list.length; k += 1) planner.ids.set(list[k]!.draft, list[k]!.id);
  memory?.drafts.set(history, kept);
  return kept;
}

/** What an outreach-only play proposes for an office inside the nuisance floor, unasked. */
const noPlanned: readonly ActionDraft[] = Object.freeze([]);

/** The error for a draft that breaks its play's `outreachOnly` declaration. */
function notOutreach(play: Play, draft: ActionDraft): ValidationError {
  return invalidArgument(
    `play ${play.id}`,
    `declares outreachOnly, but proposed a ${JSON.stringify(draft.kind)} draft for office ${JSON.stringify(draft.officeId)} ` +
      'that is not outreach; set outreach: true on it, or take outreachOnly away',
    'custom',
    ['outreachOnly'],
  );
}

/** What a play's `plan` proposes for an office. */
function planOf(play: Play, history: OfficeHistory, context: PlayContext<never>): readonly ActionDraft[] {
  return play.plan(history, context);
}

/** The order of a plan: due date, priority (highest first), play order, office id, action id. */
function byPlanOrder(a: OrderedAction, b: OrderedAction): number {
  return (
    compareCalendarDates(a.due, b.due) ||
    b.priority - a.priority ||
    a.order - b.order ||
    (a.officeId < b.officeId ? -1 : a.officeId > b.officeId ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** An action with its play's position, for {@link byPlanOrder}. */
type OrderedAction = Action & { readonly order: number };

/**
 * The drafts of kept lists, in order. (Counted loops: this runs a few times per
 * call, before it is optimised, and a `for…of` then allocates an iterator result
 * per list and per draft.)
 */
function draftsIn(lists: readonly (readonly KeptDraft[])[]): ActionDraft[] {
  const drafts: ActionDraft[] = [];
  for (let i = 0; i < lists.length; i += 1) {
    const list = lists[i]!;
    for (let k = 0; k < list.length; k += 1) drafts.push(list[k]!.draft);
  }
  return drafts;
}

/**
 * Every planner's kept drafts for every office, worked out office by office (all
 * plays on one office, then the next): `result[p][i]` is planner `p`'s list for
 * `offices[i]`.
 */
function keptByOffice(planners: readonly Planner[], offices: readonly OfficeHistory[]): (readonly KeptDraft[])[][] {
  const result = planners.map(() => new Array<readonly KeptDraft[]>(offices.length));
  for (let i = 0; i < offices.length; i += 1) {
    const history = offices[i]!;
    for (let p = 0; p < planners.length; p += 1) result[p]![i] = keptFor(planners[p]!, history);
  }
  return result;
}

/**
 * Proposes what the practice should do, and why: every enabled play plans for every
 * office in the playbook's `planning.lifecycles`, then the engine
 * (steps 1, 2 and 4 come before a play's `select`, which chooses among what is left)
 *
 * 1. drops *outreach* for offices contacted within the follow-up nuisance floor
 *    (`plays['follow-up'].nuisanceFloorDays`; responses such as thank-you cards
 *    and intake expediting are not outreach); a play that declares
 *    `outreachOnly` is not asked to plan for such an office at all;
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
  const groups = groupSnapshot(options.snapshot);
  const call = beginCall(groups, options, undefined);
  const { planners, run } = call;
  // The ledger is read only with a cost estimate, and only for the physicians of
  // offices planned for; a physician is a contact of one office (ids are unique in
  // a valid snapshot), so only those offices' spending is tallied.
  const compliance = options.playbook.compliance;
  const tally: SpendTally | undefined = Object.values(compliance.actionCostEstimates).some((estimate) => estimate > 0)
    ? new Map()
    : undefined;
  const year = ledgerYear(run.now, run.timeZone);
  const lists = planners.map(() => [] as (readonly KeptDraft[])[]);
  // Office by office, all plays on one history, which is then let go: no history
  // outlives its office's turn, so the collector never copies one (an index of the
  // whole tenant would be copied between its young spaces and then promoted).
  // Offices not planned for are not read at all.
  for (const group of groups.offices.values()) {
    if (!call.lifecycles.includes(group.office.lifecycle)) continue;
    const history = historyOfGroup(groups, group);
    if (tally !== undefined) tallySpend(tally, history, year, run.timeZone);
    for (let p = 0; p < planners.length; p += 1) lists[p]!.push(keptFor(planners[p]!, history));
  }
  const drafts: (readonly ActionDraft[])[] = [];
  for (let p = 0; p < planners.length; p += 1) {
    const { play, context: playContext } = planners[p]!;
    const given = draftsIn(lists[p]!);
    drafts.push(play.select ? play.select(given, playContext) : given);
  }
  return actionsOf(
    call,
    drafts,
    undefined,
    (officeId) => groups.offices.get(officeId)?.office,
    (officeId) => contactsOfGroup(groups, groups.offices.get(officeId)!),
    () => ledgerOf(tally ?? new Map(), year, compliance.annualCapPerPhysician),
  );
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
  return planWith(options.index, options, cache);
}

/** What every call plans from, index or grouped snapshot: the practice-wide facts and the stored decisions. */
interface PlanSource {
  readonly context: PracticeContext;
  readonly decisions: ReadonlyMap<Id, readonly ActionDecision[]>;
}

/** What every step of one call shares: its run, its planners, the playbook and its cache's state. */
interface PlanCall {
  readonly run: PlanRun;
  readonly planners: readonly Planner[];
  readonly playbook: Playbook;
  readonly lifecycles: readonly string[];
  /** The cache's state for this call's key, or `undefined` without a cache (or with extra decisions). */
  readonly state: PlanCacheState | undefined;
}

/**
 * Starts a call: reads the moment, finds the cache's state for the call's key,
 * and makes a planner for each enabled play.
 */
function beginCall(source: PlanSource, options: Omit<PlanIndexOptions, 'index'>, cache: PlanCache | undefined): PlanCall {
  const { playbook } = options;
  const plays = options.plays ?? defaultPlays;
  const now = toMillis(options.now);
  const moment = momentFor(source.context, now);

  // The cache holds drafts after decisions, so extra decisions bypass it.
  const state =
    options.decisions === undefined || options.decisions.length === 0
      ? stateFor(cache, [now, playbook, plays, source.context, source.decisions])
      : undefined;

  const extraDecisions = new Map<Id, ActionDecision[]>();
  for (const decision of [...(options.decisions ?? [])].sort(byDecidedAtThenId)) {
    const list = extraDecisions.get(decision.actionId) ?? [];
    list.push(decision);
    extraDecisions.set(decision.actionId, list);
  }
  const run: PlanRun = {
    decisions: source.decisions,
    now,
    timeZone: moment.timeZone,
    today: moment.today,
    horizonEnd: addDays(moment.today, playbook.planning.horizonDays),
    followUp: playbook.plays['follow-up'],
    insideFloor: new Map(),
    extraDecisions,
  };

  // Each enabled play with its context, and how it keeps an office's drafts.
  const planners: Planner[] = [];
  for (let order = 0; order < plays.length; order += 1) {
    const play = plays[order];
    if (play === undefined) continue; // a hole in a sparse list, skipped as \`forEach\` skips it
    const context = playContext(play, playbook, moment);
    if (!isEnabled(context.policy)) continue;
    const memory = memoryOf(state, play);
    const ids: DraftIds = memory?.ids ?? new Map<ActionDraft, string>();
    planners.push({ play, order, context, ids, memory, run });
  }
  return { run, planners, playbook, lifecycles: playbook.planning.lifecycles, state };
}

/**
 * The work of {@link planIndexWith}, with the index apart from the options, so that
 * the caller's options are passed as they are instead of a copy made per call
 * (whose shape optimised code would not recognise next time).
 */
function planWith(
  index: PracticeIndex,
  options: Omit<PlanIndexOptions, 'index'>,
  cache: PlanCache | undefined,
): Action[] {
  const call = beginCall(index, options, cache);
  const { planners, lifecycles, state } = call;

  // Every office the plays plan for; `officeIds` narrows the output, but a play that
  // chooses among offices (`select`) still sees them all, so an office's actions are
  // the same whether it is planned alone or with the practice.
  const eligibility = eligibleOffices(index, lifecycles, state);
  const eligible = eligibility.offices;
  const wanted = options.officeIds === undefined ? undefined : new Set(options.officeIds);
  // The wanted offices are looked up, not searched for, so that the others are not read.
  const offices: OfficeHistory[] = [];
  if (wanted === undefined) offices.push(...eligible);
  else {
    for (const id of wanted) {
      const history = index.offices.get(id);
      if (history !== undefined && history.office.id === id && lifecycles.includes(history.office.lifecycle)) offices.push(history);
    }
  }

  // Planning every office without a cache, all plays plan one office before the
  // next office is read, so that its records are still in the processor's cache
  // for every play after the first (play by play, the other offices' records
  // would push them out in between). Plays are pure: only the order of the calls
  // changes, not what they return.
  const prepared = state === undefined && wanted === undefined ? keptByOffice(planners, eligible) : undefined;

  const drafts: (readonly ActionDraft[])[] = [];
  for (let p = 0; p < planners.length; p += 1) {
    const planner = planners[p]!;
    const { play, context } = planner;
    // With `prepared`, the offices planned are `eligible` (no memo, no `officeIds`).
    const preparedLists = prepared?.[p];
    if (play.select) {
      // A history at the same position as in the last call is the same office with
      // the same records: its kept drafts are the ones remembered there, unread.
      const memo = state?.selections.get(play);
      let lists: (readonly KeptDraft[])[];
      let unchanged: boolean;
      if (memo !== undefined && eligibility.previous !== undefined && memo.histories === eligibility.previous) {
        // The same offices as last call, some with a new history: only those are read.
        lists = memo.kept.slice();
        unchanged = true;
        for (const i of eligibility.changed) {
          const previous = memo.kept[i]!;
          const list = keptFor(planner, eligible[i]!, previous);
          if (list !== previous) unchanged = false;
          lists[i] = list;
        }
      } else {
        lists = new Array<readonly KeptDraft[]>(eligible.length);
        unchanged = memo !== undefined && memo.histories.length === eligible.length;
        for (let i = 0; i < eligible.length; i += 1) {
          const history = eligible[i]!;
          const before = memo?.histories[i];
          if (before === history) {
            lists[i] = memo!.kept[i]!;
            continue;
          }
          const previous = before !== undefined && before.office.id === history.office.id ? memo!.kept[i] : undefined;
          const list = preparedLists?.[i] ?? keptFor(planner, history, previous);
          if (list !== previous) unchanged = false;
          lists[i] = list;
        }
      }
      let selection: SelectionMemo;
      if (unchanged && memo !== undefined) {
        selection = { histories: eligible, kept: lists, selected: memo.selected, byOffice: memo.byOffice };
      } else {
        selection = { histories: eligible, kept: lists, selected: play.select(draftsIn(lists), context), byOffice: undefined };
      }
      state?.selections.set(play, selection);
      if (wanted !== undefined && wanted.size === 1) {
        selection.byOffice ??= groupByOffice(selection.selected);
        drafts.push(selection.byOffice.get(options.officeIds![0]!) ?? []);
      } else {
        drafts.push(selection.selected);
      }
    } else {
      const given: ActionDraft[] = [];
      for (let i = 0; i < offices.length; i += 1) {
        for (const { draft } of preparedLists?.[i] ?? keptFor(planner, offices[i]!)) given.push(draft);
      }
      drafts.push(given);
    }
  }
  const { playbook } = call;
  return actionsOf(
    call,
    drafts,
    wanted,
    (officeId) => index.offices.get(officeId)?.office,
    (officeId) => index.offices.get(officeId)!.contacts,
    () => complianceLedger({ index, playbook, now: call.run.now }),
  );
}

/**
 * The call's actions from each planner's chosen drafts (`drafts[p]` is planner
 * `p`'s): only drafts for offices the plays plan for (and, with `wanted`, for those
 * offices), with their ids and compliance warnings, in plan order. The ledger and
 * an office's contacts are asked for only once an action has a cost estimate.
 */
function actionsOf(
  call: PlanCall,
  drafts: readonly (readonly ActionDraft[])[],
  wanted: ReadonlySet<Id> | undefined,
  officeOf: (officeId: Id) => Office | undefined,
  contactsOf: (officeId: Id) => readonly Contact[],
  ledgerFor: () => ReadonlyMap<Id, LedgerEntry>,
): Action[] {
  const { planners, playbook, lifecycles } = call;
  let ledger: ReadonlyMap<Id, LedgerEntry> | undefined;
  const actions: OrderedAction[] = [];
  for (let p = 0; p < planners.length; p += 1) {
    const { play, order, ids } = planners[p]!;
    for (const draft of drafts[p]!) {
      if (wanted !== undefined && !wanted.has(draft.officeId)) continue;
      // Only offices the plays plan for (a host's play might name another office).
      const office = officeOf(draft.officeId);
      const id = ids.get(draft);
      if (office === undefined || !lifecycles.includes(office.lifecycle) || id === undefined) continue;
      const costed = (playbook.compliance.actionCostEstimates[draft.kind] ?? 0) > 0;
      if (costed) ledger ??= ledgerFor();
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
          ...(costed && ledger ? complianceWarnings(playbook.compliance, ledger, { contacts: contactsOf(draft.officeId) }, draft.kind, draft.contactIds) : []),
        ],
        details: draft.details ?? {},
        order,
      });
    }
  }

  actions.sort(byPlanOrder);
  return actions.map(({ order: _order, ...action }) => action);
}
