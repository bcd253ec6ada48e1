/**
 * A seeded generator of realistic synthetic practices, for demos, benchmarks and
 * tests. Used at run time by the CLI demo, so it imports nothing but the core
 * (no test framework, no dev dependency).
 *
 * @module
 */
import { addDays, dayOfWeek, startOfDayInZone, toCalendarDate } from '../calendar/dates';
import { formatInstant, parseInstant } from '../calendar/instant';
import { isValidTimeZone } from '../calendar/time-zone';
import { invalidArgument } from '../calendar/validation';
import type { Clinician } from '../model/clinician';
import type { Contact } from '../model/contact';
import { npiCheckDigit } from '../model/npi';
import type { Office } from '../model/office';
import type { Practice } from '../model/practice';
import type { PracticeMessage } from '../model/practice-message';
import type { CalendarDate, Id, Instant, TimeZone } from '../model/primitives';
import type { IntakeStep, PatientRef, Referral } from '../model/referral';
import type { PracticeSnapshot } from '../model/snapshot';
import type { ThankYou } from '../model/thank-you';
import type { Collateral, Touchpoint } from '../model/touchpoint';
import type {
  Channel,
  ContactRole,
  OfficeKind,
  OfficeLifecycle,
  Purpose,
  ReferralSource,
  ResourceKind,
  ThankYouMedium,
} from '../model/vocabulary';
import { defaultStrongReferralsPolicy } from '../plays/strong-referrals/policy';
import {
  cancelReasons,
  cities,
  credentials,
  declineReasons,
  firstNames,
  lastNames,
  officeSuffixes,
  placeWords,
  practiceNames,
  redirects,
  specialties,
  streets,
} from './names';
import { Random, weights, type WeightTable } from './random';

/**
 * The {@link generatePractice} options.
 *
 * @category Testing
 */
export interface GeneratePracticeOptions {
  /** The seed: the same seed (and options) always gives the same practice. Any safe integer. */
  readonly seed: number;
  /** How many offices, a whole number ≥ 0. Contacts are about five per office. */
  readonly offices: number;
  /** The moment the practice is seen from (ISO-8601 UTC): nothing happens after it. */
  readonly now: Instant;
  /** How many years of history, up to `now`; default 3. Fractions allowed (at least one day). */
  readonly years?: number;
  /** The tenant id on every record; default `'demo'`. */
  readonly tenantId?: Id;
  /** The practice's IANA time zone; default `'America/New_York'`. */
  readonly timeZone?: TimeZone;
  /** About how many touchpoints to generate in all; default about 6 per office per year. */
  readonly touchpoints?: number;
  /** About how many referrals to generate in all; default about 1.5 per office per year. */
  readonly referrals?: number;
  /** The practice's name; default one picked by the seed. */
  readonly practiceName?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The days of the generated history, index 0 the first and `count − 1` today. */
interface Days {
  readonly count: number;
  /** Epoch ms of the start of each day in the practice's zone. */
  readonly starts: Float64Array;
  /** For each day, the nearest business day on or after it (else before it). */
  readonly business: Int32Array;
  readonly holidays: readonly CalendarDate[];
}

/** One contact as the generator tracks it. */
interface Person {
  readonly contact: Contact;
  /** `[contact.id]`, shared by every record that names only them. */
  readonly alone: readonly Id[];
  readonly provider: boolean;
}

/** The hidden traits of an office that shape its records. */
interface Profile {
  readonly office: Office;
  readonly people: readonly Person[];
  /** How strongly it refers (heavy-tailed: a few champions, many cold offices). */
  readonly affinity: number;
  /** How much outreach it gets, relative to others. */
  readonly effort: number;
  /** First day of activity, last day of outreach, last day of referrals. */
  readonly firstDay: number;
  readonly touchEnd: number;
  readonly referralEnd: number;
  /** −0.8…0.8: referrals thin out (< 0) or pick up (> 0) over the span. */
  readonly slope: number;
  /** 0–1: how often its referrals tick the strength checklist. */
  readonly strength: number;
  /** 0–1: how often the practice thanks it. */
  readonly thankRate: number;
  /** Cumulative weights for choosing whom a touchpoint reaches / who refers. */
  readonly touchWeights: WeightTable<Person> | undefined;
  readonly referWeights: WeightTable<Person> | undefined;
}

const officeKinds: WeightTable<OfficeKind> = weights([
  ['primary-care', 35],
  ['pediatrics', 15],
  ['ob-gyn', 12],
  ['psychiatry', 7],
  ['urgent-care', 10],
  ['hospital-unit', 8],
  ['other', 13],
]);

const lifecycles: WeightTable<OfficeLifecycle> = weights([
  ['active', 66],
  ['prospect', 16],
  ['dormant', 13],
  ['closed', 5],
]);

const providerRoles: WeightTable<ContactRole> = weights([
  ['physician', 60],
  ['nurse-practitioner', 25],
  ['physician-assistant', 15],
]);

const staffRoles: WeightTable<ContactRole> = weights([
  ['receptionist', 30],
  ['nurse', 25],
  ['medical-assistant', 25],
  ['office-manager', 15],
  ['other', 5],
]);

const channelsByUse: WeightTable<Channel> = weights([
  ['in-person', 44],
  ['phone', 20],
  ['email', 18],
  ['video', 6],
  ['letter', 4],
  ['fax', 4],
  ['portal', 4],
]);

const mainPurposes: WeightTable<Purpose> = weights([
  ['follow-up', 46],
  ['ask', 13],
  ['educate', 9],
  ['collateral-drop', 10],
  ['resource-offer', 6],
  ['coach', 6],
  ['thank-you', 4],
  ['in-service', 3],
  ['staff-meeting-talk', 3],
]);

const referralVia: WeightTable<ReferralSource> = weights([
  ['phone-from-office', 30],
  ['fax', 25],
  ['prescription-pad', 18],
  ['e-referral', 17],
  ['patient-self-report', 10],
]);

const thankYouMedia: WeightTable<ThankYouMedium> = weights([
  ['handwritten-card', 60],
  ['printed-card', 20],
  ['email', 15],
  ['letter', 5],
]);

const openSlotCounts: WeightTable<number> = weights([
  [0, 2],
  [1, 2],
  [2, 3],
  [3, 2],
  [4, 2],
  [6, 1],
]);

/** How many people an in-person visit reaches. */
const peopleReached: WeightTable<number> = weights([
  [0, 20],
  [1, 55],
  [2, 25],
]);

const resourceKinds: readonly ResourceKind[] = ['in-service', 'staff-meeting-talk', 'consult-line'];

/** Minutes spent per channel (travel included for visits), as [min, max]. */
const minutesByChannel: Readonly<Record<Channel, readonly [number, number]>> = {
  'in-person': [25, 90],
  video: [15, 35],
  phone: [5, 20],
  email: [5, 15],
  letter: [10, 20],
  fax: [3, 8],
  portal: [5, 10],
};

/** Rejects an option that is not a whole number in range. */
function wholeOption(name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalidArgument('generator options', `${name} must be a whole number ≥ ${min}, not ${String(value)}`, 'invalid_value', [name]);
  }
}

/** Shares equal small arrays and objects between records, to keep big practices lean. */
class Interner<T> {
  private readonly cache = new Map<string, T>();
  get(key: string, make: () => T): T {
    let value = this.cache.get(key);
    if (value === undefined) {
      value = make();
      this.cache.set(key, value);
    }
    return value;
  }
}

/** US holidays (fixed and floating) for the years from `fromYear` to `toYear`. */
function holidaysFor(fromYear: number, toYear: number): CalendarDate[] {
  const nthWeekday = (year: number, month: string, weekday: number, firstDay: number): CalendarDate => {
    for (let day = firstDay; ; day += 1) {
      const date = `${year}-${month}-${String(day).padStart(2, '0')}`;
      if (dayOfWeek(date) === weekday) return date;
    }
  };
  const dates: CalendarDate[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    dates.push(
      `${year}-01-01`,
      nthWeekday(year, '05', 1, 25), // Memorial Day: last Monday of May
      `${year}-07-04`,
      nthWeekday(year, '09', 1, 1), // Labor Day: first Monday of September
      nthWeekday(year, '11', 4, 22), // Thanksgiving: fourth Thursday of November
      `${year}-12-25`,
    );
  }
  return dates;
}

/** The generated history's days, their starts and the business-day lookup. */
function buildDays(today: CalendarDate, count: number, timeZone: TimeZone): Days {
  const first = addDays(today, 1 - count);
  const holidays = holidaysFor(Number(first.slice(0, 4)), Number(today.slice(0, 4)) + 1);
  const closed = new Set(holidays);
  const starts = new Float64Array(count);
  const isBusiness = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    const date = addDays(first, i);
    starts[i] = startOfDayInZone(date, timeZone);
    const weekday = dayOfWeek(date);
    isBusiness[i] = weekday !== 0 && weekday !== 6 && !closed.has(date) ? 1 : 0;
  }
  const business = new Int32Array(count);
  let next = -1;
  for (let i = count - 1; i >= 0; i -= 1) {
    if (isBusiness[i]) next = i;
    business[i] = next;
  }
  let previous = -1;
  for (let i = 0; i < count; i += 1) {
    if (isBusiness[i]) previous = i;
    if (business[i] === -1) business[i] = previous === -1 ? i : previous;
  }
  return { count, starts, business, holidays };
}

/**
 * Splits `total` among items in proportion to their weights, rounding each share
 * up or down at random so that the expected sum is `total`.
 */
function allocate(total: number, shares: Float64Array, random: Random): Int32Array {
  let sum = 0;
  for (const share of shares) sum += share;
  const counts = new Int32Array(shares.length);
  if (sum <= 0 || total <= 0) return counts;
  for (let i = 0; i < shares.length; i += 1) {
    const expected = (total * shares[i]!) / sum;
    const whole = Math.floor(expected);
    counts[i] = whole + (random.chance(expected - whole) ? 1 : 0);
  }
  return counts;
}

/** A ten-digit NPI starting with 1 or 2, with a valid check digit, unique in `used`. */
function npi(random: Random, used: Set<string>): string {
  for (;;) {
    let nine = String(random.int(1, 2));
    for (let i = 0; i < 8; i += 1) nine += String(random.int(0, 9));
    const value = `${nine}${npiCheckDigit(nine)}`;
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
}

/**
 * Writes instants as `2026-03-02T14:05:00Z` (whole seconds), three times faster
 * than `Date#toISOString` and as flat strings: the date part is formatted once per
 * UTC day and reused. Sub-second parts are dropped (the generator makes none).
 */
class InstantWriter {
  private readonly days = new Map<number, readonly number[]>();
  private readonly codes: number[] = new Array<number>(20).fill(0);

  write(epochMs: number): Instant {
    const day = Math.floor(epochMs / DAY);
    let prefix = this.days.get(day);
    if (prefix === undefined) {
      const text = formatInstant(day * DAY); // YYYY-MM-DDT…
      prefix = Array.from(text.slice(0, 11), (char) => char.charCodeAt(0));
      this.days.set(day, prefix);
    }
    const codes = this.codes;
    for (let i = 0; i < 11; i += 1) codes[i] = prefix[i]!;
    const second = Math.floor((epochMs - day * DAY) / 1000);
    const hour = Math.floor(second / 3600);
    const minute = Math.floor(second / 60) % 60;
    const rest = second % 60;
    codes[11] = 48 + Math.floor(hour / 10);
    codes[12] = 48 + (hour % 10);
    codes[13] = 58; // :
    codes[14] = 48 + Math.floor(minute / 10);
    codes[15] = 48 + (minute % 10);
    codes[16] = 58;
    codes[17] = 48 + Math.floor(rest / 10);
    codes[18] = 48 + (rest % 10);
    codes[19] = 90; // Z
    return String.fromCharCode.apply(null, codes);
  }
}

/** A padded id: `off-007`. */
function idMaker(prefix: string, count: number): (n: number) => Id {
  const width = Math.max(3, String(count).length);
  return (n) => `${prefix}-${String(n).padStart(width, '0')}`;
}

/**
 * Generates a realistic synthetic practice: offices of several kinds and
 * lifecycle stages, their providers and staff, the practice's clinicians and two
 * versions of its message, and `years` of outreach, referrals, intake and thank-you
 * cards up to `now`. Seeded: the same options always give the same snapshot, and
 * the clock is never read.
 *
 * What it looks like:
 * - offices: mostly `active`, some `prospect` (recent, never referring) and
 *   `dormant` (outreach stopped months ago), a few `closed`; about five contacts
 *   each, providers (with valid NPIs) and staff, a few of whom have left;
 * - referrals follow a heavy-tailed office *affinity*: about one office in ten is
 *   a consistent referrer and sends most of them, while many offices are cold —
 *   the practice visits them and gets little back; each office's referrals may
 *   rise or fall over time;
 * - outreach: in person most often, then phone, e-mail, video, letters, fax and
 *   portal; purposes, minutes (travel included), collateral drops, occasional
 *   costs (lunches), resource offers and the message version presented;
 * - referrals credit one or two contacts (staff as often as providers), tick the
 *   strength checklist more or less, and move through intake along legal
 *   `intakeTransitions` paths (accepted, declined with a redirect,
 *   scheduled, rescheduled, no-show, first visit, cancelled) with increasing
 *   times, the patient contacted, and reports sent back;
 * - thank-you cards for many referrals, sometimes one card for several.
 *
 * Every record is referentially consistent, so `parseSnapshot` accepts the
 * result; records are built directly (no per-record validation), in time linear in
 * the number of records, sharing small arrays and objects between records where
 * they are equal. Large practices (thousands of offices, millions of touchpoints)
 * take seconds.
 *
 * @param options - Seed, size, moment, span and targets.
 * @returns A complete practice snapshot.
 * @throws A `ValidationError` when an option is out of range, `now` is not an
 *   ISO-8601 UTC instant, or the time zone is unknown.
 * @example
 * ```ts
 * const snapshot = generatePractice({ seed: 7, offices: 40, now: '2026-03-02T14:00:00Z' });
 * snapshot.offices.length; //=> 40
 * parseSnapshot(snapshot).ok; //=> true
 * ```
 * @category Testing
 */
export function generatePractice(options: GeneratePracticeOptions): PracticeSnapshot {
  const { seed, offices: officeCount } = options;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw invalidArgument('generator options', `seed must be a whole number, not ${String(seed)}`, 'invalid_value', ['seed']);
  }
  wholeOption('offices', officeCount, 0);
  const years = options.years ?? 3;
  if (typeof years !== 'number' || !(years > 0) || years > 100) {
    throw invalidArgument('generator options', `years must be more than 0 and at most 100, not ${String(years)}`, 'invalid_value', ['years']);
  }
  if (options.touchpoints !== undefined) wholeOption('touchpoints', options.touchpoints, 0);
  if (options.referrals !== undefined) wholeOption('referrals', options.referrals, 0);
  const timeZone = options.timeZone ?? 'America/New_York';
  if (!isValidTimeZone(timeZone)) {
    throw invalidArgument('generator options', `unknown time zone ${JSON.stringify(timeZone)}`, 'invalid_value', ['timeZone']);
  }
  const tenantId = options.tenantId ?? 'demo';
  // eslint-disable-next-line no-control-regex
  if (typeof tenantId !== 'string' || !/^[^\u0000-\u001f\u007f]{1,200}$/.test(tenantId)) {
    throw invalidArgument('generator options', 'tenantId must be 1–200 characters without control characters', 'invalid_value', ['tenantId']);
  }
  const practiceName = options.practiceName;
  if (
    practiceName !== undefined &&
    (typeof practiceName !== 'string' || practiceName.trim() !== practiceName || practiceName.length === 0 || practiceName.length > 500)
  ) {
    throw invalidArgument('generator options', 'practiceName must be 1–500 characters without surrounding spaces', 'invalid_value', ['practiceName']);
  }
  const now = parseInstant(options.now);
  const random = new Random(seed);

  const today = toCalendarDate(now, timeZone);
  const days = buildDays(today, Math.max(1, Math.round(years * 365)), timeZone);
  const lastDay = days.count - 1;
  /** A whole-minute instant on day `day`, `fromMinute`–`toMinute` after its start, never after now. */
  const timeOn = (day: number, fromMinute: number, toMinute: number): number => {
    const start = days.starts[day]!;
    const at = start + random.int(fromMinute, toMinute) * MINUTE;
    if (at <= now) return at;
    return start + Math.floor((random.next() * (now - start)) / MINUTE) * MINUTE;
  };
  const clampDay = (day: number): number => Math.min(lastDay, Math.max(0, Math.round(day)));
  const writer = new InstantWriter();
  const iso = (epochMs: number): Instant => writer.write(epochMs);

  // The practice, its clinicians and its message.
  const practice: Practice = {
    tenantId,
    name: practiceName ?? random.pick(practiceNames),
    timeZone,
    holidays: days.holidays,
  };

  const clinicians: Clinician[] = [];
  const clinicianCount = random.int(2, 4);
  const clinicianIds = idMaker('cl', clinicianCount);
  for (let i = 1; i <= clinicianCount; i += 1) {
    const openSlots = random.weighted(openSlotCounts);
    const own = new Set<string>();
    const wanted = random.int(1, 3);
    while (own.size < wanted) own.add(random.pick(specialties));
    clinicians.push({
      id: clinicianIds(i),
      tenantId,
      name: `${random.pick(firstNames)} ${random.pick(lastNames)}, ${random.pick(credentials)}`,
      specialties: [...own].sort(),
      capacity: {
        openSlots,
        acceptingNewClients: openSlots > 0 || random.chance(0.2),
        asOf: iso(timeOn(clampDay(lastDay - random.int(0, 14)), 8 * 60, 17 * 60)),
      },
      active: true,
    });
  }
  const clinicianIdList = clinicians.map((clinician) => clinician.id);
  const specialtyList = [...new Set(clinicians.flatMap((clinician) => clinician.specialties))].sort();

  const v2Day = clampDay(lastDay - random.int(45, Math.max(46, Math.min(300, lastDay - 1))));
  const v2At = timeOn(v2Day, 9 * 60, 16 * 60);
  const messages: PracticeMessage[] = [
    {
      id: 'msg-1',
      tenantId,
      version: 1,
      publishedAt: iso(timeOn(0, 9 * 60, 9 * 60)),
      specialties: specialtyList.slice(0, 2),
      idealClient: 'Adults and teens with anxiety or depression who want practical, short-term therapy.',
      elevatorSpeech: `${practice.name} helps anxious and depressed adults and teens with short-term, practical therapy. We see new clients within a week.`,
    },
    {
      id: 'msg-2',
      tenantId,
      version: 2,
      publishedAt: iso(v2At),
      specialties: specialtyList,
      idealClient: `People who need help with ${specialtyList.join(', ')}, seen quickly, close to home.`,
      elevatorSpeech: `${practice.name} is a group of ${clinicianCount} therapists. We help with ${specialtyList.join(', ')}. Call us while your patient is still with you and we will offer a first visit within seven days.`,
    },
  ];
  const messageVersionAt = (at: number): number => (at >= v2At ? 2 : 1);

  // Offices, their contacts and their hidden traits.
  const offices: Office[] = [];
  const contacts: Contact[] = [];
  const profiles: Profile[] = [];
  const officeIds = idMaker('off', officeCount);
  const contactIds = idMaker('c', officeCount * 5);
  const usedNames = new Map<string, number>();
  const usedNpis = new Set<string>();
  let contactNumber = 0;
  for (let n = 1; n <= officeCount; n += 1) {
    const kind = random.weighted(officeKinds);
    const lifecycle = random.weighted(lifecycles);
    const place = random.pick(placeWords);
    const city = random.pick(cities);
    let name = `${place} ${random.pick(officeSuffixes[kind])}`;
    const seen = usedNames.get(name) ?? 0;
    usedNames.set(name, seen + 1);
    if (seen === 1) name = `${name} (${city})`;
    else if (seen > 1) name = `${name} ${seen + 1}`;

    const span = lastDay;
    let firstDay: number;
    let touchEnd = lastDay;
    let referralEnd = lastDay;
    if (lifecycle === 'prospect') {
      firstDay = clampDay(lastDay - random.int(0, Math.min(240, span)));
    } else if (lifecycle === 'active') {
      firstDay = random.chance(0.5) ? 0 : clampDay(random.next() * 0.7 * span);
    } else if (lifecycle === 'dormant') {
      firstDay = clampDay(random.next() * 0.4 * span);
      touchEnd = clampDay(Math.max(firstDay + 60, span * 0.45 + random.next() * (span * 0.55 - 200)));
      referralEnd = clampDay(touchEnd - random.int(30, 120));
    } else {
      firstDay = clampDay(random.next() * 0.3 * span);
      touchEnd = clampDay(Math.max(firstDay + 30, span * 0.4 + random.next() * (span * 0.6 - 90)));
      referralEnd = touchEnd;
    }
    referralEnd = Math.max(firstDay, referralEnd);

    const office: Office = {
      id: officeIds(n),
      tenantId,
      name,
      kind,
      address: {
        line1: `${random.int(10, 9800)} ${random.pick(streets)}`,
        city,
        postalCode: String(random.int(10000, 99999)),
        country: 'US',
      },
      tags: kind === 'hospital-unit' ? ['hospital'] : random.chance(0.15) ? ['insurance-network'] : [],
      lifecycle,
      createdAt: iso(timeOn(clampDay(firstDay - random.int(0, 30)), 10 * 60, 10 * 60)),
      ...(random.chance(0.4) ? { tier: random.pick(['A', 'B', 'C']) } : {}),
    };
    offices.push(office);

    // Contacts: one to three providers, the rest staff; about five in all.
    const people: Person[] = [];
    const providerCount = kind === 'hospital-unit' ? random.int(1, 2) : random.int(1, 3);
    const staffCount = random.int(2, kind === 'hospital-unit' ? 5 : 4);
    const domain = `${place.toLowerCase().replace(/[^a-z]/g, '')}-${kind}.example`;
    for (let i = 0; i < providerCount + staffCount; i += 1) {
      const provider = i < providerCount;
      const role = random.weighted(provider ? providerRoles : staffRoles);
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      contactNumber += 1;
      const id = contactIds(contactNumber);
      const contact: Contact = {
        id,
        tenantId,
        officeId: office.id,
        name: role === 'physician' ? `${first} ${last}, MD` : `${first} ${last}`,
        ...(role === 'physician' ? { salutation: `Dr. ${last}` } : {}),
        role,
        ...(provider && random.chance(0.95) ? { npi: npi(random, usedNpis) } : {}),
        ...(random.chance(0.5) ? { email: `${first}.${last}@${domain}`.toLowerCase() } : {}),
        ...(random.chance(0.3) ? { phone: `(555) 01${random.int(0, 9)}-${String(random.int(0, 9999)).padStart(4, '0')}` } : {}),
        active: lifecycle === 'closed' ? random.chance(0.3) : random.chance(0.93),
      };
      contacts.push(contact);
      people.push({ contact, alone: [id], provider });
    }

    // Affinity: a heavy tail made of tiers (champions, warm, lukewarm, cold).
    const tier = random.next();
    let affinity =
      tier < 0.09 ? 20 + random.next() * 40 : tier < 0.25 ? 3 + random.next() * 7 : tier < 0.55 ? 0.5 + random.next() * 1.5 : random.next() * 0.15;
    if (lifecycle === 'prospect') affinity = 0;
    const lifecycleEffort = lifecycle === 'active' ? 1 : lifecycle === 'prospect' ? 0.25 : 0.6;
    const effort =
      lifecycle === 'prospect' && random.chance(0.3) ? 0 : lifecycleEffort * (0.4 + 1.2 * random.next()) * (affinity > 10 ? 1.4 : 1);

    const champion = random.int(0, people.length - 1);
    const touchWeights = people.length === 0 ? undefined : weights(people.map((p) => [p, p.provider ? 1 : 1.4] as const));
    const referWeights =
      people.length === 0 ? undefined : weights(people.map((p, i) => [p, i === champion ? 6 : p.provider ? 1.2 : 1] as const));

    profiles.push({
      office,
      people,
      affinity,
      effort,
      firstDay,
      touchEnd: Math.max(firstDay, touchEnd),
      referralEnd,
      slope: lifecycle === 'active' ? (random.next() * 2 - 1) * 0.8 : -0.5 * random.next(),
      strength: 0.15 + random.next() * 0.8,
      thankRate: 0.3 + random.next() * 0.65,
      touchWeights,
      referWeights,
    });
  }

  // How many touchpoints and referrals each office gets.
  const touchShares = new Float64Array(officeCount);
  const referralShares = new Float64Array(officeCount);
  profiles.forEach((profile, i) => {
    touchShares[i] = profile.effort * (profile.touchEnd - profile.firstDay + 1);
    referralShares[i] = profile.affinity * (profile.referralEnd - profile.firstDay + 1);
  });
  const touchTarget = options.touchpoints ?? Math.round(officeCount * years * 6);
  const referralTarget = options.referrals ?? Math.round(officeCount * years * 1.5);
  const touchCounts = allocate(touchTarget, touchShares, random);
  const referralCounts = allocate(referralTarget, referralShares, random);
  const touchpointIds = idMaker('tp', touchTarget);
  const referralIds = idMaker('r', referralTarget);
  const thankYouIds = idMaker('ty', referralTarget);

  const purposeSets = new Interner<readonly Purpose[]>();
  const collaterals = new Interner<Collateral>();
  const resourceSets = new Interner<readonly ResourceKind[]>();
  const checklists = new Interner<Readonly<Record<string, boolean>>>();
  const checklistIds = defaultStrongReferralsPolicy.checklist.map((item) => item.id);

  const touchpoints: Touchpoint[] = [];
  const referrals: Referral[] = [];
  const thankYous: ThankYou[] = [];
  let touchpointNumber = 0;
  let referralNumber = 0;
  let thankYouNumber = 0;

  /** Sorted random days in [from, to], each moved to a business day. */
  const pickDays = (count: number, from: number, to: number, slope: number): Int32Array => {
    const picked = new Int32Array(count);
    const length = to - from + 1;
    for (let i = 0; i < count; i += 1) {
      let x = random.next();
      // Rejection sampling of a linear density 1 + slope·(2x − 1) on [0, 1).
      while (slope !== 0 && random.next() * (1 + Math.abs(slope)) > 1 + slope * (2 * x - 1)) x = random.next();
      picked[i] = days.business[from + Math.floor(x * length)]!;
    }
    return picked.sort();
  };

  for (let o = 0; o < profiles.length; o += 1) {
    const profile = profiles[o]!;
    const { office, people } = profile;

    // Touchpoints, oldest first; the first one introduces the practice.
    const touchDays = pickDays(touchCounts[o]!, profile.firstDay, profile.touchEnd, 0);
    for (let k = 0; k < touchDays.length; k += 1) {
      const at = timeOn(touchDays[k]!, 8 * 60 + 30, 16 * 60 + 30);
      const first = k === 0;
      const channel: Channel = first ? (random.chance(0.7) ? 'in-person' : 'phone') : random.weighted(channelsByUse);
      const inPerson = channel === 'in-person';
      let main: Purpose = first ? 'introduction' : random.weighted(mainPurposes);
      if (!inPerson && (main === 'collateral-drop' || main === 'staff-meeting-talk')) main = 'follow-up';
      if (main === 'in-service' && channel !== 'in-person' && channel !== 'video') main = 'follow-up';
      const drop = inPerson && (main === 'collateral-drop' || random.chance(0.4));
      const presents = main === 'introduction' || main === 'educate' || (inPerson && random.chance(0.3));
      const extras: Purpose[] = [main];
      if (drop && main !== 'collateral-drop') extras.push('collateral-drop');
      if (presents && main !== 'introduction' && main !== 'educate') extras.push('educate');
      if (!first && random.chance(0.12) && main !== 'ask') extras.push('ask');
      const purposes = purposeSets.get(extras.join(','), () => extras);

      const [lo, hi] = minutesByChannel[channel];
      let minutes = random.int(lo, hi);
      if (inPerson) minutes = Math.round(minutes / 5) * 5;
      if (main === 'in-service' || main === 'staff-meeting-talk') minutes += 60;

      let reached: readonly Id[] = [];
      const picker = profile.touchWeights;
      if (picker !== undefined) {
        const howMany = inPerson ? random.weighted(peopleReached) : random.chance(0.9) ? 1 : 0;
        if (howMany >= 1) reached = random.weighted(picker).alone;
        if (howMany === 2 && people.length > 1) {
          const other = random.weighted(picker).contact.id;
          if (other !== reached[0]) reached = [reached[0]!, other].sort();
        }
      }

      const touchpoint: {
        -readonly [K in keyof Touchpoint]: Touchpoint[K];
      } = {
        id: touchpointIds((touchpointNumber += 1)),
        tenantId,
        officeId: office.id,
        contactIds: reached,
        at: iso(at),
        channel,
        purposes,
        minutes,
      };
      if (random.chance(0.9)) touchpoint.clinicianId = random.pick(clinicianIdList);
      if (drop) {
        const cards = random.pick([25, 50, 50, 100]);
        const brochures = random.pick([0, 0, 10, 20]);
        touchpoint.collateral = collaterals.get(`${cards}/${brochures}`, () => ({ cards, brochures }));
      }
      if (presents) touchpoint.messageVersion = messageVersionAt(at);
      if (main === 'resource-offer' || main === 'in-service' || main === 'staff-meeting-talk') {
        const kind: ResourceKind = main === 'resource-offer' ? random.pick(resourceKinds) : main;
        touchpoint.resources = resourceSets.get(kind, () => [kind]);
      }
      if (inPerson && (main === 'in-service' || main === 'staff-meeting-talk' || random.chance(0.04))) {
        touchpoint.cost = {
          amount: random.int(40, 250) * 100,
          description: random.pick(['Staff lunch', 'Coffee and pastries', 'Breakfast for the front desk']),
        };
      }
      touchpoints.push(touchpoint);
    }

    // Referrals, oldest first, with their intake; thank-you cards batched by contact.
    const referralDays = pickDays(referralCounts[o]!, profile.firstDay, profile.referralEnd, profile.slope);
    let batch: { contactIds: Id[]; referralIds: Id[]; firstAt: number; lastAt: number } | undefined;
    const sendBatch = () => {
      if (batch === undefined) return;
      const sentAt = batch.lastAt + random.int(1, 5) * DAY + random.int(0, 300) * MINUTE;
      if (sentAt <= now) {
        const thankYou: ThankYou = {
          id: thankYouIds((thankYouNumber += 1)),
          tenantId,
          officeId: office.id,
          contactIds: batch.contactIds.sort(),
          referralIds: batch.referralIds,
          sentAt: iso(sentAt),
          medium: random.weighted(thankYouMedia),
          cardsEnclosed: random.int(0, 3),
          askedForMore: random.chance(0.7),
        };
        thankYous.push(thankYou);
      }
      batch = undefined;
    };

    for (let k = 0; k < referralDays.length; k += 1) {
      const receivedAt = timeOn(referralDays[k]!, 8 * 60, 17 * 60);
      const via = random.weighted(referralVia);
      let credited: readonly Id[] = [];
      const picker = profile.referWeights;
      if (via !== 'patient-self-report' && picker !== undefined) {
        credited = random.weighted(picker).alone;
        if (people.length > 1 && random.chance(0.3)) {
          const other = random.weighted(picker).contact.id;
          if (other !== credited[0]) credited = [credited[0]!, other].sort();
        }
      }
      const p = profile.strength;
      const ticks = checklistIds.map((item) =>
        item === 'prescription-pad'
          ? via === 'prescription-pad' || random.chance(p * 0.4)
          : item === 'warm-handoff'
            ? (via === 'phone-from-office' && random.chance(0.7)) || random.chance(p * 0.3)
            : random.chance(p),
      );
      const checklist = checklists.get(ticks.map(Number).join(''), () =>
        Object.fromEntries(checklistIds.map((item, i) => [item, ticks[i]!])),
      );
      const number = (referralNumber += 1);
      const consent = random.chance(0.12);
      const patient: PatientRef = consent
        ? { reference: `pt-${number}`, displayName: `${random.pick(firstNames)} ${random.pick(lastNames).charAt(0)}.`, consentToShare: true }
        : { reference: `pt-${number}`, consentToShare: false };

      const referral: { -readonly [K in keyof Referral]: Referral[K] } = {
        id: referralIds(number),
        tenantId,
        officeId: office.id,
        contactIds: credited,
        receivedAt: iso(receivedAt),
        via,
        checklist,
        patient,
        intake: [],
      };
      const { steps, contactedAt, reportAt, clinician } = intakeFor(receivedAt, referralDays[k]!);
      if (steps.length > 0) referral.intake = steps;
      if (contactedAt !== undefined) referral.patientContactedAt = iso(contactedAt);
      if (reportAt !== undefined) referral.reportSentToReferrerAt = iso(reportAt);
      if (clinician) referral.clinicianId = random.pick(clinicianIdList);
      referrals.push(referral);

      if (credited.length > 0 && random.chance(profile.thankRate)) {
        if (batch !== undefined && (receivedAt - batch.firstAt > 7 * DAY || !credited.includes(batch.contactIds[0]!))) sendBatch();
        if (batch === undefined) {
          batch = { contactIds: [...credited], referralIds: [referral.id], firstAt: receivedAt, lastAt: receivedAt };
        } else {
          for (const id of credited) if (!batch.contactIds.includes(id)) batch.contactIds.push(id);
          batch.referralIds.push(referral.id);
          batch.lastAt = receivedAt;
        }
      }
    }
    sendBatch();
  }

  /**
   * A referral's intake: a legal path through the lifecycle with increasing times,
   * cut at now; when the patient was contacted; when the report went back.
   */
  function intakeFor(
    receivedAt: number,
    day: number,
  ): {
    steps: IntakeStep[];
    contactedAt: number | undefined;
    reportAt: number | undefined;
    clinician: boolean;
  } {
    const steps: IntakeStep[] = [];
    const times: number[] = [];
    const push = (step: IntakeStep, at: number) => {
      steps.push(step);
      times.push(at);
    };
    let t = receivedAt;
    const later = (fromMinutes: number, toMinutes: number): number => (t += random.int(fromMinutes, toMinutes) * MINUTE);
    // The patient is called back the same day, the next business day, or later
    // (a breach of the ask play's responsiveness target); a few never.
    const speed = random.next();
    let contactedAt: number | undefined;
    if (speed < 0.55) {
      contactedAt = receivedAt + random.int(15, 240) * MINUTE;
    } else if (speed < 0.95) {
      const after = day + (speed < 0.85 ? 1 : random.int(2, 6));
      const callDay = after > lastDay ? -1 : days.business[after]!;
      if (callDay > day) contactedAt = days.starts[callDay]! + random.int(9 * 60, 17 * 60) * MINUTE;
    }
    if (contactedAt !== undefined) t = contactedAt;

    let reportFrom: number | undefined;
    const outcome = random.next();
    if (outcome < 0.08) {
      const at = later(30, 2 * 24 * 60);
      push(
        {
          status: 'declined',
          at: iso(at),
          reason: random.pick(declineReasons),
          ...(random.chance(0.85) ? { redirectedTo: random.pick(redirects) } : {}),
        },
        at,
      );
      if (random.chance(0.6)) reportFrom = at;
    } else if (outcome < 0.11) {
      const at = later(60, 5 * 24 * 60);
      push({ status: 'cancelled', at: iso(at), reason: random.pick(cancelReasons) }, at);
    } else {
      const acceptedAt = later(10, 24 * 60);
      push({ status: 'accepted', at: iso(acceptedAt) }, acceptedAt);
      let appointment = 0;
      const schedule = (soonestDays: number, latestDays: number) => {
        const at = later(10, 2 * 24 * 60);
        appointment = at + random.int(soonestDays * 24 * 60, latestDays * 24 * 60) * MINUTE;
        push({ status: 'scheduled', at: iso(at), appointmentAt: iso(appointment) }, at);
      };
      schedule(2, 14);
      const next = random.next();
      if (next < 0.07) {
        // Rescheduled once, then usually seen.
        t = Math.max(t, appointment - random.int(1, 2 * 24 * 60) * MINUTE);
        schedule(1, 10);
      }
      const end = random.next();
      if (end < 0.08) {
        t = Math.max(t, appointment + 30 * MINUTE);
        push({ status: 'no-show', at: iso(t) }, t);
        if (random.chance(0.5)) {
          schedule(3, 10);
          t = Math.max(t, appointment + 60 * MINUTE);
          push({ status: 'first-visit-completed', at: iso(t) }, t);
          reportFrom = t;
        } else {
          const at = later(3 * 24 * 60, 10 * 24 * 60);
          push({ status: 'cancelled', at: iso(at), reason: 'Could not reach the patient' }, at);
        }
      } else if (end < 0.15) {
        t = Math.max(t, appointment - random.int(60, 24 * 60) * MINUTE);
        push({ status: 'cancelled', at: iso(t), reason: random.pick(cancelReasons) }, t);
      } else {
        t = Math.max(t, appointment + 60 * MINUTE);
        push({ status: 'first-visit-completed', at: iso(t) }, t);
        reportFrom = t;
      }
    }

    // Nothing after now has happened yet: keep the steps up to now.
    let kept = steps.length;
    while (kept > 0 && times[kept - 1]! > now) kept -= 1;
    const lastStatus = steps[kept - 1]?.status;
    let reportAt: number | undefined;
    if (reportFrom !== undefined && reportFrom <= now && random.chance(0.65)) {
      const at = reportFrom + random.int(60, 7 * 24 * 60) * MINUTE;
      if (at <= now) reportAt = at;
    }
    return {
      steps: kept === steps.length ? steps : steps.slice(0, kept),
      contactedAt: contactedAt !== undefined && contactedAt <= now ? contactedAt : undefined,
      reportAt: kept > 0 ? reportAt : undefined,
      clinician: lastStatus !== undefined && lastStatus !== 'declined' && !(lastStatus === 'cancelled' && kept === 1),
    };
  }

  return {
    practice,
    offices,
    contacts,
    clinicians,
    messages,
    touchpoints,
    referrals,
    thankYous,
    decisions: [],
  };
}
