/**
 * Playbook format migrations: an ordered list of forward-only steps, each taking
 * a document of one format version to the next, and {@link migratePlaybook},
 * which runs them. `parsePlaybook` migrates every document older than
 * {@link PLAYBOOK_VERSION} before validating it, so a playbook written for an
 * older release keeps working.
 *
 * Rules every migration follows:
 *
 * - it goes from `from` to `from + 1`, and the list has one step per version,
 *   oldest first, ending at the current version;
 * - it is pure: it returns a new document and never changes its input;
 * - it is structural: it moves and fills what the format change requires and does
 *   not judge the rest, which the validation of the current version then does;
 * - once released it never changes (the values it fills in are written out in it,
 *   not read from today's defaults).
 *
 * @module
 */
import { ValidationError, type ValidationIssue } from '../errors';
import { toJsonPointer, type Result } from '../model/result';
import { migrationV1ToV2 } from './migration-v1-to-v2';
import { isPlainObject } from './plain-object';
import { describeSupportedVersions, PLAYBOOK_VERSION } from './playbook';

/** A path from the root of a document: keys and array indexes. */
type Path = readonly (string | number)[];

/**
 * One step of the playbook format: how a document of version `from` becomes a
 * document of version `to` (`from + 1`).
 *
 * @category Playbook
 */
export interface PlaybookMigration {
  /** The format version this step reads. */
  readonly from: number;
  /** The format version this step writes: `from + 1`. */
  readonly to: number;
  /** What changed in the format, in one or two sentences, for people. */
  readonly describe: string;
  /**
   * Turns a document of version `from` into one of version `to`. Pure: returns a
   * new document and leaves `document` as it was. `document` is a plain JSON
   * object whose `version` is `from`.
   */
  migrate(document: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /**
   * Optional: where a location in the migrated document came from in `source` (the
   * document before this step), so that problems found later are reported where
   * the author can find them. Without it, locations are taken as unchanged.
   */
  sourcePath?(path: readonly (string | number)[], source: Readonly<Record<string, unknown>>): readonly (string | number)[];
}

/**
 * Every playbook format migration, oldest first: version 1 → 2. The `from` of
 * the first is the oldest version this release reads, the `to` of the last is
 * {@link PLAYBOOK_VERSION}.
 *
 * @example
 * ```ts
 * playbookMigrations.map((migration) => `${migration.from} → ${migration.to}`);
 * //=> ['1 → 2']
 * ```
 * @category Playbook
 */
export const playbookMigrations: readonly PlaybookMigration[] = Object.freeze([migrationV1ToV2]);

/**
 * A playbook document brought to the current format by {@link migratePlaybook}.
 *
 * @category Playbook
 */
export interface MigratedPlaybookDocument {
  /**
   * The document in format {@link PLAYBOOK_VERSION}, not yet validated (pass it
   * to `parsePlaybook`, which validates it and resolves `extends`). When no
   * migration was needed, this is the input itself.
   */
  readonly document: Readonly<Record<string, unknown>>;
  /** The `version` the input declared. */
  readonly fromVersion: number;
  /** The version of `document`: {@link PLAYBOOK_VERSION}. */
  readonly toVersion: number;
  /** The migrations applied, in order; empty when the input was current. */
  readonly applied: readonly PlaybookMigration[];
}

/**
 * What {@link migrateWith} returns: the migrated document, plus how to trace a
 * location in it back to the input.
 *
 * @internal
 */
export interface MigrationRun extends MigratedPlaybookDocument {
  /** Where a location of `document` lies in the input document. */
  readonly sourcePath: (path: Path) => Path;
}

function issueAt(path: Path, message: string, code: string): ValidationIssue {
  return { path, pointer: toJsonPointer(path), message, code };
}

function failure<T>(issues: readonly ValidationIssue[], cause?: unknown): Result<T> {
  return { ok: false, error: new ValidationError('playbook', issues, cause === undefined ? undefined : { cause }) };
}

function errorMessage(cause: unknown): string {
  try {
    return cause instanceof Error ? cause.message : String(cause);
  } catch {
    return 'unknown error';
  }
}

/**
 * Runs `migrations` on `document` until it reaches `target`. The document must be
 * a plain object whose `version` is a whole number from the first migration's
 * `from` up to `target`.
 *
 * @param document - The document, as parsed from JSON.
 * @param migrations - The migration chain, oldest first.
 * @param target - The version to reach.
 * @param supported - How to name the readable versions in a message.
 * @returns The migrated document and the way back to the input's locations, or
 *   a {@link ValidationError}.
 * @internal
 */
export function migrateWith(
  document: unknown,
  migrations: readonly PlaybookMigration[],
  target: number,
  supported: string,
): Result<MigrationRun> {
  if (!isPlainObject(document)) {
    return failure([issueAt([], 'a playbook must be a JSON object', 'invalid_type')]);
  }
  const version = document['version'];
  if (version === undefined) {
    return failure([issueAt(['version'], `required: the playbook format version (this release of referwell reads ${supported})`, 'invalid_type')]);
  }
  if (typeof version !== 'number') {
    return failure([issueAt(['version'], `must be a number: the playbook format version (this release of referwell reads ${supported})`, 'invalid_type')]);
  }
  const oldest = Math.min(target, ...migrations.map((migration) => migration.from));
  if (!Number.isInteger(version) || version < oldest || version > target) {
    return failure([
      issueAt(['version'], `unsupported playbook version ${version}: this release of referwell reads ${supported}`, 'unsupported_version'),
    ]);
  }

  let current: Readonly<Record<string, unknown>> = document;
  const applied: PlaybookMigration[] = [];
  const backwards: ((path: Path) => Path)[] = [];
  for (let at = version; at < target; at += 1) {
    const migration = migrations.find((candidate) => candidate.from === at);
    if (migration === undefined || migration.to !== at + 1) {
      return failure([issueAt(['version'], `no migration from playbook version ${at} to ${at + 1}`, 'unsupported_version')]);
    }
    const source = current;
    const next = migration.migrate(source);
    if (!isPlainObject(next) || next['version'] !== migration.to) {
      return failure([
        issueAt(['version'], `the migration from playbook version ${migration.from} did not produce a version ${migration.to} document`, 'custom'),
      ]);
    }
    const step = migration.sourcePath;
    if (step !== undefined) backwards.unshift((path) => step.call(migration, path, source));
    applied.push(migration);
    current = next;
  }
  return {
    ok: true,
    value: {
      document: current,
      fromVersion: version,
      toVersion: target,
      applied,
      sourcePath: (path) => backwards.reduce((located, back) => back(located), path),
    },
  };
}

/**
 * Brings a playbook document of an older format version to the current one
 * ({@link PLAYBOOK_VERSION}) by running {@link playbookMigrations} in order. A
 * current document comes back as it is. `parsePlaybook` does this itself; call
 * it to upgrade a stored document, or to see what a migration does.
 *
 * The result is not validated: pass `document` to `parsePlaybook`. A partial
 * document (with `extends`) stays partial; `parsePlaybook` completes it from the
 * current default playbook.
 *
 * Never throws, and never changes its input.
 *
 * @param document - The document, as parsed from JSON.
 * @returns The document in the current format, with the version it came from and
 *   the migrations applied; or a {@link ValidationError} when it is not an object,
 *   has no numeric `version`, or declares a version this release does not read
 *   (newer than current, or older than the oldest migration).
 * @throws Never: any input, however broken, comes back as a failure.
 * @example
 * ```ts
 * const result = migratePlaybook({ version: 1, extends: 'referwell:default', plays: { educate: { lifecycles: ['active'] } } });
 * if (result.ok) result.value.document;
 * //=> { version: 2, extends: 'referwell:default', plays: { educate: {} }, planning: { lifecycles: ['active'] } }
 *
 * const newer = migratePlaybook({ version: 3, extends: 'referwell:default' });
 * if (!newer.ok) newer.error.issues[0]?.message;
 * //=> 'unsupported playbook version 3: this release of referwell reads versions 1 and 2'
 * ```
 * @category Playbook
 */
export function migratePlaybook(document: unknown): Result<MigratedPlaybookDocument> {
  try {
    const run = migrateWith(document, playbookMigrations, PLAYBOOK_VERSION, describeSupportedVersions());
    if (!run.ok) return run;
    const { sourcePath: _sourcePath, ...migrated } = run.value;
    return { ok: true, value: migrated };
  } catch (cause) {
    return failure([issueAt([], `could not be migrated: ${errorMessage(cause)}`, 'unreadable')], cause);
  }
}
