import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';

/**
 * The outcome of a `parse…` function: the typed value, or a {@link ValidationError}
 * listing every problem. Never throws for bad input.
 *
 * @typeParam T - The parsed type.
 * @category Validation
 */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ValidationError };

/**
 * Returns the value of a successful {@link Result}, or throws its error.
 *
 * @param result - A result from a `parse…` function.
 * @returns The parsed value.
 * @throws {@link ValidationError} when the result is a failure.
 * @example
 * ```ts
 * const playbook = unwrap(parsePlaybook(json));
 * ```
 * @category Validation
 */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
function escapePointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Formats a path as a JSON Pointer (RFC 6901): `['plays', 'ask', 0]` → `/plays/ask/0`.
 *
 * @param path - Keys and indexes from the root.
 * @returns The pointer; the empty string for the root.
 * @category Validation
 */
export function toJsonPointer(path: readonly (string | number)[]): string {
  return path.map((token) => `/${escapePointerToken(token)}`).join('');
}

/**
 * Converts zod issues to referwell {@link ValidationIssue}s (keys normalised, one
 * issue per unknown key so each is named in its own path).
 *
 * @internal
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const base = [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...base, key];
        out.push({ path, pointer: toJsonPointer(path), message: `unknown key "${key}"`, code: issue.code });
      }
      continue;
    }
    out.push({ path: base, pointer: toJsonPointer(base), message: issue.message, code: issue.code });
  }
  return out;
}

/**
 * Validates `input` against a zod schema and wraps the outcome in a {@link Result}.
 * Any exception a schema might throw becomes a failure too, never an escape.
 *
 * @internal
 */
export function safeParseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
): Result<z.output<S>> {
  let parsed: ReturnType<S['safeParse']>;
  try {
    parsed = schema.safeParse(input) as ReturnType<S['safeParse']>;
  } catch (cause) {
    const issue: ValidationIssue = {
      path: [],
      pointer: '',
      message: `could not be validated: ${cause instanceof Error ? cause.message : String(cause)}`,
      code: 'custom',
    };
    return { ok: false, error: new ValidationError(subject, [issue], { cause }) };
  }
  if (parsed.success) return { ok: true, value: parsed.data as z.output<S> };
  return { ok: false, error: new ValidationError(subject, fromZodIssues(parsed.error.issues), { cause: parsed.error }) };
}
