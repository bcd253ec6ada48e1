import { describe, expect, it, vi } from 'vitest';
import { daysBefore, scenario } from '../../test/scenario';
import { momentFor, playContext } from '../engine/context';
import { historyWith, type OfficeHistory } from '../model/history';
import { defaultPlaybook } from '../playbook/playbook';
import { followUpPlay } from './follow-up/play';
import type { HistoryPart, Play, PlayContext, PlayScore } from './play';
import { answerFor, noteTouchpointChange, readsSame, type LastAnswers } from './reads';

const NOW = '2026-03-02T18:00:00Z';

/** Two offices with a record of every kind each. */
const index = scenario()
  .office('o1')
  .office('o2')
  .contact('c1', 'o1', 'physician')
  .contact('c2', 'o1', 'receptionist')
  .contact('c3', 'o2', 'physician')
  .touch('t1', 'o1', daysBefore(NOW, 40), { contactIds: ['c1'] })
  .touch('t2', 'o1', daysBefore(NOW, 10), { contactIds: ['c2'] })
  .touch('t3', 'o2', daysBefore(NOW, 20), { contactIds: ['c3'] })
  .referral('r1', 'o1', daysBefore(NOW, 30), { contactIds: ['c1'] })
  .referral('r2', 'o2', daysBefore(NOW, 15), { contactIds: ['c3'] })
  .thankYou('ty1', 'o1', daysBefore(NOW, 28), { contactIds: ['c1'], referralIds: ['r1'] })
  .thankYou('ty2', 'o2', daysBefore(NOW, 12), { contactIds: ['c3'], referralIds: ['r2'] })
  .index();
const o1 = index.offices.get('o1')!;
const o2 = index.offices.get('o2')!;

/** A play that reads `reads` (or, when omitted, declares nothing). */
function stub(reads?: readonly HistoryPart[]): Play {
  const play: Play = {
    id: 'stub',
    title: 'Stub',
    policy: followUpPlay.policy as unknown as Play['policy'],
    plan: () => [],
    score: () => ({ score: null, reasons: [], facts: {}, evidence: [] }),
  };
  return reads === undefined ? play : { ...play, reads };
}

/** A copy of a history, every field named (an object literal), with some replaced. */
function copyOf(history: OfficeHistory, patch: Partial<OfficeHistory> = {}): OfficeHistory {
  return {
    office: history.office,
    context: history.context,
    timeZone: history.timeZone,
    contacts: history.contacts,
    touchpoints: history.touchpoints,
    touchpointRecords: history.touchpointRecords,
    touchpointTimes: history.touchpointTimes,
    referrals: history.referrals,
    thankYous: history.thankYous,
    ...patch,
  };
}

/** `history` with one part replaced by an equal copy of its list (a new object). */
function withPartReplaced(history: OfficeHistory, part: HistoryPart): OfficeHistory {
  switch (part) {
    case 'contacts':
      return copyOf(history, { contacts: [...history.contacts] });
    case 'touchpoints':
      return historyWith(history, {
        touchpointRecords: [...history.touchpointRecords],
        touchpointTimes: [...history.touchpointTimes],
      });
    case 'referrals':
      return historyWith(history, { referrals: [...history.referrals] });
    case 'thankYous':
      return historyWith(history, { thankYous: [...history.thankYous] });
  }
}

const PARTS: readonly HistoryPart[] = ['contacts', 'touchpoints', 'referrals', 'thankYous'];

describe('readsSame', () => {
  it('holds for the same history, whatever the play declares', () => {
    for (const reads of [[], ['touchpoints'], PARTS] as const) expect(readsSame(stub(reads), o1, o1)).toBe(true);
    // An equal copy sharing every list is the same too.
    expect(readsSame(stub(PARTS), o1, copyOf(o1))).toBe(true);
  });

  it('the scenario has records in every part, so a replaced list is a real list', () => {
    for (const history of [o1, o2]) {
      expect(history.contacts.length).toBeGreaterThan(0);
      expect(history.touchpointRecords.length).toBeGreaterThan(0);
      expect(history.referrals.length).toBeGreaterThan(0);
      expect(history.thankYous.length).toBeGreaterThan(0);
    }
  });

  describe.each(PARTS)('with %s replaced', (part) => {
    const after = withPartReplaced(o1, part);

    it('is false for a play that declares it', () => {
      expect(readsSame(stub([part]), o1, after)).toBe(false);
      expect(readsSame(stub(PARTS), o1, after)).toBe(false);
      // Order of the list does not matter.
      expect(readsSame(stub([...PARTS].reverse()), o1, after)).toBe(false);
    });

    it('is true for a play that does not', () => {
      expect(readsSame(stub(PARTS.filter((other) => other !== part)), o1, after)).toBe(true);
    });

    it('compares both ways', () => {
      expect(readsSame(stub([part]), after, o1)).toBe(false);
      expect(readsSame(stub(PARTS.filter((other) => other !== part)), after, o1)).toBe(true);
    });
  });

  it('counts touchpointRecords or touchpointTimes replaced alone as touchpoints changed', () => {
    const records = copyOf(o1, { touchpointRecords: [...o1.touchpointRecords] });
    const times = copyOf(o1, { touchpointTimes: [...o1.touchpointTimes] });
    for (const after of [records, times]) {
      expect(readsSame(stub(['touchpoints']), o1, after)).toBe(false);
      expect(readsSame(stub(['contacts', 'referrals', 'thankYous']), o1, after)).toBe(true);
    }
  });

  it('ignores a rebuilt touchpoints view over the same lists', () => {
    const rebuilt = historyWith(o1, {});
    expect(rebuilt.touchpoints).not.toBe(o1.touchpoints);
    expect(readsSame(stub(['touchpoints']), o1, rebuilt)).toBe(true);
    const view = copyOf(o1, { touchpoints: [...o1.touchpoints] });
    expect(readsSame(stub(PARTS), o1, view)).toBe(true);
  });

  it('is false for a different office record, practice context or time zone, whatever the play declares', () => {
    const changed = [
      copyOf(o1, { office: { ...o1.office } }),
      copyOf(o1, { context: { ...o1.context } }),
      copyOf(o1, { timeZone: 'America/Denver' }),
      // Another office's history altogether.
      o2,
    ];
    for (const after of changed) {
      for (const reads of [[], ['touchpoints'], PARTS] as const) {
        expect(readsSame(stub(reads), o1, after)).toBe(false);
        expect(readsSame(stub(reads), after, o1)).toBe(false);
      }
    }
  });

  it('is false for a play without reads, even for the same history', () => {
    expect(readsSame(stub(), o1, o1)).toBe(false);
    expect(readsSame(stub(), o1, copyOf(o1))).toBe(false);
  });

  it('is false for a reads list with a name that is not a part, even for the same history', () => {
    for (const name of ['notes', 'touchpointRecords', 'office', 'toString', '__proto__', 'constructor']) {
      const reads = ['touchpoints', name] as unknown as HistoryPart[];
      expect(readsSame(stub(reads), o1, o1)).toBe(false);
      expect(readsSame(stub([name] as unknown as HistoryPart[]), o1, copyOf(o1))).toBe(false);
    }
  });

  it('is true for an empty reads list when only parts changed', () => {
    let after = o1;
    for (const part of PARTS) after = withPartReplaced(after, part);
    expect(readsSame(stub([]), o1, after)).toBe(true);
    // Every part of the other office, but this office's own record, context and zone.
    const swapped = copyOf(o1, {
      contacts: o2.contacts,
      touchpoints: o2.touchpoints,
      touchpointRecords: o2.touchpointRecords,
      touchpointTimes: o2.touchpointTimes,
      referrals: o2.referrals,
      thankYous: o2.thankYous,
    });
    expect(readsSame(stub([]), o1, swapped)).toBe(true);
    expect(readsSame(stub(['contacts']), o1, swapped)).toBe(false);
  });
});

describe('answerFor', () => {
  const referralsOnly = stub(['referrals']);
  const context: PlayContext<never> = playContext(referralsOnly, defaultPlaybook, momentFor(index.context, Date.parse(NOW)));

  /** An ask that counts its calls and gives a fresh answer each time. */
  function counter() {
    let calls = 0;
    const ask = vi.fn((_play: Play, history: OfficeHistory): PlayScore => {
      calls += 1;
      return { score: calls, reasons: [history.office.id], facts: {}, evidence: [] };
    });
    return ask;
  }

  it('with no answers, just asks each time', () => {
    const ask = counter();
    const first = answerFor(undefined, referralsOnly, o1, context, ask);
    const second = answerFor(undefined, referralsOnly, o1, context, ask);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(ask).toHaveBeenNthCalledWith(1, referralsOnly, o1, context);
    expect(first.score).toBe(1);
    expect(second.score).toBe(2);
  });

  it('answers a repeated history from memory without asking', () => {
    const answers: LastAnswers<PlayScore> = new Map();
    const ask = counter();
    const first = answerFor(answers, referralsOnly, o1, context, ask);
    expect(answers.get('o1')).toEqual({ history: o1, answer: first });
    const again = answerFor(answers, referralsOnly, o1, context, ask);
    expect(again).toBe(first);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(answers.get('o1')!.history).toBe(o1);
  });

  it('answers from memory even for a play without reads, when the history is the same object', () => {
    const answers: LastAnswers<PlayScore> = new Map();
    const ask = counter();
    const first = answerFor(answers, stub(), o1, context, ask);
    expect(answerFor(answers, stub(), o1, context, ask)).toBe(first);
    expect(ask).toHaveBeenCalledTimes(1);
    // But any other history, even an equal copy, is asked about again.
    expect(answerFor(answers, stub(), copyOf(o1), context, ask)).not.toBe(first);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it.each(['contacts', 'touchpoints', 'thankYous'] as const)(
    'reuses the answer after an undeclared change (%s) and remembers the newer history',
    (part) => {
      const answers: LastAnswers<PlayScore> = new Map();
      const ask = counter();
      const first = answerFor(answers, referralsOnly, o1, context, ask);
      const after = withPartReplaced(o1, part);
      const reused = answerFor(answers, referralsOnly, after, context, ask);
      expect(reused).toBe(first);
      expect(ask).toHaveBeenCalledTimes(1);
      const entry = answers.get('o1')!;
      expect(entry.history).toBe(after);
      expect(entry.answer).toBe(first);
      // The newer history is now the one compared against: a declared change from it asks again.
      const later = withPartReplaced(after, 'referrals');
      const fresh = answerFor(answers, referralsOnly, later, context, ask);
      expect(fresh).not.toBe(first);
      expect(ask).toHaveBeenCalledTimes(2);
      expect(ask).toHaveBeenLastCalledWith(referralsOnly, later, context);
      expect(answers.get('o1')).toEqual({ history: later, answer: fresh });
    },
  );

  it('asks again after a change to a declared part, and remembers the new answer', () => {
    const answers: LastAnswers<PlayScore> = new Map();
    const ask = counter();
    const first = answerFor(answers, referralsOnly, o1, context, ask);
    const after = withPartReplaced(o1, 'referrals');
    const second = answerFor(answers, referralsOnly, after, context, ask);
    expect(second).not.toBe(first);
    expect(second.score).toBe(2);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(answers.get('o1')!.history).toBe(after);
    expect(answers.get('o1')!.answer).toBe(second);
    // Going back to the older history asks again too: only the last answer is kept.
    expect(answerFor(answers, referralsOnly, o1, context, ask).score).toBe(3);
  });

  it('asks again after a change to the office record, context or time zone', () => {
    for (const after of [
      copyOf(o1, { office: { ...o1.office } }),
      copyOf(o1, { context: { ...o1.context } }),
      copyOf(o1, { timeZone: 'America/Denver' }),
    ]) {
      const answers: LastAnswers<PlayScore> = new Map();
      const ask = counter();
      const first = answerFor(answers, stub([]), o1, context, ask);
      expect(answerFor(answers, stub([]), after, context, ask)).not.toBe(first);
      expect(ask).toHaveBeenCalledTimes(2);
    }
  });

  it('keeps offices apart', () => {
    const answers: LastAnswers<PlayScore> = new Map();
    const ask = counter();
    const one = answerFor(answers, stub([]), o1, context, ask);
    const two = answerFor(answers, stub([]), o2, context, ask);
    expect(two).not.toBe(one);
    expect(two.reasons).toEqual(['o2']);
    expect(ask).toHaveBeenCalledTimes(2);
    expect([...answers.keys()].sort()).toEqual(['o1', 'o2']);
    expect(answers.get('o1')).toEqual({ history: o1, answer: one });
    expect(answers.get('o2')).toEqual({ history: o2, answer: two });
    // Each is answered from its own memory.
    expect(answerFor(answers, stub([]), o1, context, ask)).toBe(one);
    expect(answerFor(answers, stub([]), o2, context, ask)).toBe(two);
    expect(answerFor(answers, stub([]), withPartReplaced(o2, 'referrals'), context, ask)).toBe(two);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(answers.get('o1')!.history).toBe(o1);
  });
});

describe('noteTouchpointChange and Play.readsTouchpoint', () => {
  const touching = (reads: Play['readsTouchpoint']): Play => ({ ...stub(['touchpoints']), readsTouchpoint: reads });
  const inPerson: Play['readsTouchpoint'] = (touchpoint) => touchpoint.channel === 'in-person';
  /** `o1` with a phone touchpoint (the desk's append) put at the end, the change noted. */
  function appended(channel: 'phone' | 'in-person', note = true): OfficeHistory {
    const touchpoint = { ...o1.touchpointRecords[0]!, id: `t-${channel}`, channel };
    const touchpointRecords = [...o1.touchpointRecords, touchpoint];
    const touchpointTimes = [...o1.touchpointTimes, Date.parse(NOW)];
    if (note) noteTouchpointChange(touchpointRecords, o1.touchpointRecords, o1.touchpointTimes, [touchpoint]);
    return historyWith(o1, { touchpointRecords, touchpointTimes });
  }

  it('keeps the answer of a play that does not read the touchpoints put in', () => {
    expect(readsSame(touching(inPerson), o1, appended('phone'))).toBe(true);
  });

  it('asks again when a touchpoint put in is one the play reads', () => {
    expect(readsSame(touching(inPerson), o1, appended('in-person'))).toBe(false);
  });

  it('asks again without a note, or for a play that reads every touchpoint', () => {
    expect(readsSame(touching(inPerson), o1, appended('phone', false))).toBe(false);
    expect(readsSame(stub(['touchpoints']), o1, appended('phone'))).toBe(false);
  });

  it('keeps the answer only against the lists the change was made from', () => {
    const first = appended('phone');
    // A second change from `first`: the note is from `first`, not from `o1`.
    const touchpoint = { ...o1.touchpointRecords[0]!, id: 't-second', channel: 'phone' as const };
    const touchpointRecords = [...first.touchpointRecords, touchpoint];
    const touchpointTimes = [...first.touchpointTimes, Date.parse(NOW) + 1];
    noteTouchpointChange(touchpointRecords, first.touchpointRecords, first.touchpointTimes, [touchpoint]);
    const second = historyWith(first, { touchpointRecords, touchpointTimes });
    expect(readsSame(touching(inPerson), first, second)).toBe(true);
    expect(readsSame(touching(inPerson), o1, second)).toBe(false);
  });

  it('counts a replaced touchpoint: asks again when the older version is one the play reads', () => {
    const older = o1.touchpointRecords.find((touchpoint) => touchpoint.channel === 'in-person') ?? { ...o1.touchpointRecords[0]!, channel: 'in-person' as const };
    const newer = { ...older, channel: 'phone' as const };
    const touchpointRecords = o1.touchpointRecords.map((touchpoint) => (touchpoint.id === older.id ? newer : touchpoint));
    noteTouchpointChange(touchpointRecords, o1.touchpointRecords, o1.touchpointTimes, [newer, older]);
    expect(readsSame(touching(inPerson), o1, historyWith(o1, { touchpointRecords, touchpointTimes: [...o1.touchpointTimes] }))).toBe(false);
  });
});
