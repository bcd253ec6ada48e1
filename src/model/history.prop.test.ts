import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallPractice } from '../../test/fixtures';
import { indexSnapshot } from './history';
import { unwrap } from './result';
import { parseSnapshot } from './snapshot';
import type { Touchpoint } from './touchpoint';

const base = unwrap(parseSnapshot(smallPractice()));
const template = base.touchpoints[0]!;

/** Touchpoints of one office: times on a few minutes (many ties), ids often repeated across times. */
const touchpoints = fc.array(
  fc.record({ minute: fc.integer({ min: 0, max: 40 }), id: fc.integer({ min: 0, max: 60 }), fraction: fc.boolean() }),
  { maxLength: 400 },
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
      }),
      { numRuns: 500 },
    );
  });
});
