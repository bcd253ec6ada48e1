import { match } from 'ts-pattern';
import { addMonths, toCalendarDate } from '../../calendar/dates';
import { ValidationError } from '../../errors';
import { answerTable } from '../../model/answer-table';
import type { Contact } from '../../model/contact';
import type { Office } from '../../model/office';
import type { Referral } from '../../model/referral';
import { thankYouMedia } from '../../model/vocabulary';
import { joinWords } from '../english';
import type { PlayContext } from '../play';
import type { ThankYouPolicy } from './policy';

/**
 * The {@link draftThankYou} options: what the card is about and how it is sent.
 *
 * @category Plays
 */
export interface ThankYouDraftInput {
  /** The referring office. */
  readonly office: Pick<Office, 'name'>;
  /** The people the card is addressed to; empty: the office as a whole. */
  readonly contacts: readonly Pick<Contact, 'name' | 'salutation'>[];
  /** The referrals the card acknowledges (at least one). */
  readonly referrals: readonly Pick<Referral, 'receivedAt' | 'patient'>[];
  /** The practice's name, e.g. `Northside Counseling`. */
  readonly practiceName: string;
  /** Who signs the card; default: "The team at" the practice. */
  readonly clinicianNames?: readonly string[] | undefined;
  /** How the card is sent, how many business cards go in, and whether it asks for more. */
  readonly policy: Pick<ThankYouPolicy, 'medium' | 'enclosedCards' | 'askForMore'>;
  /**
   * The moment of writing and the practice's time zone, to say "this month" or
   * "last month"; without it, "recently".
   */
  readonly asOf?: Pick<PlayContext<unknown>, 'now' | 'timeZone'> | undefined;
}

/**
 * A drafted thank-you: its parts and the whole text.
 *
 * @category Plays
 */
export interface ThankYouDraft {
  /** E.g. `Dear Dr. Okafor,`. */
  readonly salutation: string;
  /** The message, one paragraph. */
  readonly body: string;
  /** E.g. `Warmly,\nSam Lee, LCSW\nNorthside Counseling`. */
  readonly signature: string;
  /** Salutation, body and signature, separated by blank lines. */
  readonly text: string;
}

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** "two" for 2, digits from 13 on. */
function numberWord(n: number): string {
  return numberWords[n] ?? String(n);
}

/** " this month", " last month" or " recently", from when the referrals arrived. */
function period(referrals: ThankYouDraftInput['referrals'], asOf: ThankYouDraftInput['asOf']): string {
  if (asOf === undefined) return ' recently';
  const month = (date: string) => date.slice(0, 7);
  const today = toCalendarDate(asOf.now, asOf.timeZone);
  const months = new Set(referrals.map((referral) => month(toCalendarDate(referral.receivedAt, asOf.timeZone))));
  if (months.size === 1) {
    if (months.has(month(today))) return ' this month';
    if (months.has(month(addMonths(today, -1)))) return ' last month';
  }
  return ' recently';
}

/** The sentence about the enclosed cards, per medium, matched once: a card or letter encloses them, an email cannot. */
const enclosureOf = answerTable(thankYouMedia, (medium) =>
  match(medium)
    .with(
      'handwritten-card',
      'printed-card',
      'letter',
      () => (cards: string) => `We have enclosed ${cards} for your front desk.`,
    )
    .with('email', () => (cards: string) => `We will send ${cards} for your front desk by mail.`)
    .exhaustive(),
);

/**
 * Drafts a personal thank-you for one or more referrals: addressed to the
 * contacts by their salutation (or name), naming the office, saying how many
 * patients they referred ("the two patients you referred to Northside Counseling
 * this month"), mentioning the enclosed business cards and, when `askForMore`,
 * asking for more referrals.
 *
 * **No patient information**: the text never contains a patient's reference. It
 * names the patients (`patient.displayName`) only when every referral it
 * acknowledges records `consentToShare: true` and a display name; otherwise it
 * only counts them.
 *
 * @param input - The office, addressees, referrals, practice, signers and policy.
 * @returns The salutation, body, signature and whole text.
 * @throws {@link ValidationError} when `referrals` is empty, or when `asOf` holds an
 *   invalid moment or time zone.
 * @example
 * ```ts
 * draftThankYou({
 *   office: { name: 'Elm Street Pediatrics' },
 *   contacts: [{ name: 'Ada Okafor', salutation: 'Dr. Okafor' }],
 *   referrals: [referral1, referral2],
 *   practiceName: 'Northside Counseling',
 *   policy: defaultThankYouPolicy,
 * }).text;
 * //=> 'Dear Dr. Okafor,\n\nThank you for the two patients you referred to Northside Counseling recently. …'
 * ```
 * @category Plays
 */
export function draftThankYou(input: ThankYouDraftInput): ThankYouDraft {
  const { office, contacts, referrals, practiceName, policy } = input;
  if (referrals.length === 0) {
    throw new ValidationError('thank-you draft', [
      { path: ['referrals'], pointer: '/referrals', message: 'must list at least one referral', code: 'custom' },
    ]);
  }

  const salutation =
    contacts.length === 0
      ? `Dear friends at ${office.name},`
      : `Dear ${joinWords(contacts.map((contact) => contact.salutation ?? contact.name))},`;

  const when = period(referrals, input.asOf);
  const names = referrals.every((referral) => referral.patient.consentToShare && referral.patient.displayName !== undefined)
    ? referrals.map((referral) => referral.patient.displayName!)
    : undefined;
  const count = referrals.length;
  const sentences = [
    names !== undefined
      ? `Thank you for referring ${joinWords(names)} to ${practiceName}${when}.`
      : count === 1
        ? `Thank you for the patient you referred to ${practiceName}${when}.`
        : `Thank you for the ${numberWord(count)} patients you referred to ${practiceName}${when}.`,
    contacts.length === 0
      ? `It means a great deal that everyone at ${office.name} trusts us to help.`
      : `It means a great deal that you and your colleagues at ${office.name} trust us to help.`,
  ];
  if (policy.enclosedCards > 0) {
    const cards = `${numberWord(policy.enclosedCards)} of our business cards`;
    sentences.push(enclosureOf(policy.medium)(cards));
  }
  if (policy.askForMore) {
    sentences.push('Please keep us in mind: we would be glad to see any other patients you think we could help.');
  }
  const body = sentences.join(' ');

  const signers = input.clinicianNames ?? [];
  const signature =
    signers.length === 0 ? `Warmly,\nThe team at ${practiceName}` : `Warmly,\n${joinWords(signers)}\n${practiceName}`;

  return { salutation, body, signature, text: `${salutation}\n\n${body}\n\n${signature}` };
}
