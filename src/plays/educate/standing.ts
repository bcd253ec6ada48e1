import type { OfficeHistory, Timed } from '../../model/history';
import type { PracticeMessage } from '../../model/practice-message';
import type { Touchpoint } from '../../model/touchpoint';
import { sharedFact } from '../shared-facts';

/**
 * Where an office stands with the practice message: it has heard the `current`
 * version, only an `outdated` one, or none at all (`never-heard`).
 *
 * @category Plays
 */
export type MessageStanding = 'current' | 'outdated' | 'never-heard';

/**
 * What an office has heard of the practice message.
 *
 * @category Plays
 */
export interface MessageStandingFacts {
  /** Its standing (see {@link MessageStanding}). */
  readonly standing: MessageStanding;
  /** The current message version. */
  readonly currentVersion: number;
  /** The highest version ever presented to the office; `null` when none was. */
  readonly heardVersion: number | null;
  /**
   * The touchpoint that presented {@link MessageStandingFacts.heardVersion} (the
   * latest one if several did).
   */
  readonly heardAt: Timed<Touchpoint> | undefined;
}

/**
 * Finds what an office has heard of the practice message: the highest
 * `messageVersion` presented at any of its touchpoints up to `now`. An office that
 * heard the current version once has heard it, even if an older brochure was
 * presented afterwards; a version above the current one (a message since
 * withdrawn) counts as current. Touchpoints after `now` are ignored.
 *
 * @param history - The office's history.
 * @param current - The current practice message.
 * @param now - Epoch milliseconds.
 * @returns The standing, the versions and the touchpoint.
 * @example
 * ```ts
 * messageStanding(history, { ...message, version: 2 }, now).standing;
 * //=> 'outdated' (the office heard version 1 only)
 * ```
 * @category Plays
 */
export function messageStanding(
  history: Pick<OfficeHistory, 'touchpointRecords' | 'touchpointTimes'>,
  current: Pick<PracticeMessage, 'version'>,
  now: number,
): MessageStandingFacts {
  return sharedFact(messageStanding, history, current, now, undefined, () => messageStandingOf(history, current, now));
}

/** {@link messageStanding}, worked out. */
function messageStandingOf(
  history: Pick<OfficeHistory, 'touchpointRecords' | 'touchpointTimes'>,
  current: Pick<PracticeMessage, 'version'>,
  now: number,
): MessageStandingFacts {
  const records = history.touchpointRecords;
  const times = history.touchpointTimes;
  let heard = -1;
  let heardVersion: number | null = null;
  for (let i = 0; i < records.length; i += 1) {
    // The version first: most touchpoints carry none.
    const version = records[i]!.messageVersion;
    if (version === undefined || times[i]! > now) continue;
    // `>=`: touchpoints are oldest first, so the latest of equal versions wins.
    if (heardVersion === null || version >= heardVersion) {
      heard = i;
      heardVersion = version;
    }
  }
  const heardAt: Timed<Touchpoint> | undefined = heard < 0 ? undefined : { record: records[heard]!, at: times[heard]! };
  const standing: MessageStanding =
    heardVersion === null ? 'never-heard' : heardVersion >= current.version ? 'current' : 'outdated';
  return { standing, currentVersion: current.version, heardVersion, heardAt };
}
