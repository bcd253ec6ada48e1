/**
 * How a play declares its policy: a {@link PolicyDefinition} pairs a play id with
 * the play's policy schema and default, checked and frozen once by
 * {@link definePolicy}.
 *
 * This file imports no play, so each play's `policy.ts` can declare its own
 * definition here without an import cycle through the playbook.
 *
 * @module
 */
import type { z } from 'zod';
import { ValidationError } from '../errors';
import type { DeepReadonly } from '../model/deep-readonly';
import { fromZodIssues } from '../model/result';
import { deepFreeze } from './deep-freeze';
import { kebabCasePattern } from './fields';

/**
 * A play's policy, as the playbook sees it: the play id (the key under `plays` in
 * the playbook document), the zod schema of its settings, and their default.
 *
 * The schema should be a strict zod object (`z.strictObject`) so unknown keys are
 * rejected, with a `.describe()` text on every field (it becomes the JSON Schema
 * description). The defaults are deeply read-only.
 *
 * @typeParam Id - The play id, kebab-case, e.g. `follow-up`.
 * @typeParam S - The zod schema of the policy.
 * @category Playbook
 */
export interface PolicyDefinition<Id extends string = string, S extends z.ZodType = z.ZodType> {
  /** The play id: kebab-case, unique within a playbook. */
  readonly id: Id;
  /** The zod schema of the play's settings. */
  readonly schema: S;
  /** The default settings; must parse under {@link PolicyDefinition.schema}. */
  readonly defaults: DeepReadonly<z.output<S>>;
}

/**
 * Declares a play's policy. Checks, once, that the id is kebab-case and that the
 * defaults parse under the schema, and freezes the definition.
 *
 * @param definition - The play id, its policy schema and its defaults.
 * @returns The same definition, frozen, with its literal id type kept.
 * @throws {@link ValidationError} when the id is not kebab-case or the defaults do
 *   not parse (a programming error in the play, reported at definition time).
 * @example
 * ```ts
 * const quietHours = definePolicy({
 *   id: 'quiet-hours',
 *   schema: z.strictObject({ enabled: z.boolean().describe('Whether the play runs.') }),
 *   defaults: { enabled: true },
 * });
 * quietHours.id;
 * //=> 'quiet-hours'
 * ```
 * @category Playbook
 */
export function definePolicy<const Id extends string, S extends z.ZodType>(
  definition: PolicyDefinition<Id, S>,
): PolicyDefinition<Id, S> {
  const subject = `policy definition ${JSON.stringify(definition.id)}`;
  if (!kebabCasePattern.test(definition.id)) {
    throw new ValidationError(subject, [
      { path: ['id'], pointer: '/id', message: 'a play id must be kebab-case, e.g. "follow-up"', code: 'custom' },
    ]);
  }
  const parsed = definition.schema.safeParse(definition.defaults);
  if (!parsed.success) {
    throw new ValidationError(subject, fromZodIssues(parsed.error.issues, ['defaults']), { cause: parsed.error });
  }
  deepFreeze(definition.defaults);
  return Object.freeze({ id: definition.id, schema: definition.schema, defaults: definition.defaults });
}
