import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReferwellError } from '../errors';
import { toJsonPointer } from '../model/result';
import { parsePlaybook } from './parse';
import { defaultPlaybook } from './playbook';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** 200 by default; `REFERWELL_FUZZ_RUNS=10000 npx vitest run src/playbook/parse.prop.test.ts` is the dedicated run. */
const RUNS = Number(process.env.REFERWELL_FUZZ_RUNS ?? 200);

/** Every path inside the default playbook, the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

const defaultJson = JSON.parse(JSON.stringify(defaultPlaybook)) as Json;
const paths = pathsOf(defaultJson);
/** Paths that go through objects only: what `extends` completes (arrays are taken whole). */
const objectPaths = paths.filter((path) => path.every((key) => typeof key === 'string') && path[0] !== 'version');

type Mutation =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'delete'; path: Path }
  | { kind: 'add'; path: Path; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    path: fc.constantFrom(...paths),
    value: fc.oneof(fc.jsonValue(), fc.anything({ withBigInt: true, withMap: true, withDate: true })),
  }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...paths) }),
  fc.record({
    kind: fc.constant('add' as const),
    path: fc.constantFrom([], ...paths),
    key: fc.string(),
    value: fc.jsonValue(),
  }),
);

/** Returns `node` with `change` applied to its copy at `path`; the rest is shared, nothing is mutated. */
function updateAt(node: unknown, path: Path, change: (parent: unknown) => unknown): unknown {
  if (path.length === 0) return change(node);
  const [key, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[key as number] = updateAt(copy[key as number], rest, change);
    return copy;
  }
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string | number, unknown>;
    return { ...record, [key]: updateAt(record[key], rest, change) };
  }
  return node;
}

function withKey(parent: unknown, key: string | number, value: unknown, remove = false): unknown {
  if (Array.isArray(parent)) {
    const copy = [...parent];
    if (remove) copy.splice(Number(key), 1);
    else copy[Number(key)] = value;
    return copy;
  }
  if (typeof parent !== 'object' || parent === null) return parent;
  const copy: Record<string | number, unknown> = { ...(parent as Record<string | number, unknown>) };
  if (remove) delete copy[key];
  else copy[key] = value;
  return copy;
}

function applyMutation(document: unknown, change: Mutation): unknown {
  if (change.kind === 'add') return updateAt(document, change.path, (node) => withKey(node, change.key, change.value));
  const key = change.path.at(-1)!;
  return updateAt(document, change.path.slice(0, -1), (parent) =>
    withKey(parent, key, change.kind === 'set' ? change.value : undefined, change.kind === 'delete'),
  );
}

/** parsePlaybook's contract on any input: no throw, a Result, pointers that match paths. */
function checkContract(input: unknown): void {
  const result = parsePlaybook(input);
  if (result.ok) {
    expect(Object.isFrozen(result.value)).toBe(true);
    expect('extends' in result.value).toBe(false);
    return;
  }
  expect(ReferwellError.isInstance(result.error)).toBe(true);
  expect(result.error.code).toBe('validation-failed');
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(issue.pointer).toBe(toJsonPointer(issue.path));
    expect(typeof issue.message).toBe('string');
  }
}

describe('parsePlaybook (property)', () => {
  it('never throws on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), checkContract), { numRuns: RUNS });
  });

  it('never throws on arbitrary JavaScript values', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true }), checkContract),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary mutations of the default playbook, with or without extends', () => {
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom(undefined, 1, 2),
        (changes, withExtends, version) => {
          let document: unknown = defaultJson;
          for (const change of changes) document = applyMutation(document, change);
          if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
            // Version 1 runs the same documents through the migration first.
            const record = document as Record<string, unknown>;
            document = {
              ...record,
              ...(version === undefined ? {} : { version }),
              ...(withExtends ? { extends: 'referwell:default' } : {}),
            };
          }
          checkContract(document);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('accepts any subset of the default playbook when it extends the default', () => {
    fc.assert(
      fc.property(fc.subarray(objectPaths), (removed) => {
        let document: unknown = defaultJson;
        for (const path of removed) document = applyMutation(document, { kind: 'delete', path });
        const result = parsePlaybook({ ...(document as object), extends: 'referwell:default', version: 2 });
        expect(result.ok).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
