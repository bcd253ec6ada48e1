import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallPractice } from '../../test/fixtures';
import { buildOfficeHistory, indexSnapshot } from './history';
import { unwrap } from './result';
import { parseSnapshot } from './snapshot';
import type { Touchpoint } from './touchpoint';

const base = unwrap(parseSnapshot(smallPractice()));
const template = base.touchpoints[0]!;

/** Touchpoints of one office: times on a few minutes (many ties), ids often repeated across times. */
const touchpoints = fc.array(
  fc.record({ minute: fc.integer({ min: 0, max: 40 }), id: fc.integer({ min: 0, max: 300 }), fraction: fc.boolean() }),
  // Long lists too: more than 32 places out of order takes another sorting path.
  { maxLength: 400, size: 'large' },
);

/** Lists nearly in order (a few records moved), in order, or shuffled. */
const arrangement = fc.constantFrom('as-generated', 'sorted', 'nearly-sorted', 'reversed');

describe('indexSnapshot ordering', () => {
  it('lists records by time, then id, whatever order they arrive in', () => {
    fc.assert(
      fc.property(touchpoints, arrangement, fc.nat(), (specs, order, seed) => {
        const unique = new Map<string, Touchpoint>();
        for (const { minute, id, fraction } of specs) {
          const at = new Date(Date.UTC(2026, 0, 5, 15, minute)).toISOString().replace('.000Z', fraction ? '.000Z' : 'Z');
          unique.set(`tp-${id}`, { ...template, id: `tp-${id}`, at });
        }
        let list = [...unique.values()];
        const byTime = (a: Touchpoint, b: Touchpoint) =>
          Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        if (order === 'sorted') list.sort(byTime);
        if (order === 'reversed') list.sort(byTime).reverse();
        if (order === 'nearly-sorted' && list.length > 1) {
          list.sort(byTime);
          const [moved] = list.splice(seed % list.length, 1);
          list.splice((seed >> 3) % list.length, 0, moved!);
        }
        const index = indexSnapshot({ ...base, touchpoints: list });
        const got = index.offices.get(template.officeId)!.touchpoints;
        const want = [...list].sort(byTime);
        expect(got.map((entry) => entry.record)).toEqual(want);
        expect(got.map((entry) => entry.at)).toEqual(want.map((record) => Date.parse(record.at)));
        for (let i = 0; i < got.length; i += 1) expect(got[i]!.record).toBe(want[i]);
        // The parallel lists hold the same order; the view pairs them.
        const history = index.offices.get(template.officeId)!;
        expect(history.touchpointRecords).toEqual(want);
        expect(history.touchpointTimes).toEqual(want.map((record) => Date.parse(record.at)));
        // One office's history built alone (as the desk builds it) is the same.
        const alone = buildOfficeHistory(history.office, history.context, { contacts: history.contacts, touchpoints: list, referrals: [], thankYous: [] });
        expect(alone.touchpointRecords).toEqual(want);
        expect(alone.touchpointTimes).toEqual(history.touchpointTimes);
      }),
      { numRuns: 500 },
    );
  });

  it('groups touchpoints by office however the offices interleave', () => {
    const offices = base.offices.map((office) => office.id);
    fc.assert(
      fc.property(fc.array(fc.record({ office: fc.nat(offices.length - 1), minute: fc.nat(59) }), { maxLength: 200 }), (specs) => {
        const list = specs.map(({ office, minute }, i): Touchpoint => ({
          ...template,
          id: `tp-${String(i).padStart(3, '0')}`,
          officeId: offices[office]!,
          at: new Date(Date.UTC(2026, 0, 5, 15, minute)).toISOString(),
        }));
        const index = indexSnapshot({ ...base, touchpoints: list });
        const byTime = (a: Touchpoint, b: Touchpoint) =>
          Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        for (const id of offices) {
          const mine = list.filter((touchpoint) => touchpoint.officeId === id).sort(byTime);
          const history = index.offices.get(id)!;
          expect(history.touchpointRecords).toEqual(mine);
          expect(history.touchpointTimes).toEqual(mine.map((touchpoint) => Date.parse(touchpoint.at)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
