import { askPlay } from './ask/play';
import { beAResourcePlay } from './be-a-resource/play';
import { educatePlay } from './educate/play';
import { faceToFacePlay } from './face-to-face/play';
import { followUpPlay } from './follow-up/play';
import { officeStaffPlay } from './office-staff/play';
import { stockCardsPlay } from './stock-cards/play';
import { thankYouPlay } from './thank-you/play';
import type { Play } from './play';
import { strongReferralsPlay } from './strong-referrals/play';

/**
 * The nine built-in plays, in the order of DESIGN §1. The engine runs these unless
 * given another list; pass `[...defaultPlays, myPlay]` to add a play of your own.
 *
 * @category Plays
 */
export const defaultPlays: readonly Play[] = Object.freeze([
  askPlay,
  faceToFacePlay,
  educatePlay,
  strongReferralsPlay,
  officeStaffPlay,
  followUpPlay,
  stockCardsPlay,
  beAResourcePlay,
  thankYouPlay,
] as unknown as Play[]);
