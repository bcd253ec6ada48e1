import { followUpPlay } from './follow-up/play';
import type { Play } from './play';

/**
 * The nine built-in plays, in the order of DESIGN §1. The engine runs these unless
 * given another list; pass `[...defaultPlays, myPlay]` to add a play of your own.
 *
 * @category Plays
 */
export const defaultPlays: readonly Play[] = Object.freeze([followUpPlay as unknown as Play]);
