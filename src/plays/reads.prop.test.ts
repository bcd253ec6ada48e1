import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { momentFor, playContext } from '../engine/context';
import { historyWith, indexSnapshot, pairTimed, type OfficeHistory, type PracticeIndex } from '../model/history';
import type { Touchpoint } from '../model/touchpoint';
import { defaultPlaybook } from '../playbook/playbook';
import { generatePractice } from '../testing/generator';
import { defaultPlays } from './default-plays';
import type { HistoryPart, Play, PlayContext } from './play';

/**
 * The property behind {@link Play.reads}: a play's plan and score depend only on
 * the parts of a history it declares (and on the office, context and time zone).
 * Each run takes an office's history, replaces every part the play does not
 * declare by another office's list for that part, and asks for the same plan and
 * the same score. A play reading an undeclared part sees other records, and
 * almost always answers differently.
 */

const NOW = '2026-03-02T18:00:00Z';
const HOUR = 3_600_000;
const PARTS: readonly HistoryPart[] = ['contacts', 'touchpoints', 'referrals', 'thankYous'];

/** How many records a history holds in a part. */
function sizeOf(history: OfficeHistory, part: HistoryPart): number {
  switch (part) {
    case 'contacts':
      return history.contacts.length;
    case 'touchpoints':
      return history.touchpointRecords.length;
    case 'referrals':
      return history.referrals.length;
    case 'thankYous':
      return history.thankYous.length;
  }
}

const practices = new Map<string, PracticeIndex>();

/** A generated practice, indexed (kept: fast-check revisits seeds while shrinking). */
function practice(seed: number, offices: number): PracticeIndex {
  const key = `${seed}/${offices}`;
  let index = practices.get(key);
  if (index === undefined) {
    const snapshot = generatePractice({ seed, offices, now: NOW, touchpoints: 60 * offices, referrals: 8 * offices });
    index = indexSnapshot(snapshot);
    practices.set(key, index);
  }
  return index;
}

/**
 * Whose list replaces a part: the other office with the most records in it (most
 * runs, so that the replaced part is rarely empty), or any other office (which
 * can also be one with none).
 */
const donorChoice = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'richest' as const }) },
  { weight: 2, arbitrary: fc.nat({ max: 1000 }).map((n) => ({ kind: 'any' as const, n })) },
);
type DonorChoice = typeof donorChoice extends fc.Arbitrary<infer T> ? T : never;

function donorFor(others: readonly OfficeHistory[], part: HistoryPart, choice: DonorChoice): OfficeHistory {
  if (choice.kind === 'any') return others[choice.n % others.length]!;
  let best = others[0]!;
  for (const other of others) if (sizeOf(other, part) > sizeOf(best, part)) best = other;
  return best;
}

/** `history` with each part not in `kept` taken from its donor; office, context and time zone kept. */
function variantOf(
  history: OfficeHistory,
  kept: ReadonlySet<HistoryPart>,
  donors: Readonly<Record<HistoryPart, OfficeHistory>>,
): OfficeHistory {
  const from = (part: HistoryPart): OfficeHistory => (kept.has(part) ? history : donors[part]);
  const touchpointRecords = from('touchpoints').touchpointRecords;
  const touchpointTimes = from('touchpoints').touchpointTimes;
  return {
    office: history.office,
    context: history.context,
    timeZone: history.timeZone,
    contacts: from('contacts').contacts,
    touchpoints: pairTimed(touchpointRecords, touchpointTimes),
    touchpointRecords,
    touchpointTimes,
    referrals: from('referrals').referrals,
    thankYous: from('thankYous').thankYous,
  };
}

const run = fc.record({
  seed: fc.integer({ min: 1, max: 60 }),
  offices: fc.integer({ min: 3, max: 7 }),
  office: fc.nat({ max: 1000 }),
  donors: fc.record({ contacts: donorChoice, touchpoints: donorChoice, referrals: donorChoice, thankYous: donorChoice }),
  /** The moment of planning, in hours from NOW: a few days either side, so that due dates and windows move. */
  hours: fc.integer({ min: -24 * 6, max: 24 * 6 }),
});

/** The donors a run chose, one per part. */
type Donors = Readonly<Record<HistoryPart, OfficeHistory>>;

/**
 * Runs a property for a play: `variantOf` makes a variant of a random office's
 * history (from donor offices), `check` compares the play's answers for the
 * variant and the original. Returns how many runs gave a variant whose size
 * differs from the original in some part (`changed`), for the test's teeth.
 */
function assertUnchangedFor(
  play: Play,
  variantFrom: (history: OfficeHistory, donors: Donors) => OfficeHistory,
  changed: (variant: OfficeHistory, history: OfficeHistory) => boolean,
  check: (variant: OfficeHistory, history: OfficeHistory, ctx: PlayContext<never>) => void,
): number {
  let count = 0;
  fc.assert(
    fc.property(run, ({ seed, offices, office, donors, hours }) => {
      const index = practice(seed, offices);
      const histories = [...index.offices.values()];
      const history = histories[office % histories.length]!;
      const others = histories.filter((other) => other !== history);
      const variant = variantFrom(history, {
        contacts: donorFor(others, 'contacts', donors.contacts),
        touchpoints: donorFor(others, 'touchpoints', donors.touchpoints),
        referrals: donorFor(others, 'referrals', donors.referrals),
        thankYous: donorFor(others, 'thankYous', donors.thankYous),
      });
      if (changed(variant, history)) count += 1;
      check(variant, history, playContext(play, defaultPlaybook, momentFor(index.context, Date.parse(NOW) + hours * HOUR)));
    }),
    { numRuns: 300 },
  );
  return count;
}

/** {@link assertUnchangedFor} with every part outside `kept` taken from its donor. */
function assertUnchangedBySwaps(
  play: Play,
  kept: ReadonlySet<HistoryPart>,
  check: (variant: OfficeHistory, history: OfficeHistory, ctx: PlayContext<never>) => void,
): number {
  const undeclared = PARTS.filter((part) => !kept.has(part));
  return assertUnchangedFor(
    play,
    (history, donors) => variantOf(history, kept, donors),
    (variant, history) => undeclared.some((part) => sizeOf(variant, part) !== sizeOf(history, part)),
    check,
  );
}

describe.each(defaultPlays.map((play) => [play.id, play] as const))('%s reads only what it declares', (_id, play) => {
  it('plans and scores the same with every undeclared part taken from another office', () => {
    const kept = new Set<HistoryPart>(play.reads ?? PARTS);
    const swapped = assertUnchangedBySwaps(play, kept, (variant, history, ctx) => {
      expect(play.plan(variant, ctx)).toStrictEqual(play.plan(history, ctx));
      expect(play.score(variant, ctx)).toStrictEqual(play.score(history, ctx));
    });
    // Teeth: most runs really replaced something (a different number of records in some part).
    if (kept.size < PARTS.length) expect(swapped).toBeGreaterThan(150);
  });
});

const scoringApart = defaultPlays.filter((play) => play.scoreReads !== undefined);

describe.each(scoringApart.map((play) => [play.id, play] as const))('%s scores from its scoreReads alone', (_id, play) => {
  it('scores the same with every part outside its scoreReads taken from another office', () => {
    const swapped = assertUnchangedBySwaps(play, new Set<HistoryPart>(play.scoreReads), (variant, history, ctx) => {
      expect(play.score(variant, ctx)).toStrictEqual(play.score(history, ctx));
    });
    expect(swapped).toBeGreaterThan(150);
  });
});

/**
 * `history` with every touchpoint the play does not read replaced by the donor's
 * touchpoints it does not read, merged in time order (ties by id); the ones it
 * reads kept.
 */
function withUnreadTouchpointsFrom(history: OfficeHistory, donor: OfficeHistory, reads: (touchpoint: Touchpoint) => boolean): OfficeHistory {
  const entries: { record: Touchpoint; at: number }[] = [];
  history.touchpointRecords.forEach((record, i) => {
    if (reads(record)) entries.push({ record, at: history.touchpointTimes[i]! });
  });
  donor.touchpointRecords.forEach((record, i) => {
    if (!reads(record)) entries.push({ record, at: donor.touchpointTimes[i]! });
  });
  entries.sort((a, b) => a.at - b.at || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  return historyWith(history, {
    touchpointRecords: entries.map((entry) => entry.record),
    touchpointTimes: entries.map((entry) => entry.at),
  });
}

const choosingTouchpoints = defaultPlays.filter((play) => play.readsTouchpoint !== undefined);

describe.each(choosingTouchpoints.map((play) => [play.id, play] as const))('%s reads only the touchpoints it declares', (_id, play) => {
  it('plans and scores the same with every touchpoint it does not read taken from another office', () => {
    const reads = play.readsTouchpoint as (touchpoint: Touchpoint) => boolean;
    const changed = assertUnchangedFor(
      play,
      (history, donors) => withUnreadTouchpointsFrom(history, donors.touchpoints, reads),
      (variant, history) => variant.touchpointRecords.length !== history.touchpointRecords.length,
      (variant, history, ctx) => {
        expect(play.plan(variant, ctx)).toStrictEqual(play.plan(history, ctx));
        expect(play.score(variant, ctx)).toStrictEqual(play.score(history, ctx));
      },
    );
    // Teeth: most runs really changed the touchpoints the play does not read.
    expect(changed).toBeGreaterThan(150);
  });

  it('reads some touchpoints and not others in the generated practices', () => {
    const reads = play.readsTouchpoint as (touchpoint: Touchpoint) => boolean;
    const all = [...practice(1, 5).offices.values()].flatMap((history) => history.touchpointRecords);
    expect(all.some(reads)).toBe(true);
    expect(all.some((touchpoint) => !reads(touchpoint))).toBe(true);
  });
});
