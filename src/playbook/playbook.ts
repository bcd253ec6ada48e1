/**
 * The playbook: every play's policy, plus the planning, source-yield and
 * compliance settings, as one versioned JSON document.
 *
 * ```json
 * { "version": 2, "name": "…", "plays": { "ask": { … }, …, "thank-you": { … } },
 *   "planning": { … }, "sources": { … }, "compliance": { … } }
 * ```
 *
 * The schema is assembled from the plays' {@link PolicyDefinition}s
 * ({@link buildPlaybookSchema}); read documents with `parsePlaybook`, which also
 * migrates documents of older format versions and resolves `extends`.
 *
 * @module
 */
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';
import { compliancePolicySchema, defaultCompliancePolicy } from './compliance';
import { defaultPlanningPolicy, planningPolicySchema } from './planning';
import { defaultSourcesPolicy, sourcesPolicySchema } from './sources';
import type { DeepReadonly } from '../model/deep-readonly';
import { deepFreeze } from './deep-freeze';
import type { PolicyDefinition } from './define-policy';
import { defaultPolicies, type PlayId } from './definition';

/**
 * The playbook format version this release writes (and its JSON Schema
 * describes). Documents carry it in `version`.
 *
 * - `1` — the first format.
 * - `2` — `planning` (with the lifecycles that were the educate play's) and
 *   `sources` sections; `scoreWeight` in every play; a few new play settings.
 *   See `playbookMigrations`.
 *
 * @example
 * ```ts
 * defaultPlaybook.version === PLAYBOOK_VERSION;
 * //=> true (2)
 * ```
 * @category Playbook
 */
export const PLAYBOOK_VERSION = 2;

/**
 * Every playbook format version this release reads, oldest first. Documents of
 * an older version are migrated to {@link PLAYBOOK_VERSION} by `parsePlaybook`
 * (see `migratePlaybook`); a document with any other `version` is rejected,
 * naming these.
 *
 * @example
 * ```ts
 * SUPPORTED_PLAYBOOK_VERSIONS;
 * //=> [1, 2]
 * ```
 * @category Playbook
 */
export const SUPPORTED_PLAYBOOK_VERSIONS: readonly number[] = Object.freeze([1, PLAYBOOK_VERSION]);

/**
 * The only base a playbook document may name in `extends`: the library's
 * {@link defaultPlaybook}.
 *
 * @category Playbook
 */
export const DEFAULT_PLAYBOOK_BASE = 'referwell:default';

/** "version 1" / "versions 1 and 2" / "versions 1, 2 and 3", for messages. @internal */
export function describeSupportedVersions(): string {
  const versions = SUPPORTED_PLAYBOOK_VERSIONS;
  if (versions.length === 1) return `version ${versions[0]}`;
  return `versions ${versions.slice(0, -1).join(', ')} and ${versions.at(-1)}`;
}

/** "version 1" / "versions 1 and 2": the versions read by migrating them, for the schema description. */
function describeOlderVersions(): string {
  const older = SUPPORTED_PLAYBOOK_VERSIONS.filter((version) => version !== PLAYBOOK_VERSION);
  if (older.length <= 1) return `version ${older.join('')}`;
  return `versions ${older.slice(0, -1).join(', ')} and ${older.at(-1)}`;
}

/** The `plays` shape of a playbook schema built from `Defs`. @internal */
export type PlaysShape<Defs extends readonly PolicyDefinition[]> = {
  [D in Defs[number] as D['id']]: D['schema'];
};

/**
 * Builds the strict zod schema of a playbook document whose `plays` are exactly
 * the given policy definitions, keyed by play id, in the given order:
 *
 * - `$schema` (optional string) — a JSON Schema reference for editors;
 * - `version` — the format version, {@link PLAYBOOK_VERSION} (older documents are
 *   migrated by `parsePlaybook` before they meet this schema);
 * - `name` (optional) — a label for the playbook;
 * - `extends` (optional) — `"referwell:default"`; see `parsePlaybook`;
 * - `plays` — one policy per play, every play present;
 * - `planning` — which offices get actions and how far ahead the plan looks;
 * - `sources` — the windows of source-yield ranking;
 * - `compliance` — the compliance settings.
 *
 * This schema validates complete documents only; `parsePlaybook` completes
 * documents that use `extends` before validating them with it.
 *
 * @param definitions - The plays' policy definitions; ids must be unique.
 * @returns The zod schema.
 * @throws {@link ValidationError} when two definitions share an id.
 * @example
 * ```ts
 * buildPlaybookSchema(defaultPolicies).safeParse(defaultPlaybook).success;
 * //=> true
 * ```
 * @category Playbook
 */
export function buildPlaybookSchema<const Defs extends readonly PolicyDefinition[]>(definitions: Defs) {
  const plays: Record<string, z.ZodType> = {};
  const issues: ValidationIssue[] = [];
  definitions.forEach((definition, index) => {
    if (Object.hasOwn(plays, definition.id)) {
      issues.push({
        path: [index, 'id'],
        pointer: `/${index}/id`,
        message: `duplicate play id ${JSON.stringify(definition.id)}`,
        code: 'custom',
      });
    }
    plays[definition.id] = definition.schema;
  });
  if (issues.length > 0) throw new ValidationError('policy definitions', issues);

  return z
    .strictObject({
      $schema: z
        .string()
        .optional()
        .describe('Optional URI of the JSON Schema this document follows, for editors; not interpreted.'),
      version: z
        .literal(PLAYBOOK_VERSION, {
          error: (issue) =>
            issue.input === undefined
              ? `required: the playbook format version (this release of referwell reads ${describeSupportedVersions()})`
              : `unsupported playbook version ${JSON.stringify(issue.input)}: this release of referwell reads ${describeSupportedVersions()}`,
        })
        .describe(
          `The playbook format version: ${PLAYBOOK_VERSION}. This schema describes version ${PLAYBOOK_VERSION} only; referwell's parsePlaybook also reads older documents (${describeOlderVersions()}) and migrates them.`,
        ),
      name: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        .optional()
        .describe('Optional human-readable name of the playbook.'),
      extends: z
        .literal(DEFAULT_PLAYBOOK_BASE, {
          error: () => `the only playbook that can be extended is "${DEFAULT_PLAYBOOK_BASE}"`,
        })
        .optional()
        .describe(
          'Complete this document from the referwell default playbook: missing plays and fields are taken from it (objects merged key by key, arrays and values replaced whole).',
        ),
      plays: z
        .strictObject(plays as PlaysShape<Defs>)
        .describe('The policy of every play, keyed by play id; every play must be present.'),
      planning: planningPolicySchema,
      sources: sourcesPolicySchema,
      compliance: compliancePolicySchema,
    })
    .describe('A referwell playbook: the policy of every referral play, and the planning, source-yield and compliance settings.');
}

/**
 * The zod schema of a complete playbook document with the nine built-in plays.
 * Strict at every depth. Prefer `parsePlaybook`, which also resolves `extends`,
 * reports every issue with a JSON pointer and never throws.
 *
 * @category Playbook
 */
export const playbookSchema = buildPlaybookSchema(defaultPolicies);

/**
 * A complete playbook document as written (the input side of
 * {@link playbookSchema}), e.g. to type a playbook written in TypeScript.
 *
 * @category Playbook
 */
export type PlaybookDocument = z.input<typeof playbookSchema>;

/**
 * A validated, resolved playbook: every play's policy and the planning,
 * source-yield and compliance settings. Deeply read-only; `extends` is gone (it
 * has been resolved).
 *
 * @category Playbook
 */
export type Playbook = DeepReadonly<Omit<z.output<typeof playbookSchema>, 'extends'>>;

/**
 * The settings of one play, the slice of the playbook that play's code sees.
 *
 * @typeParam Id - The play id.
 * @example
 * ```ts
 * const followUp: PlayPolicy<'follow-up'> = defaultPlaybook.plays['follow-up'];
 * followUp.targetDays;
 * //=> 90
 * ```
 * @category Playbook
 */
export type PlayPolicy<Id extends PlayId> = Playbook['plays'][Id];

/**
 * The default playbook: every play's default policy (DESIGN §1) and the default
 * planning, source-yield and compliance settings, `version: 2`,
 * `name: 'referwell default'`. Deeply frozen. It is also what
 * `"extends": "referwell:default"` completes a document from.
 *
 * @example
 * ```ts
 * defaultPlaybook.plays['follow-up'].targetDays;
 * //=> 90
 * ```
 * @category Playbook
 */
export const defaultPlaybook: Playbook = deepFreeze({
  version: PLAYBOOK_VERSION,
  name: 'referwell default',
  plays: Object.fromEntries(defaultPolicies.map((definition) => [definition.id, definition.defaults])) as Playbook['plays'],
  planning: defaultPlanningPolicy,
  sources: defaultSourcesPolicy,
  compliance: defaultCompliancePolicy,
});
