import type { CalendarDate, Id } from '../model/primitives';
import type { RecordKind } from '../model/records';

/**
 * A pointer to a record that caused an action or a score.
 *
 * @category Engine
 */
export interface RecordRef {
  /** Which kind of record. */
  readonly kind: RecordKind;
  /** Its id. */
  readonly id: Id;
}

/**
 * Why an action was proposed: the rule that fired, the policy values it used, the
 * facts it computed and the records that caused it. Enough to show a clinician
 * "why", and to let a test author check the arithmetic.
 *
 * @category Engine
 */
export interface Explanation {
  /** The rule that fired, `<play>/<rule>`, e.g. `follow-up/due`. */
  readonly rule: string;
  /** One plain-English sentence a clinician can read. */
  readonly summary: string;
  /** The policy settings the rule used, by name. */
  readonly policy: Readonly<Record<string, unknown>>;
  /** The numbers and dates the rule computed, by name. */
  readonly facts: Readonly<Record<string, string | number | boolean | null>>;
  /** The records that caused the action, oldest first. */
  readonly evidence: readonly RecordRef[];
}

/**
 * A warning attached to an action, e.g. that doing it would cross the compliance
 * cap on spending for a physician.
 *
 * @category Engine
 */
export interface ActionWarning {
  /** What kind of warning. */
  readonly code: 'compliance-near-cap' | 'compliance-over-cap' | 'message-too-long';
  /** A readable sentence. */
  readonly message: string;
  /** The contact concerned, if any. */
  readonly contactId?: Id;
}

/**
 * One thing the practice should do, proposed by a play.
 *
 * @category Engine
 */
export interface Action {
  /**
   * Deterministic: the same inputs give the same id, so hosts can store decisions
   * against it. It changes when the records that caused the action change (a new
   * visit resets a follow-up, so the next follow-up is a new action).
   */
  readonly id: string;
  /** The play that proposed it. */
  readonly play: string;
  /** What to do, e.g. `visit`, `follow-up`, `send-thank-you`. */
  readonly kind: string;
  /** The office concerned. */
  readonly officeId: Id;
  /** The people to reach, if the play names any. */
  readonly contactIds: readonly Id[];
  /** When it should be done by, in the practice's time zone. */
  readonly due: CalendarDate;
  /** 0–100; higher first among actions due the same day. */
  readonly priority: number;
  /**
   * Whether this is outreach to the office (a visit, call, ask, drop-off). Outreach
   * is never proposed inside the follow-up nuisance floor; responses (thank-you
   * cards, expediting a referred patient's intake) are not outreach.
   */
  readonly outreach: boolean;
  /** A short imperative line, e.g. "Visit Lakeside Family Medicine in person". */
  readonly title: string;
  /** Why. */
  readonly explanation: Explanation;
  /** Warnings (compliance cap, message length); empty when none. */
  readonly warnings: readonly ActionWarning[];
  /** Play-specific details, e.g. the quantity to restock or the referrals to thank for. */
  readonly details: Readonly<Record<string, unknown>>;
}
