import { addDays, toCalendarDate, wholeDaysBetween } from '../../calendar/dates';
import type { RecordRef } from '../../engine/action';
import type { OfficeHistory, Timed } from '../../model/history';
import type { Touchpoint } from '../../model/touchpoint';
import { activeProviderIds } from '../contacts';
import { plural } from '../english';
import { definePlay, type ActionDraft, type PlayScore } from '../play';
import { lastTimedUpTo } from '../timeline';
import { faceToFacePolicyDefinition, type FaceToFacePolicy } from './policy';
import { trust } from './trust';

/** Priority of a visit to an office whose last in-person contact is too old: keep a relationship alive. */
const VISIT_PRIORITY = 70;
/** Priority of a first visit to an office never met in person: cold visits pay less, so a little lower. */
const FIRST_VISIT_PRIORITY = 65;

/** The last in-person touchpoint at or before `now`. */
function lastInPerson(history: OfficeHistory, now: number): Timed<Touchpoint> | undefined {
  return lastTimedUpTo(history.touchpointRecords, history.touchpointTimes, now, (touchpoint) =>
    touchpoint.channel === 'in-person',
  );
}

/** Trust shown to people: two decimals. */
const shown = (value: number) => String(Math.round(value * 100) / 100);

/**
 * The face-to-face score from an office's trust (see {@link trust}):
 * `min(100, 100 × trust / trustSaturation)`.
 *
 * @param trustValue - The office's trust.
 * @param policy - The `face-to-face` policy (`trustSaturation`).
 * @returns 0–100.
 * @example
 * ```ts
 * trustScore(1, defaultFaceToFacePolicy); //=> 25
 * trustScore(6, defaultFaceToFacePolicy); //=> 100
 * ```
 * @category Plays
 */
export function trustScore(trustValue: number, policy: Pick<FaceToFacePolicy, 'trustSaturation'>): number {
  return Math.min(100, (100 * trustValue) / policy.trustSaturation);
}

/**
 * Play 2, **face-to-face**: email and calls are convenient, but face-to-face
 * contact builds trust. An office with no in-person touchpoint in the last
 * `visitWithinDays` days (whole days, practice time zone: never, or the last one
 * *d* ≥ `visitWithinDays` days ago) gets a *visit* action for its active
 * providers, due on the last in-person date + `visitWithinDays` (today when never
 * visited), priority 70 (65 when never visited). Its score is
 * {@link trustScore} of {@link trust}.
 *
 * @example
 * ```ts
 * planActions({ snapshot, playbook: defaultPlaybook, now, plays: [faceToFacePlay] })[0]?.title;
 * //=> 'Visit Lakeside Family Medicine in person'
 * ```
 * @category Plays
 */
export const faceToFacePlay = definePlay({
  id: 'face-to-face',
  title: 'Meet face to face',
  policy: faceToFacePolicyDefinition,
  reads: ['contacts', 'touchpoints'],
  outreachOnly: true,

  plan(history, ctx): ActionDraft[] {
    const { policy } = ctx;
    const last = lastInPerson(history, ctx.now);
    const daysSince = last === undefined ? null : wholeDaysBetween(last.at, ctx.now, ctx.timeZone);
    if (daysSince !== null && daysSince < policy.visitWithinDays) return [];

    const name = history.office.name;
    const officeTrust = trust(history, policy, ctx);
    const lastDate = last === undefined ? null : toCalendarDate(last.at, ctx.timeZone);
    const trustText = `its trust is ${shown(officeTrust)} of ${policy.trustSaturation} for full marks`;
    return [
      {
        kind: 'visit',
        officeId: history.office.id,
        contactIds: activeProviderIds(history),
        due: lastDate === null ? ctx.today : addDays(lastDate, policy.visitWithinDays),
        priority: last === undefined ? FIRST_VISIT_PRIORITY : VISIT_PRIORITY,
        title: `Visit ${name} in person`,
        explanation: {
          rule: last === undefined ? 'face-to-face/never-visited' : 'face-to-face/visit-due',
          summary:
            last === undefined
              ? `${name} has never been visited in person; ${trustText}.`
              : `The last in-person contact with ${name} was ${daysSince} days ago (${lastDate}); ` +
                `the policy asks for one within ${policy.visitWithinDays} days, and ${trustText}.`,
          policy: {
            visitWithinDays: policy.visitWithinDays,
            trustHalfLifeDays: policy.trustHalfLifeDays,
            trustSaturation: policy.trustSaturation,
          },
          facts: { daysSinceInPerson: daysSince, lastInPersonDate: lastDate, trust: officeTrust },
          evidence: last === undefined ? [] : [{ kind: 'touchpoint', id: last.record.id }],
        },
        anchor: last?.record.id ?? 'never',
        outreach: true,
      },
    ];
  },

  score(history, ctx): PlayScore {
    const { policy } = ctx;
    const records = history.touchpointRecords;
    const times = history.touchpointTimes;
    // The touchpoints up to now, in their order, as evidence, and how many of them were in person.
    const counted: RecordRef[] = [];
    let inPerson = 0;
    for (let i = 0; i < records.length; i += 1) {
      if (times[i]! > ctx.now) continue;
      const record = records[i]!;
      counted.push({ kind: 'touchpoint', id: record.id });
      if (record.channel === 'in-person') inPerson += 1;
    }
    const officeTrust = trust(history, policy, ctx);
    const last = lastInPerson(history, ctx.now);
    const daysSince = last === undefined ? null : wholeDaysBetween(last.at, ctx.now, ctx.timeZone);
    return {
      score: trustScore(officeTrust, policy),
      reasons: [
        counted.length === 0
          ? 'no touchpoints yet: no trust built'
          : `trust ${shown(officeTrust)} from ${plural(counted.length, 'touchpoint')} ` +
            `(${inPerson} in person); full marks at ${policy.trustSaturation}, each touchpoint counting half after ${policy.trustHalfLifeDays} days`,
        daysSince === null
          ? 'never met in person'
          : `last in-person contact ${daysSince} days ago; a visit is wanted within ${policy.visitWithinDays} days`,
      ],
      facts: { trust: officeTrust, touchpoints: counted.length, inPersonTouchpoints: inPerson, daysSinceInPerson: daysSince },
      evidence: counted,
    };
  },
});
