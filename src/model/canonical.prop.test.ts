import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePractice } from '../testing/generator';
import { isCanonicalTouchpoint } from './canonical';
import { touchpointSchema } from './touchpoint';

const { touchpoints } = generatePractice({ seed: 3, offices: 20, now: '2026-03-02T14:00:00Z' });

/** Values to put into a field: valid ones, near misses and nonsense. */
const anyValue = fc.oneof(
  fc.constantFrom('', ' ', 'in-person', 'phone', 'follow-up', 'ask', 'off-1', ' off-1', 'a\u0000b', '\uD800', 'é', '2026-03-02T15:00:00Z'),
  fc.constantFrom('2026-02-30T15:00:00Z', '2026-03-02T15:00:00.5Z', '2026-03-02T15:00:00+01:00', '2026-03-02'),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, 1, 45),
  fc.constantFrom(null, true, [], {}, ['phone'], ['follow-up', 'follow-up'], { cards: 3 }, { cards: 3, brochures: 0 }),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.array(fc.constantFrom('follow-up', 'ask', 'x', ''), { maxLength: 3 }),
);

const keys = fc.constantFrom(
  'id', 'tenantId', 'officeId', 'contactIds', 'clinicianId', 'at', 'channel', 'purposes', 'minutes',
  'collateral', 'messageVersion', 'resources', 'cost', 'notes', 'extra',
);

describe('isCanonicalTouchpoint', () => {
  it('accepts the schema output of every generated touchpoint', () => {
    for (const touchpoint of touchpoints) {
      const stored = JSON.parse(JSON.stringify(touchpointSchema.parse(touchpoint)));
      expect(isCanonicalTouchpoint(stored)).toBe(true);
    }
  });

  it('never accepts a value the schema rejects or changes (mutated touchpoints)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...touchpoints),
        fc.array(fc.tuple(keys, fc.option(anyValue, { nil: undefined })), { minLength: 1, maxLength: 3 }),
        (touchpoint, edits) => {
          const value: Record<string, unknown> = JSON.parse(JSON.stringify(touchpoint));
          for (const [key, field] of edits) {
            if (field === undefined) delete value[key];
            else value[key] = field;
          }
          const copy = JSON.parse(JSON.stringify(value));
          const shared = new Map<string, readonly string[]>();
          const share = (list: readonly string[]) => {
            const key = list.join('\u0000');
            const found = shared.get(key) ?? Object.freeze([...list]);
            shared.set(key, found);
            return found;
          };
          const canonical = isCanonicalTouchpoint(copy, share);
          const parsed = touchpointSchema.safeParse(value);
          if (canonical) {
            expect(parsed.success).toBe(true);
            expect(parsed.data).toEqual(value);
            // Sharing lists leaves the value equal to what it was.
            expect(copy).toEqual(value);
          }
          // ...whatever the answer.
          expect(copy).toEqual(value);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('only reads a value when no interning function is given', () => {
    const touchpoint = Object.freeze(JSON.parse(JSON.stringify(touchpoints[0])));
    expect(isCanonicalTouchpoint(touchpoint)).toBe(true);
  });

  it('refuses a value that is not a plain object', () => {
    expect(isCanonicalTouchpoint(null)).toBe(false);
    expect(isCanonicalTouchpoint([touchpoints[0]])).toBe(false);
    expect(isCanonicalTouchpoint(Object.assign(Object.create({ polluted: true }), touchpoints[0]))).toBe(false);
  });
});
