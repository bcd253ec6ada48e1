import type { PracticeMessage } from '../../model/practice-message';
import type { EducatePolicy } from './policy';

/**
 * How a practice message's elevator speech measures up to the word limit.
 *
 * @category Plays
 */
export interface MessageCheck {
  /** The elevator speech's length in words (whitespace-separated tokens). */
  readonly words: number;
  /** The limit: the policy's `elevatorSpeechMaxWords`. */
  readonly maxWords: number;
  /** Whether the speech is longer than the limit (`words > maxWords`). */
  readonly tooLong: boolean;
}

/**
 * Counts the words of a practice message's elevator speech and checks them against
 * the educate policy's limit. A word is a run of non-whitespace characters, so
 * "same-day" is one word and punctuation does not count on its own.
 *
 * @param message - The practice message (only its `elevatorSpeech` is read).
 * @param policy - The educate policy (only `elevatorSpeechMaxWords` is read).
 * @returns The word count, the limit, and whether the speech is too long.
 * @example
 * ```ts
 * checkPracticeMessage({ elevatorSpeech: 'We see anxious teens within a week.' }, { elevatorSpeechMaxWords: 5 });
 * //=> { words: 7, maxWords: 5, tooLong: true }
 * ```
 * @category Plays
 */
export function checkPracticeMessage(
  message: Pick<PracticeMessage, 'elevatorSpeech'>,
  policy: Pick<EducatePolicy, 'elevatorSpeechMaxWords'>,
): MessageCheck {
  const words = wordCount(message.elevatorSpeech);
  const maxWords = policy.elevatorSpeechMaxWords;
  return { words, maxWords, tooLong: words > maxWords };
}

/** Word counts already made: a plan checks the same speech once per office. */
const counted = new Map<string, number>();

/** The number of whitespace-separated words in a text. */
function wordCount(text: string): number {
  let words = counted.get(text);
  if (words === undefined) {
    const trimmed = text.trim();
    words = trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
    if (counted.size >= 64) counted.clear();
    counted.set(text, words);
  }
  return words;
}
