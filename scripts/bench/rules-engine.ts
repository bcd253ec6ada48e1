/**
 * Benchmark (c): what a vendor might write instead of the engine — the floor pass
 * of (a), each office's follow-up facts computed as the follow-up play defines
 * them, then json-rules-engine 7 evaluating the follow-up rule once per office.
 *
 * @module
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import { wholeDaysBetween } from '../../src/calendar/dates';
import { followUpStatus } from '../../src/engine/follow-up-status';
import { indexSnapshot } from '../../src/model/history';
import type { Id } from '../../src/model/primitives';
import type { PracticeSnapshot } from '../../src/model/snapshot';
import { defaultPlaybook } from '../../src/playbook/playbook';
import type { FollowUpPolicy } from '../../src/plays/follow-up/policy';
import type { FollowUpStatus } from '../../src/plays/follow-up/status';
import { BENCH_NOW } from './fixtures';
import { floorPass } from './floor';
import { sample, timeAsync, type Timing, type TimingOptions } from './timing';

/**
 * The follow-up rule as json-rules-engine rules: one rule per status band, on the
 * facts `contacted` (a counting touchpoint exists) and `daysSince` (whole days
 * since the last one, practice time zone); the event type is the status. The bands
 * do not overlap, so exactly one rule fires.
 *
 * @param policy - The follow-up policy whose bounds the rules use.
 * @returns The rules.
 * @example
 * ```ts
 * followUpRules(defaultFollowUpPolicy).map((rule) => rule.event.type);
 * //=> ['never-contacted', 'too-soon', 'on-track', 'due-soon', 'due', 'overdue', 'lapsed']
 * ```
 * @category Benchmark
 */
export function followUpRules(policy: FollowUpPolicy): RuleProperties[] {
  const contacted = { fact: 'contacted', operator: 'equal', value: true };
  const band = (type: FollowUpStatus, from: number | undefined, below: number | undefined): RuleProperties => ({
    name: `follow-up:${type}`,
    conditions: {
      all: [
        contacted,
        ...(from === undefined ? [] : [{ fact: 'daysSince', operator: 'greaterThanInclusive', value: from }]),
        ...(below === undefined ? [] : [{ fact: 'daysSince', operator: 'lessThan', value: below }]),
      ],
    },
    event: { type },
  });
  return [
    { name: 'follow-up:never-contacted', conditions: { all: [{ fact: 'contacted', operator: 'equal', value: false }] }, event: { type: 'never-contacted' } },
    band('too-soon', undefined, policy.nuisanceFloorDays),
    band('on-track', policy.nuisanceFloorDays, policy.dueSoonDays),
    band('due-soon', policy.dueSoonDays, policy.targetDays),
    band('due', policy.targetDays, policy.overdueDays),
    band('overdue', policy.overdueDays, policy.lapsedDays),
    band('lapsed', policy.lapsedDays, undefined),
  ];
}

/**
 * One office's follow-up result from the rules engine.
 *
 * @category Benchmark
 */
export interface VendorFollowUp {
  /** The status the rules engine gave. */
  readonly status: string;
  /** Whole days since the last counting touchpoint; `null` when there is none. */
  readonly daysSince: number | null;
}

/**
 * The vendor's alternative, once: the floor pass, per-office follow-up facts, and
 * one `engine.run(facts)` per office.
 *
 * @param snapshot - The fixture.
 * @returns Each office's status, by office id.
 * @throws Error when the engine fires no rule or several for an office.
 * @example
 * ```ts
 * (await vendorFollowUp(snapshot)).get('off-0001'); //=> { status: 'due', daysSince: 97 }
 * ```
 * @category Benchmark
 */
export async function vendorFollowUp(snapshot: PracticeSnapshot): Promise<Map<Id, VendorFollowUp>> {
  const policy = defaultPlaybook.plays['follow-up'];
  const now = Date.parse(BENCH_NOW);
  const timeZone = snapshot.practice.timeZone;
  const channels = policy.countingChannels === 'all' ? undefined : new Set<string>(policy.countingChannels);
  const purposes = policy.countingPurposes === 'all' ? undefined : new Set<string>(policy.countingPurposes);
  const engine = new Engine(followUpRules(policy));
  const results = new Map<Id, VendorFollowUp>();
  for (const [officeId, bucket] of floorPass(snapshot).offices) {
    let last = -Infinity;
    for (let i = 0; i < bucket.touchpoints.length; i += 1) {
      const at = bucket.touchpointTimes[i]!;
      if (at > now || at <= last) continue;
      const touchpoint = bucket.touchpoints[i]!;
      if (channels !== undefined && !channels.has(touchpoint.channel)) continue;
      if (purposes !== undefined && !touchpoint.purposes.some((purpose) => purposes.has(purpose))) continue;
      last = at;
    }
    const daysSince = last === -Infinity ? null : wholeDaysBetween(last, now, timeZone);
    const { events } = await engine.run({ contacted: daysSince !== null, daysSince: daysSince ?? -1 });
    if (events.length !== 1) {
      throw new Error(`[referwell] bench: the follow-up rules fired ${events.length} events for office ${officeId}`);
    }
    results.set(officeId, { status: events[0]!.type, daysSince });
  }
  return results;
}

/**
 * Whether the rules engine agreed with {@link followUpStatus} on every office.
 *
 * @category Benchmark
 */
export interface RulesEngineCheck {
  /** How many offices were compared. */
  readonly offices: number;
  /** The offices where status or day count differ (at most 10 listed). */
  readonly mismatches: readonly string[];
  /** How many offices differ. */
  readonly mismatchCount: number;
}

/**
 * Compares the vendor's result with the library's `followUpStatus` for every office.
 *
 * @param snapshot - The fixture.
 * @param vendor - The result of {@link vendorFollowUp}.
 * @returns The comparison.
 * @example
 * ```ts
 * checkRulesEngine(snapshot, await vendorFollowUp(snapshot)).mismatchCount; //=> 0
 * ```
 * @category Benchmark
 */
export function checkRulesEngine(snapshot: PracticeSnapshot, vendor: ReadonlyMap<Id, VendorFollowUp>): RulesEngineCheck {
  const index = indexSnapshot(snapshot);
  const mismatches: string[] = [];
  let mismatchCount = 0;
  for (const [officeId, history] of index.offices) {
    const ours = followUpStatus(history, defaultPlaybook, BENCH_NOW);
    const theirs = vendor.get(officeId);
    if (theirs === undefined || theirs.status !== ours.status || theirs.daysSince !== ours.daysSince) {
      mismatchCount += 1;
      if (mismatches.length < 10) {
        mismatches.push(`${officeId}: followUpStatus ${ours.status}/${ours.daysSince}, rules engine ${theirs?.status}/${theirs?.daysSince}`);
      }
    }
  }
  if (vendor.size !== index.offices.size) {
    mismatchCount += 1;
    mismatches.push(`the rules engine judged ${vendor.size} offices, the index holds ${index.offices.size}`);
  }
  return { offices: index.offices.size, mismatches, mismatchCount };
}

/**
 * The figure of (c): the timing and the correctness check.
 *
 * @category Benchmark
 */
export interface RulesEngineFigure extends Timing {
  readonly check: RulesEngineCheck;
}

/**
 * Measures (c): the median time of {@link vendorFollowUp}, and checks its answers.
 *
 * @param snapshot - The fixture, as the store returned it.
 * @param options - Warm-up and timed runs.
 * @returns The timing and the check.
 * @example
 * ```ts
 * (await measureRulesEngine(snapshot)).check.mismatchCount; //=> 0
 * ```
 * @category Benchmark
 */
export async function measureRulesEngine(snapshot: PracticeSnapshot, options: TimingOptions = {}): Promise<RulesEngineFigure> {
  let last: Map<Id, VendorFollowUp> | undefined;
  const timing = await sample(() => timeAsync(async () => (last = await vendorFollowUp(snapshot))), options);
  return { ...timing, check: checkRulesEngine(snapshot, last!) };
}
