/**
 * Properties of the desk's caches: after any sequence of the desk's own writes,
 * interleaved with reads, every plan and office view it gives equals a fresh
 * computation from the store's snapshot. The desk re-plans only what changed
 * (histories patched in place, eligibility patched by identity, a play's last
 * drafts and score reused when the parts it reads did not change, `select`
 * redone over the changed offices only); any staleness shows up here as a
 * difference from the fresh answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../adapters/memory/index';
import { addDays, toCalendarDate } from '../calendar/dates';
import { followUpStatus } from '../engine/follow-up-status';
import { planActions } from '../engine/plan';
import { scoreRelationship } from '../engine/score';
import { indexSnapshot } from '../model/history';
import { intakeTransitions } from '../model/intake-transitions';
import { intakeStatus, type IntakeStep, type Referral } from '../model/referral';
import { unwrap } from '../model/result';
import type { PracticeSnapshot } from '../model/snapshot';
import {
  channels,
  contactRoles,
  officeLifecycles,
  purposes,
  referralSources,
  resourceKinds,
  thankYouMedia,
  type OfficeLifecycle,
} from '../model/vocabulary';
import { parsePlaybook } from '../playbook/parse';
import { defaultPlaybook, type Playbook } from '../playbook/playbook';
import { generatePractice } from '../testing/generator';
import { createDesk, type Desk } from './desk';
import { snapshotOperations } from './snapshot-operations';
import type { ReferwellStore } from './store';

const NOW = '2026-03-02T18:00:00Z';
/** A second moment, a day later: the plan and score caches are keyed on the moment. */
const LATER = '2026-03-03T18:00:00Z';
const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const RUNS = { numRuns: 50 };
const TIMEOUT = 60_000;

/**
 * A playbook under which `select` really chooses among offices: `ask` keeps only
 * the best office, offices not asked for 30 days get asks, the nuisance floor is a
 * week (so that fewer asks are dropped as outreach), and prospects are planned
 * for too (a lifecycle change between prospect and active keeps eligibility).
 */
const choosyPlaybook: Playbook = unwrap(
  parsePlaybook({
    version: 2,
    extends: 'referwell:default',
    planning: { lifecycles: ['active', 'prospect'] },
    plays: { ask: { maxOfficesPerAsk: 1, cooldownDays: 30 }, 'follow-up': { nuisanceFloorDays: 7 } },
  }),
);

// ---------------------------------------------------------------------------
// Steps: plain descriptors, resolved against the store's records when run (a
// number picks among what exists then, modulo its count), so that they shrink well.

/** Minutes before NOW: mostly the last three weeks, sometimes up to 400 days. */
const minutesBefore = fc.oneof(fc.integer({ min: 0, max: 21 * 1_440 }), fc.integer({ min: 0, max: 400 * 1_440 }));
/** A few picks among a list (resolved modulo its length, duplicates dropped). */
const picks = fc.array(fc.nat({ max: 50 }), { maxLength: 3 });

const touchpointStep = fc.record({
  type: fc.constant('touchpoint' as const),
  office: fc.nat({ max: 63 }),
  minutesBefore,
  channel: fc.constantFrom(...channels),
  purposes: fc.subarray([...purposes], { minLength: 1, maxLength: 3 }),
  contacts: picks,
  cards: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
  resources: fc.option(fc.subarray([...resourceKinds], { minLength: 1 }), { nil: undefined }),
  /** Reuse the id of one of the office's touchpoints (an idempotent append: the stored one stays). */
  reuse: fc.option(fc.nat({ max: 63 }), { nil: undefined, freq: 4 }),
});

const referralStep = fc.record({
  type: fc.constant('referral' as const),
  office: fc.nat({ max: 63 }),
  minutesBefore: fc.integer({ min: 0, max: 60 * 1_440 }),
  via: fc.constantFrom(...referralSources),
  contacts: picks,
  reuse: fc.option(fc.nat({ max: 63 }), { nil: undefined, freq: 6 }),
});

const thankYouStep = fc.record({
  type: fc.constant('thank-you' as const),
  office: fc.nat({ max: 63 }),
  minutesBefore: fc.integer({ min: 0, max: 30 * 1_440 }),
  medium: fc.constantFrom(...thankYouMedia),
  referrals: picks,
  contacts: picks,
  askedForMore: fc.boolean(),
});

/** Moves an open referral (of the office picked, or of the whole tenant) one legal step. */
const transitionStep = fc.record({
  type: fc.constant('transition' as const),
  office: fc.option(fc.nat({ max: 63 }), { nil: undefined }),
  referral: fc.nat({ max: 63 }),
  next: fc.nat({ max: 63 }),
  /** Where between the referral's last step and NOW the step falls. */
  fraction: fc.double({ min: 0, max: 1, noNaN: true }),
});

const markStep = fc.record({
  type: fc.constant('mark' as const),
  office: fc.option(fc.nat({ max: 63 }), { nil: undefined }),
  referral: fc.nat({ max: 63 }),
  milestone: fc.constantFrom('patient-contacted' as const, 'report-sent' as const),
  fraction: fc.double({ min: 0, max: 1, noNaN: true }),
});

const officeStep = fc.record({
  type: fc.constant('office' as const),
  office: fc.nat({ max: 63 }),
  /**
   * `toggle` moves the office in or out of the planned lifecycles (a planned one
   * to the `other`-th unplanned lifecycle, an unplanned one to `active`): this
   * changes which offices are eligible. A lifecycle sets it as given (often no
   * change in eligibility); `rename` changes only the office's name.
   */
  change: fc.oneof(
    { arbitrary: fc.constant('toggle' as const), weight: 3 },
    { arbitrary: fc.constant('rename' as const), weight: 1 },
    { arbitrary: fc.constantFrom(...officeLifecycles), weight: 1 },
  ),
  other: fc.nat({ max: 63 }),
});

const contactStep = fc.record({
  type: fc.constant('contact' as const),
  office: fc.nat({ max: 63 }),
  /** An existing contact (of any office) to change or move here, or a new one. */
  existing: fc.option(fc.nat({ max: 63 }), { nil: undefined }),
  role: fc.constantFrom(...contactRoles),
  active: fc.boolean(),
});

const decideStep = fc.record({
  type: fc.constant('decide' as const),
  pick: fc.nat({ max: 63 }),
  outcome: fc.constantFrom('done' as const, 'dismissed' as const, 'snoozed' as const),
  /** For a snooze: until this many days after NOW's date (1: hidden at NOW, shown a day later). */
  untilDays: fc.integer({ min: 1, max: 2 }),
});

/** Practice-wide changes (the index and every cache key change): the extra clinician's openings, a new message. */
const clinicianStep = fc.record({ type: fc.constant('clinician' as const), openSlots: fc.integer({ min: 0, max: 8 }) });
const messageStep = fc.record({ type: fc.constant('message' as const), daysBefore: fc.integer({ min: 0, max: 120 }) });

const readOfficeStep = fc.record({ type: fc.constant('read-office' as const), office: fc.nat({ max: 63 }), later: fc.boolean() });
const readPlanStep = fc.record({ type: fc.constant('read-plan' as const), later: fc.boolean() });

const step = fc.oneof(
  { arbitrary: touchpointStep, weight: 4 },
  { arbitrary: referralStep, weight: 2 },
  { arbitrary: thankYouStep, weight: 2 },
  { arbitrary: transitionStep, weight: 2 },
  { arbitrary: markStep, weight: 1 },
  { arbitrary: officeStep, weight: 3 },
  { arbitrary: contactStep, weight: 2 },
  { arbitrary: decideStep, weight: 2 },
  { arbitrary: clinicianStep, weight: 1 },
  { arbitrary: messageStep, weight: 1 },
  { arbitrary: readOfficeStep, weight: 6 },
  { arbitrary: readPlanStep, weight: 2 },
);

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const steps = fc.array(step, { minLength: 1, maxLength: 12 });

/** The practice the desk starts from. */
const practices = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  offices: fc.integer({ min: 3, max: 6 }),
  touchpoints: fc.integer({ min: 40, max: 350 }),
  referrals: fc.integer({ min: 20, max: 40 }),
});

// ---------------------------------------------------------------------------
// Running steps

function instant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

function before(minutes: number): string {
  return instant(Date.parse(NOW) - minutes * MINUTE);
}

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

function picked<T>(list: readonly T[], ns: readonly number[]): T[] {
  return list.length === 0 ? [] : [...new Set(ns.map((n) => list[n % list.length]!))];
}

function byId<T extends { readonly id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

interface Run {
  readonly store: ReferwellStore;
  readonly desk: Desk;
  readonly playbook: Playbook;
  /** Whether reads use LATER when a step asks for it (else always NOW). */
  readonly twoMoments: boolean;
  /** A counter for fresh record ids. */
  fresh: number;
  /** What was done so far, for failure messages. */
  readonly log: string[];
}

type PracticeShape = typeof practices extends fc.Arbitrary<infer P> ? P : never;

async function setUp(practice: PracticeShape, playbook: Playbook, twoMoments: boolean): Promise<Run> {
  const snapshot = generatePractice({ ...practice, now: NOW });
  const store = memoryStore({ tenantId: snapshot.practice.tenantId });
  await store.savePractice(snapshot.practice);
  await store.write(snapshotOperations(snapshot));
  // Openings enough for the ask play to propose asks (and `select` to choose among them).
  await store.upsertClinician({
    id: 'prop-cl', tenantId: snapshot.practice.tenantId, name: 'Sam Lee', capacity: { openSlots: 6, acceptingNewClients: true },
  });
  const desk = createDesk({ store, playbook });
  const run: Run = { store, desk, playbook, twoMoments, fresh: 0, log: [] };
  await desk.plan(NOW);
  return run;
}

/** A fresh plan of the store's records, as `planActions` gives it without any cache. */
function freshPlan(run: Run, snapshot: PracticeSnapshot, now: string) {
  return planActions({ snapshot, playbook: run.playbook, now });
}

/** Checks one office's view against a fresh computation from the store. */
async function checkOffice(run: Run, officeId: string, now: string, context: string): Promise<void> {
  const label = `office(${officeId}, ${now}) ${context}`;
  const view = await run.desk.office(officeId, now);
  const snapshot = await run.store.loadSnapshot();
  const history = indexSnapshot(snapshot).offices.get(officeId);
  expect(history, label).toBeDefined();
  expect(view, label).toBeDefined();
  expect(view!.history, `${label}: history`).toEqual(history);
  expect(view!.actions, `${label}: actions`).toEqual(freshPlan(run, snapshot, now).filter((a) => a.officeId === officeId));
  expect(view!.score, `${label}: score`).toEqual(scoreRelationship(history!, run.playbook, now));
  expect(view!.followUp, `${label}: follow-up`).toEqual(followUpStatus(history!, run.playbook, now));
}

/** Checks the desk's whole plan against a fresh one. */
async function checkPlan(run: Run, now: string, context: string): Promise<void> {
  const actual = await run.desk.plan(now);
  expect(actual, `plan(${now}) ${context}`).toEqual(freshPlan(run, await run.store.loadSnapshot(), now));
}

/** Runs one step: a write through the desk, or a read checked against a fresh computation. */
async function perform(run: Run, s: Step, index: number): Promise<void> {
  const { desk, store } = run;
  const current = await store.loadSnapshot();
  const tenantId = current.practice.tenantId;
  const offices = byId(current.offices);
  const officeAt = (n: number) => offices[n % offices.length]!;
  const ofOffice = <T extends { readonly officeId: string; readonly id: string }>(list: readonly T[], officeId: string) =>
    byId(list.filter((r) => r.officeId === officeId));
  const later = (flag: boolean) => (run.twoMoments && flag ? LATER : NOW);
  const note = (text: string): void => void run.log.push(`#${index} ${text}`);
  const label = () => `after ${run.log.slice(0, -1).join('; ') || 'nothing'}`;

  switch (s.type) {
    case 'touchpoint': {
      const office = officeAt(s.office);
      const existing = s.reuse === undefined ? undefined : pick(ofOffice(current.touchpoints, office.id), s.reuse);
      const id = existing?.id ?? `prop-t${(run.fresh += 1)}`;
      const contactIds = picked(ofOffice(current.contacts, office.id), s.contacts).map((c) => c.id);
      await desk.logTouchpoint({
        id, tenantId, officeId: office.id, at: before(s.minutesBefore), channel: s.channel, purposes: s.purposes, contactIds,
        ...(s.cards === undefined ? {} : { collateral: { cards: s.cards, brochures: 0 } }),
        ...(s.resources === undefined ? {} : { resources: s.resources }),
      });
      note(`logTouchpoint ${id} ${office.id} ${s.channel} [${s.purposes.join(',')}] ${before(s.minutesBefore)}`);
      return;
    }
    case 'referral': {
      const office = officeAt(s.office);
      const existing = s.reuse === undefined ? undefined : pick(ofOffice(current.referrals, office.id), s.reuse);
      const id = existing?.id ?? `prop-r${(run.fresh += 1)}`;
      const contactIds = picked(ofOffice(current.contacts, office.id), s.contacts).map((c) => c.id);
      await desk.logReferral({
        id, tenantId, officeId: office.id, receivedAt: before(s.minutesBefore), via: s.via, contactIds, patient: { reference: `p-${id}` },
      });
      note(`logReferral ${id} ${office.id} ${before(s.minutesBefore)}`);
      return;
    }
    case 'thank-you': {
      const office = officeAt(s.office);
      const contactIds = picked(ofOffice(current.contacts, office.id), s.contacts.length === 0 ? [0] : s.contacts).map((c) => c.id);
      if (contactIds.length === 0) return note(`(no thank-you: ${office.id} has no contacts)`);
      // The office's most recent referrals first: those are the ones a thank-you is due for.
      const referrals = ofOffice(current.referrals, office.id).sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
      const referralIds = picked(referrals.slice(0, 5), s.referrals).map((r) => r.id);
      const id = `prop-y${(run.fresh += 1)}`;
      await desk.logThankYou({
        id, tenantId, officeId: office.id, contactIds, referralIds, sentAt: before(s.minutesBefore), medium: s.medium, askedForMore: s.askedForMore,
      });
      note(`logThankYou ${id} ${office.id} referrals [${referralIds.join(',')}] ${before(s.minutesBefore)}`);
      return;
    }
    case 'transition': {
      const isOpen = (r: Referral) => intakeTransitions[intakeStatus(r)].length > 0;
      const mine = s.office === undefined ? [] : byId(current.referrals.filter((r) => r.officeId === officeAt(s.office!).id && isOpen(r)));
      let referral = pick(mine.length > 0 ? mine : byId(current.referrals.filter(isOpen)), s.referral);
      if (referral === undefined) {
        // Nothing open (generated intakes are mostly closed): receive one to move.
        const office = officeAt(s.office ?? s.referral);
        const id = `prop-r${(run.fresh += 1)}`;
        referral = (await desk.logReferral({
          id, tenantId, officeId: office.id, receivedAt: before(3 * 1_440), via: 'fax', patient: { reference: `p-${id}` },
        })).record;
        note(`logReferral ${id} ${office.id} ${before(3 * 1_440)}`);
      }
      const status = pick(intakeTransitions[intakeStatus(referral)], s.next)!;
      const last = Date.parse(referral.intake.at(-1)?.at ?? referral.receivedAt);
      const at = instant(Math.max(last, Math.floor((last + s.fraction * (Date.parse(NOW) - last)) / MINUTE) * MINUTE));
      const move =
        status === 'scheduled'
          ? { status, at, appointmentAt: instant(Date.parse(at) + 3 * DAY) }
          : { status, at };
      await desk.transitionReferral(referral.id, move as IntakeStep);
      note(`transitionReferral ${referral.id} (${referral.officeId}) ${intakeStatus(referral)} → ${status} ${at}`);
      return;
    }
    case 'mark': {
      const pool = s.office === undefined ? current.referrals : current.referrals.filter((r) => r.officeId === officeAt(s.office!).id);
      const legal = byId(s.milestone === 'report-sent' ? pool.filter((r) => intakeStatus(r) !== 'received') : pool);
      const referral = pick(legal, s.referral);
      if (referral === undefined) return note(`(no referral to mark ${s.milestone})`);
      const received = Date.parse(referral.receivedAt);
      const at = instant(Math.max(received, Math.floor((received + s.fraction * (Date.parse(NOW) - received)) / MINUTE) * MINUTE));
      await desk.markReferral(referral.id, s.milestone, at);
      note(`markReferral ${referral.id} (${referral.officeId}) ${s.milestone} ${at}`);
      return;
    }
    case 'office': {
      const office = officeAt(s.office);
      const planned: readonly string[] = run.playbook.planning.lifecycles;
      const lifecycle: OfficeLifecycle =
        s.change === 'rename'
          ? office.lifecycle
          : s.change !== 'toggle'
            ? s.change
            : planned.includes(office.lifecycle)
              ? pick(officeLifecycles.filter((l) => !planned.includes(l)), s.other)!
              : 'active';
      const name = s.change === 'rename' ? `Renamed office ${(run.fresh += 1)}` : office.name;
      await desk.upsertOffice({ ...office, lifecycle, name });
      note(`upsertOffice ${office.id} ${office.lifecycle} → ${lifecycle}${s.change === 'rename' ? ` named ${name}` : ''}`);
      return;
    }
    case 'contact': {
      const office = officeAt(s.office);
      const existing = s.existing === undefined ? undefined : pick(byId(current.contacts), s.existing);
      const contact = existing ?? { id: `prop-c${(run.fresh += 1)}`, tenantId, name: `Pat Doe ${run.fresh}` };
      await desk.upsertContact({ ...contact, officeId: office.id, role: s.role, active: s.active });
      note(`upsertContact ${contact.id} ${existing === undefined ? 'new' : `from ${existing.officeId}`} → ${office.id} ${s.role} active=${s.active}`);
      return;
    }
    case 'decide': {
      const action = pick(freshPlan(run, current, NOW), s.pick);
      if (action === undefined) return note('(no action to decide)');
      const id = `prop-d${(run.fresh += 1)}`;
      const base = { id, tenantId, actionId: action.id, decidedAt: NOW };
      const today = toCalendarDate(NOW, current.practice.timeZone);
      await desk.decide(
        s.outcome === 'snoozed'
          ? { ...base, outcome: 'snoozed', until: addDays(today, s.untilDays) }
          : s.outcome === 'dismissed'
            ? { ...base, outcome: 'dismissed', reason: 'not now' }
            : { ...base, outcome: 'done' },
      );
      note(`decide ${s.outcome}${s.outcome === 'snoozed' ? ` +${s.untilDays}d` : ''} ${action.id}`);
      return;
    }
    case 'clinician': {
      await desk.upsertClinician({
        id: 'prop-cl', tenantId, name: 'Sam Lee', capacity: { openSlots: s.openSlots, acceptingNewClients: s.openSlots > 0 },
      });
      note(`upsertClinician prop-cl openSlots=${s.openSlots}`);
      return;
    }
    case 'message': {
      const version = Math.max(0, ...current.messages.map((m) => m.version)) + 1;
      const id = `prop-m${(run.fresh += 1)}`;
      await desk.upsertPracticeMessage({
        id, tenantId, version, publishedAt: before(s.daysBefore * 1_440), specialties: ['anxiety'], idealClient: 'Adults', elevatorSpeech: `We help (${id}).`,
      });
      note(`upsertPracticeMessage ${id} v${version} ${before(s.daysBefore * 1_440)}`);
      return;
    }
    case 'read-office': {
      const office = officeAt(s.office);
      const now = later(s.later);
      note(`office(${office.id}, ${now})`);
      await checkOffice(run, office.id, now, label());
      return;
    }
    case 'read-plan': {
      const now = later(s.later);
      note(`plan(${now})`);
      await checkPlan(run, now, label());
      return;
    }
  }
}

/** Runs the steps, then checks the whole plan and every office at each moment used. */
async function runSteps(run: Run, list: readonly Step[]): Promise<void> {
  for (let i = 0; i < list.length; i += 1) await perform(run, list[i]!, i);
  const offices = byId((await run.store.loadSnapshot()).offices);
  for (const now of run.twoMoments ? [NOW, LATER] : [NOW]) {
    // Offices before the plan: an office read first answers from the caches as they are.
    const context = `at the end, after ${run.log.join('; ')}`;
    for (const office of offices) await checkOffice(run, office.id, now, context);
    await checkPlan(run, now, context);
  }
}

describe('createDesk caches (properties)', () => {
  it(
    'after any sequence of its own writes, the desk’s plan and office views at one moment equal a fresh computation from the store',
    async () => {
      await fc.assert(
        fc.asyncProperty(practices, steps, async (practice, list) => {
          await runSteps(await setUp(practice, defaultPlaybook, false), list);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'with reads at two moments (now and a day later) in any order, every answer still equals a fresh computation',
    async () => {
      await fc.assert(
        fc.asyncProperty(practices, steps, async (practice, list) => {
          await runSteps(await setUp(practice, defaultPlaybook, true), list);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'under a playbook whose ask play keeps only the best office and plans prospects too, office views and plans equal a fresh computation',
    async () => {
      await fc.assert(
        fc.asyncProperty(practices, steps, async (practice, list) => {
          await runSteps(await setUp(practice, choosyPlaybook, true), list);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
