import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { daysBefore, scenario } from '../../test/scenario';
import { definePolicy } from '../playbook/define-policy';
import { defaultPlaybook, type Playbook } from '../playbook/playbook';
import { followUpPlay } from '../plays/follow-up/play';
import { definePlay, type Play } from '../plays/play';
import { indexSnapshot, type OfficeHistory } from '../model/history';
import { generatePractice } from '../testing/generator';
import { createPlanCache, planActions, planIndex, planIndexWith } from './plan';

const NOW = '2026-03-02T18:00:00Z';

/** A host's own play: send a birthday card to every physician whose birthday tag is this month. */
const birthdaySchema = z.strictObject({ enabled: z.boolean(), scoreWeight: z.number().min(0), tag: z.string() });
const birthdayPlay = definePlay({
  id: 'birthday-cards',
  title: 'Birthday cards',
  policy: definePolicy({ id: 'birthday-cards', schema: birthdaySchema, defaults: { enabled: true, scoreWeight: 5, tag: 'birthday-march' } }),
  plan(history, ctx) {
    if (!history.office.tags.includes(ctx.policy.tag)) return [];
    return [
      {
        kind: 'birthday-card',
        officeId: history.office.id,
        contactIds: [],
        due: ctx.today,
        priority: 10,
        title: `Send a birthday card to ${history.office.name}`,
        anchor: ctx.today.slice(0, 7),
        outreach: false,
        explanation: {
          rule: 'birthday-cards/tagged',
          summary: `${history.office.name} is tagged ${ctx.policy.tag}.`,
          policy: { tag: ctx.policy.tag },
          facts: {},
          evidence: [{ kind: 'office', id: history.office.id }],
        },
      },
    ];
  },
  score: () => ({ score: 100, reasons: ['tagged'], facts: {}, evidence: [] }),
});

function plays(...list: Play<string, z.ZodType>[]): readonly Play[] {
  return list as unknown as readonly Play[];
}

describe('planActions', () => {
  it('runs a tenth play a host registers, without editing the library', () => {
    const snapshot = scenario().office('o', { tags: ['birthday-march'] }).touch('t', 'o', daysBefore(NOW, 10)).build();
    const actions = planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: plays(followUpPlay, birthdayPlay) });
    expect(actions.map((a) => [a.play, a.kind])).toEqual([['birthday-cards', 'birthday-card']]);
    expect(actions[0]!.id).toMatch(/^birthday-cards:birthday-card:[0-9a-f]{16}$/);
  });

  it('skips the holes of a sparse list of plays, keeping each play at its position', () => {
    const snapshot = scenario().office('o', { tags: ['birthday-march'] }).touch('t', 'o', daysBefore(NOW, 100)).build();
    const sparse = [followUpPlay, , birthdayPlay] as unknown as readonly Play[];
    const dense = plays(followUpPlay, birthdayPlay);
    expect(planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: sparse })).toEqual(
      planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: dense }),
    );
  });

  it('plans only for offices in the planning lifecycles', () => {
    const snapshot = scenario().office('active').office('prospect', { lifecycle: 'prospect' }).office('closed', { lifecycle: 'closed' }).build();
    expect(planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: plays(followUpPlay) }).map((a) => a.officeId)).toEqual(['active']);
    const wider: Playbook = { ...defaultPlaybook, planning: { ...defaultPlaybook.planning, lifecycles: ['active', 'prospect'] } };
    expect(planActions({ snapshot, playbook: wider, now: NOW, plays: plays(followUpPlay) }).map((a) => a.officeId)).toEqual(['active', 'prospect']);
  });

  it('leaves out actions due after the horizon', () => {
    // Last contact 70 days ago: due-soon starts at 76, so nothing; with a 30-day horizon and due-soon at 60, it shows.
    const snapshot = scenario().office('o').touch('t', 'o', daysBefore(NOW, 70)).build();
    expect(planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: plays(followUpPlay) })).toEqual([]);
    const playbook: Playbook = {
      ...defaultPlaybook,
      planning: { ...defaultPlaybook.planning, horizonDays: 30 },
      plays: { ...defaultPlaybook.plays, 'follow-up': { ...defaultPlaybook.plays['follow-up'], dueSoonDays: 60 } },
    };
    const [action] = planActions({ snapshot, playbook, now: NOW, plays: plays(followUpPlay) });
    expect(action?.due).toBe('2026-03-22');
    const narrow: Playbook = { ...playbook, planning: { ...playbook.planning, horizonDays: 19 } };
    expect(planActions({ snapshot, playbook: narrow, now: NOW, plays: plays(followUpPlay) })).toEqual([]);
  });

  it('skips a disabled play', () => {
    const snapshot = scenario().office('o').build();
    const playbook: Playbook = {
      ...defaultPlaybook,
      plays: { ...defaultPlaybook.plays, 'follow-up': { ...defaultPlaybook.plays['follow-up'], enabled: false } },
    };
    expect(planActions({ snapshot, playbook, now: NOW, plays: plays(followUpPlay) })).toEqual([]);
  });

  describe('decisions', () => {
    const build = () => scenario().office('o').touch('t', 'o', daysBefore(NOW, 100));
    const actionIdOf = () => planActions({ snapshot: build().build(), playbook: defaultPlaybook, now: NOW, plays: plays(followUpPlay) })[0]!.id;

    it('hides an action marked done', () => {
      const snapshot = build().decision('d', { actionId: actionIdOf(), decidedAt: NOW, outcome: 'done' }).build();
      expect(planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: plays(followUpPlay) })).toEqual([]);
    });

    it('hides a dismissed action', () => {
      const snapshot = build().decision('d', { actionId: actionIdOf(), decidedAt: NOW, outcome: 'dismissed', reason: 'retired' }).build();
      expect(planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: plays(followUpPlay) })).toEqual([]);
    });

    it('hides a snoozed action until its date, then shows it again', () => {
      const id = actionIdOf();
      const snapshot = build().decision('d', { actionId: id, decidedAt: NOW, outcome: 'snoozed', until: '2026-03-05' }).build();
      const at = (now: string) => planActions({ snapshot, playbook: defaultPlaybook, now, plays: plays(followUpPlay) }).map((a) => a.id);
      expect(at(NOW)).toEqual([]);
      expect(at('2026-03-05T05:59:00Z')).toEqual([]); // still March 4 in Chicago
      expect(at('2026-03-05T06:00:00Z')).toEqual([id]);
    });

    it('lets the latest decision win, and accepts decisions passed beside the snapshot', () => {
      const id = actionIdOf();
      const snapshot = build().decision('d1', { actionId: id, decidedAt: daysBefore(NOW, 2), outcome: 'snoozed', until: '2026-04-01' }).build();
      const unsnooze = { id: 'd2', tenantId: 't1', actionId: id, decidedAt: daysBefore(NOW, 1), outcome: 'snoozed' as const, until: '2026-03-01' };
      expect(planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: plays(followUpPlay), decisions: [unsnooze] }).map((a) => a.id)).toEqual([id]);
    });
  });

  describe('compliance ledger', () => {
    const playbook: Playbook = {
      ...defaultPlaybook,
      compliance: { ...defaultPlaybook.compliance, annualCapPerPhysician: 10_000, actionCostEstimates: { 'follow-up': 2_000 } },
    };
    const build = (spent: number) =>
      scenario()
        .office('o')
        .contact('dr', 'o', 'physician', { name: 'Dr. Ames' })
        .contact('rn', 'o', 'nurse')
        .touch('lunch', 'o', '2026-01-15T18:00:00Z', { contactIds: ['dr', 'rn'], cost: { amount: spent, description: 'lunch' } })
        .touch('t', 'o', '2026-03-01T18:00:00Z', { contactIds: ['dr'] })
        .build();
    const JUNE = '2026-06-15T17:00:00Z'; // 106 days after the last contact: due

    it('warns when a proposed action would cross the yearly cap for a physician', () => {
      const [action] = planActions({ snapshot: build(9_000), playbook, now: JUNE, plays: plays(followUpPlay) });
      expect(action?.warnings).toEqual([
        {
          code: 'compliance-over-cap',
          contactId: 'dr',
          message: 'Dr. Ames: 90.00 USD spent this year; this follow-up (about 20.00 USD) would cross the yearly cap of 100.00 USD.',
        },
      ]);
    });

    it('warns when it would come within the warning fraction', () => {
      const [action] = planActions({ snapshot: build(7_000), playbook, now: JUNE, plays: plays(followUpPlay) });
      expect(action?.warnings.map((w) => w.code)).toEqual(['compliance-near-cap']);
    });

    it("lists a play's own warnings before the compliance warnings", () => {
      const schema = z.strictObject({ enabled: z.boolean(), scoreWeight: z.number().min(0) });
      const cautious = definePlay({
        id: 'cautious',
        title: 'Cautious',
        policy: definePolicy({ id: 'cautious', schema, defaults: { enabled: true, scoreWeight: 0 } }),
        plan: (history, ctx) => [
          {
            kind: 'follow-up', // priced at 20.00 USD by this playbook
            officeId: history.office.id,
            contactIds: ['dr'],
            due: ctx.today,
            priority: 10,
            title: 'Take Dr. Ames to lunch',
            anchor: 'lunch',
            outreach: false,
            explanation: { rule: 'cautious/lunch', summary: 'Lunch.', policy: {}, facts: {}, evidence: [] },
            warnings: [{ code: 'message-too-long', message: 'Shorten the speech before the lunch.' }],
          },
        ],
        score: () => ({ score: null, reasons: [], facts: {}, evidence: [] }),
      });
      const [action] = planActions({ snapshot: build(9_000), playbook, now: JUNE, plays: plays(cautious) });
      expect(action?.warnings).toEqual([
        { code: 'message-too-long', message: 'Shorten the speech before the lunch.' },
        {
          code: 'compliance-over-cap',
          contactId: 'dr',
          message: 'Dr. Ames: 90.00 USD spent this year; this follow-up (about 20.00 USD) would cross the yearly cap of 100.00 USD.',
        },
      ]);
    });

    it('says nothing while well under the cap, or for spending in another year', () => {
      expect(planActions({ snapshot: build(1_000), playbook, now: JUNE, plays: plays(followUpPlay) })[0]?.warnings).toEqual([]);
      expect(planActions({ snapshot: build(9_000), playbook, now: '2027-05-10T18:00:00Z', plays: plays(followUpPlay) })[0]?.warnings).toEqual([]);
    });
  });

  it('orders by due date, then priority, then play, office and id', () => {
    const snapshot = scenario()
      .office('b', { tags: ['birthday-march'] })
      .office('a', { tags: ['birthday-march'] })
      .touch('t1', 'a', daysBefore(NOW, 200))
      .touch('t2', 'b', daysBefore(NOW, 100))
      .build();
    const actions = planActions({ snapshot, playbook: defaultPlaybook, now: NOW, plays: plays(followUpPlay, birthdayPlay) });
    expect(actions.map((a) => [a.due, a.play, a.officeId])).toEqual([
      ['2025-11-12', 'follow-up', 'a'], // 2025-08-14 + 90 days
      ['2026-02-20', 'follow-up', 'b'],
      ['2026-03-02', 'birthday-cards', 'a'],
      ['2026-03-02', 'birthday-cards', 'b'],
    ]);
  });

  it('rejects a bad moment with a typed error', () => {
    const snapshot = scenario().office('o').build();
    expect(() => planActions({ snapshot, playbook: defaultPlaybook, now: 'tomorrow', plays: plays(followUpPlay) })).toThrow(/\[referwell\]/);
  });

  describe('with a plan cache', () => {
    /** The birthday play, choosing among offices: the two whose names sort last. */
    const choices: number[] = [];
    const pickTwo = {
      ...birthdayPlay,
      select(drafts: readonly { readonly title: string }[]) {
        choices.push(drafts.length);
        return [...drafts].sort((a, b) => (a.title < b.title ? 1 : a.title > b.title ? -1 : 0)).slice(0, 2);
      },
    } as unknown as Play;
    const build = () => {
      let s = scenario();
      for (const id of ['o1', 'o2', 'o3', 'o4']) s = s.office(id, { tags: ['birthday-march'] });
      return indexSnapshot(s.build());
    };
    const replaced = (index: ReturnType<typeof build>, id: string, patch: (history: OfficeHistory) => OfficeHistory) => {
      const offices = new Map(index.offices);
      offices.set(id, patch(offices.get(id)!));
      return { ...index, offices };
    };
    const options = { playbook: defaultPlaybook, now: NOW, plays: [followUpPlay as unknown as Play, pickTwo] };

    it('gives each office what planIndex gives, and re-chooses only when the drafts it chose among changed', () => {
      choices.length = 0;
      const cache = createPlanCache();
      const first = build();
      const check = (index: ReturnType<typeof build>) => {
        for (const id of ['o1', 'o2', 'o3', 'o4']) {
          expect(planIndexWith({ ...options, index, officeIds: [id] }, cache), id).toEqual(planIndex({ ...options, index, officeIds: [id] }));
        }
        expect(planIndexWith({ ...options, index }, cache)).toEqual(planIndex({ ...options, index }));
      };
      check(first);
      const chosen = choices.length;
      // A rebuilt history with the same records gives equal drafts: the choice stands.
      const same = replaced(first, 'o2', (history) => ({ ...history }));
      check(same);
      expect(choices.length).toBe(chosen + 5); // planIndex's own five calls only
      // A renamed office changes its draft: the play chooses again, and o1 is now among the best.
      const renamed = replaced(same, 'o1', (history) => ({ ...history, office: { ...history.office, name: 'Zephyr Clinic' } }));
      check(renamed);
      expect(choices.length).toBe(chosen + 5 + 6); // and one by the cached plan
      expect(planIndexWith({ ...options, index: renamed, officeIds: ['o1'] }, cache).map((a) => a.kind)).toContain('birthday-card');
      // An office leaving the planning lifecycles drops out of the choice.
      const closed = replaced(renamed, 'o4', (history) => ({ ...history, office: { ...history.office, lifecycle: 'closed' } }));
      check(closed);
      expect(planIndexWith({ ...options, index: closed }, cache).map((a) => a.officeId)).not.toContain('o4');
    });
  });

  it('plans a whole practice the same office by office (no cache) as play by play (with one)', () => {
    for (const seed of [1, 2, 3]) {
      const snapshot = generatePractice({ seed, offices: 40, now: NOW, touchpoints: 3000, referrals: 300 });
      const index = indexSnapshot(snapshot);
      const plain = planActions({ snapshot, playbook: defaultPlaybook, now: NOW });
      expect(plain.length).toBeGreaterThan(0);
      expect(planIndexWith({ index, playbook: defaultPlaybook, now: NOW }, createPlanCache())).toEqual(plain);
      // One office alone, through the cache, is the full plan filtered to it.
      const [first] = plain;
      expect(planIndexWith({ index, playbook: defaultPlaybook, now: NOW, officeIds: [first!.officeId] }, createPlanCache())).toEqual(
        plain.filter((action) => action.officeId === first!.officeId),
      );
    }
  });
});
