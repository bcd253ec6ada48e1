/**
 * The floor (a) as `floorPass` writes it (helpers that take the pass's state)
 * against the same pass written with two closures made per call, as it was before
 * the fifth pass, in turns (which goes first alternates), a full collection
 * before each run. Shows what a
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
import { emptyBucket, floorPass, type FloorBucket, type FloorResult } from './floor';
import { collectGarbage, median } from './timing';

/** The floor with its helpers as closures made per call, as `floorPass` was written before. */
function floorWithClosures(snapshot: PracticeSnapshot): FloorResult {
  const offices = new Map<Id, FloorBucket>();
  let parsed = 0;
  let checksum = 0;
  const stamp = (iso: string | undefined): number => {
    if (iso === undefined) return 0;
    const ms = Date.parse(iso);
    parsed += 1;
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
  return { offices, parsed, checksum };
}

const rounds = Number(process.argv[2] ?? 16);
const { snapshot } = await storedFixture('large');
const gc = collectGarbage();
const helpers: number[] = [];
const closures: number[] = [];
const run = (floor: (snapshot: PracticeSnapshot) => FloorResult): { ms: number; result: FloorResult } => {
  gc();
  const started = performance.now();
  const result = floor(snapshot);
  return { ms: performance.now() - started, result };
};
for (let round = 0; round < rounds; round += 1) {
  // Which goes first alternates from round to round.
  const [first, second] = round % 2 === 0 ? [floorPass, floorWithClosures] : [floorWithClosures, floorPass];
  const one = run(first);
  const other = run(second);
  const [withHelpers, withClosures] = first === floorPass ? [one, other] : [other, one];
  if (withHelpers.result.checksum !== withClosures.result.checksum || withHelpers.result.parsed !== withClosures.result.parsed) {
    throw new Error('[referwell] bench: the two floors disagree');
  }
  if (round >= 2) {
    helpers.push(withHelpers.ms);
    closures.push(withClosures.ms);
  }
}
const [h, c] = [median(helpers), median(closures)];
console.log(`floor, rounds 2–${rounds - 1}: helpers ${h.toFixed(1)} ms, closures per call ${c.toFixed(1)} ms (helpers/closures ${(h / c).toFixed(2)})`);
