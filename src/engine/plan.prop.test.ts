import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOW, practiceArbitrary } from '../../test/arbitraries';
import { addDays, compareCalendarDates, toCalendarDate } from '../calendar/dates';
import { indexSnapshot } from '../model/history';
import { officeLifecycles } from '../model/vocabulary';
import { unwrap } from '../model/result';
import { parseSnapshot, type PracticeSnapshot } from '../model/snapshot';
import { deepFreeze } from '../playbook/deep-freeze';
import { defaultPlaybook } from '../playbook/playbook';
import { defaultPlays } from '../plays/default-plays';
import { followUpStatuses } from '../plays/follow-up/status';
import { momentFor, playContext } from './context';
import { followUpStatus } from './follow-up-status';
import { planActions, planIndex } from './plan';
import { scoreRelationship } from './score';

const snapshots = practiceArbitrary.map((input) => unwrap(parseSnapshot(input)));
const nows = fc.integer({ min: 0, max: 400 }).map((days) => new Date(Date.parse(NOW) + days * 86_400_000 - 200 * 86_400_000).toISOString());
const RUNS = { numRuns: 150 };

function reversed(snapshot: PracticeSnapshot): PracticeSnapshot {
  return {
    ...snapshot,
    offices: [...snapshot.offices].reverse(),
    contacts: [...snapshot.contacts].reverse(),
    touchpoints: [...snapshot.touchpoints].reverse(),
    referrals: [...snapshot.referrals].reverse(),
    thankYous: [...snapshot.thankYous].reverse(),
    clinicians: [...snapshot.clinicians].reverse(),
    messages: [...snapshot.messages].reverse(),
  };
}

/** Action kinds the built-in plays propose, to put cost estimates on. */
const actionKinds = ['ask', 'befriend-staff', 'coach', 'educate', 'expedite-intake', 'follow-up', 'offer-resource', 'restock', 'send-thank-you', 'visit'];

/** A default playbook planning for some lifecycles, with cost estimates on some kinds, a cap, and few offices to ask. */
const playbooks = fc
  .record({
    lifecycles: fc.uniqueArray(fc.constantFrom(...officeLifecycles)),
    estimates: fc.dictionary(fc.constantFrom(...actionKinds), fc.integer({ min: 0, max: 30_000 })),
    cap: fc.integer({ min: 0, max: 60_000 }),
    asks: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ lifecycles, estimates, cap, asks }) => ({
    ...defaultPlaybook,
    // Fewer offices to ask than the snapshot has: the ask play's choice among them shows.
    plays: { ...defaultPlaybook.plays, ask: { ...defaultPlaybook.plays.ask, maxOfficesPerAsk: asks, openingsThreshold: 1 } },
    planning: { ...defaultPlaybook.planning, lifecycles },
    compliance: { ...defaultPlaybook.compliance, annualCapPerPhysician: cap, actionCostEstimates: estimates },
  }));

describe('planActions (properties)', () => {
  it('equals planIndex over the whole index, for any lifecycles planned for, cost estimates and plays', () => {
    // planActions builds each office's history just before planning it and lets it
    // go; planIndex reads the index built up front. Lifecycles not planned for leave
    // offices whose spending still counts in the compliance ledger.
    fc.assert(
      fc.property(snapshots, nows, playbooks, fc.subarray([...defaultPlays]), (snapshot, now, playbook, plays) => {
        const expected = planIndex({ index: indexSnapshot(snapshot), playbook, now, plays });
        expect(planActions({ snapshot, playbook, now, plays })).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('is pure: deeply frozen inputs are accepted, unchanged, and give the same plan', () => {
    fc.assert(
      fc.property(snapshots, nows, (snapshot, now) => {
        const copy = structuredClone(snapshot);
        const expected = planActions({ snapshot: copy, playbook: defaultPlaybook, now });
        const frozen = deepFreeze(structuredClone(snapshot));
        expect(planActions({ snapshot: frozen, playbook: defaultPlaybook, now })).toEqual(expected);
        expect(frozen).toEqual(snapshot);
      }),
      RUNS,
    );
  });

  it('is deterministic and independent of record order', () => {
    fc.assert(
      fc.property(snapshots, nows, (snapshot, now) => {
        const a = planActions({ snapshot, playbook: defaultPlaybook, now });
        expect(planActions({ snapshot, playbook: defaultPlaybook, now })).toEqual(a);
        expect(planActions({ snapshot: reversed(snapshot), playbook: defaultPlaybook, now })).toEqual(a);
      }),
      RUNS,
    );
  });

  it('gives every action a distinct id', () => {
    fc.assert(
      fc.property(snapshots, nows, (snapshot, now) => {
        const ids = planActions({ snapshot, playbook: defaultPlaybook, now }).map((a) => a.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      RUNS,
    );
  });

  it('never proposes outreach inside the nuisance floor', () => {
    fc.assert(
      fc.property(snapshots, nows, (snapshot, now) => {
        const index = indexSnapshot(snapshot);
        for (const action of planActions({ snapshot, playbook: defaultPlaybook, now })) {
          if (!action.outreach) continue;
          const facts = followUpStatus(index.offices.get(action.officeId)!, defaultPlaybook, now);
          expect(facts.status).not.toBe('too-soon');
          if (facts.daysSince !== null) expect(facts.daysSince).toBeGreaterThanOrEqual(defaultPlaybook.plays['follow-up'].nuisanceFloorDays);
        }
      }),
      RUNS,
    );
  });

  it('keeps every priority within 0–100 and every due date within the horizon', () => {
    fc.assert(
      fc.property(snapshots, nows, (snapshot, now) => {
        const last = addDays(toCalendarDate(now, snapshot.practice.timeZone), defaultPlaybook.planning.horizonDays);
        for (const action of planActions({ snapshot, playbook: defaultPlaybook, now })) {
          expect(action.priority).toBeGreaterThanOrEqual(0);
          expect(action.priority).toBeLessThanOrEqual(100);
          expect(compareCalendarDates(action.due, last)).toBeLessThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });
});

describe('followUpStatus (properties)', () => {
  const worse = (status: string) => followUpStatuses.indexOf(status as never);
  // Order from best to worst: too-soon … lapsed, then never-contacted.
  const severity = (status: string) => (status === 'never-contacted' ? 99 : worse(status));

  it('an in-person touchpoint never worsens an office’s follow-up status', () => {
    fc.assert(
      fc.property(snapshots, nows, fc.integer({ min: 0, max: 500 * 24 * 60 }), (snapshot, now, ageMinutes) => {
        const office = snapshot.offices[0]!;
        const before = followUpStatus(indexSnapshot(snapshot).offices.get(office.id)!, defaultPlaybook, now);
        const at = new Date(Date.parse(now) - ageMinutes * 60_000).toISOString();
        const visited: PracticeSnapshot = {
          ...snapshot,
          touchpoints: [
            ...snapshot.touchpoints,
            { id: 'extra-visit', tenantId: 't1', officeId: office.id, contactIds: [], at, channel: 'in-person', purposes: ['follow-up'], minutes: 30 },
          ],
        };
        const after = followUpStatus(indexSnapshot(visited).offices.get(office.id)!, defaultPlaybook, now);
        expect(severity(after.status)).toBeLessThanOrEqual(severity(before.status));
      }),
      RUNS,
    );
  });
});

describe('scoreRelationship (properties)', () => {
  it('keeps the score and every component within 0–100', () => {
    fc.assert(
      fc.property(snapshots, nows, (snapshot, now) => {
        for (const history of indexSnapshot(snapshot).offices.values()) {
          const result = scoreRelationship(history, defaultPlaybook, now);
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(100);
          for (const component of result.components) {
            if (component.score === null) continue;
            expect(component.score).toBeGreaterThanOrEqual(0);
            expect(component.score).toBeLessThanOrEqual(100);
          }
        }
      }),
      RUNS,
    );
  });

  it('outreach-only plays propose only outreach, for every office and moment', () => {
    fc.assert(
      fc.property(snapshots, nows, (snapshot, now) => {
        const index = indexSnapshot(snapshot);
        const moment = momentFor(index.context, Date.parse(now));
        for (const play of defaultPlays.filter((candidate) => candidate.outreachOnly === true)) {
          const context = playContext(play, defaultPlaybook, moment);
          for (const history of index.offices.values()) {
            for (const draft of play.plan(history, context as never)) expect(draft.outreach, `${play.id} ${draft.kind}`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('plans the same with and without outreach-only plays skipped inside the nuisance floor', () => {
    const asked = defaultPlays.map((play) => ({ ...play, outreachOnly: false }));
    fc.assert(
      fc.property(snapshots, nows, (snapshot, now) => {
        expect(planActions({ snapshot, playbook: defaultPlaybook, now })).toEqual(
          planActions({ snapshot, playbook: defaultPlaybook, now, plays: asked }),
        );
      }),
      RUNS,
    );
  });
});
