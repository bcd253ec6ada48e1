/**
 * How failures are shown: every problem on its own line, never a stack trace for
 * an expected error.
 *
 * @module
 */
import { ReferwellError, type ValidationError, type ValidationIssue } from '../errors';

/** Where an issue is, unless its message already says (flags, CSV rows). */
function issueLine(issue: ValidationIssue): string {
  const resource = (issue as { resource?: unknown }).resource;
  const located = issue.pointer === '' || /^(--|row \d)/.test(issue.message);
  const where = located ? '' : `${issue.pointer}: `;
  return `${typeof resource === 'string' ? `${resource} ` : ''}${where}${issue.message}`;
}

/**
 * Formats a validation error with every issue (the error's own message shows
 * only the first five).
 *
 * @param error - The error.
 * @returns Lines of text, ending with a newline.
 * @example
 * ```ts
 * formatValidationError(new ValidationError('touchpoint', [{ path: [], pointer: '', message: '--office is required', code: 'required' }]));
 * //=> '[referwell] invalid touchpoint: --office is required\n'
 * ```
 * @category CLI
 */
export function formatValidationError(error: ValidationError): string {
  const { issues, subject } = error;
  if (issues.length === 1) return `[referwell] invalid ${subject}: ${issueLine(issues[0]!)}\n`;
  return `[referwell] invalid ${subject} (${issues.length} problems):\n${issues.map((issue) => `  ${issueLine(issue)}\n`).join('')}`;
}

/**
 * The text shown for an error that ended a command: a referwell error's message
 * (validation errors with every issue); for anything else, its message and a
 * hint, or the stack trace when `REFERWELL_DEBUG=1`.
 *
 * @param error - What was thrown.
 * @param debug - Whether to add stack traces.
 * @returns The text for standard error, ending with a newline.
 * @example
 * ```ts
 * describeError(new Error('boom'), false);
 * //=> '[referwell] unexpected error: boom\n(set REFERWELL_DEBUG=1 to print the stack trace)\n'
 * ```
 * @category CLI
 */
export function describeError(error: unknown, debug: boolean): string {
  const stack = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  if (ReferwellError.isInstance(error)) {
    const text =
      error.code === 'validation-failed' && Array.isArray((error as ValidationError).issues)
        ? formatValidationError(error as ValidationError)
        : `${error.message}\n`;
    return text + stack;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `[referwell] unexpected error: ${message}\n${stack || '(set REFERWELL_DEBUG=1 to print the stack trace)\n'}`;
}
