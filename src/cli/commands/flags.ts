/**
 * Validating records built from flags with the model's zod schemas, and
 * naming the flag in every message (`--office is required`).
 *
 * @module
 */
import type { z } from 'zod';
import { ReferwellError, ValidationError, type ValidationIssue } from '../../errors';

/** Record field path (dot-joined, array indexes left out) → the flag that fills it. */
export type FlagMap = Readonly<Record<string, string>>;

/** The flag of a path: the longest dot-joined prefix the map knows. */
function flagOf(path: readonly PropertyKey[], flags: FlagMap): string | undefined {
  const keys = path.filter((key): key is string => typeof key === 'string');
  for (let n = keys.length; n > 0; n -= 1) {
    const flag = flags[keys.slice(0, n).join('.')];
    if (flag !== undefined) return flag;
  }
  return undefined;
}

/** The value at a path of the input, to tell a missing flag from a bad one. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A message that follows the flag's name: `is required`, `must be one of …`. */
function phrase(issue: z.core.$ZodIssue, missing: boolean): string {
  const choices = issue.code === 'invalid_value' && Array.isArray(issue.values) ? issue.values.map(String).join(', ') : undefined;
  if (missing) return choices === undefined ? 'is required' : `is required (one of ${choices})`;
  if (choices !== undefined) return `must be one of ${choices}`;
  if (issue.code === 'invalid_type') {
    return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
  }
  return /^(must|is|are|name)\b/.test(issue.message) ? issue.message : `: ${issue.message}`;
}

/** One issue whose message names the flag (pointer empty: the message says where). */
function flagIssue(flag: string, message: string, code: string, path: readonly (string | number)[] = []): ValidationIssue {
  return { path, pointer: '', message: message.startsWith(':') ? `${flag}${message}` : `${flag} ${message}`, code };
}

/**
 * Validates a record built from flags with a model schema.
 *
 * @param schema - The model's zod schema.
 * @param input - The record, fields from flags (absent flags left undefined).
 * @param subject - What is validated, e.g. `touchpoint`.
 * @param flags - Which flag fills which field.
 * @returns The parsed record.
 * @throws {@link ValidationError} with one issue per problem, each naming its flag.
 * @example
 * ```ts
 * validateFlags(touchpointSchema, { … }, 'touchpoint', { officeId: '--office' });
 * // throws: [referwell] invalid touchpoint: --office is required
 * ```
 * @category CLI
 */
export function validateFlags<S extends z.ZodType>(schema: S, input: unknown, subject: string, flags: FlagMap): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    const flag = flagOf(issue.path, flags);
    // An absent flag: zod says invalid_type for most fields, invalid_value for an enum.
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && valueAt(input, issue.path) === undefined;
    if (flag === undefined) {
      const where = path.length > 0 ? `${path.join('.')} ` : '';
      return { path, pointer: '', message: `${where}${issue.message}`, code: issue.code };
    }
    return flagIssue(flag, phrase(issue, missing), missing ? 'required' : issue.code, path);
  });
  throw new ValidationError(subject, issues, { cause: result.error });
}

/**
 * Re-labels a store's validation error (e.g. `/officeId: no office "x" in this
 * store`) with the flags, so the message names what to fix on the command line.
 *
 * @param error - What the store threw.
 * @param flags - Which flag fills which field.
 * @returns The error to throw: a relabelled {@link ValidationError}, or `error` unchanged.
 * @example
 * ```ts
 * throw relabel(error, { officeId: '--office' }); // [referwell] invalid touchpoint: --office: no office "x" in this store
 * ```
 * @category CLI
 */
export function relabel(error: unknown, flags: FlagMap): unknown {
  if (!ReferwellError.isInstance(error) || error.code !== 'validation-failed') return error;
  const { subject, issues } = error as ValidationError;
  return new ValidationError(
    subject,
    issues.map((issue) => {
      const flag = flagOf(issue.path, flags);
      return flag === undefined ? issue : flagIssue(flag, `: ${issue.message}`, issue.code, issue.path);
    }),
    { cause: error },
  );
}

/**
 * An error for a flag the command needs that the model cannot check (e.g. an
 * unreadable date), in the same form as {@link validateFlags}'.
 *
 * @param subject - What is being recorded.
 * @param flag - The flag.
 * @param message - What is wrong, after the flag's name.
 * @returns The error.
 * @example
 * ```ts
 * flagError('touchpoint', '--at', 'must be a date like 2026-03-02').issues[0]?.message;
 * //=> '--at must be a date like 2026-03-02'
 * ```
 * @category CLI
 */
export function flagError(subject: string, flag: string, message: string): ValidationError {
  return new ValidationError(subject, [flagIssue(flag, message, 'invalid_format')]);
}
