/**
 * Benchmark (a), the floor: the least any planner must do — one pass over every
 * record that parses each of its timestamps once and groups the records by office.
 *
 * @module
 */
import type { Contact } from '../../src/model/contact';
import type { Id } from '../../src/model/primitives';
import type { Referral } from '../../src/model/referral';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import type { ThankYou } from '../../src/model/thank-you';
import type { Touchpoint } from '../../src/model/touchpoint';
import { sample, time, type Timing, type TimingOptions } from './timing';

/**
 * One office's records as the floor pass groups them, each list with the epoch
 * ms of its records' main timestamps alongside.
 *
 * @category Benchmark
 */
export interface FloorBucket {
  readonly contacts: Contact[];
  readonly touchpoints: Touchpoint[];
  readonly touchpointTimes: number[];
  readonly referrals: Referral[];
  readonly referralTimes: number[];
  readonly thankYous: ThankYou[];
  readonly thankYouTimes: number[];
}

/**
 * What the floor pass produces.
 *
 * @category Benchmark
 */
export interface FloorResult {
  /** The records of each office, by office id. */
  readonly offices: Map<Id, FloorBucket>;
  /** How many timestamps were parsed. */
  readonly parsed: number;
  /** The sum of every parsed timestamp (so that no parse can be optimised away). */
  readonly checksum: number;
}

/** A bucket with no records. */
export const emptyBucket = (): FloorBucket => ({
  contacts: [],
  touchpoints: [],
  touchpointTimes: [],
  referrals: [],
  referralTimes: [],
  thankYous: [],
  thankYouTimes: [],
});

/**
 * The floor pass: visits every record of every collection once, parses every
 * ISO timestamp it carries with `Date.parse` (offices' `createdAt`, clinicians'
 * `asOf`, messages' `publishedAt`, touchpoints' `at`, referrals' `receivedAt`,
 * intake steps, appointments and milestones, thank-yous' `sentAt`, decisions'
 * `decidedAt`), and appends the office-scoped records to per-office arrays. A
 * record without an office id but with contacts would be grouped under its first
 * contact's office (the model has none today: every office-scoped record names
 * its office). Nothing else: no sorting, no validation, no derived facts.
 *
 * @param snapshot - One tenant's records.
 * @returns The records grouped by office, and a checksum of the parsed times.
 * @example
 * ```ts
 * floorPass(snapshot).offices.get('off-0001')?.touchpoints.length; //=> 97
 * ```
 * @category Benchmark
 */
export function floorPass(snapshot: PracticeSnapshot): FloorResult {
  const pass: FloorState = { snapshot, offices: new Map(), parsed: 0, checksum: 0, contactOffices: undefined };
  for (const office of snapshot.offices) {
    stamp(pass, office.createdAt);
    pass.offices.set(office.id, emptyBucket());
  }
  for (const contact of snapshot.contacts) bucketOf(pass, contact)?.contacts.push(contact);
  for (const clinician of snapshot.clinicians) stamp(pass, clinician.capacity.asOf);
  for (const message of snapshot.messages) stamp(pass, message.publishedAt);
  for (const touchpoint of snapshot.touchpoints) {
    const at = stamp(pass, touchpoint.at);
    const bucket = bucketOf(pass, touchpoint);
    if (bucket) {
      bucket.touchpoints.push(touchpoint);
      bucket.touchpointTimes.push(at);
    }
  }
  for (const referral of snapshot.referrals) {
    const at = stamp(pass, referral.receivedAt);
    for (const step of referral.intake) {
      stamp(pass, step.at);
      if (step.status === 'scheduled') stamp(pass, step.appointmentAt);
    }
    stamp(pass, referral.patientContactedAt);
    stamp(pass, referral.reportSentToReferrerAt);
    const bucket = bucketOf(pass, referral);
    if (bucket) {
      bucket.referrals.push(referral);
      bucket.referralTimes.push(at);
    }
  }
  for (const thankYou of snapshot.thankYous) {
    const at = stamp(pass, thankYou.sentAt);
    const bucket = bucketOf(pass, thankYou);
    if (bucket) {
      bucket.thankYous.push(thankYou);
      bucket.thankYouTimes.push(at);
    }
  }
  for (const decision of snapshot.decisions) stamp(pass, decision.decidedAt);
  return { offices: pass.offices, parsed: pass.parsed, checksum: pass.checksum };
}

/**
 * The state of one {@link floorPass}. Its helpers are module functions that take
 * it, not closures made per call: V8 drops the compiled code of a closure made per
 * call at the next full collection (the benchmark forces one before each run), so
 * closures would have the floor recompiled in every run, which the engine does not
 * pay (see docs/performance.md).
 */
interface FloorState {
  readonly snapshot: PracticeSnapshot;
  readonly offices: Map<Id, FloorBucket>;
  parsed: number;
  checksum: number;
  contactOffices: Map<Id, Id> | undefined;
}

/** Parses one timestamp (0 for none), counting it and adding it to the checksum. */
function stamp(pass: FloorState, iso: string | undefined): number {
  if (iso === undefined) return 0;
  const ms = Date.parse(iso);
  pass.parsed += 1;
  pass.checksum += ms;
  return ms;
}

/** The bucket of a record's office, or of its first contact's office when it names none. */
function bucketOf(
  pass: FloorState,
  record: { readonly officeId?: Id; readonly contactIds?: readonly Id[] },
): FloorBucket | undefined {
  let officeId = record.officeId;
  if (officeId === undefined && record.contactIds !== undefined && record.contactIds.length > 0) {
    pass.contactOffices ??= new Map(pass.snapshot.contacts.map((contact) => [contact.id, contact.officeId]));
    officeId = pass.contactOffices.get(record.contactIds[0]!);
  }
  return officeId === undefined ? undefined : pass.offices.get(officeId);
}

/**
 * Measures (a): the median time of {@link floorPass} over the snapshot.
 *
 * @param snapshot - The fixture, as the store returned it.
 * @param options - Warm-up and timed runs.
 * @returns The timing.
 * @example
 * ```ts
 * (await measureFloor(snapshot, { runs: 5 })).medianMs; //=> 61.2
 * ```
 * @category Benchmark
 */
export async function measureFloor(snapshot: PracticeSnapshot, options: TimingOptions = {}): Promise<Timing> {
  let sink = 0;
  const timing = await sample(() => time(() => (sink += floorPass(snapshot).parsed)), options);
  if (sink <= 0 && snapshot.touchpoints.length > 0) throw new Error('[referwell] bench: the floor pass parsed nothing');
  return timing;
}
