/**
 * The floor (a) as `floorPass` writes it (helpers that take the pass's state)
 * against the same pass written with two closures made per call, as it was before
 * the fifth pass, in turns, a full collection before each run. Shows what a
 * closure made per call costs when the harness forces a full collection before
 * each run: V8 drops the closure's optimised code with the closure. Not a figure
 * of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/floor-closures.ts [rounds=16]`
 *
 * @module
 */
import type { Id } from '../../src/model/primitives';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { storedFixture } from './fixtures';
import { floorPass, type FloorBucket } from './floor';
import { collectGarbage, median } from './timing';

const emptyBucket = (): FloorBucket => ({
  contacts: [],
  touchpoints: [],
  touchpointTimes: [],
  referrals: [],
  referralTimes: [],
  thankYous: [],
  thankYouTimes: [],
});

/** The floor with its helpers as closures made per call. */
function floorWithClosures(snapshot: PracticeSnapshot): number {
  const offices = new Map<Id, FloorBucket>();
  let checksum = 0;
  const stamp = (iso: string | undefined): number => {
    if (iso === undefined) return 0;
    const ms = Date.parse(iso);
    checksum += ms;
    return ms;
  };
  let contactOffices: Map<Id, Id> | undefined;
  const bucketOf = (record: { readonly officeId?: Id; readonly contactIds?: readonly Id[] }): FloorBucket | undefined => {
    let officeId = record.officeId;
    if (officeId === undefined && record.contactIds !== undefined && record.contactIds.length > 0) {
      contactOffices ??= new Map(snapshot.contacts.map((contact) => [contact.id, contact.officeId]));
      officeId = contactOffices.get(record.contactIds[0]!);
    }
    return officeId === undefined ? undefined : offices.get(officeId);
  };
  for (const office of snapshot.offices) {
    stamp(office.createdAt);
    offices.set(office.id, emptyBucket());
  }
  for (const contact of snapshot.contacts) bucketOf(contact)?.contacts.push(contact);
  for (const clinician of snapshot.clinicians) stamp(clinician.capacity.asOf);
  for (const message of snapshot.messages) stamp(message.publishedAt);
  for (const touchpoint of snapshot.touchpoints) {
    const at = stamp(touchpoint.at);
    const bucket = bucketOf(touchpoint);
    if (bucket) {
      bucket.touchpoints.push(touchpoint);
      bucket.touchpointTimes.push(at);
    }
  }
  for (const referral of snapshot.referrals) {
    const at = stamp(referral.receivedAt);
    for (const step of referral.intake) {
      stamp(step.at);
      if (step.status === 'scheduled') stamp(step.appointmentAt);
    }
    stamp(referral.patientContactedAt);
    stamp(referral.reportSentToReferrerAt);
    const bucket = bucketOf(referral);
    if (bucket) {
      bucket.referrals.push(referral);
      bucket.referralTimes.push(at);
    }
  }
  for (const thankYou of snapshot.thankYous) {
    const at = stamp(thankYou.sentAt);
    const bucket = bucketOf(thankYou);
    if (bucket) {
      bucket.thankYous.push(thankYou);
      bucket.thankYouTimes.push(at);
    }
  }
  for (const decision of snapshot.decisions) stamp(decision.decidedAt);
  return checksum;
}

const rounds = Number(process.argv[2] ?? 16);
const { snapshot } = await storedFixture('large');
const gc = collectGarbage();
const helpers: number[] = [];
const closures: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  gc();
  let started = performance.now();
  const a = floorPass(snapshot).checksum;
  const helpersMs = performance.now() - started;
  gc();
  started = performance.now();
  const b = floorWithClosures(snapshot);
  const closuresMs = performance.now() - started;
  if (a !== b) throw new Error('[referwell] bench: the two floors disagree');
  if (round >= 2) {
    helpers.push(helpersMs);
    closures.push(closuresMs);
  }
}
const [h, c] = [median(helpers), median(closures)];
console.log(`floor, rounds 2–${rounds - 1}: helpers ${h.toFixed(1)} ms, closures per call ${c.toFixed(1)} ms (helpers/closures ${(h / c).toFixed(2)})`);
