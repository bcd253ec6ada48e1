import { match } from 'ts-pattern';
import { toCalendarDate, wholeDaysBetween } from '../../calendar/dates';
import type { RecordRef } from '../../engine/action';
import type { OfficeHistory, Timed } from '../../model/history';
import type { Touchpoint } from '../../model/touchpoint';
import { plural } from '../english';
import { definePlay, type ActionDraft, type PlayScore } from '../play';
import { compareIds, entriesUpTo } from '../timeline';
import { referralCredit } from './credit';
import { officeStaffPolicyDefinition, type OfficeStaffPolicy } from './policy';
import { staffFacts, type StaffFacts } from './staff';

/** Why an office needs a staff relationship: no staff on file, none touched, or too few. */
type StaffGap = 'no-staff-on-file' | 'staff-not-touched' | 'too-few-staff-touched';

/** The distinct last-touch touchpoints of the office's staff, oldest first. */
function lastTouchEvidence(facts: StaffFacts): RecordRef[] {
  const distinct = new Map<string, Timed<Touchpoint>>();
  for (const touchpoint of facts.lastTouch.values()) distinct.set(touchpoint.record.id, touchpoint);
  return [...distinct.values()]
    .sort((a, b) => a.at - b.at || compareIds(a.record.id, b.record.id))
    .map((touchpoint) => ({ kind: 'touchpoint', id: touchpoint.record.id }));
}

/** How many of the office's referrals up to now involved a staff contact (credit goes to everyone involved). */
function referralsInvolvingStaff(history: OfficeHistory, policy: OfficeStaffPolicy, now: number) {
  const contactsById = new Map(history.contacts.map((contact) => [contact.id, contact]));
  let referrals = 0;
  let withStaff = 0;
  for (const entry of entriesUpTo(history.referrals, now)) {
    referrals += 1;
    if (referralCredit(entry.record, contactsById, policy).some((credit) => credit.isStaff)) withStaff += 1;
  }
  return { referrals, withStaff };
}

/**
 * The office-staff score: the share of the required staff relationships the
 * office has, min(100, 100 × staff touched within `touchWithinDays` ÷
 * `minimumStaffRelationships`); `null` when the policy requires none.
 *
 * @param touched - Staff contacts touched within the window.
 * @param policy - The office-staff policy.
 * @returns 0–100, or `null`.
 * @example
 * ```ts
 * officeStaffScore(1, { ...defaultOfficeStaffPolicy, minimumStaffRelationships: 2 }); //=> 50
 * ```
 * @category Plays
 */
export function officeStaffScore(
  touched: number,
  policy: Pick<OfficeStaffPolicy, 'minimumStaffRelationships'>,
): number | null {
  if (policy.minimumStaffRelationships === 0) return null;
  return Math.min(100, (100 * touched) / policy.minimumStaffRelationships);
}

/**
 * Play 5, **office-staff**: receptionists, nurses, medical assistants and office
 * managers may refer more than the provider. An office with fewer than
 * `minimumStaffRelationships` staff contacts touched within `touchWithinDays`
 * gets a *befriend-staff* action for its staff (none named when it has no staff
 * on file), due today. Which roles are staff is the policy's `staffRoles`.
 *
 * @example
 * ```ts
 * const [action] = planActions({ snapshot, playbook: defaultPlaybook, now, plays: [officeStaffPlay] });
 * action?.explanation.rule;
 * //=> 'office-staff/staff-not-touched'
 * ```
 * @category Plays
 */
export const officeStaffPlay = definePlay({
  id: 'office-staff',
  title: 'Office staff',
  policy: officeStaffPolicyDefinition,
  reads: ['contacts', 'touchpoints', 'referrals'],
  outreachOnly: true,
  // Plan and score read only touchpoints that name a contact (a staff member's last touch).
  readsTouchpoint: (touchpoint) => touchpoint.contactIds.length > 0,

  plan(history, ctx): ActionDraft[] {
    const { policy } = ctx;
    const facts = staffFacts(history, policy, ctx.now, ctx.timeZone);
    const touched = facts.touched.length;
    if (touched >= policy.minimumStaffRelationships) return [];
    const name = history.office.name;
    const gap: StaffGap =
      facts.staff.length === 0 ? 'no-staff-on-file' : touched === 0 ? 'staff-not-touched' : 'too-few-staff-touched';
    const goal = `at least ${plural(policy.minimumStaffRelationships, 'staff relationship')} touched within ${policy.touchWithinDays} days`;
    const last = facts.lastStaffTouch;
    const lastDate = last === undefined ? null : toCalendarDate(last.at, ctx.timeZone);
    const summary = match(gap)
      .with('no-staff-on-file', () => `${name} has no office staff on file at all; the goal is ${goal}.`)
      .with(
        'staff-not-touched',
        () =>
          `${name} has ${plural(facts.staff.length, 'staff contact')} on file but no staff member was touched in the last ${policy.touchWithinDays} days (${lastDate === null ? 'never contacted' : `last on ${lastDate}`}); the goal is ${goal}.`,
      )
      .with(
        'too-few-staff-touched',
        () =>
          `${name} has ${plural(touched, 'staff relationship')} touched in the last ${policy.touchWithinDays} days (${plural(facts.staff.length, 'staff contact')} on file); the goal is ${goal}.`,
      )
      .exhaustive();
    const title = match(gap)
      .with('no-staff-on-file', () => `Meet the office staff at ${name}`)
      .with('staff-not-touched', 'too-few-staff-touched', () => `Befriend the staff at ${name}`)
      .exhaustive();
    return [
      {
        kind: 'befriend-staff',
        officeId: history.office.id,
        contactIds: facts.staff.map((contact) => contact.id),
        due: ctx.today,
        priority: 45,
        title,
        explanation: {
          rule: `office-staff/${gap}`,
          summary,
          policy: {
            touchWithinDays: policy.touchWithinDays,
            minimumStaffRelationships: policy.minimumStaffRelationships,
            staffRoles: policy.staffRoles,
          },
          facts: {
            staffOnFile: facts.staff.length,
            staffTouched: touched,
            lastStaffTouchDate: lastDate,
            daysSinceLastStaffTouch: last === undefined ? null : wholeDaysBetween(last.at, ctx.now, ctx.timeZone),
          },
          evidence: lastTouchEvidence(facts),
        },
        // The staff touched in the window (or `none`), then the latest staff touchpoint: a gap
        // that reopens after a done action (a staff contact seen, then not again) is a new action.
        anchor: `${touched === 0 ? 'none' : facts.touched.join(',')}${last === undefined ? '' : `@${last.record.id}`}`,
        outreach: true,
        details: { noStaffOnFile: facts.staff.length === 0, staffTouched: facts.touched },
      },
    ];
  },

  score(history, ctx): PlayScore {
    const { policy } = ctx;
    const facts = staffFacts(history, policy, ctx.now, ctx.timeZone);
    const touched = facts.touched.length;
    const credit = referralsInvolvingStaff(history, policy, ctx.now);
    const score = officeStaffScore(touched, policy);
    const reasons =
      score === null
        ? ['the policy requires no staff relationship']
        : facts.staff.length === 0
          ? [`no office staff on file; the goal is ${plural(policy.minimumStaffRelationships, 'staff relationship')}`]
          : [
              `${touched} of ${plural(facts.staff.length, 'staff contact')} touched in the last ${policy.touchWithinDays} days; the goal is ${policy.minimumStaffRelationships}`,
            ];
    if (credit.withStaff > 0) {
      reasons.push(`staff were involved in ${credit.withStaff} of ${plural(credit.referrals, 'referral')}`);
    }
    return {
      score,
      reasons,
      facts: {
        staffOnFile: facts.staff.length,
        providersOnFile: facts.providers.length,
        staffTouched: touched,
        referrals: credit.referrals,
        referralsInvolvingStaff: credit.withStaff,
      },
      evidence: lastTouchEvidence(facts),
    };
  },
});
