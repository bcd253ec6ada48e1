/**
 * Reading and writing playbook documents: {@link parsePlaybook} turns untrusted
 * input (parsed JSON) into a validated, resolved, frozen {@link Playbook}, and
 * {@link serializePlaybook} writes one back as stable JSON.
 *
 * The rules `parsePlaybook` applies:
 *
 * 1. The input must be a JSON object (plain data: objects, arrays, strings,
 *    numbers, booleans, null). Circular references, properties whose getter
 *    throws and non-plain objects (Date, Map, class instances) are reported as
 *    issues, never thrown.
 * 2. `version` must be one of {@link SUPPORTED_PLAYBOOK_VERSIONS} (1 or 2). A
 *    document declaring another version — e.g. a newer one — is rejected at once
 *    with a single issue that says which versions this release reads (the rest
 *    of a document in an unknown format is not judged).
 * 3. A document of an older version is first migrated to {@link PLAYBOOK_VERSION}
 *    by the format migrations (`playbookMigrations`); what follows applies to the
 *    migrated document, and problems are reported at their place in the document
 *    as given (e.g. a version 1 `/plays/educate/lifecycles`, which version 2 keeps
 *    in `/planning/lifecycles`).
 * 4. Without `extends`, the document must be complete: every play and every field.
 * 5. With `"extends": "referwell:default"`, `plays`, `planning`, `sources` and `compliance` are completed
 *    from {@link defaultPlaybook} by deep merge — objects merged key by key, arrays
 *    and scalar values replaced whole — and the merged result is validated
 *    strictly, cross-field rules included. `version` is still required; `name`
 *    and `$schema` are never taken from the default.
 * 6. Unknown keys are rejected by name at any depth.
 * 7. Every problem found is reported, each with its path and JSON Pointer.
 *
 * @module
 */
import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';
import { fromZodIssues, toJsonPointer, type Result } from '../model/result';
import { deepFreeze } from './deep-freeze';
import { migrateWith, playbookMigrations } from './migrations';
import { isPlainObject, type PlainRecord } from './plain-object';
import {
  DEFAULT_PLAYBOOK_BASE,
  defaultPlaybook,
  describeSupportedVersions,
  PLAYBOOK_VERSION,
  playbookSchema,
  SUPPORTED_PLAYBOOK_VERSIONS,
  type Playbook,
} from './playbook';

export { playbookJsonSchema } from './json-schema';

/** Objects nested deeper than this are not read; no valid playbook comes close. */
const MAX_DEPTH = 32;
/** Arrays longer than this are not read; no valid playbook comes close. */
const MAX_ITEMS = 10_000;

type Path = (string | number)[];

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `a ${name}` : 'a non-plain object';
  }
  return `a ${typeof value}`;
}

function issueAt(path: Path, message: string, code: string): ValidationIssue {
  return { path, pointer: toJsonPointer(path), message, code };
}

function errorMessage(cause: unknown): string {
  try {
    return cause instanceof Error ? cause.message : String(cause);
  } catch {
    return 'unknown error';
  }
}

/**
 * Copies `input` into fresh plain data the rest of the parser can read without
 * surprises: no getters run twice, no cycles, no prototypes (null-prototype
 * objects, so a `__proto__` key is just a key). What cannot be copied becomes an
 * issue and `undefined`.
 */
function snapshotInput(input: unknown): { value: unknown; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const ancestors = new Set<object>();

  const copy = (value: unknown, path: Path): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (ancestors.has(value)) {
      issues.push(issueAt(path, 'circular reference: a playbook must be plain JSON data', 'circular_reference'));
      return undefined;
    }
    if (path.length > MAX_DEPTH) {
      issues.push(issueAt(path, `nested more than ${MAX_DEPTH} levels deep`, 'too_deep'));
      return undefined;
    }
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) {
      issues.push(issueAt(path, `expected plain JSON data, received ${describeValue(value)}`, 'invalid_type'));
      return undefined;
    }
    ancestors.add(value);
    try {
      if (isArray) {
        const length = value.length;
        if (length > MAX_ITEMS) {
          issues.push(issueAt(path, `has more than ${MAX_ITEMS} items`, 'too_big'));
          return undefined;
        }
        const out: unknown[] = [];
        for (let index = 0; index < length; index += 1) {
          out.push(read(value, index, path));
        }
        return out;
      }
      const out: PlainRecord = Object.create(null) as PlainRecord;
      for (const key of Object.keys(value)) {
        out[key] = read(value, key, path);
      }
      return out;
    } catch (cause) {
      issues.push(issueAt(path, `could not be read: ${errorMessage(cause)}`, 'unreadable'));
      return undefined;
    } finally {
      ancestors.delete(value);
    }
  };

  const read = (container: object, key: string | number, path: Path): unknown => {
    const childPath = [...path, key];
    let child: unknown;
    try {
      child = (container as Record<string | number, unknown>)[key];
    } catch (cause) {
      issues.push(issueAt(childPath, `could not be read: ${errorMessage(cause)}`, 'unreadable'));
      return undefined;
    }
    return copy(child, childPath);
  };

  return { value: copy(input, []), issues };
}

/**
 * Completes `patch` from `base`: objects merged key by key (keys of `patch`
 * absent from `base` kept, so strict validation can name them), arrays and scalar
 * values of `patch` replacing those of `base` whole, `undefined` meaning absent.
 */
function completeFrom(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: PlainRecord = Object.create(null) as PlainRecord;
  for (const key of Object.keys(base)) {
    out[key] = completeFrom(base[key], Object.hasOwn(patch, key) ? patch[key] : undefined);
  }
  for (const key of Object.keys(patch)) {
    if (!Object.hasOwn(base, key)) out[key] = patch[key];
  }
  return out;
}

/** Whether `path` is `prefix` or lies under it. */
function isWithin(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((token, index) => path[index] === token);
}

function failure(issues: readonly ValidationIssue[], cause?: unknown): Result<Playbook> {
  const options = cause === undefined ? undefined : { cause };
  return { ok: false, error: new ValidationError('playbook', issues, options) };
}

/**
 * Validates a playbook document and resolves it into a {@link Playbook}.
 *
 * - Without `extends`, the document must be complete: every play and every field.
 * - With `"extends": "referwell:default"`, missing plays and fields are completed
 *   from {@link defaultPlaybook} by deep merge (objects merged key by key, arrays
 *   and scalar values replaced whole), then the result is validated strictly.
 *   Only `plays`, `planning`, `sources` and `compliance` are completed; `version` is always required.
 * - `version` must be one of {@link SUPPORTED_PLAYBOOK_VERSIONS}; a document of
 *   an older version is migrated to {@link PLAYBOOK_VERSION} first (see
 *   `migratePlaybook`), a newer one is refused, naming the versions this release
 *   reads.
 * - Unknown keys are rejected by name at any depth.
 * - Every problem is reported, each with its path and JSON Pointer (RFC 6901).
 *
 * Never throws: non-objects, cyclic objects, throwing getters, BigInts and the
 * like all come back as a failure.
 *
 * @param input - The document, as parsed from JSON (not the JSON text).
 * @returns The resolved playbook — deeply frozen, without `extends` — or a
 *   {@link ValidationError} listing every problem.
 * @example
 * ```ts
 * const result = parsePlaybook({
 *   version: 2,
 *   extends: 'referwell:default',
 *   plays: { 'follow-up': { targetDays: 100 } },
 * });
 * if (result.ok) result.value.plays['follow-up'].dueSoonDays;
 * //=> 76 (completed from the default)
 *
 * const broken = parsePlaybook({ version: 2, extends: 'referwell:default', plays: { 'follow-up': { targetDays: 60 } } });
 * if (!broken.ok) broken.error.issues.map((issue) => issue.pointer);
 * //=> ['/plays/follow-up/targetDays'] (60 is not after the default dueSoonDays, 76)
 *
 * // A version 1 document is migrated first; problems point into it as written.
 * const old = parsePlaybook({ version: 1, extends: 'referwell:default', plays: { educate: { lifecycles: [] } } });
 * if (!old.ok) old.error.issues.map((issue) => issue.pointer);
 * //=> ['/plays/educate/lifecycles']
 * ```
 * @category Playbook
 */
export function parsePlaybook(input: unknown): Result<Playbook> {
  try {
    return parseSnapshot(input);
  } catch (cause) {
    return failure([issueAt([], `could not be validated: ${errorMessage(cause)}`, 'custom')], cause);
  }
}

function parseSnapshot(input: unknown): Result<Playbook> {
  const snapshot = snapshotInput(input);
  const document = snapshot.value;
  if (!isPlainObject(document)) {
    if (snapshot.issues.length > 0) return failure(snapshot.issues);
    const hint = typeof document === 'string' ? ' (parse the JSON text first, e.g. with JSON.parse)' : '';
    return failure([issueAt([], `a playbook must be a JSON object, received ${describeValue(document)}${hint}`, 'invalid_type')]);
  }

  const version = document['version'];
  if (typeof version === 'number' && !SUPPORTED_PLAYBOOK_VERSIONS.includes(version)) {
    return failure([
      issueAt(
        ['version'],
        `unsupported playbook version ${version}: this release of referwell reads ${describeSupportedVersions()}`,
        'unsupported_version',
      ),
    ]);
  }

  let current: PlainRecord = document;
  let sourcePath = (path: Path): readonly (string | number)[] => path;
  if (typeof version === 'number' && version < PLAYBOOK_VERSION) {
    const migrated = migrateWith(document, playbookMigrations, PLAYBOOK_VERSION, describeSupportedVersions());
    if (!migrated.ok) return failure(mergeIssues(snapshot.issues, migrated.error.issues), migrated.error);
    current = migrated.value.document as PlainRecord;
    sourcePath = migrated.value.sourcePath;
  }

  const extendsDefault = current['extends'] !== undefined;
  const candidate = extendsDefault
    ? completeFrom({
      plays: defaultPlaybook.plays,
      planning: defaultPlaybook.planning,
      sources: defaultPlaybook.sources,
      compliance: defaultPlaybook.compliance,
    }, current)
    : current;

  const missing = extendsDefault
    ? 'required'
    : `required (a playbook without "extends": "${DEFAULT_PLAYBOOK_BASE}" must give every play and every field)`;
  const parsed = playbookSchema.safeParse(candidate, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? missing : undefined),
  });

  const zodIssues = parsed.success ? [] : fromZodIssues(parsed.error.issues).map((issue) => locatedAt(issue, sourcePath));
  const issues = mergeIssues(snapshot.issues, zodIssues);
  if (issues.length > 0) return failure(issues, parsed.success ? undefined : parsed.error);
  if (!parsed.success) return failure(zodIssues, parsed.error);

  const { extends: _resolved, ...resolved } = parsed.data;
  return { ok: true, value: deepFreeze(resolved) };
}

/** The issue, moved to where `sourcePath` says it lies in the document as given. */
function locatedAt(issue: ValidationIssue, sourcePath: (path: Path) => readonly (string | number)[]): ValidationIssue {
  const path = sourcePath([...issue.path]);
  const unchanged = path.length === issue.path.length && path.every((token, index) => token === issue.path[index]);
  return unchanged ? issue : { ...issue, path, pointer: toJsonPointer(path) };
}

/**
 * Combines the issues found while copying the input with those zod found: a value
 * that could not be read is reported once (zod's complaint about the hole it left
 * is dropped), unless it sits under an unknown key, which is reported instead.
 */
function mergeIssues(
  snapshotIssues: readonly ValidationIssue[],
  zodIssues: readonly ValidationIssue[],
): ValidationIssue[] {
  const unknownKeys = zodIssues.filter((issue) => issue.code === 'unrecognized_keys');
  const kept = snapshotIssues.filter((issue) => !unknownKeys.some((unknown) => isWithin(issue.path, unknown.path)));
  const fromZod = zodIssues.filter(
    (issue) => issue.code === 'unrecognized_keys' || !kept.some((hole) => isWithin(issue.path, hole.path)),
  );
  return [...kept, ...fromZod];
}

/**
 * Puts the keys of `value` in the order of `schema` (object shapes in declaration
 * order, record keys sorted), so the same playbook always serializes the same way.
 */
function canonicalize(schema: z.core.$ZodType, value: unknown): unknown {
  const def = schema._zod.def as z.core.$ZodTypeDef & {
    shape?: Record<string, z.core.$ZodType>;
    valueType?: z.core.$ZodType;
    element?: z.core.$ZodType;
    innerType?: z.core.$ZodType;
    options?: readonly z.core.$ZodType[];
  };
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(value) || def.shape === undefined) return value;
      const out: PlainRecord = {};
      for (const [key, child] of Object.entries(def.shape)) {
        if (value[key] !== undefined) out[key] = canonicalize(child, value[key]);
      }
      return out;
    }
    case 'record': {
      if (!isPlainObject(value) || def.valueType === undefined) return value;
      const valueType = def.valueType;
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, canonicalize(valueType, value[key])]),
      );
    }
    case 'array': {
      const element = def.element;
      return Array.isArray(value) && element !== undefined ? value.map((item) => canonicalize(element, item)) : value;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return def.innerType === undefined ? value : canonicalize(def.innerType, value);
    case 'union': {
      const option = def.options?.find((candidate) => (candidate as z.ZodType).safeParse(value).success);
      return option === undefined ? value : canonicalize(option, value);
    }
    default:
      return value;
  }
}

/**
 * Writes a playbook as stable JSON: keys in the order of the playbook format (as
 * in the docs), record keys sorted, 2-space indent, a trailing newline, no
 * `extends`. `parsePlaybook(JSON.parse(serializePlaybook(p)))` gives back a
 * playbook equal to `p`.
 *
 * @param playbook - A playbook, e.g. from {@link parsePlaybook} or {@link defaultPlaybook}.
 * @returns The JSON text.
 * @throws {@link ValidationError} when `playbook` is not a valid playbook (only
 *   possible when the type system was bypassed).
 * @example
 * ```ts
 * serializePlaybook(defaultPlaybook).startsWith('{\n  "version": 2,');
 * //=> true
 * ```
 * @category Playbook
 */
export function serializePlaybook(playbook: Playbook): string {
  const parsed = playbookSchema.safeParse(playbook);
  if (!parsed.success) {
    throw new ValidationError('playbook', fromZodIssues(parsed.error.issues), { cause: parsed.error });
  }
  const { extends: _resolved, ...resolved } = parsed.data;
  return `${JSON.stringify(canonicalize(playbookSchema, resolved), null, 2)}\n`;
}
