import { ValidationError, type ValidationIssue } from '../../errors';
import { toJsonPointer } from '../../model/result';

/** Keys and array indexes from the root of a JSON document. */
export type JsonPath = readonly (string | number)[];

/**
 * One problem found in FHIR input: where it is (the resource, and the JSON path from
 * the root of what was passed in — for a bundle, e.g.
 * `/entry/3/resource/subject/identifier/value`) and what is wrong.
 *
 * @category Interop
 */
export interface FhirIssue extends ValidationIssue {
  /**
   * The resource the problem is in: `Type/id` when the resource has an id, else the
   * bundle entry's `fullUrl`, else `entry[n]` (`Bundle` for the envelope).
   */
  readonly resource: string;
}

/**
 * FHIR input did not validate: a {@link ValidationError} whose issues each name
 * their resource ({@link FhirIssue}).
 *
 * @example
 * ```ts
 * const result = fromFhirOrganization({ resourceType: 'Organization', id: 'o-1' }, { tenantId: 't1' });
 * if (!result.ok) result.error.issues;
 * //=> [{ resource: 'Organization/o-1', path: ['name'], pointer: '/name', message: 'an office needs a name', code: 'custom' }]
 * ```
 * @category Interop
 */
export class FhirValidationError extends ValidationError {
  declare readonly issues: readonly FhirIssue[];

  /**
   * @param subject - What was being read, e.g. `FHIR bundle`.
   * @param issues - Every problem found (at least one).
   */
  constructor(subject: string, issues: readonly FhirIssue[]) {
    super(subject, issues);
    this.name = 'FhirValidationError';
    const shown = issues
      .slice(0, 5)
      .map((issue) => `${issue.resource} ${issue.pointer || '(root)'}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
    this.message = `[referwell] invalid ${subject}: ${shown}${more}`;
  }
}

/**
 * The outcome of reading FHIR: the records, or a {@link FhirValidationError} with
 * every problem. Assignable to the library's `Result`.
 *
 * @typeParam T - What was read.
 * @category Interop
 */
export type FhirResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: FhirValidationError };

/**
 * Where a resource sits in the input, and the list its problems go to.
 *
 * @internal
 */
export interface ResourceContext {
  /** The resource label of its issues. */
  readonly label: string;
  /** The path of the resource from the root of the input. */
  readonly base: JsonPath;
  /** Where problems are collected (shared by every resource of one input). */
  readonly issues: FhirIssue[];
}

/**
 * Records a problem at `path` inside the resource of `ctx`.
 *
 * @internal
 */
export function report(ctx: ResourceContext, path: JsonPath, message: string, code = 'custom'): void {
  const full = [...ctx.base, ...path];
  ctx.issues.push({ resource: ctx.label, path: full, pointer: toJsonPointer(full), message, code });
}

/**
 * Records zod issues (paths relative to the resource of `ctx`).
 *
 * @internal
 */
export function reportAll(ctx: ResourceContext, issues: readonly ValidationIssue[]): void {
  for (const issue of issues) report(ctx, issue.path, issue.message, issue.code);
}

/**
 * The label of a resource in issues: `Type/id` when it has a string id, else its type.
 *
 * @internal
 */
export function labelOf(resource: unknown, type: string): string {
  const id = typeof resource === 'object' && resource !== null ? (resource as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? `${type}/${id}` : type;
}

/**
 * The issues of a failed read, with a generic one added when a reader failed
 * without saying why (a failure never carries an empty list).
 *
 * @internal
 */
export function nonEmpty(issues: FhirIssue[], ctx: ResourceContext): FhirIssue[] {
  if (issues.length === 0) report(ctx, [], 'could not be read');
  return issues;
}
