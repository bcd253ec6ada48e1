import type { z } from 'zod';
import type { BusinessCalendar } from '../calendar/business-days';
import type { ActionWarning, Explanation, RecordRef } from '../engine/action';
import type { OfficeHistory, PracticeContext } from '../model/history';
import type { CalendarDate, Id, TimeZone } from '../model/primitives';
import type { Touchpoint } from '../model/touchpoint';
import type { PolicyDefinition } from '../playbook/define-policy';

/**
 * What a play sees when it plans or scores: its own policy slice, the clock as an
 * argument, and the practice's calendar. Plays never read the clock, the rest of
 * the playbook, or anything outside this context and the office history.
 *
 * @typeParam P - The play's policy type.
 * @category Plays
 */
export interface PlayContext<P> {
  /** The play's own settings (its slice of the playbook). */
  readonly policy: P;
  /** The moment of planning, in epoch milliseconds. */
  readonly now: number;
  /** Today's date in the practice's time zone. */
  readonly today: CalendarDate;
  /** The practice's time zone: every day count and due date is read in it. */
  readonly timeZone: TimeZone;
  /** The practice's business days (weekend and host-supplied holidays). */
  readonly calendar: BusinessCalendar;
  /** The practice-wide facts: practice, current message, clinicians. */
  readonly practice: PracticeContext;
}

/**
 * An action as a play proposes it. The engine adds the id (from `play`, `kind`,
 * `officeId` and `anchor`), adds the compliance warnings after the play's own
 * `warnings`, and applies decisions, the nuisance floor and the horizon.
 *
 * @category Plays
 */
export interface ActionDraft {
  /** What to do, kebab-case, e.g. `visit`. */
  readonly kind: string;
  /** The office concerned. */
  readonly officeId: Id;
  /** The people to reach. */
  readonly contactIds: readonly Id[];
  /** When it is due, in the practice's time zone. */
  readonly due: CalendarDate;
  /** 0–100; higher first among actions due the same day. */
  readonly priority: number;
  /** A short imperative line for a person. */
  readonly title: string;
  /** Why: rule, policy values, facts and evidence. */
  readonly explanation: Explanation;
  /**
   * What makes this action the same action from one plan to the next, e.g. the id
   * of the last touchpoint it follows up on. Part of the action id.
   */
  readonly anchor: string;
  /**
   * Whether this is outreach to the office (a visit, a call, a drop-off). Outreach
   * is never proposed inside the follow-up nuisance floor; responses such as a
   * thank-you card or expediting a referred patient's intake are not outreach.
   */
  readonly outreach: boolean;
  /** Play-specific details. */
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * Warnings the play attaches, e.g. `message-too-long` from the educate play.
   * The action lists them before the engine's compliance warnings.
   */
  readonly warnings?: readonly ActionWarning[];
}

/**
 * One play's component of an office's relationship score.
 *
 * @category Plays
 */
export interface PlayScore {
  /** 0–100, or `null` when the play has nothing to judge (e.g. no referrals yet). */
  readonly score: number | null;
  /** Plain-English reasons, most important first. */
  readonly reasons: readonly string[];
  /** The numbers the score was computed from, by name. */
  readonly facts: Explanation['facts'];
  /** The records the score was computed from. */
  readonly evidence: readonly RecordRef[];
}

/**
 * A referral play: a policy, a planner and a scorer. The nine built-in plays
 * implement it, and a host can register a tenth of its own by passing it to the
 * engine (its policy comes from the playbook under its id, or from its defaults).
 *
 * @typeParam Id - The play id, kebab-case.
 * @typeParam S - The zod schema of its policy.
 * @example
 * ```ts
 * const birthdayCards: Play<'birthday-cards', typeof schema> = {
 *   id: 'birthday-cards', title: 'Birthday cards', policy: definePolicy({ id: 'birthday-cards', schema, defaults }),
 *   plan: (history, ctx) => [], score: () => ({ score: null, reasons: [], facts: {}, evidence: [] }),
 * };
 * planActions({ snapshot, playbook, now, plays: [...defaultPlays, birthdayCards] });
 * ```
 * @category Plays
 */
export interface Play<Id extends string = string, S extends z.ZodType = z.ZodType> {
  /** The play id; its policy sits under this key of the playbook's `plays`. */
  readonly id: Id;
  /** A short name for people, e.g. "Follow up". */
  readonly title: string;
  /** The play's policy schema and defaults. */
  readonly policy: PolicyDefinition<Id, S>;
  /**
   * Proposes actions for one office. Pure: the same history and context give the
   * same drafts.
   */
  plan(history: OfficeHistory, context: PlayContext<PolicyOf<S>>): readonly ActionDraft[];
  /**
   * Optionally chooses among the drafts of every office planned together (e.g.
   * the `ask` play keeps only the best few offices). Called once per plan, after
   * the engine has dropped drafts inside the nuisance floor, beyond the horizon
   * or hidden by a decision; must return a subset of the drafts it is given (the
   * same objects).
   */
  select?(drafts: readonly ActionDraft[], context: PlayContext<PolicyOf<S>>): readonly ActionDraft[];
  /** Scores one office for this play. Pure. */
  score(history: OfficeHistory, context: PlayContext<PolicyOf<S>>): PlayScore;
  /**
   * The lists of an office history that `plan` and `score` read, besides the
   * office itself, the practice-wide facts and the time zone, which every play may
   * read. Optional: without it, the play is taken to read the whole history.
   *
   * A caller that plans again after a change (the desk) reuses the play's last
   * drafts and score for an office when none of the listed parts changed: a play
   * listing `['referrals']` is not asked again after a touchpoint is logged. A play
   * that reads a part it does not list would then answer from stale records, so
   * list every part the play, or any helper it calls, reads. Only the four names
   * of {@link HistoryPart} count; a list with any other entry is treated as if
   * the play read everything.
   */
  readonly reads?: readonly HistoryPart[] | undefined;
  /**
   * The parts `score` reads, when they are fewer than those in {@link Play.reads}
   * (the same rules apply). Optional: without it, `reads` stands for `score` too.
   * The desk keeps a play's last score for an office while none of these parts
   * changed, even when its drafts must be worked out again.
   */
  readonly scoreReads?: readonly HistoryPart[] | undefined;
  /**
   * For a play that reads touchpoints but only some of them: which. Its `plan`
   * and `score` must depend on the touchpoints only through those for which this
   * returns `true` (their records and times). The desk then keeps the play's
   * answers after logging a touchpoint it does not read. Declare generously: a
   * test that returns `false` for a touchpoint the play reads makes the desk
   * answer from stale records.
   */
  readonly readsTouchpoint?: ((touchpoint: Touchpoint) => boolean) | undefined;
  /**
   * Whether every draft the play proposes is outreach (`outreach: true`).
   * Optional, default `false`.
   *
   * The engine drops outreach for an office contacted within the follow-up
   * nuisance floor; a play that declares this is not asked to `plan` for such an
   * office at all, since everything it proposed there would be dropped. A draft
   * with `outreach: false` from such a play, for an office it is asked about, is
   * an error (a `ValidationError` naming the play), so that the declaration
   * cannot silently hide actions for long: the offices inside the floor are not
   * asked, so a wrong declaration shows only once an office is outside it.
   */
  readonly outreachOnly?: boolean | undefined;
}

/**
 * A part of an office history a play can declare it reads (see {@link Play.reads}):
 * `touchpoints` stands for `touchpoints`, `touchpointRecords` and
 * `touchpointTimes` together.
 *
 * @category Plays
 */
export type HistoryPart = 'contacts' | 'touchpoints' | 'referrals' | 'thankYous';

/**
 * The policy type a play's schema describes, deeply read-only.
 *
 * @category Plays
 */
export type PolicyOf<S extends z.ZodType> = PolicyDefinition<string, S>['defaults'];

/**
 * Declares a play, keeping its literal id and policy types. Only a typing aid.
 *
 * @param play - The play.
 * @returns The same play.
 * @example
 * ```ts
 * const play = definePlay({ id: 'birthday-cards', title: 'Birthday cards', policy, plan, score });
 * play.id; //=> 'birthday-cards'
 * ```
 * @category Plays
 */
export function definePlay<const Id extends string, S extends z.ZodType>(play: Play<Id, S>): Play<Id, S> {
  return play;
}
