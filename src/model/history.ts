import { readInstant, readInstantInto } from '../calendar/instant';
import type { ActionDecision } from './action-decision';
import type { Clinician } from './clinician';
import type { Contact } from './contact';
import type { Office } from './office';
import type { Practice } from './practice';
import type { PracticeMessage } from './practice-message';
import type { Id, TimeZone } from './primitives';
import { intakeStatus, type Referral } from './referral';
import type { PracticeSnapshot } from './snapshot';
import type { ThankYou } from './thank-you';
import type { Touchpoint } from './touchpoint';
import type { IntakeStatus } from './vocabulary';

/**
 * A record with its main timestamp parsed once, as epoch milliseconds.
 *
 * @category History
 */
export interface Timed<T> {
  /** The record as stored. */
  readonly record: T;
  /** Its main instant (`at`, `receivedAt`, `sentAt`, `publishedAt`) in epoch ms. */
  readonly at: number;
}

/**
 * A referral with its derived intake facts, computed once.
 *
 * @category History
 */
export interface ReferralEntry extends Timed<Referral> {
  /** The current intake status ({@link intakeStatus}). */
  readonly status: IntakeStatus;
  /** The time of each intake step in epoch ms, parallel to `record.intake`. */
  readonly stepTimes: readonly number[];
  /** When the patient was first contacted, in epoch ms. */
  readonly contactedAt: number | undefined;
  /** When the first visit was completed, in epoch ms. */
  readonly firstVisitAt: number | undefined;
}

/**
 * The practice-wide facts every office history shares: the practice, its current
 * message and its clinicians. One object, referenced by every history.
 *
 * @category History
 */
export interface PracticeContext {
  /** The practice. */
  readonly practice: Practice;
  /** The highest practice-message version, if any. */
  readonly currentMessage: PracticeMessage | undefined;
  /** The practice's clinicians, by id. */
  readonly clinicians: readonly Clinician[];
}

/**
 * Everything recorded about one office, grouped and sorted once so that plays and
 * scores never re-scan the snapshot or re-parse a timestamp. Lists are in
 * ascending time order, ties broken by id; contacts are sorted by id.
 *
 * @category History
 */
export interface OfficeHistory {
  /** The office. */
  readonly office: Office;
  /** The practice-wide facts (practice, current message, clinicians). */
  readonly context: PracticeContext;
  /** The office's own wall-clock zone (for scheduling there): its own, else the practice's. */
  readonly timeZone: TimeZone;
  /** Its contacts, by id. */
  readonly contacts: readonly Contact[];
  /**
   * Its touchpoints, oldest first (ties by id). The same order as
   * `touchpointRecords` and `touchpointTimes`, of which it is a view: the wrappers
   * are built on the first read, so code that reads only the two parallel lists
   * never pays for them.
   */
  readonly touchpoints: readonly Timed<Touchpoint>[];
  /** Its touchpoints' records, oldest first (ties by id). */
  readonly touchpointRecords: readonly Touchpoint[];
  /** Each touchpoint's `at` in epoch ms, read once: `touchpointTimes[i]` belongs to `touchpointRecords[i]`. */
  readonly touchpointTimes: readonly number[];
  /** Its referrals, oldest first. */
  readonly referrals: readonly ReferralEntry[];
  /** Its thank-yous, oldest first. */
  readonly thankYous: readonly Timed<ThankYou>[];
}

/**
 * A whole tenant, indexed: the practice, each office's {@link OfficeHistory}, and
 * lookups the plays need.
 *
 * @category History
 */
export interface PracticeIndex {
  /** The practice. */
  readonly practice: Practice;
  /** The practice-wide facts shared by every office history. */
  readonly context: PracticeContext;
  /** Every office's history, keyed by office id, in ascending id order. */
  readonly offices: ReadonlyMap<Id, OfficeHistory>;
  /** Every contact by id. */
  readonly contacts: ReadonlyMap<Id, Contact>;
  /** The practice's clinicians, by id. */
  readonly clinicians: readonly Clinician[];
  /** The practice's message versions, lowest version first (equal versions by id). */
  readonly messages: readonly Timed<PracticeMessage>[];
  /** The highest message version, if any. */
  readonly currentMessage: PracticeMessage | undefined;
  /** Decisions by action id, oldest first. */
  readonly decisions: ReadonlyMap<Id, readonly ActionDecision[]>;
}

/** Orders by time, then by id, so that the input's order never matters. */
function byTimeThenId(a: Timed<{ readonly id: string }>, b: Timed<{ readonly id: string }>): number {
  return a.at - b.at || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0);
}

function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Orders practice messages by version, then by id. */
function byVersionThenId(a: PracticeMessage, b: PracticeMessage): number {
  return a.version - b.version || byId(a, b);
}

/**
 * Derives a referral's intake facts once.
 *
 * @param referral - A validated referral.
 * @returns The referral with its times parsed and its status.
 * @category History
 */
export function referralEntry(referral: Referral): ReferralEntry {
  const intake = referral.intake;
  const stepTimes: number[] = new Array<number>(intake.length);
  let firstVisitAt: number | undefined;
  for (let i = 0; i < intake.length; i += 1) {
    const step = intake[i]!;
    readInstantInto(step.at, stepTimes, i);
    const at = stepTimes[i]!;
    if (firstVisitAt === undefined && step.status === 'first-visit-completed') firstVisitAt = at;
  }
  return {
    record: referral,
    at: readInstant(referral.receivedAt),
    status: intakeStatus(referral),
    stepTimes,
    contactedAt: referral.patientContactedAt === undefined ? undefined : readInstant(referral.patientContactedAt),
    firstVisitAt,
  };
}

/** At most this many places out of order: then an insertion sort, else `Array.prototype.sort`. */
const FEW_DESCENTS = 32;

/**
 * Sorts by time, then id, in place. Records usually arrive nearly in order (a
 * store returns them by insertion), so the list is checked first: in order, it is
 * left alone; with at most {@link FEW_DESCENTS} places where it goes backwards (so
 * at most that many ascending runs), an insertion sort finishes in linear time
 * without a comparator call per comparison; otherwise the built-in sort runs. All
 * three give the same, fully determined order.
 */
function sortByTimeThenId<T extends Timed<{ readonly id: string }>>(list: T[]): T[] {
  let descents = 0;
  for (let i = 1; i < list.length; i += 1) {
    if (byTimeThenId(list[i - 1]!, list[i]!) > 0 && ++descents > FEW_DESCENTS) return list.sort(byTimeThenId);
  }
  if (descents === 0) return list;
  for (let i = 1; i < list.length; i += 1) {
    const entry = list[i]!;
    const at = entry.at;
    const id = entry.record.id;
    let j = i - 1;
    for (; j >= 0; j -= 1) {
      const other = list[j]!;
      if (other.at < at || (other.at === at && other.record.id <= id)) break;
      list[j + 1] = other;
    }
    list[j + 1] = entry;
  }
  return list;
}

/**
 * Sorts parallel lists of records and their times by time, then id, in place: the
 * same order as {@link sortByTimeThenId}, with the same shortcuts (in order: left
 * alone; a few places out of order: an insertion sort moving both lists).
 */
function sortParallelByTimeThenId<T extends { readonly id: string }>(records: T[], times: number[]): void {
  const before = (i: number, j: number): boolean =>
    times[i]! < times[j]! || (times[i] === times[j] && records[i]!.id < records[j]!.id);
  let descents = 0;
  for (let i = 1; i < records.length; i += 1) {
    if (before(i, i - 1) && ++descents > FEW_DESCENTS) break;
  }
  if (descents === 0) return;
  if (descents <= FEW_DESCENTS) {
    for (let i = 1; i < records.length; i += 1) {
      const record = records[i]!;
      const at = times[i]!;
      const id = record.id;
      let j = i - 1;
      for (; j >= 0; j -= 1) {
        if (times[j]! < at || (times[j] === at && records[j]!.id <= id)) break;
        records[j + 1] = records[j]!;
        times[j + 1] = times[j]!;
      }
      records[j + 1] = record;
      times[j + 1] = at;
    }
    return;
  }
  const order = new Array<number>(records.length);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  order.sort((i, j) => (before(i, j) ? -1 : before(j, i) ? 1 : 0));
  const sortedRecords = order.map((i) => records[i]!);
  const sortedTimes = order.map((i) => times[i]!);
  for (let i = 0; i < order.length; i += 1) {
    records[i] = sortedRecords[i]!;
    times[i] = sortedTimes[i]!;
  }
}

/**
 * Pairs parallel lists of records and times as `{ record, at }` entries.
 *
 * @param records - The records.
 * @param times - Their times, epoch ms, one per record.
 * @returns A new list of entries, in the lists' order.
 * @category History
 */
export function pairTimed<T>(records: readonly T[], times: readonly number[]): Timed<T>[] {
  const list = new Array<Timed<T>>(records.length);
  for (let i = 0; i < records.length; i += 1) list[i] = { record: records[i]!, at: times[i]! };
  return list;
}

/** A thank-you with its `sentAt` read once. */
function timedThankYou(thankYou: ThankYou): Timed<ThankYou> {
  return { record: thankYou, at: readInstant(thankYou.sentAt) };
}

/**
 * The records of one office, to be indexed by {@link buildOfficeHistory}. Any order.
 *
 * @category History
 */
export interface OfficeRecords {
  readonly contacts: readonly Contact[];
  readonly touchpoints: readonly Touchpoint[];
  readonly referrals: readonly Referral[];
  readonly thankYous: readonly ThankYou[];
}

/**
 * Builds one office's history from its records (in any order), e.g. after loading a
 * single office from a store.
 *
 * @param office - The office.
 * @param context - The practice-wide facts (see {@link practiceContext}).
 * @param records - The office's contacts, touchpoints, referrals and thank-yous.
 * @returns The office's sorted, parsed history.
 * @example
 * ```ts
 * buildOfficeHistory(office, practiceContext(snapshot), { contacts: [], touchpoints: [], referrals: [], thankYous: [] }).timeZone;
 * //=> 'America/Chicago'
 * ```
 * @category History
 */
export function buildOfficeHistory(office: Office, context: PracticeContext, records: OfficeRecords): OfficeHistory {
  const touchpointTimes = new Array<number>(records.touchpoints.length);
  for (let i = 0; i < touchpointTimes.length; i += 1) readInstantInto(records.touchpoints[i]!.at, touchpointTimes, i);
  return historyOf(office, context, {
    contacts: [...records.contacts],
    touchpointRecords: [...records.touchpoints],
    touchpointTimes,
    referrals: records.referrals.map(referralEntry),
    thankYous: records.thankYous.map(timedThankYou),
  });
}

/** One office's records with their times read, in any order (sorted in place by {@link historyOf}). */
interface Bucket {
  readonly contacts: readonly Contact[];
  touchpointRecords: Touchpoint[];
  touchpointTimes: number[];
  referrals: ReferralEntry[];
  thankYous: Timed<ThankYou>[];
}

/** Sorts a bucket's lists in place and wraps them as the office's history. */
function historyOf(office: Office, context: PracticeContext, bucket: Bucket): OfficeHistory {
  sortParallelByTimeThenId(bucket.touchpointRecords, bucket.touchpointTimes);
  return assembleHistory(
    office,
    context,
    isSortedById(bucket.contacts) ? bucket.contacts : [...bucket.contacts].sort(byId),
    bucket.touchpointRecords,
    bucket.touchpointTimes,
    sortByTimeThenId(bucket.referrals),
    sortByTimeThenId(bucket.thankYous),
  );
}

/** Each history's `touchpoints` view, once read. */
const touchpointViews = new WeakMap<OfficeHistory, readonly Timed<Touchpoint>[]>();

/** The `touchpoints` getter of every history: the view, built on the first read. */
function touchpointView(this: OfficeHistory): readonly Timed<Touchpoint>[] {
  let view = touchpointViews.get(this);
  if (view === undefined) {
    view = pairTimed(this.touchpointRecords, this.touchpointTimes);
    touchpointViews.set(this, view);
  }
  return view;
}

/**
 * How `touchpoints` is defined on every history: enumerable, like a data
 * property (a spread copies the view), with one getter shared by all. A getter
 * written in each history's object literal would be a new function per history,
 * and V8 then keeps such objects' properties in a dictionary: about 600 bytes a
 * history instead of about 90, and slower to read.
 */
const touchpointsProperty: PropertyDescriptor = Object.freeze({ get: touchpointView, enumerable: true, configurable: true });

/** An office history over lists already in order, its `touchpoints` view built on first read. */
function assembleHistory(
  office: Office,
  context: PracticeContext,
  contacts: readonly Contact[],
  touchpointRecords: readonly Touchpoint[],
  touchpointTimes: readonly number[],
  referrals: readonly ReferralEntry[],
  thankYous: readonly Timed<ThankYou>[],
): OfficeHistory {
  const history = {
    office,
    context,
    timeZone: office.timeZone ?? context.practice.timeZone,
    contacts,
    touchpointRecords,
    touchpointTimes,
    referrals,
    thankYous,
  };
  return Object.defineProperty(history, 'touchpoints', touchpointsProperty) as typeof history & OfficeHistory;
}

/**
 * The lists of an office history that {@link historyWith} can replace; each must
 * already be in the history's order (oldest first, ties by id).
 *
 * @internal
 */
export interface HistoryLists {
  readonly touchpointRecords?: readonly Touchpoint[];
  readonly touchpointTimes?: readonly number[];
  readonly referrals?: readonly ReferralEntry[];
  readonly thankYous?: readonly Timed<ThankYou>[];
}

/**
 * A copy of an office history with some of its lists replaced (already sorted),
 * the others shared. Unlike a spread, it keeps `touchpoints` a view built on first
 * read, and never builds the old one.
 *
 * @param history - The history.
 * @param lists - The lists to replace; `touchpointRecords` and `touchpointTimes` together.
 * @returns The new history.
 * @throws Error when only one of `touchpointRecords` and `touchpointTimes` is given, or they differ in length.
 * @internal
 */
export function historyWith(history: OfficeHistory, lists: HistoryLists): OfficeHistory {
  const records = lists.touchpointRecords ?? history.touchpointRecords;
  const times = lists.touchpointTimes ?? history.touchpointTimes;
  if ((lists.touchpointRecords === undefined) !== (lists.touchpointTimes === undefined) || records.length !== times.length) {
    throw new Error('[referwell] historyWith: touchpointRecords and touchpointTimes go together, one time per record');
  }
  return assembleHistory(
    history.office,
    history.context,
    history.contacts,
    records,
    times,
    lists.referrals ?? history.referrals,
    lists.thankYous ?? history.thankYous,
  );
}

/**
 * One office of a snapshot, and its place among the snapshot's offices in
 * ascending id order, which is where its records are in each of the snapshot's
 * {@link ByOffice} groupings.
 *
 * @internal
 */
export interface OfficeGroup {
  /** The office. */
  readonly office: Office;
  /** Its place: 0 for the office with the lowest id. */
  readonly position: number;
}

/**
 * One collection of a snapshot grouped by office without a list per office: the
 * records of the office at position `k` are `records[order[i]]` for `i` from
 * `start[k]` up to (not including) `start[k + 1]`, in the snapshot's order. The
 * positions are kept in typed arrays, whose contents the garbage collector never
 * copies.
 *
 * @internal
 */
export interface ByOffice<T> {
  /** The collection, as the snapshot holds it. */
  readonly records: readonly T[];
  /** Positions in `records`, office by office. */
  readonly order: Int32Array;
  /** Where each office's positions start in `order`; one more entry than offices. */
  readonly start: Int32Array;
}

/**
 * A snapshot grouped by office in one pass per collection that reads only each
 * record's office: {@link indexSnapshot} builds every history from it at once;
 * the engine's `planActions` builds each just before planning it and lets it go
 * after, so that no history outlives its office's turn.
 *
 * @internal
 */
export interface SnapshotGroups {
  /** The practice-wide facts. */
  readonly context: PracticeContext;
  /**
   * Every office by id, in ascending id order. An id given twice keeps its first
   * place and its last record, as a `Map` does.
   */
  readonly offices: ReadonlyMap<Id, OfficeGroup>;
  readonly contacts: ByOffice<Contact>;
  readonly touchpoints: ByOffice<Touchpoint>;
  readonly referrals: ByOffice<Referral>;
  readonly thankYous: ByOffice<ThankYou>;
  /** Decisions by action id, oldest first. */
  readonly decisions: ReadonlyMap<Id, readonly ActionDecision[]>;
}

/**
 * Groups a collection by office, a counting sort on the offices' positions: one
 * pass notes each record's office (the previous record's office is tried before
 * the map, since stores return an office's records together), one places them.
 * A record naming an office the snapshot lacks is left out.
 */
function groupByOffice<T extends { readonly officeId: Id }>(
  records: readonly T[],
  offices: ReadonlyMap<Id, OfficeGroup>,
): ByOffice<T> {
  const count = offices.size;
  const officeAt = new Int32Array(records.length);
  const start = new Int32Array(count + 1);
  let officeId: Id | undefined;
  let position = -1;
  for (let i = 0; i < records.length; i += 1) {
    const id = records[i]!.officeId;
    if (id !== officeId) {
      officeId = id;
      position = offices.get(id)?.position ?? -1;
    }
    officeAt[i] = position;
    if (position >= 0) start[position + 1] = start[position + 1]! + 1;
  }
  for (let k = 0; k < count; k += 1) start[k + 1] = start[k + 1]! + start[k]!;
  const order = new Int32Array(start[count]!);
  const next = start.slice(0, count);
  for (let i = 0; i < records.length; i += 1) {
    const k = officeAt[i]!;
    if (k < 0) continue;
    const at = next[k]!;
    order[at] = i;
    next[k] = at + 1;
  }
  return { records, order, start };
}

/**
 * The records of the office at position `k`, in one list of their final length:
 * a slice of the collection when they lie together in it (the usual case), else
 * gathered one by one.
 */
function recordsOf<T>(grouped: ByOffice<T>, k: number): T[] {
  const from = grouped.start[k]!;
  const length = grouped.start[k + 1]! - from;
  if (length === 0) return [];
  const first = grouped.order[from]!;
  // Positions ascend within an office: the last is `first + length - 1` only when they are consecutive.
  if (grouped.order[from + length - 1]! - first === length - 1) return grouped.records.slice(first, first + length);
  const list = new Array<T>(length);
  for (let j = 0; j < length; j += 1) list[j] = grouped.records[grouped.order[from + j]!]!;
  return list;
}

/** Each record of the office at position `k`, mapped, in one list of its final length. */
function mapOf<T, R>(grouped: ByOffice<T>, k: number, each: (record: T) => R): R[] {
  const from = grouped.start[k]!;
  const list = new Array<R>(grouped.start[k + 1]! - from);
  for (let j = 0; j < list.length; j += 1) list[j] = each(grouped.records[grouped.order[from + j]!]!);
  return list;
}

/** The contacts of an office, sorted by id. @internal */
export function contactsOfGroup(groups: SnapshotGroups, group: OfficeGroup): Contact[] {
  const contacts = recordsOf(groups.contacts, group.position);
  return isSortedById(contacts) ? contacts : contacts.sort(byId);
}

/**
 * Builds one office's history from the snapshot's groupings: its records taken
 * from the collections, every timestamp read once, every list sorted. Lists are
 * allocated at their final length and times read straight into them (lists grown
 * one push at a time would be copied as they grow).
 *
 * @param groups - The snapshot's groupings (see {@link groupSnapshot}).
 * @param group - The office.
 * @returns The office's history, the same as {@link indexSnapshot} gives it.
 * @internal
 */
export function historyOfGroup(groups: SnapshotGroups, group: OfficeGroup): OfficeHistory {
  const k = group.position;
  const records = recordsOf(groups.touchpoints, k);
  const times = new Array<number>(records.length);
  for (let i = 0; i < records.length; i += 1) readInstantInto(records[i]!.at, times, i);
  return historyOf(group.office, groups.context, {
    contacts: contactsOfGroup(groups, group),
    touchpointRecords: records,
    touchpointTimes: times,
    referrals: mapOf(groups.referrals, k, referralEntry),
    thankYous: mapOf(groups.thankYous, k, timedThankYou),
  });
}

/**
 * Groups a snapshot's records by office, reading only each record's office.
 * Records naming an office the snapshot lacks are left out. Decisions are
 * grouped by action.
 *
 * @param snapshot - One tenant's records.
 * @returns The groupings, for {@link historyOfGroup}.
 * @internal
 */
export function groupSnapshot(snapshot: PracticeSnapshot): SnapshotGroups {
  const offices = new Map<Id, OfficeGroup>();
  const byIdOrder = isSortedById(snapshot.offices) ? snapshot.offices : [...snapshot.offices].sort(byId);
  for (const office of byIdOrder) {
    offices.set(office.id, { office, position: offices.get(office.id)?.position ?? offices.size });
  }
  return {
    context: practiceContext(snapshot),
    offices,
    contacts: groupByOffice(snapshot.contacts, offices),
    touchpoints: groupByOffice(snapshot.touchpoints, offices),
    referrals: groupByOffice(snapshot.referrals, offices),
    thankYous: groupByOffice(snapshot.thankYous, offices),
    decisions: decisionsByAction(snapshot.decisions),
  };
}

/** Decisions by action id, each list oldest first (ties by id). */
function decisionsByAction(records: readonly ActionDecision[]): Map<Id, ActionDecision[]> {
  const decisions = new Map<Id, ActionDecision[]>();
  const sorted = [...records].sort((a, b) => readInstant(a.decidedAt) - readInstant(b.decidedAt) || byId(a, b));
  for (const decision of sorted) {
    const list = decisions.get(decision.actionId);
    if (list) list.push(decision);
    else decisions.set(decision.actionId, [decision]);
  }
  return decisions;
}

/**
 * The practice-wide facts of a snapshot: the practice, the highest message
 * version, and the clinicians sorted by id.
 *
 * @param snapshot - The practice, its messages and its clinicians.
 * @returns The shared context for {@link buildOfficeHistory}.
 * @example
 * ```ts
 * practiceContext(snapshot).currentMessage?.version; //=> 2
 * ```
 * @category History
 */
export function practiceContext(
  snapshot: Pick<PracticeSnapshot, 'practice' | 'messages' | 'clinicians'>,
): PracticeContext {
  // The highest version; two records claiming one version (a store does not forbid
  // it) are told apart by id, so the order of the records never matters.
  let currentMessage: PracticeMessage | undefined;
  for (const message of snapshot.messages) {
    if (currentMessage === undefined || byVersionThenId(message, currentMessage) > 0) currentMessage = message;
  }
  return { practice: snapshot.practice, currentMessage, clinicians: [...snapshot.clinicians].sort(byId) };
}

/**
 * Whether records are in ascending id order already (a store returns them so):
 * then sorting, which copies the list to work on, is skipped.
 */
function isSortedById(records: readonly { readonly id: string }[]): boolean {
  for (let i = 1; i < records.length; i += 1) if (records[i - 1]!.id > records[i]!.id) return false;
  return true;
}

/** Contacts by id, in ascending id order (sorting only when the input is not already). */
function contactsById(contacts: readonly Contact[]): Map<Id, Contact> {
  const sorted = isSortedById(contacts) ? contacts : [...contacts].sort(byId);
  const map = new Map<Id, Contact>();
  for (let i = 0; i < sorted.length; i += 1) map.set(sorted[i]!.id, sorted[i]!);
  return map;
}

/**
 * Indexes a validated snapshot in one pass: records grouped by office, sorted, and
 * their timestamps parsed once. Records naming an office the snapshot lacks are
 * left out ({@link parseSnapshot} rejects such snapshots). The result does not
 * depend on the order of records in the snapshot.
 *
 * @param snapshot - One tenant's records.
 * @returns The index every play and score reads.
 * @example
 * ```ts
 * const index = indexSnapshot(snapshot);
 * index.offices.get('off-1')?.touchpoints.length; //=> 12
 * ```
 * @category History
 */
export function indexSnapshot(snapshot: PracticeSnapshot): PracticeIndex {
  const groups = groupSnapshot(snapshot);
  const { context } = groups;
  const offices = new Map<Id, OfficeHistory>();
  for (const [id, group] of groups.offices) offices.set(id, historyOfGroup(groups, group));
  const messages = snapshot.messages
    .map((record) => ({ record, at: readInstant(record.publishedAt) }))
    .sort((a, b) => byVersionThenId(a.record, b.record));
  return {
    practice: snapshot.practice,
    context,
    offices,
    contacts: contactsById(snapshot.contacts),
    clinicians: context.clinicians,
    messages,
    currentMessage: context.currentMessage,
    decisions: groups.decisions,
  };
}
