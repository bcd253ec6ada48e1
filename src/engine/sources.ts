/**
 * Source yield: which offices and which people send referrals for the outreach
 * time spent on them (DESIGN §1, last paragraph; §4 `rankSources`).
 *
 * @module
 */
import { addDays, startOfDayInZone } from '../calendar/dates';
import type { Contact } from '../model/contact';
import { historyWith, indexSnapshot, type OfficeHistory, type PracticeIndex } from '../model/history';
import type { CalendarDate, Id } from '../model/primitives';
import type { PracticeSnapshot } from '../model/snapshot';
import type { Touchpoint } from '../model/touchpoint';
import type { ContactRole, OfficeKind, OfficeLifecycle } from '../model/vocabulary';
import type { Playbook } from '../playbook/playbook';
import type { FollowUpPolicy } from '../plays/follow-up/policy';
import { countsAsContact, followUpFacts, type FollowUpStatus } from '../plays/follow-up/status';
import { momentFor, toMillis, type Moment } from './context';

/**
 * The yield numbers shared by an office and a contact. With the counting window
 * *W* = the last `playbook.sources.windowDays` calendar days up to and including
 * today (practice time zone), ending at `now`:
 *
 * - `referrals` = referrals received in *W*;
 * - `firstVisits` = those of them whose first visit was completed by `now`;
 * - `touchpoints` = touchpoints in *W*; `outreachMinutes` = the sum of their `minutes`;
 * - `referralsPerHour` = referrals × 60 ÷ outreachMinutes (`null` when 0 minutes);
 * - `firstVisitsPerHour` = firstVisits × 60 ÷ outreachMinutes (`null` when 0 minutes);
 * - `referralsPerTouchpoint` = referrals ÷ touchpoints (`null` when 0 touchpoints);
 * - `recentReferrals` = referrals in the last `sources.trendDays` days up to `now`,
 *   `previousReferrals` = referrals in the `trendDays` days before those (the trend
 *   periods do not depend on *W*), `trend` = recent − previous,
 *   `declining` = recent < previous;
 * - `followUpStatus` = the follow-up status (`plays['follow-up']` policy), `lapsed`
 *   = that status is `lapsed`.
 *
 * Ratios are not rounded: each is one IEEE-754 division of two whole numbers, as
 * written above, so another implementation gets the same bits.
 *
 * @category Engine
 */
export interface SourceYield {
  /** 1-based position in its list (see {@link rankSources} for the order). */
  readonly rank: number;
  /** Referrals received in the window. */
  readonly referrals: number;
  /** Referrals received in the window whose first visit was completed by `now`. */
  readonly firstVisits: number;
  /** Touchpoints in the window. */
  readonly touchpoints: number;
  /** Sum of the window's touchpoints' `minutes` (outreach time, travel included). */
  readonly outreachMinutes: number;
  /** `referrals × 60 ÷ outreachMinutes`; `null` when no minutes were spent. */
  readonly referralsPerHour: number | null;
  /** `firstVisits × 60 ÷ outreachMinutes`; `null` when no minutes were spent. */
  readonly firstVisitsPerHour: number | null;
  /** `referrals ÷ touchpoints`; `null` when there was no touchpoint. */
  readonly referralsPerTouchpoint: number | null;
  /** Referrals in the last `trendDays` days (today included). */
  readonly recentReferrals: number;
  /** Referrals in the `trendDays` days before the recent period. */
  readonly previousReferrals: number;
  /** `recentReferrals − previousReferrals`. */
  readonly trend: number;
  /** `recentReferrals < previousReferrals`. */
  readonly declining: boolean;
  /**
   * The follow-up status: for an office, from its touchpoints; for a contact, from
   * the touchpoints that name them.
   */
  readonly followUpStatus: FollowUpStatus;
  /** Whole days since the last counting touchpoint; `null` when there is none. */
  readonly daysSinceContact: number | null;
  /** `followUpStatus === 'lapsed'`. */
  readonly lapsed: boolean;
  /** The referrals counted in the window, oldest first (the evidence). */
  readonly referralIds: readonly Id[];
  /** The touchpoints counted in the window, oldest first (the evidence). */
  readonly touchpointIds: readonly Id[];
}

/**
 * One office's yield as a referral source.
 *
 * @category Engine
 */
export interface OfficeSource extends SourceYield {
  /** The office. */
  readonly officeId: Id;
  /** Its name. */
  readonly name: string;
  /** Its kind. */
  readonly kind: OfficeKind;
  /** Its lifecycle stage. */
  readonly lifecycle: OfficeLifecycle;
}

/**
 * One contact's yield as a referral source. Every contact named on a referral
 * gets credit for it (not only the physician); a contact's touchpoints and
 * minutes are those of the touchpoints that name them.
 *
 * @category Engine
 */
export interface ContactSource extends SourceYield {
  /** The contact. */
  readonly contactId: Id;
  /** Their office. */
  readonly officeId: Id;
  /** Their name. */
  readonly name: string;
  /** Their role. */
  readonly role: ContactRole;
  /** Whether they still work at the office. */
  readonly active: boolean;
}

/**
 * A period of whole calendar days, both ends included, in the practice's time zone.
 *
 * @category Engine
 */
export interface DayRange {
  /** The first day. */
  readonly from: CalendarDate;
  /** The last day. */
  readonly to: CalendarDate;
}

/**
 * The periods a {@link SourceRanking} was counted over.
 *
 * @category Engine
 */
export interface SourcePeriods {
  /** Today in the practice's time zone (the day of `now`). */
  readonly today: CalendarDate;
  /** The counting window: `today − (windowDays − 1)` … today. */
  readonly window: DayRange;
  /** The recent trend period: `today − (trendDays − 1)` … today. */
  readonly recent: DayRange;
  /** The previous trend period: the `trendDays` days before `recent`. */
  readonly previous: DayRange;
}

/**
 * Offices and contacts ranked by source yield (see {@link rankSources}).
 *
 * @category Engine
 */
export interface SourceRanking {
  /** Every ranked office, best first. */
  readonly offices: readonly OfficeSource[];
  /** Every contact of the ranked offices, best first. */
  readonly contacts: readonly ContactSource[];
  /** The periods counted over. */
  readonly periods: SourcePeriods;
}

/**
 * The {@link rankSources} and {@link rankIndexedSources} options.
 *
 * @category Engine
 */
export interface RankSourcesOptions {
  /** Rank only these offices (and their contacts); default all. */
  readonly officeIds?: readonly Id[];
  /** Rank only offices in these lifecycle stages; default all four. */
  readonly lifecycles?: readonly OfficeLifecycle[];
}

/** The instants that bound the counting periods, in epoch ms. */
interface Bounds {
  readonly now: number;
  readonly windowStart: number;
  readonly recentStart: number;
  readonly previousStart: number;
}

/** Running totals for one source. */
class Tally {
  referrals = 0;
  firstVisits = 0;
  touchpoints = 0;
  minutes = 0;
  recent = 0;
  previous = 0;
  readonly referralIds: Id[] = [];
  readonly touchpointIds: Id[] = [];
  /** The last touchpoint that counts for follow-up, at or before now, and its time. */
  lastContact: Touchpoint | undefined;
  lastContactAt = 0;

  addReferral(id: Id, at: number, firstVisitAt: number | undefined, bounds: Bounds): void {
    if (at > bounds.now) return;
    if (at >= bounds.windowStart) {
      this.referrals += 1;
      this.referralIds.push(id);
      if (firstVisitAt !== undefined && firstVisitAt <= bounds.now) this.firstVisits += 1;
    }
    if (at >= bounds.recentStart) this.recent += 1;
    else if (at >= bounds.previousStart) this.previous += 1;
  }

  addTouchpoint(record: Touchpoint, at: number, counts: boolean, bounds: Bounds): void {
    if (at > bounds.now) return;
    if (counts) {
      this.lastContact = record;
      this.lastContactAt = at;
    }
    if (at >= bounds.windowStart) {
      this.touchpoints += 1;
      this.minutes += record.minutes;
      this.touchpointIds.push(record.id);
    }
  }
}

/** `count × 60 ÷ minutes`, or `null` without minutes. */
function perHour(count: number, minutes: number): number | null {
  return minutes === 0 ? null : (count * 60) / minutes;
}

/** The yield of a finished tally (rank filled in after sorting). */
function yieldOf(
  tally: Tally,
  history: OfficeHistory,
  policy: FollowUpPolicy,
  now: number,
  timeZone: string,
): Omit<SourceYield, 'rank'> {
  const last = tally.lastContact;
  const facts = followUpFacts(
    historyWith(history, {
      touchpointRecords: last === undefined ? [] : [last],
      touchpointTimes: last === undefined ? [] : [tally.lastContactAt],
    }),
    policy,
    now,
    timeZone,
  );
  return {
    referrals: tally.referrals,
    firstVisits: tally.firstVisits,
    touchpoints: tally.touchpoints,
    outreachMinutes: tally.minutes,
    referralsPerHour: perHour(tally.referrals, tally.minutes),
    firstVisitsPerHour: perHour(tally.firstVisits, tally.minutes),
    referralsPerTouchpoint: tally.touchpoints === 0 ? null : tally.referrals / tally.touchpoints,
    recentReferrals: tally.recent,
    previousReferrals: tally.previous,
    trend: tally.recent - tally.previous,
    declining: tally.recent < tally.previous,
    followUpStatus: facts.status,
    daysSinceContact: facts.daysSince,
    lapsed: facts.status === 'lapsed',
    referralIds: tally.referralIds,
    touchpointIds: tally.touchpointIds,
  };
}

/**
 * The ranking order: referrals per hour, highest first (compared exactly, by
 * cross-multiplying the whole numbers, so no rounding can reorder two sources),
 * sources without outreach minutes last; then referrals, most first; then id.
 */
function compareYield(
  a: Omit<SourceYield, 'rank'> & { readonly id: Id },
  b: Omit<SourceYield, 'rank'> & { readonly id: Id },
): number {
  const aTimed = a.outreachMinutes > 0;
  const bTimed = b.outreachMinutes > 0;
  if (aTimed !== bTimed) return aTimed ? -1 : 1;
  if (aTimed) {
    const difference = b.referrals * a.outreachMinutes - a.referrals * b.outreachMinutes;
    if (difference !== 0) return difference;
  }
  return b.referrals - a.referrals || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Sorts by {@link compareYield} and numbers the ranks from 1, dropping the sort key. */
function ranked<T extends Omit<SourceYield, 'rank'>>(rows: (T & { readonly id: Id })[]): (T & { rank: number })[] {
  rows.sort(compareYield);
  return rows.map(({ id: _id, ...row }, i) => ({ rank: i + 1, ...(row as unknown as T) }));
}

/**
 * Ranks an indexed practice's referral sources — {@link rankSources} over an
 * index already built with `indexSnapshot` (e.g. shared with `planIndex`).
 *
 * @param index - The indexed tenant.
 * @param playbook - The policies (`sources` and `plays['follow-up']` are read).
 * @param now - The moment to count up to; the clock is never read.
 * @param options - Optionally, which offices to rank.
 * @returns Offices and contacts, best first, and the periods counted.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * rankIndexedSources(indexSnapshot(snapshot), defaultPlaybook, '2026-03-02T18:00:00Z').offices[0]?.officeId;
 * //=> 'off-1'
 * ```
 * @category Engine
 */
export function rankIndexedSources(
  index: PracticeIndex,
  playbook: Playbook,
  now: Moment,
  options: RankSourcesOptions = {},
): SourceRanking {
  const moment = momentFor(index.context, toMillis(now));
  const { timeZone, today } = moment;
  const { windowDays, trendDays } = playbook.sources;
  const followUp = playbook.plays['follow-up'];

  const windowFrom = addDays(today, 1 - windowDays);
  const recentFrom = addDays(today, 1 - trendDays);
  const previousFrom = addDays(today, 1 - 2 * trendDays);
  const bounds: Bounds = {
    now: moment.now,
    windowStart: startOfDayInZone(windowFrom, timeZone),
    recentStart: startOfDayInZone(recentFrom, timeZone),
    previousStart: startOfDayInZone(previousFrom, timeZone),
  };

  const wanted = options.officeIds === undefined ? undefined : new Set(options.officeIds);
  const lifecycles = options.lifecycles === undefined ? undefined : new Set<string>(options.lifecycles);

  const offices: (Omit<OfficeSource, 'rank'> & { id: Id })[] = [];
  const contacts: (Omit<ContactSource, 'rank'> & { id: Id })[] = [];
  for (const history of index.offices.values()) {
    const office = history.office;
    if (wanted !== undefined && !wanted.has(office.id)) continue;
    if (lifecycles !== undefined && !lifecycles.has(office.lifecycle)) continue;

    const officeTally = new Tally();
    const people = new Map<Id, { contact: Contact; tally: Tally }>();
    for (const contact of history.contacts) people.set(contact.id, { contact, tally: new Tally() });

    const records = history.touchpointRecords;
    for (let i = 0; i < records.length; i += 1) {
      const record = records[i]!;
      const at = history.touchpointTimes[i]!;
      const counts = countsAsContact(record, followUp);
      officeTally.addTouchpoint(record, at, counts, bounds);
      for (const contactId of record.contactIds) people.get(contactId)?.tally.addTouchpoint(record, at, counts, bounds);
    }
    for (const entry of history.referrals) {
      const { id, contactIds } = entry.record;
      officeTally.addReferral(id, entry.at, entry.firstVisitAt, bounds);
      for (const contactId of contactIds) people.get(contactId)?.tally.addReferral(id, entry.at, entry.firstVisitAt, bounds);
    }

    offices.push({
      id: office.id,
      officeId: office.id,
      name: office.name,
      kind: office.kind,
      lifecycle: office.lifecycle,
      ...yieldOf(officeTally, history, followUp, moment.now, timeZone),
    });
    for (const { contact, tally } of people.values()) {
      contacts.push({
        id: contact.id,
        contactId: contact.id,
        officeId: office.id,
        name: contact.name,
        role: contact.role,
        active: contact.active,
        ...yieldOf(tally, history, followUp, moment.now, timeZone),
      });
    }
  }

  return {
    offices: ranked(offices),
    contacts: ranked(contacts),
    periods: {
      today,
      window: { from: windowFrom, to: today },
      recent: { from: recentFrom, to: today },
      previous: { from: previousFrom, to: addDays(recentFrom, -1) },
    },
  };
}

/**
 * Ranks a practice's referral sources — every office and every contact — by
 * **source yield**: referrals and first visits per outreach hour and per
 * touchpoint, so that effort goes where it pays (DESIGN §1).
 *
 * Counting (see {@link SourceYield} for every formula): a record is in the
 * window when it happened at or before `now` and on one of the last
 * `playbook.sources.windowDays` calendar days, today included, in the
 * practice's time zone. A referral credits its office and **every** contact
 * named on it; a touchpoint's minutes count for its office and for each contact
 * it names. The trend compares the last `sources.trendDays` days with the
 * `trendDays` before them; the follow-up status uses the `follow-up` policy.
 *
 * Order: `referralsPerHour` highest first, sources with no outreach minutes
 * (`null`) last; then `referrals`, most first; then id, ascending. `rank` is the
 * 1-based position. Offices of every lifecycle stage are ranked unless
 * `options` says otherwise; so are inactive contacts (see `active`).
 *
 * Pure: no clock, no I/O, inputs never mutated; the same records in any order
 * give the same ranking.
 *
 * @param snapshot - One tenant's records (validated with `parseSnapshot`).
 * @param playbook - The policies (`sources` and `plays['follow-up']` are read).
 * @param now - The moment to count up to.
 * @param options - Optionally, which offices to rank.
 * @returns Offices and contacts, best first, and the periods counted.
 * @throws {@link ValidationError} when `now` is not a valid moment.
 * @example
 * ```ts
 * const { offices } = rankSources(snapshot, defaultPlaybook, '2026-03-02T18:00:00Z');
 * offices[0];
 * //=> { rank: 1, officeId: 'off-1', referrals: 6, outreachMinutes: 180, referralsPerHour: 2, trend: 1, … }
 * ```
 * @category Engine
 */
export function rankSources(
  snapshot: PracticeSnapshot,
  playbook: Playbook,
  now: Moment,
  options: RankSourcesOptions = {},
): SourceRanking {
  return rankIndexedSources(indexSnapshot(snapshot), playbook, now, options);
}
