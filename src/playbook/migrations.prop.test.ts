import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReferwellError } from '../errors';
import { migratePlaybook } from './migrations';
import { parsePlaybook } from './parse';
import { defaultPlaybook } from './playbook';

/** 200 by default; `REFERWELL_FUZZ_RUNS=10000 npx vitest run src/playbook/migrations.prop.test.ts` is the dedicated run. */
const RUNS = Number(process.env.REFERWELL_FUZZ_RUNS ?? 200);

const section = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()));
const lifecycles = fc.oneof(
  fc.uniqueArray(fc.constantFrom('prospect', 'active', 'dormant', 'closed'), { minLength: 1 }),
  fc.jsonValue(),
);

/** Version 1 shaped documents: educate with or without lifecycles, other plays and sections random or default. */
const v1Documents = fc.record(
  {
    version: fc.constantFrom<unknown>(1, 1, 1, 2, 3, '1', undefined),
    extends: fc.constantFrom<unknown>(undefined, 'referwell:default', 'referwell:other', 7),
    $schema: fc.constantFrom<unknown>(undefined, 'https://referwell.dev/schemas/playbook/v1.json', 5),
    plays: fc.oneof(
      fc.record(
        {
          educate: fc.oneof(
            fc.record({ enabled: fc.boolean(), elevatorSpeechMaxWords: fc.nat(), lifecycles }, { requiredKeys: [] }),
            fc.jsonValue(),
          ),
          ask: fc.oneof(fc.constant(structuredClone(defaultPlaybook.plays.ask)), section),
          'thank-you': fc.oneof(fc.constant(structuredClone(defaultPlaybook.plays['thank-you'])), section),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    ),
    planning: fc.oneof(fc.constant(undefined), section, fc.record({ lifecycles }, { requiredKeys: [] })),
    sources: fc.oneof(fc.constant(undefined), section),
    compliance: fc.oneof(fc.constant(structuredClone(defaultPlaybook.compliance)), section),
  },
  { requiredKeys: [] },
);

describe('migratePlaybook and parsePlaybook on version 1 documents (property)', () => {
  it('never throw, never mutate the input, and fail only with a typed ValidationError', () => {
    fc.assert(
      fc.property(v1Documents, (document) => {
        const before = fc.stringify(document);
        for (const result of [migratePlaybook(document), parsePlaybook(document)]) {
          if (!result.ok) {
            expect(ReferwellError.isInstance(result.error)).toBe(true);
            expect(result.error.code).toBe('validation-failed');
            expect(result.error.issues.length).toBeGreaterThan(0);
          }
        }
        expect(fc.stringify(document)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('move educate lifecycles to planning whenever planning has none of its own', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('prospect', 'active', 'dormant', 'closed'), { minLength: 1 }),
        fc.boolean(),
        (moved, withExtends) => {
          const document = {
            version: 1,
            ...(withExtends ? { extends: 'referwell:default' } : {}),
            plays: { educate: { enabled: true, elevatorSpeechMaxWords: 90, lifecycles: moved } },
          };
          const result = migratePlaybook(document);
          if (!result.ok) throw result.error;
          expect((result.value.document['planning'] as { lifecycles: unknown }).lifecycles).toEqual(moved);
          expect('lifecycles' in ((result.value.document['plays'] as Record<string, object>)['educate'] ?? {})).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
