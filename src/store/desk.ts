import { readInstant } from '../calendar/instant';
import type { Action } from '../engine/action';
import { toMillis, type Moment } from '../engine/context';
import { followUpStatus } from '../engine/follow-up-status';
import { createPlanCache, planIndexWith } from '../engine/plan';
import { createScoreCache, scoreRelationshipWith, type RelationshipScore } from '../engine/score';
import { noteTouchpointChange } from '../plays/reads';
import { rankIndexedSources, type SourceRanking } from '../engine/sources';
import type { ActionDecision } from '../model/action-decision';
import type { Clinician } from '../model/clinician';
import type { Contact } from '../model/contact';
import {
  buildOfficeHistory,
  historyWith,
  practiceContext,
  referralEntry,
  type OfficeHistory,
  type PracticeIndex,
  type Timed,
} from '../model/history';
import type { Office } from '../model/office';
import type { Practice } from '../model/practice';
import type { PracticeMessage } from '../model/practice-message';
import type { Id } from '../model/primitives';
import type { IntakeStep, Referral } from '../model/referral';
import type { PracticeSnapshot } from '../model/snapshot';
import type { ThankYou } from '../model/thank-you';
import type { Touchpoint } from '../model/touchpoint';
import { defaultPlaybook, type Playbook } from '../playbook/playbook';
import type { FollowUpFacts } from '../plays/follow-up/status';
import { defaultPlays } from '../plays/default-plays';
import type { Play } from '../plays/play';
import { withSharedFacts } from '../plays/shared-facts';
import type { AppendResult, ReferwellStore, Stored, StoreInput, WriteOptions } from './store';

/** The default clock's resolution. */
const MINUTE = 60_000;

/**
 * The {@link createDesk} options.
 *
 * @category Storage
 */
export interface DeskOptions {
  /** Where records are kept. */
  readonly store: ReferwellStore;
  /** The policies; default {@link defaultPlaybook}. */
  readonly playbook?: Playbook;
  /**
   * What time it is, for calls that do not pass `now`; default the system clock
   * read to the whole minute. The desk keeps each office's drafts for the last
   * moment it planned, so calls within the same minute re-plan only the offices
   * written to; a clock that ticks every millisecond would re-plan every office
   * on every call.
   */
  readonly clock?: () => Moment;
  /** The plays; default the nine built-in plays. */
  readonly plays?: readonly Play[];
}

/**
 * Everything about one office, now. Its actions are exactly that office's actions
 * in the full plan (a play that chooses among offices, like `ask`, still compares
 * it with the others).
 *
 * @category Storage
 */
export interface OfficeView {
  /** The office's history as the engine sees it. */
  readonly history: OfficeHistory;
  /** Its actions in the full plan, ordered as `planActions` orders them. */
  readonly actions: readonly Action[];
  /** Its relationship score. */
  readonly score: RelationshipScore;
  /** Its follow-up status. */
  readonly followUp: FollowUpFacts;
}

/**
 * The service a host calls: record things through the store, then ask what to do.
 *
 * @category Storage
 */
export interface Desk {
  /** The store records go to. */
  readonly store: ReferwellStore;
  /** Saves the practice's settings. */
  savePractice(practice: unknown): Promise<Stored<Practice>>;
  /** Creates or updates an office. */
  upsertOffice(office: StoreInput<'office'>, options?: WriteOptions): Promise<Stored<Office>>;
  /** Creates or updates a contact. */
  upsertContact(contact: StoreInput<'contact'>, options?: WriteOptions): Promise<Stored<Contact>>;
  /** Creates or updates a clinician. */
  upsertClinician(clinician: StoreInput<'clinician'>, options?: WriteOptions): Promise<Stored<Clinician>>;
  /** Creates or updates a practice-message version. */
  upsertPracticeMessage(message: StoreInput<'practice-message'>, options?: WriteOptions): Promise<Stored<PracticeMessage>>;
  /** Records a touchpoint. */
  logTouchpoint(touchpoint: StoreInput<'touchpoint'>): Promise<AppendResult<Touchpoint>>;
  /** Records a referral. */
  logReferral(referral: StoreInput<'referral'>): Promise<AppendResult<Referral>>;
  /** Records a thank-you that was sent. */
  logThankYou(thankYou: StoreInput<'thank-you'>): Promise<AppendResult<ThankYou>>;
  /** Records the host's decision on a proposed action (done, snoozed, dismissed). */
  decide(decision: StoreInput<'action-decision'>): Promise<AppendResult<ActionDecision>>;
  /** Moves a referral's intake one step. */
  transitionReferral(referralId: Id, step: IntakeStep, options?: WriteOptions): Promise<Stored<Referral>>;
  /** Records that the referred patient was contacted, or that the report went back. */
  markReferral(
    referralId: Id,
    milestone: 'patient-contacted' | 'report-sent',
    at: string,
    options?: WriteOptions,
  ): Promise<Stored<Referral>>;
  /** The practice's plan. */
  plan(now?: Moment): Promise<Action[]>;
  /** The referral sources, ranked by yield. */
  sources(now?: Moment): Promise<SourceRanking>;
  /** One office's actions, score and follow-up status; `undefined` for an unknown office. */
  office(officeId: Id, now?: Moment): Promise<OfficeView | undefined>;
  /** Forgets what the desk holds, so the next call reloads the tenant (after other writers). */
  refresh(): void;
  /**
   * Reloads one office from the store (after another writer changed it): its
   * record, contacts, touchpoints, referrals and thank-yous. Tenant-wide records
   * other writers changed — decisions, clinicians, messages, the practice, contacts
   * that moved *out* of this office — are seen after {@link Desk.refresh}.
   */
  refreshOffice(officeId: Id): Promise<void>;
}

interface OfficeEntry {
  office: Office;
  readonly contacts: Map<Id, Contact>;
  readonly touchpoints: Map<Id, Touchpoint>;
  readonly referrals: Map<Id, Referral>;
  readonly thankYous: Map<Id, ThankYou>;
  history: OfficeHistory | undefined;
}

interface Working {
  practice: Practice;
  readonly clinicians: Map<Id, Clinician>;
  readonly messages: Map<Id, PracticeMessage>;
  readonly decisions: Map<Id, ActionDecision[]>;
  readonly offices: Map<Id, OfficeEntry>;
  /** Offices whose history must be rebuilt before the index is read again. */
  readonly dirty: Set<Id>;
  index: PracticeIndex | undefined;
}

function entryFor(office: Office): OfficeEntry {
  return { office, contacts: new Map(), touchpoints: new Map(), referrals: new Map(), thankYous: new Map(), history: undefined };
}

/**
 * Where an entry at `at` with record id `id` goes in a list ordered by time then id
 * (as an office history orders it), the list read through `atOf` and `idOf`. An
 * entry newer than all the others goes at the end without a search.
 */
function placeFor(length: number, atOf: (i: number) => number, idOf: (i: number) => Id, at: number, id: Id): number {
  const before = (i: number): boolean => atOf(i) < at || (atOf(i) === at && idOf(i) < id);
  if (length > 0 && before(length - 1)) return length;
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A copy of a list ordered by time then id with `entry` in its place, replacing
 * any entry of the same record id.
 */
function withTimed<T extends Timed<{ readonly id: Id }>>(list: readonly T[], entry: T): T[] {
  const id = entry.record.id;
  const rest = list.some((other) => other.record.id === id) ? list.filter((other) => other.record.id !== id) : [...list];
  const place = placeFor(rest.length, (i) => rest[i]!.at, (i) => rest[i]!.record.id, entry.at, id);
  rest.splice(place, 0, entry);
  return rest;
}

/**
 * {@link withTimed} for an office's parallel touchpoint lists: copies of both with
 * `touchpoint` (at `at`) in its place, replacing any touchpoint of the same id.
 */
function withTouchpointAt(
  history: OfficeHistory,
  touchpoint: Touchpoint,
  at: number,
): { touchpointRecords: Touchpoint[]; touchpointTimes: number[]; replaced: Touchpoint | undefined } {
  const id = touchpoint.id;
  const records = [...history.touchpointRecords];
  const times = [...history.touchpointTimes];
  const old = records.findIndex((record) => record.id === id);
  let replaced: Touchpoint | undefined;
  if (old >= 0) {
    replaced = records[old];
    records.splice(old, 1);
    times.splice(old, 1);
  }
  const place = placeFor(records.length, (i) => times[i]!, (i) => records[i]!.id, at, id);
  records.splice(place, 0, touchpoint);
  times.splice(place, 0, at);
  return { touchpointRecords: records, touchpointTimes: times, replaced };
}

function byDecisionTime(a: ActionDecision, b: ActionDecision): number {
  return Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Creates the desk: the service a host calls to record things and ask "what now?".
 *
 * The desk loads the tenant from the store once, then keeps it current from its
 * own writes: a write changes only the office it concerns, so re-planning that
 * office after one append touches one office's records, not the tenant's.
 * Writes by other processes are seen after {@link Desk.refresh} or
 * {@link Desk.refreshOffice}.
 *
 * @param options - The store, playbook, clock and plays.
 * @returns The desk.
 * @example
 * ```ts
 * const desk = createDesk({ store: memoryStore({ tenantId: 't1' }) });
 * await desk.savePractice({ tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago' });
 * await desk.upsertOffice({ id: 'off-1', tenantId: 't1', name: 'Lakeside Family Medicine', kind: 'primary-care', lifecycle: 'active' });
 * (await desk.plan('2026-03-02T18:00:00Z')).map((action) => action.kind);
 * //=> ['visit', 'follow-up', 'befriend-staff', 'restock', 'offer-resource']
 * ```
 * @category Storage
 */
export function createDesk(options: DeskOptions): Desk {
  const { store } = options;
  const playbook = options.playbook ?? defaultPlaybook;
  const clock = options.clock ?? (() => Math.floor(Date.now() / MINUTE) * MINUTE);
  // Always set (the default when none is given), so that the options objects below
  // keep one shape from call to call.
  const plays = options.plays ?? defaultPlays;
  const scoreOptions = { plays };
  let working: Promise<Working> | undefined;
  // Each play's drafts per office history, so that re-planning after a write
  // recomputes only the office written to (and a play that chooses among offices,
  // like `ask`, only redoes its choice).
  const planCache = createPlanCache();
  // Each play's last score per office, for the plays that declare what they read:
  // after a touchpoint is logged, a play that reads no touchpoints is not asked again.
  const scoreCache = createScoreCache();

  const load = (): Promise<Working> => {
    if (working === undefined) {
      const loading: Promise<Working> = store.loadSnapshot().then(fromSnapshot, (error: unknown) => {
        // Forget a failed load — unless a refresh has started another one meanwhile.
        if (working === loading) working = undefined;
        throw error;
      });
      working = loading;
    }
    return working;
  };

  // The desk's own writes and refreshes run one at a time, so the cache applies the
  // store's answers in the order the store gave them (never an older copy last).
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  const fromSnapshot = (snapshot: PracticeSnapshot): Working => {
    const offices = new Map<Id, OfficeEntry>(snapshot.offices.map((office) => [office.id, entryFor(office)]));
    for (const contact of snapshot.contacts) offices.get(contact.officeId)?.contacts.set(contact.id, contact);
    for (const touchpoint of snapshot.touchpoints) offices.get(touchpoint.officeId)?.touchpoints.set(touchpoint.id, touchpoint);
    for (const referral of snapshot.referrals) offices.get(referral.officeId)?.referrals.set(referral.id, referral);
    for (const thankYou of snapshot.thankYous) offices.get(thankYou.officeId)?.thankYous.set(thankYou.id, thankYou);
    const decisions = new Map<Id, ActionDecision[]>();
    for (const decision of [...snapshot.decisions].sort(byDecisionTime)) {
      decisions.set(decision.actionId, [...(decisions.get(decision.actionId) ?? []), decision]);
    }
    return {
      practice: snapshot.practice,
      clinicians: new Map(snapshot.clinicians.map((clinician) => [clinician.id, clinician])),
      messages: new Map(snapshot.messages.map((message) => [message.id, message])),
      decisions,
      offices,
      dirty: new Set(),
      index: undefined,
    };
  };

  /** The index, rebuilding only what changed (the offices marked dirty since the last call). */
  const indexOf = (state: Working): PracticeIndex => {
    let index = state.index;
    let rebuild: Iterable<Id> = state.dirty;
    if (index === undefined) {
      const context = practiceContext({
        practice: state.practice,
        clinicians: [...state.clinicians.values()],
        messages: [...state.messages.values()],
      });
      const contacts = new Map<Id, Contact>();
      for (const entry of state.offices.values()) for (const contact of entry.contacts.values()) contacts.set(contact.id, contact);
      index = {
        practice: state.practice,
        context,
        offices: new Map(),
        contacts,
        clinicians: context.clinicians,
        messages: [...state.messages.values()]
          .map((record) => ({ record, at: readInstant(record.publishedAt) }))
          .sort((a, b) => a.record.version - b.record.version || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)),
        currentMessage: context.currentMessage,
        decisions: state.decisions,
      };
      state.index = index;
      for (const entry of state.offices.values()) entry.history = undefined;
      rebuild = [...state.offices.keys()].sort();
    }
    const offices = index.offices as Map<Id, OfficeHistory>;
    let added = false;
    for (const id of rebuild) {
      const entry = state.offices.get(id);
      if (entry === undefined) {
        offices.delete(id);
        continue;
      }
      if (entry.history === undefined) {
        entry.history = buildOfficeHistory(entry.office, index.context, {
          contacts: [...entry.contacts.values()],
          touchpoints: [...entry.touchpoints.values()],
          referrals: [...entry.referrals.values()],
          thankYous: [...entry.thankYous.values()],
        });
        if (!offices.has(id)) added = true;
        // Replacing an office's history keeps its place in the map (ascending ids).
        offices.set(id, entry.history);
      }
    }
    state.dirty.clear();
    if (added) {
      const sorted = [...offices.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      offices.clear();
      for (const [id, history] of sorted) offices.set(id, history);
    }
    return index;
  };

  /** Marks an office's history stale: it is rebuilt the next time the index is read. */
  const markDirty = (state: Working, entry: OfficeEntry): void => {
    entry.history = undefined;
    state.dirty.add(entry.office.id);
  };

  /**
   * Applies a stored record of an office to the working set. With `patch`, an
   * office whose history is built gets a new history with the one record put in
   * place (the same history {@link buildOfficeHistory} would build from the
   * entry's records, at the cost of copying one list); otherwise the office is
   * marked changed and rebuilt when next read.
   */
  const touchOffice = async (officeId: Id, apply: (entry: OfficeEntry) => void, patch?: (history: OfficeHistory) => OfficeHistory) => {
    const state = await load();
    const entry = state.offices.get(officeId);
    if (entry === undefined) return;
    apply(entry);
    const offices = state.index?.offices as Map<Id, OfficeHistory> | undefined;
    if (patch !== undefined && entry.history !== undefined && offices?.get(officeId) === entry.history) {
      entry.history = patch(entry.history);
      // Replacing an office's history keeps its place in the map (ascending ids).
      offices.set(officeId, entry.history);
    } else {
      markDirty(state, entry);
    }
  };

  const withTouchpoint = (touchpoint: Touchpoint) => (history: OfficeHistory): OfficeHistory => {
    const { touchpointRecords, touchpointTimes, replaced } = withTouchpointAt(history, touchpoint, readInstant(touchpoint.at));
    // Plays that read only some touchpoints keep their answers when these are none of them.
    noteTouchpointChange(
      touchpointRecords,
      history.touchpointRecords,
      history.touchpointTimes,
      replaced === undefined ? [touchpoint] : [touchpoint, replaced],
    );
    return historyWith(history, { touchpointRecords, touchpointTimes });
  };
  const withReferral = (referral: Referral) => (history: OfficeHistory): OfficeHistory =>
    historyWith(history, { referrals: withTimed(history.referrals, referralEntry(referral)) });
  const withThankYou = (thankYou: ThankYou) => (history: OfficeHistory): OfficeHistory =>
    historyWith(history, { thankYous: withTimed(history.thankYous, { record: thankYou, at: readInstant(thankYou.sentAt) }) });

  const practiceChanged = async (apply: (state: Working) => void) => {
    const state = await load();
    apply(state);
    state.index = undefined;
  };

  /**
   * Replaces one office's records with what the store holds now. Its contacts are
   * taken out of any other office they were cached under (they moved here).
   */
  const reloadOffice = async (officeId: Id): Promise<void> => {
    const loaded = await store.loadOffice(officeId);
    const state = await load();
    state.index = undefined;
    if (loaded === undefined) {
      state.offices.delete(officeId);
      return;
    }
    const entry = entryFor(loaded.office);
    for (const contact of loaded.contacts) {
      for (const other of state.offices.values()) if (other !== entry) other.contacts.delete(contact.id);
      entry.contacts.set(contact.id, contact);
    }
    for (const touchpoint of loaded.touchpoints) entry.touchpoints.set(touchpoint.id, touchpoint);
    for (const referral of loaded.referrals) entry.referrals.set(referral.id, referral);
    for (const thankYou of loaded.thankYous) entry.thankYous.set(thankYou.id, thankYou);
    state.offices.set(officeId, entry);
  };

  const nowOf = (now: Moment | undefined): number => toMillis(now ?? clock());

  const desk: Desk = {
    store,
    savePractice(practice) {
      return serially(async () => {
        const stored = await store.savePractice(practice);
        if (working) await practiceChanged((state) => void (state.practice = stored.record));
        return stored;
      });
    },
    upsertOffice(office, writeOptions) {
      return serially(async () => {
        const stored = await store.upsertOffice(office, writeOptions);
        if (working) {
          const state = await load();
          const entry = state.offices.get(stored.record.id);
          // A new office starts empty; one another writer created (version > 1) is loaded.
          if (entry === undefined && stored.version === 1) {
            const created = entryFor(stored.record);
            state.offices.set(stored.record.id, created);
            markDirty(state, created);
          }
          else if (entry === undefined) await reloadOffice(stored.record.id);
          else await touchOffice(stored.record.id, (e) => void (e.office = stored.record));
        }
        return stored;
      });
    },
    upsertContact(contact, writeOptions) {
      return serially(async () => {
        const stored = await store.upsertContact(contact, writeOptions);
        if (working) {
          const state = await load();
          // A contact may have moved office: drop it wherever it was.
          for (const entry of state.offices.values()) {
            if (entry.contacts.delete(stored.record.id)) markDirty(state, entry);
          }
          await touchOffice(stored.record.officeId, (e) => void e.contacts.set(stored.record.id, stored.record));
          (state.index?.contacts as Map<Id, Contact> | undefined)?.set(stored.record.id, stored.record);
        }
        return stored;
      });
    },
    upsertClinician(clinician, writeOptions) {
      return serially(async () => {
        const stored = await store.upsertClinician(clinician, writeOptions);
        if (working) await practiceChanged((state) => void state.clinicians.set(stored.record.id, stored.record));
        return stored;
      });
    },
    upsertPracticeMessage(message, writeOptions) {
      return serially(async () => {
        const stored = await store.upsertPracticeMessage(message, writeOptions);
        if (working) await practiceChanged((state) => void state.messages.set(stored.record.id, stored.record));
        return stored;
      });
    },
    logTouchpoint(touchpoint) {
      return serially(async () => {
        const result = await store.appendTouchpoint(touchpoint);
        if (working) {
          const { record } = result;
          await touchOffice(record.officeId, (e) => void e.touchpoints.set(record.id, record), withTouchpoint(record));
        }
        return result;
      });
    },
    logReferral(referral) {
      return serially(async () => {
        const result = await store.appendReferral(referral);
        if (working) {
          const { record } = result;
          await touchOffice(record.officeId, (e) => void e.referrals.set(record.id, record), withReferral(record));
        }
        return result;
      });
    },
    logThankYou(thankYou) {
      return serially(async () => {
        const result = await store.appendThankYou(thankYou);
        if (working) {
          const { record } = result;
          await touchOffice(record.officeId, (e) => void e.thankYous.set(record.id, record), withThankYou(record));
        }
        return result;
      });
    },
    decide(decision) {
      return serially(async () => {
        const result = await store.appendDecision(decision);
        if (working) {
          const state = await load();
          const record = result.record;
          const list = [...(state.decisions.get(record.actionId) ?? []).filter((d) => d.id !== record.id), record];
          state.decisions.set(record.actionId, list.sort(byDecisionTime));
          // The cache's drafts were filtered by the decisions, changed here in place.
          planCache.clear();
        }
        return result;
      });
    },
    transitionReferral(referralId, step, writeOptions) {
      return serially(async () => {
        const stored = await store.transitionReferral(referralId, step, writeOptions);
        if (working) {
          const { record } = stored;
          await touchOffice(record.officeId, (e) => void e.referrals.set(record.id, record), withReferral(record));
        }
        return stored;
      });
    },
    markReferral(referralId, milestone, at, writeOptions) {
      return serially(async () => {
        const stored = await store.markReferral(referralId, milestone, at, writeOptions);
        if (working) {
          const { record } = stored;
          await touchOffice(record.officeId, (e) => void e.referrals.set(record.id, record), withReferral(record));
        }
        return stored;
      });
    },
    async plan(now) {
      const index = indexOf(await load());
      return planIndexWith({ index, playbook, now: nowOf(now), plays }, planCache);
    },
    async sources(now) {
      return rankIndexedSources(indexOf(await load()), playbook, nowOf(now));
    },
    async office(officeId, now) {
      const state = await load();
      if (!state.offices.has(officeId)) return undefined;
      const at = nowOf(now);
      // Every office's history is needed when a play chooses among offices (`ask`);
      // only the offices changed since the last call are rebuilt.
      const index = indexOf(state);
      const history = index.offices.get(officeId)!;
      // Planning, scoring and the follow-up status read many of the same facts of
      // the office (its stock estimate, staff facts…): each is worked out once.
      return withSharedFacts(() => ({
        history,
        actions: planIndexWith({ index, playbook, now: at, officeIds: [officeId], plays }, planCache),
        score: scoreRelationshipWith(history, playbook, at, scoreOptions, scoreCache),
        followUp: followUpStatus(history, playbook, at),
      }));
    },
    refresh() {
      working = undefined;
      planCache.clear();
      scoreCache.clear();
    },
    refreshOffice(officeId) {
      return serially(async () => {
        if (working !== undefined) await reloadOffice(officeId);
      });
    },
  };
  return desk;
}
