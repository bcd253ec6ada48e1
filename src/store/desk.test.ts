import { describe, expect, it, vi } from 'vitest';
import { daysBefore } from '../../test/scenario';
import { memoryStore } from '../adapters/memory/index';
import { ValidationError } from '../errors';
import { followUpStatus } from '../engine/follow-up-status';
import { planActions } from '../engine/plan';
import { scoreRelationship } from '../engine/score';
import { indexSnapshot } from '../model/history';
import { defaultPlaybook } from '../playbook/playbook';
import { beAResourcePlay } from '../plays/be-a-resource/play';
import { defaultPlays } from '../plays/default-plays';
import { askPlay } from '../plays/ask/play';
import { educatePlay } from '../plays/educate/play';
import { followUpPlay } from '../plays/follow-up/play';
import type { Play } from '../plays/play';
import { thankYouPlay } from '../plays/thank-you/play';
import { generatePractice } from '../testing/generator';
import { createDesk } from './desk';
import { snapshotOperations } from './snapshot-operations';

const NOW = '2026-03-02T18:00:00Z';
const T = 't1';

async function seeded() {
  const store = memoryStore({ tenantId: T });
  await store.savePractice({ tenantId: T, name: 'Northside Counseling', timeZone: 'America/Chicago' });
  for (const id of ['a', 'b', 'c']) {
    await store.upsertOffice({ id, tenantId: T, name: `Office ${id}`, kind: 'primary-care', lifecycle: 'active' });
    await store.appendTouchpoint({ id: `${id}-t`, tenantId: T, officeId: id, at: daysBefore(NOW, 100), channel: 'in-person', purposes: ['follow-up'] });
  }
  return store;
}

describe('createDesk', () => {
  it('plans exactly what planActions plans from the stored snapshot', async () => {
    const store = await seeded();
    const desk = createDesk({ store });
    const expected = planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW });
    expect(await desk.plan(NOW)).toEqual(expected);
  });

  it('plans, scores and shows an office with the plays it was given, as the engine does with them', async () => {
    const store = await seeded();
    const plays = [followUpPlay, beAResourcePlay];
    const desk = createDesk({ store, plays });
    const snapshot = await store.loadSnapshot();
    const expected = planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays });
    expect(new Set(expected.map((action) => action.play))).toEqual(new Set(['follow-up', 'be-a-resource']));
    expect(await desk.plan(NOW)).toEqual(expected);
    const view = await desk.office('b', NOW);
    expect(view?.actions).toEqual(expected.filter((action) => action.officeId === 'b'));
    const history = indexSnapshot(snapshot).offices.get('b')!;
    expect(view?.score).toEqual(scoreRelationship(history, defaultPlaybook, NOW, { plays }));
    expect(view?.score.components.map((component) => component.play)).toEqual(['follow-up', 'be-a-resource']);
  });

  it('uses the nine default plays when given none', async () => {
    const store = await seeded();
    const view = await createDesk({ store }).office('a', NOW);
    expect(view?.score.components).toHaveLength(9);
  });

  it('reads the time from its clock when no moment is given', async () => {
    const desk = createDesk({ store: await seeded(), clock: () => NOW });
    expect(await desk.plan()).toEqual(await desk.plan(NOW));
  });

  it('keeps the plan current after its own writes, without reloading the tenant', async () => {
    const store = await seeded();
    const load = vi.spyOn(store, 'loadSnapshot');
    const loadOffice = vi.spyOn(store, 'loadOffice');
    const desk = createDesk({ store });
    expect((await desk.plan(NOW)).filter((a) => a.play === 'follow-up').map((a) => a.officeId)).toEqual(['a', 'b', 'c']);
    await desk.logTouchpoint({ id: 'b-t2', tenantId: T, officeId: 'b', at: daysBefore(NOW, 5), channel: 'in-person', purposes: ['follow-up'] });
    const view = await desk.office('b', NOW);
    expect(view?.followUp.status).toBe('too-soon');
    expect(view?.actions.filter((a) => a.outreach)).toEqual([]);
    expect((await desk.plan(NOW)).filter((a) => a.play === 'follow-up').map((a) => a.officeId)).toEqual(['a', 'c']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(loadOffice).not.toHaveBeenCalled();
    // And the result equals a fresh plan from the store.
    expect(await desk.plan(NOW)).toEqual(planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }));
  });

  it('honours decisions recorded through it', async () => {
    const desk = createDesk({ store: await seeded() });
    const [first] = await desk.plan(NOW);
    await desk.decide({ id: 'd1', tenantId: T, actionId: first!.id, decidedAt: NOW, outcome: 'dismissed', reason: 'moved away' });
    expect((await desk.plan(NOW)).map((a) => a.id)).not.toContain(first!.id);
  });

  it('sees new offices, contacts, clinicians and messages', async () => {
    const store = await seeded();
    const desk = createDesk({ store });
    await desk.plan(NOW);
    await desk.upsertOffice({ id: 'd', tenantId: T, name: 'Office d', kind: 'pediatrics', lifecycle: 'active' });
    await desk.upsertContact({ id: 'd-rec', tenantId: T, officeId: 'd', name: 'Robin', role: 'receptionist' });
    await desk.upsertClinician({ id: 'cl', tenantId: T, name: 'Sam Lee', capacity: { openSlots: 5, acceptingNewClients: true } });
    await desk.upsertPracticeMessage({
      id: 'm1', tenantId: T, version: 1, publishedAt: daysBefore(NOW, 10), specialties: ['anxiety'], idealClient: 'Adults', elevatorSpeech: 'We help.',
    });
    expect(await desk.plan(NOW)).toEqual(planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }));
    expect((await desk.office('d', NOW))?.history.contacts.map((c) => c.id)).toEqual(['d-rec']);
  });

  it('follows a referral through its intake', async () => {
    const store = await seeded();
    const desk = createDesk({ store });
    await desk.plan(NOW);
    await desk.logReferral({ id: 'r1', tenantId: T, officeId: 'a', receivedAt: daysBefore(NOW, 3), via: 'fax', patient: { reference: 'p1' } });
    await desk.transitionReferral('r1', { status: 'accepted', at: daysBefore(NOW, 2) });
    await desk.markReferral('r1', 'patient-contacted', daysBefore(NOW, 2));
    const view = await desk.office('a', NOW);
    expect(view?.history.referrals.map((r) => [r.record.id, r.status])).toEqual([['r1', 'accepted']]);
    expect(await desk.plan(NOW)).toEqual(planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }));
  });

  it('sees other writers after refresh or refreshOffice', async () => {
    const store = await seeded();
    const desk = createDesk({ store });
    await desk.plan(NOW);
    await store.appendTouchpoint({ id: 'c-t2', tenantId: T, officeId: 'c', at: daysBefore(NOW, 5), channel: 'phone', purposes: ['follow-up'] });
    expect((await desk.office('c', NOW))?.followUp.status).toBe('due');
    await desk.refreshOffice('c');
    expect((await desk.office('c', NOW))?.followUp.status).toBe('too-soon');
    await store.appendTouchpoint({ id: 'a-t2', tenantId: T, officeId: 'a', at: daysBefore(NOW, 5), channel: 'phone', purposes: ['follow-up'] });
    desk.refresh();
    expect((await desk.office('a', NOW))?.followUp.status).toBe('too-soon');
  });

  it('returns undefined for an unknown office, and ranks sources', async () => {
    const desk = createDesk({ store: await seeded() });
    expect(await desk.office('zzz', NOW)).toBeUndefined();
    expect((await desk.sources(NOW)).offices.map((o) => o.officeId).sort()).toEqual(['a', 'b', 'c']);
  });

  it('passes store errors through and stays usable', async () => {
    const desk = createDesk({ store: await seeded() });
    await desk.plan(NOW);
    await expect(desk.transitionReferral('nope', { status: 'accepted', at: NOW })).rejects.toMatchObject({ code: 'not-found' });
    expect((await desk.plan(NOW)).length).toBeGreaterThan(0);
  });
});

describe('createDesk under other writers and overlapping calls', () => {
  it('office(id) shows exactly that office’s actions in the full plan, even for a play that picks the best offices', async () => {
    const store = await seeded();
    await store.upsertClinician({ id: 'cl', tenantId: T, name: 'Sam', capacity: { openSlots: 6, acceptingNewClients: true } });
    for (const id of ['d', 'e', 'f']) {
      await store.upsertOffice({ id, tenantId: T, name: `Office ${id}`, kind: 'primary-care', lifecycle: 'active' });
      await store.appendTouchpoint({ id: `${id}-t`, tenantId: T, officeId: id, at: daysBefore(NOW, 100), channel: 'in-person', purposes: ['follow-up'] });
    }
    const desk = createDesk({ store });
    const plan = await desk.plan(NOW);
    expect(plan.filter((a) => a.kind === 'ask')).toHaveLength(defaultPlaybook.plays.ask.maxOfficesPerAsk);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) {
      expect((await desk.office(id, NOW))?.actions, id).toEqual(plan.filter((a) => a.officeId === id));
    }
  });

  it('re-plans one office after writes exactly as a fresh plan of the stored snapshot does', async () => {
    const store = await seeded();
    await store.upsertClinician({ id: 'cl', tenantId: T, name: 'Sam', capacity: { openSlots: 6, acceptingNewClients: true } });
    for (const id of ['d', 'e', 'f']) {
      await store.upsertOffice({ id, tenantId: T, name: `Office ${id}`, kind: 'primary-care', lifecycle: 'active' });
    }
    const desk = createDesk({ store });
    await desk.plan(NOW);
    const fresh = async (id: string) =>
      planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }).filter((a) => a.officeId === id);
    // A referral to `f` makes it one of the best offices to ask, pushing another out.
    await desk.logReferral({
      id: 'f-r', tenantId: T, officeId: 'f', receivedAt: daysBefore(NOW, 3), via: 'fax',
      patient: { reference: 'p-1' }, checklist: {},
    });
    for (const id of ['a', 'd', 'e', 'f']) expect((await desk.office(id, NOW))?.actions, id).toEqual(await fresh(id));
    // A decision hides an action the desk had already planned (and remembered).
    const [first] = (await desk.office('a', NOW))!.actions;
    await desk.decide({ id: 'd1', tenantId: T, actionId: first!.id, decidedAt: NOW, outcome: 'dismissed', reason: 'moved away' });
    expect((await desk.office('a', NOW))?.actions.map((a) => a.id)).not.toContain(first!.id);
    expect((await desk.office('a', NOW))?.actions).toEqual(await fresh('a'));
    // Another moment re-plans everything.
    const later = daysBefore(NOW, -40);
    const full = planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: later });
    expect((await desk.office('b', later))?.actions).toEqual(full.filter((a) => a.officeId === 'b'));
  });

  it('puts appended records into the office history in place, as a rebuild from the store orders them', async () => {
    const store = await seeded();
    await store.upsertContact({ id: 'a-c', tenantId: T, officeId: 'a', name: 'Pat Lee', role: 'receptionist' });
    const desk = createDesk({ store });
    await desk.plan(NOW);
    await desk.office('a', NOW);
    const rebuilt = async () => indexSnapshot(await store.loadSnapshot()).offices.get('a');
    const touch = (id: string, days: number) =>
      desk.logTouchpoint({ id, tenantId: T, officeId: 'a', at: daysBefore(NOW, days), channel: 'phone', purposes: ['follow-up'] });
    // Newest, oldest, between, and two at one instant written in descending id order.
    await touch('a-t5', 1);
    await touch('a-t0', 400);
    await touch('a-t3', 50);
    await touch('a-t9', 20);
    await touch('a-t8', 20);
    // The same record again (an idempotent append) leaves one copy.
    await touch('a-t3', 50);
    await desk.logThankYou({ id: 'a-y2', tenantId: T, officeId: 'a', contactIds: ['a-c'], referralIds: [], sentAt: daysBefore(NOW, 2), medium: 'handwritten-card' });
    await desk.logThankYou({ id: 'a-y1', tenantId: T, officeId: 'a', contactIds: ['a-c'], referralIds: [], sentAt: daysBefore(NOW, 9), medium: 'handwritten-card' });
    await desk.logReferral({ id: 'a-r2', tenantId: T, officeId: 'a', receivedAt: daysBefore(NOW, 4), via: 'fax', patient: { reference: 'p2' } });
    await desk.logReferral({ id: 'a-r1', tenantId: T, officeId: 'a', receivedAt: daysBefore(NOW, 30), via: 'fax', patient: { reference: 'p1' } });
    // A transition replaces the referral's entry (its status changes, its place does not).
    await desk.transitionReferral('a-r1', { status: 'accepted', at: daysBefore(NOW, 29) });
    await desk.markReferral('a-r1', 'patient-contacted', daysBefore(NOW, 29));
    const view = await desk.office('a', NOW);
    expect(view?.history).toEqual(await rebuilt());
    expect(view?.history.touchpoints.map((t) => t.record.id)).toEqual(['a-t0', 'a-t', 'a-t3', 'a-t8', 'a-t9', 'a-t5']);
    expect(view?.history.referrals.map((r) => [r.record.id, r.status])).toEqual([['a-r1', 'accepted'], ['a-r2', 'received']]);
    expect(view?.actions).toEqual(
      planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }).filter((a) => a.officeId === 'a'),
    );
    expect(await desk.plan(NOW)).toEqual(planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }));
  });

  it('refreshOffice takes a contact out of the office it moved from', async () => {
    const store = await seeded();
    await store.upsertContact({ id: 'doc', tenantId: T, officeId: 'a', name: 'Dr. Lee', role: 'physician' });
    const desk = createDesk({ store });
    await desk.plan(NOW);
    await store.upsertContact({ id: 'doc', tenantId: T, officeId: 'b', name: 'Dr. Lee', role: 'physician' });
    await desk.refreshOffice('b');
    expect((await desk.office('a', NOW))?.history.contacts.map((c) => c.id)).toEqual([]);
    expect((await desk.office('b', NOW))?.history.contacts.map((c) => c.id)).toEqual(['doc']);
  });

  it('loads an office another writer created when the desk updates it', async () => {
    const store = await seeded();
    const desk = createDesk({ store });
    await desk.plan(NOW);
    await store.upsertOffice({ id: 'z', tenantId: T, name: 'Office z', kind: 'primary-care', lifecycle: 'active' });
    await store.appendTouchpoint({ id: 'z-t', tenantId: T, officeId: 'z', at: daysBefore(NOW, 10), channel: 'phone', purposes: ['ask'] });
    await desk.upsertOffice({ id: 'z', tenantId: T, name: 'Office Z', kind: 'primary-care', lifecycle: 'active' });
    const view = await desk.office('z', NOW);
    expect(view?.history.office.name).toBe('Office Z');
    expect(view?.history.touchpoints.map((t) => t.record.id)).toEqual(['z-t']);
  });

  it('applies overlapping writes in the order the store answered them', async () => {
    const store = await seeded();
    // A store whose first answer is slow: without serialising, the older copy would land last.
    let delay = 30;
    const slow = new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== 'transitionReferral') return value;
        return async (...args: unknown[]) => {
          const wait = delay;
          delay = 0;
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          await new Promise((resolve) => setTimeout(resolve, wait));
          return result;
        };
      },
    });
    const desk = createDesk({ store: slow });
    await desk.plan(NOW);
    await desk.logReferral({ id: 'r', tenantId: T, officeId: 'a', receivedAt: daysBefore(NOW, 3), via: 'fax', patient: { reference: 'p' } });
    await Promise.all([
      desk.transitionReferral('r', { status: 'accepted', at: daysBefore(NOW, 2) }),
      desk.transitionReferral('r', { status: 'scheduled', at: daysBefore(NOW, 1), appointmentAt: NOW }),
    ]);
    expect((await desk.office('a', NOW))?.history.referrals[0]?.record.intake.map((s) => s.status)).toEqual(['accepted', 'scheduled']);
  });

  it('picks the same current message as a fresh plan when two records claim one version', async () => {
    const store = await seeded();
    const message = (id: string, version: number) => ({
      id, tenantId: T, version, publishedAt: daysBefore(NOW, 50), specialties: ['anxiety'], idealClient: 'Adults', elevatorSpeech: `speech ${id}`,
    });
    await store.upsertPracticeMessage(message('m2', 1));
    await store.upsertPracticeMessage(message('m1', 2));
    await store.upsertPracticeMessage(message('m2', 2));
    const desk = createDesk({ store });
    expect(await desk.plan(NOW)).toEqual(planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }));
    expect((await desk.office('a', NOW))?.history.context.currentMessage?.id).toBe('m2');
  });

  it('gives each office the score and follow-up status the functions give its history alone', async () => {
    const snapshot = generatePractice({ seed: 11, offices: 6, now: NOW, touchpoints: 600, referrals: 60 });
    const store = memoryStore({ tenantId: snapshot.practice.tenantId });
    await store.savePractice(snapshot.practice);
    await store.write(snapshotOperations(snapshot));
    const desk = createDesk({ store });
    await desk.plan(NOW);
    for (const office of snapshot.offices) {
      const view = (await desk.office(office.id, NOW))!;
      // The same answers as each function called on its own, outside the desk's shared facts.
      expect(view.score).toEqual(scoreRelationship(view.history, defaultPlaybook, NOW));
      expect(view.followUp).toEqual(followUpStatus(view.history, defaultPlaybook, NOW));
      expect(view.actions).toEqual(
        planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }).filter((a) => a.officeId === office.id),
      );
    }
  });
});

/** What a test changes about a play: its `reads` (`undefined` to take it away), `outreachOnly`. */
type Overrides = { readonly reads?: Play['reads'] | undefined; readonly outreachOnly?: boolean | undefined };

describe('createDesk, asking plays again', () => {
  /** A play that counts its `plan` and `score` calls, per office. */
  function counting(play: Play, overrides: Overrides = {}) {
    const calls = { plan: [] as string[], score: [] as string[] };
    const counted: Play = {
      ...play,
      ...overrides,
      plan: (history, context) => (calls.plan.push(history.office.id), play.plan(history, context)),
      score: (history, context) => (calls.score.push(history.office.id), play.score(history, context)),
    };
    return { counted, calls };
  }

  async function watched(overrides: Overrides = {}) {
    const store = await seeded();
    await store.upsertContact({ id: 'a-c', tenantId: T, officeId: 'a', name: 'Pat Lee', role: 'physician' });
    await store.appendReferral({ id: 'a-r', tenantId: T, officeId: 'a', contactIds: ['a-c'], receivedAt: daysBefore(NOW, 3), via: 'fax', patient: { reference: 'p-1' } });
    const thanks = counting(thankYouPlay);
    // Asked for offices inside the nuisance floor too, so that every call shows.
    const followUp = counting(followUpPlay, { outreachOnly: false, ...overrides });
    const plays = defaultPlays.map((play) => (play.id === 'thank-you' ? thanks.counted : play.id === 'follow-up' ? followUp.counted : play));
    const desk = createDesk({ store, plays });
    const fresh = async (id: string) => {
      const snapshot = await store.loadSnapshot();
      const history = indexSnapshot(snapshot).offices.get(id)!;
      return {
        // The plays themselves, not the counting copies: counting is the desk's alone.
        actions: planActions({ snapshot, playbook: defaultPlaybook, now: NOW }).filter((a) => a.officeId === id),
        score: scoreRelationship(history, defaultPlaybook, NOW),
      };
    };
    return { store, desk, thanks: thanks.calls, followUp: followUp.calls, fresh };
  }

  it('does not ask a play again after a change to a part it does not read', async () => {
    const { desk, thanks, followUp, fresh } = await watched();
    await desk.office('a', NOW);
    // Without a play that chooses among offices, only the office asked about is planned.
    expect([thanks.plan, thanks.score, followUp.plan, followUp.score]).toEqual([['a'], ['a'], ['a'], ['a']]);
    // A touchpoint: the follow-up play reads touchpoints, the thank-you play does not.
    await desk.logTouchpoint({ id: 'a-t2', tenantId: T, officeId: 'a', at: daysBefore(NOW, 2), channel: 'phone', purposes: ['follow-up'] });
    const afterTouch = (await desk.office('a', NOW))!;
    expect([thanks.plan.length, thanks.score.length]).toEqual([1, 1]);
    expect([followUp.plan, followUp.score]).toEqual([['a', 'a'], ['a', 'a']]);
    expect({ actions: afterTouch.actions, score: afterTouch.score }).toEqual(await fresh('a'));
    // A thank-you: now only the thank-you play is asked again.
    await desk.logThankYou({ id: 'a-y', tenantId: T, officeId: 'a', contactIds: ['a-c'], referralIds: ['a-r'], sentAt: daysBefore(NOW, 1), medium: 'handwritten-card' });
    const afterThanks = (await desk.office('a', NOW))!;
    expect([thanks.plan, thanks.score]).toEqual([['a', 'a'], ['a', 'a']]);
    expect([followUp.plan.length, followUp.score.length]).toEqual([2, 2]);
    expect({ actions: afterThanks.actions, score: afterThanks.score }).toEqual(await fresh('a'));
  });

  it('keeps a score whose scoreReads did not change, while the drafts are worked out again', async () => {
    const store = await seeded();
    const ask = counting(askPlay);
    const desk = createDesk({ store, plays: defaultPlays.map((play) => (play.id === 'ask' ? ask.counted : play)) });
    await desk.office('a', NOW);
    const [plans, scores] = [ask.calls.plan.length, ask.calls.score.length];
    // The ask play's drafts read touchpoints; its score reads only referrals.
    await desk.logTouchpoint({ id: 'a-t2', tenantId: T, officeId: 'a', at: daysBefore(NOW, 2), channel: 'phone', purposes: ['ask'] });
    const view = (await desk.office('a', NOW))!;
    expect([ask.calls.plan.length - plans, ask.calls.score.length - scores]).toEqual([1, 0]);
    expect(view.score).toEqual(scoreRelationship(view.history, defaultPlaybook, NOW));
    await desk.logReferral({ id: 'a-r2', tenantId: T, officeId: 'a', receivedAt: daysBefore(NOW, 1), via: 'fax', patient: { reference: 'p-2' } });
    const after = (await desk.office('a', NOW))!;
    expect(ask.calls.score.length - scores).toBe(1);
    expect(after.score).toEqual(scoreRelationship(after.history, defaultPlaybook, NOW));
  });

  it('plans the ask play again only after an ask, and answers as the full plan does', async () => {
    const store = await seeded();
    await store.upsertClinician({ id: 'cl', tenantId: T, name: 'Sam', capacity: { openSlots: 6, acceptingNewClients: true } });
    const ask = counting(askPlay);
    const desk = createDesk({ store, plays: defaultPlays.map((play) => (play.id === 'ask' ? ask.counted : play)) });
    const full = async () =>
      planActions({ snapshot: await store.loadSnapshot(), playbook: defaultPlaybook, now: NOW }).filter((a) => a.officeId === 'a');
    const kinds = (actions: readonly { readonly play: string; readonly kind: string }[]) =>
      actions.filter((a) => a.play === 'ask').map((a) => a.kind);
    // With openings and no ask yet, the office gets an ask.
    expect(kinds((await desk.office('a', NOW))!.actions)).toEqual(['ask']);
    const plansOfA = () => ask.calls.plan.filter((id) => id === 'a').length;
    const plans = plansOfA();
    // A follow-up call (outside the 30-day nuisance floor) is not an ask: the
    // play's drafts for the office are kept, and the ask stands.
    await desk.logTouchpoint({ id: 'a-t2', tenantId: T, officeId: 'a', at: daysBefore(NOW, 40), channel: 'phone', purposes: ['follow-up'] });
    const afterCall = (await desk.office('a', NOW))!;
    expect(plansOfA() - plans).toBe(0);
    expect(kinds(afterCall.actions)).toEqual(['ask']);
    expect(afterCall.actions).toEqual(await full());
    // An ask, also outside the floor: planned again, and the ask is gone (the 90-day cooldown).
    await desk.logTouchpoint({ id: 'a-t3', tenantId: T, officeId: 'a', at: daysBefore(NOW, 35), channel: 'phone', purposes: ['ask'] });
    const afterAsk = (await desk.office('a', NOW))!;
    expect(plansOfA() - plans).toBe(1);
    expect(kinds(afterAsk.actions)).toEqual([]);
    expect(afterAsk.actions).toEqual(await full());
  });

  it('keeps the answers of a play that reads only some touchpoints after a touchpoint it does not read', async () => {
    const store = await seeded();
    await store.upsertPracticeMessage({
      id: 'm1', tenantId: T, version: 1, publishedAt: daysBefore(NOW, 60), specialties: ['anxiety'], idealClient: 'Adults', elevatorSpeech: 'We help.',
    });
    const educate = counting(educatePlay);
    const desk = createDesk({ store, plays: defaultPlays.map((play) => (play.id === 'educate' ? educate.counted : play)) });
    await desk.office('a', NOW);
    const scores = educate.calls.score.length;
    // A phone call: the educate play reads only touchpoints that delivered the message.
    await desk.logTouchpoint({ id: 'a-t2', tenantId: T, officeId: 'a', at: daysBefore(NOW, 2), channel: 'phone', purposes: ['follow-up'] });
    const view = (await desk.office('a', NOW))!;
    expect(educate.calls.score.length - scores).toBe(0);
    expect(view.score).toEqual(scoreRelationship(view.history, defaultPlaybook, NOW));
    // A visit that delivered the message: asked again.
    await desk.logTouchpoint({ id: 'a-t3', tenantId: T, officeId: 'a', at: daysBefore(NOW, 1), channel: 'in-person', purposes: ['educate'], messageVersion: 1 });
    const after = (await desk.office('a', NOW))!;
    expect(educate.calls.score.length - scores).toBe(1);
    expect(after.score).toEqual(scoreRelationship(after.history, defaultPlaybook, NOW));
  });

  it('asks a play without `reads` again after any change to the office', async () => {
    const { desk, followUp, fresh } = await watched({ reads: undefined });
    await desk.office('a', NOW);
    await desk.logThankYou({ id: 'a-y', tenantId: T, officeId: 'a', contactIds: ['a-c'], referralIds: ['a-r'], sentAt: daysBefore(NOW, 1), medium: 'handwritten-card' });
    const view = (await desk.office('a', NOW))!;
    expect([followUp.plan, followUp.score]).toEqual([['a', 'a'], ['a', 'a']]);
    expect({ actions: view.actions, score: view.score }).toEqual(await fresh('a'));
  });

  it('treats a `reads` list with an unknown part name as reading everything', async () => {
    const { desk, followUp } = await watched({ reads: ['touchpoint'] as unknown as Play['reads'] });
    await desk.office('a', NOW);
    await desk.logThankYou({ id: 'a-y', tenantId: T, officeId: 'a', contactIds: ['a-c'], referralIds: ['a-r'], sentAt: daysBefore(NOW, 1), medium: 'handwritten-card' });
    await desk.office('a', NOW);
    expect([followUp.plan, followUp.score]).toEqual([['a', 'a'], ['a', 'a']]);
  });

  it('after a change to one office, plans only that office again, for every office asked about', async () => {
    const { desk, followUp, fresh } = await watched();
    await desk.plan(NOW);
    expect(followUp.plan).toEqual(['a', 'b', 'c']);
    await desk.logTouchpoint({ id: 'b-t2', tenantId: T, officeId: 'b', at: daysBefore(NOW, 2), channel: 'phone', purposes: ['follow-up'] });
    const c = (await desk.office('c', NOW))!;
    const b = (await desk.office('b', NOW))!;
    const plan = await desk.plan(NOW);
    expect(followUp.plan).toEqual(['a', 'b', 'c', 'b']);
    expect(c.actions).toEqual((await fresh('c')).actions);
    expect(b.actions).toEqual((await fresh('b')).actions);
    expect(plan.filter((action) => action.officeId === 'b')).toEqual(b.actions);
  });
});

describe('createDesk and planActions, outreach-only plays', () => {
  it('does not ask an outreach-only play to plan for an office inside the nuisance floor', async () => {
    const store = await seeded();
    // `a` was contacted yesterday (inside the 30-day floor); `b` and `c` 100 days ago.
    await store.appendTouchpoint({ id: 'a-t2', tenantId: T, officeId: 'a', at: daysBefore(NOW, 1), channel: 'phone', purposes: ['follow-up'] });
    const asked: string[] = [];
    const base: Play = followUpPlay;
    const counted: Play = { ...base, plan: (history, context) => (asked.push(history.office.id), base.plan(history, context)) };
    const plays = defaultPlays.map((play) => (play.id === 'follow-up' ? counted : play));
    const snapshot = await store.loadSnapshot();
    const actions = planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays });
    expect(asked).toEqual(['b', 'c']);
    // The same actions as when the play is asked everywhere and the floor drops its drafts.
    expect(actions).toEqual(planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: defaultPlays.map((play) => (play.id === 'follow-up' ? { ...followUpPlay, outreachOnly: false } : play)) }));
    asked.length = 0;
    const desk = createDesk({ store, plays });
    expect((await desk.office('a', NOW))?.actions).toEqual(actions.filter((action) => action.officeId === 'a'));
    expect(asked).toEqual([]);
  });

  it('rejects a draft that is not outreach from a play that declares outreachOnly', async () => {
    const store = await seeded();
    const base: Play = followUpPlay;
    const liar: Play = {
      ...base,
      plan: (history, context) => base.plan(history, context).map((draft) => ({ ...draft, outreach: false })),
    };
    const snapshot = await store.loadSnapshot();
    const plan = () => planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: [liar] });
    expect(plan).toThrow(ValidationError);
    expect(plan).toThrow(/play follow-up.*declares outreachOnly, but proposed a "follow-up" draft for office "a" that is not outreach/);
  });
});
