import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../adapters/memory/index';
import { ReferwellError } from '../../errors';
import { toJsonPointer } from '../../model/result';
import type { ReferwellStore } from '../../store/store';
import { toFhirBundle } from './bundle';
import { practiceRecordsArb } from './fhir-test-support';
import { importReferralBundle } from './import-bundle';
import { FhirValidationError } from './issues';

// Fuzz: `REFERWELL_FUZZ_RUNS=10000 npx vitest run src/interop/fhir/import-bundle.prop.test.ts`.
const RUNS = Number(process.env.REFERWELL_FUZZ_RUNS ?? 200);
const TIMEOUT = Math.max(30_000, RUNS * 30);
const T = 't1';

type Path = (string | number)[];

async function storedCount(store: ReferwellStore): Promise<number> {
  let count = 0;
  for (const kind of ['office', 'contact', 'referral'] as const) count += (await store.list(kind)).records.length;
  return count;
}

/**
 * Imports `input` into a fresh store and checks the contract: a value or a
 * FhirValidationError (or, from the store, a ReferwellError), never another
 * exception; on rejection nothing stored; on success exactly the records returned.
 */
async function checkImport(input: unknown): Promise<boolean> {
  const store = memoryStore({ tenantId: T });
  let result: Awaited<ReturnType<typeof importReferralBundle>>;
  try {
    result = await importReferralBundle(input, { tenantId: T, store });
  } catch (error) {
    expect(ReferwellError.isInstance(error), String(error)).toBe(true);
    expect(await storedCount(store)).toBe(0);
    return false;
  }
  if (result.ok) {
    const { offices, contacts, referrals } = result.value;
    expect(await storedCount(store)).toBe(offices.length + contacts.length + referrals.length);
    return true;
  }
  expect(result.error).toBeInstanceOf(FhirValidationError);
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(typeof issue.resource).toBe('string');
    expect(issue.resource.length).toBeGreaterThan(0);
    expect(issue.pointer).toBe(toJsonPointer(issue.path));
    expect(issue.message.length).toBeGreaterThan(0);
  }
  expect(await storedCount(store)).toBe(0);
  return false;
}

/** Every path inside a JSON value, the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

type Mutation = { kind: 'set'; path: Path; value: unknown } | { kind: 'delete'; path: Path };

/** Returns a copy of `node` with `mutation` applied (nothing is mutated in place). */
function mutate(node: unknown, path: Path, mutation: Mutation): unknown {
  if (path.length === 0) return mutation.kind === 'set' ? mutation.value : undefined;
  const [key, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(node)) {
    const copy = [...node];
    if (rest.length === 0 && mutation.kind === 'delete') copy.splice(key as number, 1);
    else copy[key as number] = mutate(copy[key as number], rest, mutation);
    return copy;
  }
  if (typeof node === 'object' && node !== null) {
    const copy = { ...(node as Record<string, unknown>) };
    if (rest.length === 0 && mutation.kind === 'delete') delete copy[key];
    else copy[key] = mutate(copy[key], rest, mutation);
    return copy;
  }
  return node;
}

/** Values that FHIR readers trip on. */
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true }),
  fc.constantFrom(
    '',
    ' ',
    '#contained',
    'Organization/nowhere',
    'PractitionerRole/rwh.x',
    'urn:uuid:00000000-0000-4000-8000-000000000000',
    'http://x/fhir/Organization/a/_history/2',
    '2026-02-30T10:00:00Z',
    '2026-03-02T10:00:00+14:30',
    '2026-03-02',
    '5.1.2',
    'in-progress',
    'urn:referwell:office',
    'urn:referwell:extension:intake-step',
    '__proto__',
    'constructor',
    -0,
    Number.NaN,
    1e308,
    [],
    {},
  ),
);

const exported = practiceRecordsArb(T).map(
  ({ offices, contacts, referrals }) =>
    JSON.parse(JSON.stringify(toFhirBundle({ offices, contacts, referrals }, { type: 'transaction' }))) as unknown,
);

describe('importReferralBundle on random and malformed input', () => {
  it(
    'never throws on random JSON or values',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.jsonValue(), fc.anything({ withBigInt: true, withMap: true, withDate: true })),
          async (input) => {
            await checkImport(input);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on random bundle-shaped input',
    async () => {
      const resource = fc.record(
        {
          resourceType: fc.constantFrom(
            'Organization',
            'Practitioner',
            'PractitionerRole',
            'ServiceRequest',
            'Task',
            'Patient',
            'Basic',
          ),
          id: fc.oneof(fc.string(), nasty),
          identifier: fc.array(
            fc.record({
              system: fc.constantFrom('urn:referwell:office', 'urn:referwell:contact', 'urn:referwell:referral', 'x'),
              value: nasty,
            }),
            { maxLength: 2 },
          ),
          extension: fc.array(
            fc.record({
              url: fc.oneof(
                fc.constantFrom('urn:referwell:extension:intake-step', 'urn:referwell:extension:referring-office'),
                fc.string(),
              ),
              valueString: nasty,
              extension: nasty,
            }),
            { maxLength: 2 },
          ),
          requester: nasty,
          focus: nasty,
          organization: nasty,
          practitioner: nasty,
          status: nasty,
          intent: nasty,
          subject: nasty,
          authoredOn: nasty,
          name: nasty,
        },
        { requiredKeys: ['resourceType'] },
      );
      const bundle = fc.record({
        resourceType: fc.constant('Bundle'),
        type: fc.constantFrom('transaction', 'collection', 'batch'),
        entry: fc.array(
          fc.record(
            { fullUrl: fc.oneof(fc.string(), nasty), resource, request: nasty },
            { requiredKeys: ['resource'] },
          ),
          { maxLength: 6 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(bundle, async (input) => {
          await checkImport(input);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on mutated valid bundles, and stores all or nothing',
    async () => {
      const mutated = exported.chain((bundle) => {
        const paths = pathsOf(bundle);
        const mutation: fc.Arbitrary<Mutation> = fc.oneof(
          fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...paths), value: nasty }),
          fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...paths) }),
        );
        return fc
          .array(mutation, { minLength: 1, maxLength: 3 })
          .map((mutations) => mutations.reduce<unknown>((node, m) => mutate(node, m.path, m), bundle));
      });
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(mutated, async (input) => {
          if (await checkImport(input)) accepted += 1;
        }),
        { numRuns: RUNS },
      );
      // Some mutations keep a bundle valid (a changed name, a deleted optional element).
      expect(accepted).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    'accepts every valid exported bundle',
    async () => {
      await fc.assert(
        fc.asyncProperty(exported, async (bundle) => {
          expect(await checkImport(bundle)).toBe(true);
        }),
        { numRuns: Math.max(20, Math.round(RUNS / 4)) },
      );
    },
    TIMEOUT,
  );
});
