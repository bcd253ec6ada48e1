/**
 * Why a referral entry's step times are read when the entry is made, not on first
 * use: the entries of the stored "large" fixture's referrals, made three ways in
 * turns, 40 passes each, with the median time of a pass:
 *
 * - `referralEntry` as it is (every step's time read at once);
 * - with `stepTimes` defined on each entry as a getter shared by all (the time of
 *   the first visit alone read at once), as `touchpoints` is on a history;
 * - the same without the `defineProperty` call (no `stepTimes` at all), to show
 *   what that call costs.
 *
 * Not a figure of record. Run:
 * `node --max-old-space-size=12288 --import tsx scripts/bench/referral-entry-getter.ts`
 *
 * @module
 */
import { readInstant, readInstantInto } from '../../src/calendar/instant';
import { referralEntry } from '../../src/model/history';
import { intakeStatus, type Referral } from '../../src/model/referral';
import { storedFixture } from './fixtures';
import { median } from './timing';

const stepTimeLists = new WeakMap<object, readonly number[]>();
function stepTimesOf(this: { readonly record: Referral }): readonly number[] {
  let times = stepTimeLists.get(this);
  if (times === undefined) {
    const list = new Array<number>(this.record.intake.length);
    for (let i = 0; i < list.length; i += 1) readInstantInto(this.record.intake[i]!.at, list, i);
    stepTimeLists.set(this, list);
    times = list;
  }
  return times;
}
const stepTimesProperty: PropertyDescriptor = Object.freeze({ get: stepTimesOf, enumerable: true, configurable: true });

/** The entry without its step times: the first visit's time alone. */
function entryWithoutSteps(referral: Referral) {
  let firstVisitAt: number | undefined;
  for (const step of referral.intake) {
    if (step.status === 'first-visit-completed') {
      firstVisitAt = readInstant(step.at);
      break;
    }
  }
  return {
    record: referral,
    at: readInstant(referral.receivedAt),
    status: intakeStatus(referral),
    contactedAt: referral.patientContactedAt === undefined ? undefined : readInstant(referral.patientContactedAt),
    firstVisitAt,
  };
}

const ways: Record<string, (referral: Referral) => unknown> = {
  'every step read at once (as it is)': referralEntry,
  'stepTimes through a shared getter': (referral) =>
    Object.defineProperty(entryWithoutSteps(referral), 'stepTimes', stepTimesProperty),
  'the same without defineProperty': entryWithoutSteps,
};

const { snapshot } = await storedFixture('large');
const referrals = snapshot.referrals;
const runs: Record<string, number[]> = {};
let sink = 0;
for (let pass = 0; pass < 45; pass += 1) {
  for (const [name, make] of Object.entries(ways)) {
    const started = performance.now();
    for (let i = 0; i < referrals.length; i += 1) sink += make(referrals[i]!) === undefined ? 0 : 1;
    if (pass >= 5) (runs[name] ??= []).push(performance.now() - started);
  }
}
if (sink === 0) throw new Error('[referwell] bench: no entry made');
console.log(`${referrals.length} referrals, median of 40 passes each, in turns:`);
for (const [name, values] of Object.entries(runs)) console.log(`  ${name.padEnd(38)} ${median(values).toFixed(2)} ms`);
