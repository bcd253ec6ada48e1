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
  /** Its touchpoints, oldest first. */
  readonly touchpoints: readonly Timed<Touchpoint>[];
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
  const stepTimes = referral.intake.map((step) => Date.parse(step.at));
  const completed = referral.intake.findIndex((step) => step.status === 'first-visit-completed');
  return {
    record: referral,
    at: Date.parse(referral.receivedAt),
    status: intakeStatus(referral),
    stepTimes,
    contactedAt: referral.patientContactedAt === undefined ? undefined : Date.parse(referral.patientContactedAt),
    firstVisitAt: completed < 0 ? undefined : stepTimes[completed],
  };
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
  return {
    office,
    context,
    timeZone: office.timeZone ?? context.practice.timeZone,
    contacts: [...records.contacts].sort(byId),
    touchpoints: records.touchpoints.map((record) => ({ record, at: Date.parse(record.at) })).sort(byTimeThenId),
    referrals: records.referrals.map(referralEntry).sort(byTimeThenId),
    thankYous: records.thankYous.map((record) => ({ record, at: Date.parse(record.sentAt) })).sort(byTimeThenId),
  };
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

interface Bucket {
  contacts: Contact[];
  touchpoints: Touchpoint[];
  referrals: Referral[];
  thankYous: ThankYou[];
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
  const buckets = new Map<Id, Bucket>();
  for (const office of snapshot.offices) {
    buckets.set(office.id, { contacts: [], touchpoints: [], referrals: [], thankYous: [] });
  }
  for (const contact of snapshot.contacts) buckets.get(contact.officeId)?.contacts.push(contact);
  for (const touchpoint of snapshot.touchpoints) buckets.get(touchpoint.officeId)?.touchpoints.push(touchpoint);
  for (const referral of snapshot.referrals) buckets.get(referral.officeId)?.referrals.push(referral);
  for (const thankYou of snapshot.thankYous) buckets.get(thankYou.officeId)?.thankYous.push(thankYou);

  const context = practiceContext(snapshot);
  const offices = new Map<Id, OfficeHistory>();
  for (const office of [...snapshot.offices].sort(byId)) {
    const bucket = buckets.get(office.id);
    if (bucket) offices.set(office.id, buildOfficeHistory(office, context, bucket));
  }

  const messages = snapshot.messages
    .map((record) => ({ record, at: Date.parse(record.publishedAt) }))
    .sort((a, b) => byVersionThenId(a.record, b.record));

  const decisions = new Map<Id, ActionDecision[]>();
  const sortedDecisions = [...snapshot.decisions].sort(
    (a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || byId(a, b),
  );
  for (const decision of sortedDecisions) {
    const list = decisions.get(decision.actionId);
    if (list) list.push(decision);
    else decisions.set(decision.actionId, [decision]);
  }

  return {
    practice: snapshot.practice,
    context,
    offices,
    contacts: new Map([...snapshot.contacts].sort(byId).map((contact) => [contact.id, contact])),
    clinicians: context.clinicians,
    messages,
    currentMessage: context.currentMessage,
    decisions,
  };
}
