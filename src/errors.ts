/**
 * The error types referwell throws or returns.
 *
 * Every failure the library reports is a {@link ReferwellError}: it carries a
 * literal {@link ReferwellErrorCode}, a message starting `[referwell]`, and the
 * original `cause` where there was one. Use {@link ReferwellError.isInstance} rather
 * than `instanceof` when two copies of the package may be loaded at once.
 *
 * @module
 */

const brand = Symbol.for('referwell.error');

/**
 * Every code a {@link ReferwellError} can carry. Switch on it with ts-pattern's
 * `.exhaustive()` and a new code cannot be forgotten.
 *
 * - `validation-failed` — input did not match a schema ({@link ValidationError}).
 * - `illegal-transition` — a referral's intake cannot move that way
 *   ({@link IllegalTransitionError}).
 * - `conflict` — a write was based on a stale version of a record
 *   ({@link ConflictError}).
 * - `corrupt-record` — a stored record no longer validates ({@link CorruptRecordError}).
 * - `not-found` — a write needs a record that does not exist ({@link NotFoundError}).
 * - `store-failure` — the database failed (connection, disk, driver) ({@link StoreError}).
 *
 * @category Errors
 */
export type ReferwellErrorCode =
  | 'validation-failed'
  | 'illegal-transition'
  | 'conflict'
  | 'corrupt-record'
  | 'not-found'
  | 'store-failure';

/**
 * The base class of every error referwell throws or returns.
 *
 * @example
 * ```ts
 * try {
 *   unwrap(parsePlaybook({ version: 99 }));
 * } catch (error) {
 *   if (ReferwellError.isInstance(error)) console.log(error.code);
 *   //=> 'validation-failed'
 * }
 * ```
 * @category Errors
 */
export class ReferwellError extends Error {
  /** The kind of failure; a literal, so it can be switched on exhaustively. */
  readonly code: ReferwellErrorCode;
  /** @internal The cross-copy brand read by {@link ReferwellError.isInstance}. */
  readonly [brand] = true;

  /**
   * @param code - The kind of failure.
   * @param message - What went wrong, without the `[referwell]` prefix (added here).
   * @param options - `cause`: the underlying error, kept for debugging.
   */
  constructor(code: ReferwellErrorCode, message: string, options?: { cause?: unknown }) {
    super(message.startsWith('[referwell]') ? message : `[referwell] ${message}`, options);
    this.name = 'ReferwellError';
    this.code = code;
  }

  /**
   * Whether `value` is a referwell error, even one thrown by another copy of the
   * package (where `instanceof` would say no).
   *
   * @param value - Anything caught.
   * @returns `true` when `value` is a {@link ReferwellError}.
   * @example
   * ```ts
   * ReferwellError.isInstance(new IllegalTransitionError({ referralId: 'r1', from: 'declined', to: 'scheduled' }));
   * //=> true
   * ```
   */
  static isInstance(value: unknown): value is ReferwellError {
    return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
  }
}

/**
 * One problem found while validating input.
 *
 * @category Errors
 */
export interface ValidationIssue {
  /** Where the problem is, as keys and array indexes from the root of the input. */
  readonly path: readonly (string | number)[];
  /** The same location as a JSON Pointer (RFC 6901), e.g. `/plays/follow-up/targetDays`. */
  readonly pointer: string;
  /** A short human-readable description of the problem. */
  readonly message: string;
  /** A machine-readable kind, e.g. `invalid_type`, `unrecognized_keys`, `custom`. */
  readonly code: string;
}

/**
 * Input did not validate. Carries every problem found, each with its path, so a
 * caller can show them all at once.
 *
 * @example
 * ```ts
 * const result = parsePlaybook({
 *   version: 2,
 *   extends: 'referwell:default',
 *   plays: { 'follow-up': { targetDays: -1 } },
 * });
 * if (!result.ok) console.log(result.error.issues[0]?.pointer);
 * //=> '/plays/follow-up/targetDays'
 * ```
 * @category Errors
 */
export class ValidationError extends ReferwellError {
  /** What was being validated, e.g. `playbook`, `office`, `snapshot`. */
  readonly subject: string;
  /** Every problem found, in document order. Never empty. */
  readonly issues: readonly ValidationIssue[];

  /**
   * @param subject - What was being validated.
   * @param issues - Every problem found (at least one).
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(subject: string, issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    const shown = issues
      .slice(0, 5)
      .map((issue) => `${issue.pointer || '(root)'}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
    super('validation-failed', `invalid ${subject}: ${shown}${more}`, options);
    this.name = 'ValidationError';
    this.subject = subject;
    this.issues = issues;
  }
}

/**
 * A referral's intake was asked to move along a transition the lifecycle does not
 * allow (see {@link intakeTransitions}).
 *
 * @category Errors
 */
export class IllegalTransitionError extends ReferwellError {
  /** The referral concerned. */
  readonly referralId: string;
  /** The status it is in. */
  readonly from: string;
  /** The status or event that was refused. */
  readonly to: string;

  /**
   * @param details - The referral and the refused transition.
   */
  constructor(details: { referralId: string; from: string; to: string; reason?: string }) {
    super(
      'illegal-transition',
      `referral ${JSON.stringify(details.referralId)} cannot go from "${details.from}" to "${details.to}"${
        details.reason ? `: ${details.reason}` : ''
      }`,
    );
    this.name = 'IllegalTransitionError';
    this.referralId = details.referralId;
    this.from = details.from;
    this.to = details.to;
  }
}

/**
 * A write was based on a stale version: the record changed (or was created) since
 * the caller read it. Nothing was written; re-read and retry.
 *
 * @example
 * ```ts
 * await store.upsertOffice(office, { expectedVersion: 3 }); // the stored version is 4
 * // throws ConflictError: [referwell] office "off-1" is at version 4, not 3
 * ```
 * @category Errors
 */
export class ConflictError extends ReferwellError {
  /** The kind of record. */
  readonly kind: string;
  /** Its id. */
  readonly id: string;
  /** The version the caller expected (0: that it did not exist yet). */
  readonly expectedVersion: number;
  /** The version actually stored (0: none). */
  readonly actualVersion: number;

  /**
   * @param details - The record and the two versions.
   */
  constructor(details: { kind: string; id: string; expectedVersion: number; actualVersion: number }) {
    super(
      'conflict',
      `${details.kind} ${JSON.stringify(details.id)} is at version ${details.actualVersion}, not ${details.expectedVersion}`,
    );
    this.name = 'ConflictError';
    this.kind = details.kind;
    this.id = details.id;
    this.expectedVersion = details.expectedVersion;
    this.actualVersion = details.actualVersion;
  }
}

/**
 * A record read back from storage does not validate (edited or damaged behind the
 * library's back). The error names the record; no wrong answer is returned.
 *
 * @category Errors
 */
export class CorruptRecordError extends ReferwellError {
  /** The kind of record. */
  readonly kind: string;
  /** Its id. */
  readonly id: string;
  /** What is wrong with it, when it parsed as JSON but failed validation. */
  readonly issues: readonly ValidationIssue[];

  /**
   * @param details - The record, the adapter (for the message prefix), and what is wrong.
   * @param options - `cause`: the parse or validation error.
   */
  constructor(
    details: { kind: string; id: string; adapter?: string; issues?: readonly ValidationIssue[]; reason?: string },
    options?: { cause?: unknown },
  ) {
    const prefix = details.adapter ? `[referwell] [${details.adapter}] ` : '';
    const why =
      details.reason ??
      (details.issues ?? [])
        .slice(0, 3)
        .map((issue) => `${issue.pointer || '(root)'}: ${issue.message}`)
        .join('; ');
    super('corrupt-record', `${prefix}stored ${details.kind} ${JSON.stringify(details.id)} is corrupt: ${why}`, options);
    this.name = 'CorruptRecordError';
    this.kind = details.kind;
    this.id = details.id;
    this.issues = details.issues ?? [];
  }
}

/**
 * A write needs a record that does not exist (e.g. a transition of an unknown
 * referral). Plain reads of a missing record return `undefined` instead.
 *
 * @category Errors
 */
export class NotFoundError extends ReferwellError {
  /** The kind of record. */
  readonly kind: string;
  /** Its id. */
  readonly id: string;

  /**
   * @param details - The missing record.
   */
  constructor(details: { kind: string; id: string }) {
    super('not-found', `no ${details.kind} ${JSON.stringify(details.id)}`);
    this.name = 'NotFoundError';
    this.kind = details.kind;
    this.id = details.id;
  }
}

/**
 * The database failed: a driver error, a lost connection, a full disk, a schema
 * newer than this release. The driver's error is the `cause`.
 *
 * @category Errors
 */
export class StoreError extends ReferwellError {
  /** The adapter, e.g. `sqlite`. */
  readonly adapter: string;

  /**
   * @param adapter - The adapter, e.g. `sqlite`.
   * @param message - What failed.
   * @param options - `cause`: the driver's error.
   */
  constructor(adapter: string, message: string, options?: { cause?: unknown }) {
    super('store-failure', `[referwell] [${adapter}] ${message}`, options);
    this.name = 'StoreError';
    this.adapter = adapter;
  }
}
