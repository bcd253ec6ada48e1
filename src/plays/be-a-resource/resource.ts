import { match } from 'ts-pattern';
import type { OfficeHistory, ReferralEntry, Timed } from '../../model/history';
import type { CalendarDate } from '../../model/primitives';
import type { Touchpoint } from '../../model/touchpoint';
import { purposes, type Purpose, type ResourceKind } from '../../model/vocabulary';
import type { PlayContext } from '../play';
import { lastResourceFacts, withRedirects } from './facts';
import type { BeAResourcePolicy } from './policy';

/**
 * Whether a touchpoint purpose is itself help given to the office: a resource
 * offer, an in-service training or a talk at a staff meeting.
 *
 * @param purpose - A touchpoint purpose.
 * @returns `true` for `resource-offer`, `in-service` and `staff-meeting-talk`.
 * @example
 * ```ts
 * isResourcePurpose('in-service'); //=> true
 * isResourcePurpose('ask'); //=> false
 * ```
 * @category Plays
 */
export function isResourcePurpose(purpose: Purpose): boolean {
  // Looked up: the play asks for every purpose of every touchpoint. Anything else goes to the match (and throws).
  return RESOURCE_PURPOSE.get(purpose) ?? resourcePurposeByMatch(purpose);
}

function resourcePurposeByMatch(purpose: Purpose): boolean {
  return match(purpose)
    .with('resource-offer', 'in-service', 'staff-meeting-talk', () => true)
    .with('introduction', 'ask', 'educate', 'coach', 'follow-up', 'collateral-drop', 'thank-you', () => false)
    .exhaustive();
}

/** {@link isResourcePurpose} of every purpose, worked out once. */
const RESOURCE_PURPOSE: ReadonlyMap<Purpose, boolean> = new Map(
  purposes.map((purpose) => [purpose, resourcePurposeByMatch(purpose)]),
);

/**
 * Whether a touchpoint is a *resource contact*: one of its purposes is a resource
 * purpose ({@link isResourcePurpose}), or it lists resources offered.
 *
 * @param touchpoint - The touchpoint.
 * @returns `true` when the practice offered or gave help at that touchpoint.
 * @example
 * ```ts
 * isResourceContact({ purposes: ['follow-up'], resources: ['consult-line'] }); //=> true
 * isResourceContact({ purposes: ['follow-up'], resources: [] }); //=> false
 * ```
 * @category Plays
 */
export function isResourceContact(touchpoint: Pick<Touchpoint, 'purposes' | 'resources'>): boolean {
  if ((touchpoint.resources?.length ?? 0) > 0) return true;
  for (const purpose of touchpoint.purposes) if (isResourcePurpose(purpose)) return true;
  return false;
}

/**
 * A referral the practice declined and redirected elsewhere, with when.
 *
 * @category Plays
 */
export interface Redirect {
  /** The referral. */
  readonly referral: ReferralEntry;
  /** When it was declined, in epoch ms. */
  readonly at: number;
  /** Where the patient was sent. */
  readonly redirectedTo: string;
}

/**
 * How an office stands on the be-a-resource cadence.
 *
 * @category Plays
 */
export interface ResourceFacts {
  /** The last resource contact up to now, if any. */
  readonly lastResource: Timed<Touchpoint> | undefined;
  /** Its date in the practice's time zone. */
  readonly lastResourceDate: CalendarDate | null;
  /** Whole days (practice time zone) since it; `null` when there is none. */
  readonly daysSince: number | null;
  /** Whether it is recent enough: `daysSince < offerEveryDays`. */
  readonly recent: boolean;
  /**
   * Declined referrals redirected to care elsewhere, declined within
   * `offerEveryDays` (whole days since the decline < `offerEveryDays`), oldest
   * first.
   */
  readonly redirects: readonly Redirect[];
}

/**
 * Computes an office's be-a-resource facts at `now`: its last resource contact
 * ({@link isResourceContact}) and the referrals it sent that the practice
 * declined but redirected elsewhere within `offerEveryDays`. Records after `now`
 * are ignored.
 *
 * "Within *N* days" means fewer than *N* whole days ago, as for a cadence: a
 * resource contact exactly `offerEveryDays` days ago is due to be renewed.
 *
 * @param history - The office's history.
 * @param policy - The be-a-resource policy.
 * @param ctx - The moment (`now`, epoch ms) and the practice's time zone.
 * @returns The last resource contact, the days since it and the recent redirects.
 * @throws {@link ValidationError} when `now` or the time zone is invalid.
 * @example
 * ```ts
 * resourceFacts(history, defaultBeAResourcePolicy, { now, timeZone: 'America/Chicago' }).daysSince;
 * //=> 200
 * ```
 * @category Plays
 */
export function resourceFacts(
  history: OfficeHistory,
  policy: Pick<BeAResourcePolicy, 'offerEveryDays'>,
  ctx: Pick<PlayContext<unknown>, 'now' | 'timeZone'>,
): ResourceFacts {
  return withRedirects(lastResourceFacts(history, policy, ctx), history, policy, ctx);
}

/**
 * How an offer reads in a sentence.
 *
 * @param offer - A kind of resource.
 * @returns E.g. `an in-service training`.
 * @example
 * ```ts
 * describeOffer('consult-line'); //=> 'the consult line for referral questions'
 * ```
 * @category Plays
 */
export function describeOffer(offer: ResourceKind): string {
  return match(offer)
    .with('in-service', () => 'an in-service training')
    .with('staff-meeting-talk', () => 'a talk at a staff meeting')
    .with('consult-line', () => 'the consult line for referral questions')
    .exhaustive();
}
