/**
 * Quick, hand-written checks of the records a store reads and writes in bulk
 * (touchpoints, referrals, contacts, offices, thank-yous): each answers "yes"
 * only for a value that the record's zod schema accepts *and* returns unchanged
 * (every default filled in, every label already trimmed), so the value can be
 * used as the record without rebuilding it. Anything else — a value written by an
 * older release, a caller's input with a default left out, a corrupt row —
 * answers "no", and the caller validates with the zod schema, which names every
 * problem. A property test (`canonical.prop.test.ts`) checks, for each kind, that
 * "yes" is never given to a value the schema would reject or change.
 *
 * Two ways to check:
 * - {@link isCanonicalRecord} checks in place (a freshly parsed row). With
 *   `share`, it replaces each list of strings (contact ids, purposes, resources,
 *   tags) by one shared, frozen list of the same strings, so a loaded snapshot
 *   holds each distinct list once: on the "large" practice that took a touchpoint
 *   from about 290 to about 180 heap bytes.
 * - {@link canonicalCopy} checks a caller's input while copying it, reading each
 *   property once: what was checked is exactly what the copy holds (a getter
 *   cannot answer differently later), and the copy shares nothing with the input,
 *   as zod's output would not.
 *
 * Rare or intricate fields (an NPI's check digit, an e-mail address, a time
 * zone) are checked by their own zod schema, requiring it to return the value
 * unchanged.
 *
 * @module
 */
import type { z } from 'zod';
import type { Contact } from './contact';
import { contactSchema } from './contact';
import { intakeTransitions } from './intake-transitions';
import { npiSchema } from './npi';
import type { Office } from './office';
import { idSchema, instantSchema, timeZoneSchema } from './primitives';
import type { Referral } from './referral';
import type { ThankYou } from './thank-you';
import type { Touchpoint } from './touchpoint';
import {
  channels,
  contactRoles,
  officeKinds,
  officeLifecycles,
  purposes,
  referralSources,
  resourceKinds,
  thankYouMedia,
  type IntakeStatus,
} from './vocabulary';

/**
 * Returns one shared, frozen list equal to `list` (a list of strings the caller
 * owns and has checked). @internal
 */
export type ShareList = (list: readonly string[]) => readonly string[];

/**
 * The record kinds with a hand-written check, and their types. @internal
 */
export interface CanonicalTypes {
  readonly touchpoint: Touchpoint;
  readonly referral: Referral;
  readonly contact: Contact;
  readonly office: Office;
  readonly 'thank-you': ThankYou;
}

/** A record kind with a hand-written check. @internal */
export type CanonicalKind = keyof CanonicalTypes;

/** The instant pattern of {@link instantSchema}, when zod exposes it (otherwise no quick path). */
const instantPattern: RegExp | undefined = (() => {
  const pattern = (instantSchema as unknown as { _zod?: { def?: { pattern?: unknown } } })._zod?.def?.pattern;
  return pattern instanceof RegExp ? new RegExp(pattern.source, pattern.flags.replace('g', '')) : undefined;
})();

/** Membership in a vocabulary. */
function vocabulary(values: readonly string[]): (value: unknown) => boolean {
  const table = new Set(values);
  return (value) => typeof value === 'string' && table.has(value);
}
const isChannel = vocabulary(channels);
const isPurpose = vocabulary(purposes);
const isResource = vocabulary(resourceKinds);
const isReferralSource = vocabulary(referralSources);
const isRole = vocabulary(contactRoles);
const isOfficeKind = vocabulary(officeKinds);
const isLifecycle = vocabulary(officeLifecycles);
const isMedium = vocabulary(thankYouMedia);

/** Whether `value` is an id {@link idSchema} accepts. Printable ASCII is checked by hand. */
function isId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 200) return false;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code >= 0x7f) return idSchema.safeParse(value).success;
  }
  return true;
}

/** Whether a zod schema accepts `value` and returns it unchanged (for primitives). */
function unchangedBy(schema: z.ZodType, value: unknown): boolean {
  const result = schema.safeParse(value);
  return result.success && result.data === value;
}

const emailSchema = contactSchema.shape.email;
const CHECKLIST_ITEM = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && instantPattern !== undefined && instantPattern.test(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isLabel = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= 500 && value.trim() === value;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 10_000;
const isBoolean = (value: unknown): value is boolean => value === true || value === false;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Says "no" from a field check. */
const NO: unique symbol = Symbol('not canonical');
type Checked = unknown;

/** How one check runs: copying (a caller's input) or in place (a parsed row), sharing lists or not. */
interface Mode {
  readonly copy: boolean;
  readonly share: ShareList | undefined;
}

/** A list read once (copy mode) or as it is. */
function listOf(value: unknown, mode: Mode): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (!mode.copy) return value;
  const length = value.length;
  const out: unknown[] = new Array(length);
  for (let i = 0; i < length; i += 1) out[i] = value[i];
  return out;
}

/** A list of distinct strings, each accepted by `accept`, at least `min` long. */
function distinctList(value: unknown, accept: (item: unknown) => boolean, mode: Mode, min = 0): Checked {
  const list = listOf(value, mode);
  if (list === undefined || list.length < min) return NO;
  for (let i = 0; i < list.length; i += 1) {
    const item = list[i];
    if (!accept(item)) return NO;
    for (let j = 0; j < i; j += 1) if (list[j] === item) return NO;
  }
  return mode.share === undefined ? list : mode.share(list as string[]);
}

/**
 * Checks a plain object's properties, each read once, with `field` (which returns
 * the value to keep, or {@link NO}); returns the object (in place) or its copy, or
 * {@link NO}. `field` counts required properties through its own state.
 */
function objectOf(value: unknown, mode: Mode, field: (key: string, item: unknown) => Checked): Checked {
  if (!isPlainObject(value)) return NO;
  const out: Record<string, unknown> = mode.copy ? {} : value;
  for (const key in value) {
    const item = value[key];
    const checked = field(key, item);
    if (checked === NO) return NO;
    if (mode.copy || checked !== item) out[key] = checked;
  }
  return out;
}

/** A primitive field: itself when `ok`, else {@link NO}. */
const keep = (ok: boolean, item: unknown): Checked => (ok ? item : NO);

function touchpoint(value: unknown, mode: Mode): Checked {
  let required = 0;
  const out = objectOf(value, mode, (key, field) => {
    switch (key) {
      case 'id':
      case 'tenantId':
      case 'officeId':
        required += 1;
        return keep(isId(field), field);
      case 'contactIds':
        required += 1;
        return distinctList(field, isId, mode);
      case 'clinicianId':
        return keep(isId(field), field);
      case 'at':
        required += 1;
        return keep(isInstant(field), field);
      case 'channel':
        required += 1;
        return keep(isChannel(field), field);
      case 'purposes':
        required += 1;
        return distinctList(field, isPurpose, mode, 1);
      case 'minutes':
        required += 1;
        return keep(isCount(field), field);
      case 'collateral': {
        let parts = 0;
        const collateral = objectOf(field, mode, (part, count) => {
          parts += 1;
          return keep((part === 'cards' || part === 'brochures') && isCount(count), count);
        });
        return parts === 2 ? collateral : NO;
      }
      case 'messageVersion':
        return keep(Number.isSafeInteger(field) && (field as number) >= 1, field);
      case 'resources':
        return distinctList(field, isResource, mode);
      case 'cost': {
        let amount = false;
        const cost = objectOf(field, mode, (part, item) => {
          if (part !== 'amount') return keep(part === 'description' && isLabel(item), item);
          amount = isCount(item);
          return keep(amount, item);
        });
        return amount ? cost : NO;
      }
      case 'notes':
        return keep(isText(field), field);
      default:
        return NO;
    }
  });
  // id, tenantId, officeId, contactIds, at, channel, purposes, minutes.
  return required === 8 ? out : NO;
}

const stepStatuses: ReadonlySet<string> = new Set(['accepted', 'declined', 'scheduled', 'first-visit-completed', 'no-show', 'cancelled']);

/** One intake step, exactly as one branch of `intakeStepSchema` outputs it. */
function intakeStep(value: unknown, mode: Mode): Checked {
  let status: unknown;
  let at = false;
  let appointment = false;
  const out = objectOf(value, mode, (key, field) => {
    switch (key) {
      case 'status':
        status = field;
        return keep(typeof field === 'string' && stepStatuses.has(field), field);
      case 'at':
        at = true;
        return keep(isInstant(field), field);
      case 'appointmentAt':
        appointment = true;
        return keep(isInstant(field), field);
      case 'reason':
      case 'redirectedTo':
        return keep(isLabel(field), field);
      default:
        return NO;
    }
  });
  if (out === NO || !at) return NO;
  const keys = out as Record<string, unknown>;
  // Which optional keys each status allows (strict objects: no others).
  const allowed =
    status === 'declined'
      ? !appointment
      : status === 'scheduled'
        ? appointment && !('reason' in keys) && !('redirectedTo' in keys)
        : status === 'cancelled'
          ? !appointment && !('redirectedTo' in keys)
          : !appointment && !('reason' in keys) && !('redirectedTo' in keys);
  return allowed ? out : NO;
}

function referral(value: unknown, mode: Mode): Checked {
  let required = 0;
  const out = objectOf(value, mode, (key, field) => {
    switch (key) {
      case 'id':
      case 'tenantId':
      case 'officeId':
        required += 1;
        return keep(isId(field), field);
      case 'contactIds':
        required += 1;
        return distinctList(field, isId, mode);
      case 'clinicianId':
        return keep(isId(field), field);
      case 'receivedAt':
        required += 1;
        return keep(isInstant(field), field);
      case 'via':
        required += 1;
        return keep(isReferralSource(field), field);
      case 'checklist':
        required += 1;
        return objectOf(field, mode, (item, answer) => keep(CHECKLIST_ITEM.test(item) && isBoolean(answer), answer));
      case 'patient': {
        required += 1;
        let parts = 0;
        const patient = objectOf(field, mode, (part, item) => {
          switch (part) {
            case 'reference':
              parts += 1;
              return keep(isId(item), item);
            case 'consentToShare':
              parts += 1;
              return keep(isBoolean(item), item);
            case 'displayName':
              return keep(isLabel(item), item);
            default:
              return NO;
          }
        });
        return parts === 2 ? patient : NO;
      }
      case 'intake': {
        required += 1;
        const steps = listOf(field, mode);
        if (steps === undefined) return NO;
        for (let i = 0; i < steps.length; i += 1) {
          const step = intakeStep(steps[i], mode);
          if (step === NO) return NO;
          if (step !== steps[i]) steps[i] = step;
        }
        return steps;
      }
      case 'patientContactedAt':
      case 'reportSentToReferrerAt':
        return keep(isInstant(field), field);
      case 'notes':
        return keep(isText(field), field);
      default:
        return NO;
    }
  });
  // id, tenantId, officeId, contactIds, receivedAt, via, checklist, patient, intake.
  if (out === NO || required !== 9) return NO;
  return intakeInOrder(out as unknown as Referral) ? out : NO;
}

/** The rules `referralSchema` checks across fields: legal moves, in time order. */
function intakeInOrder(referral: Referral): boolean {
  const received = Date.parse(referral.receivedAt);
  let from: IntakeStatus = 'received';
  let last = received;
  for (const move of referral.intake) {
    const allowed: readonly IntakeStatus[] = intakeTransitions[from];
    if (!allowed.includes(move.status)) return false;
    const at = Date.parse(move.at);
    if (at < last) return false;
    last = Math.max(last, at);
    from = move.status;
  }
  if (referral.patientContactedAt !== undefined && Date.parse(referral.patientContactedAt) < received) return false;
  if (referral.reportSentToReferrerAt !== undefined) {
    if (Date.parse(referral.reportSentToReferrerAt) < received || referral.intake.length === 0) return false;
  }
  return true;
}

function contact(value: unknown, mode: Mode): Checked {
  let required = 0;
  const out = objectOf(value, mode, (key, field) => {
    switch (key) {
      case 'id':
      case 'tenantId':
      case 'officeId':
        required += 1;
        return keep(isId(field), field);
      case 'name':
        required += 1;
        return keep(isLabel(field), field);
      case 'role':
        required += 1;
        return keep(isRole(field), field);
      case 'active':
        required += 1;
        return keep(isBoolean(field), field);
      case 'salutation':
      case 'phone':
        return keep(isLabel(field), field);
      case 'npi':
        return keep(typeof field === 'string' && unchangedBy(npiSchema, field), field);
      case 'email':
        return keep(typeof field === 'string' && unchangedBy(emailSchema, field), field);
      case 'notes':
        return keep(isText(field), field);
      default:
        return NO;
    }
  });
  // id, tenantId, officeId, name, role, active.
  return required === 6 ? out : NO;
}

const addressParts: ReadonlySet<string> = new Set(['line1', 'line2', 'city', 'region', 'postalCode', 'country']);

function office(value: unknown, mode: Mode): Checked {
  let required = 0;
  const out = objectOf(value, mode, (key, field) => {
    switch (key) {
      case 'id':
      case 'tenantId':
        required += 1;
        return keep(isId(field), field);
      case 'name':
        required += 1;
        return keep(isLabel(field), field);
      case 'kind':
        required += 1;
        return keep(isOfficeKind(field), field);
      case 'lifecycle':
        required += 1;
        return keep(isLifecycle(field), field);
      case 'tags': {
        required += 1;
        const tags = listOf(field, mode);
        if (tags === undefined || tags.length > 100) return NO;
        for (const tag of tags) if (!isLabel(tag)) return NO;
        // Not shared: a label may hold any character, so no separator makes a safe key.
        return tags;
      }
      case 'address':
        return objectOf(field, mode, (part, item) => keep(addressParts.has(part) && isLabel(item), item));
      case 'timeZone':
        return keep(typeof field === 'string' && unchangedBy(timeZoneSchema, field), field);
      case 'tier':
        return keep(isLabel(field), field);
      case 'createdAt':
        return keep(isInstant(field), field);
      case 'notes':
        return keep(isText(field), field);
      default:
        return NO;
    }
  });
  // id, tenantId, name, kind, tags, lifecycle.
  return required === 6 ? out : NO;
}

function thankYou(value: unknown, mode: Mode): Checked {
  let required = 0;
  const out = objectOf(value, mode, (key, field) => {
    switch (key) {
      case 'id':
      case 'tenantId':
      case 'officeId':
        required += 1;
        return keep(isId(field), field);
      case 'contactIds':
        required += 1;
        return distinctList(field, isId, mode, 1);
      case 'referralIds':
        required += 1;
        return distinctList(field, isId, mode);
      case 'sentAt':
        required += 1;
        return keep(isInstant(field), field);
      case 'medium':
        required += 1;
        return keep(isMedium(field), field);
      case 'cardsEnclosed':
        required += 1;
        return keep(isCount(field), field);
      case 'askedForMore':
        required += 1;
        return keep(isBoolean(field), field);
      case 'text':
        return keep(isText(field), field);
      default:
        return NO;
    }
  });
  // id, tenantId, officeId, contactIds, referralIds, sentAt, medium, cardsEnclosed, askedForMore.
  return required === 9 ? out : NO;
}

const checks: { readonly [K in CanonicalKind]: (value: unknown, mode: Mode) => Checked } = {
  touchpoint,
  referral,
  contact,
  office,
  'thank-you': thankYou,
};

/**
 * Whether a record kind has a hand-written check.
 *
 * @param kind - A stored kind.
 * @returns `true` for touchpoints, referrals, contacts, offices and thank-yous.
 * @example
 * ```ts
 * hasCanonicalCheck('referral'); //=> true
 * hasCanonicalCheck('clinician'); //=> false
 * ```
 * @category Model
 * @internal
 */
export function hasCanonicalCheck(kind: string): kind is CanonicalKind {
  return Object.hasOwn(checks, kind);
}

/**
 * Whether `value` (a freshly parsed JSON object the caller owns) is a record of
 * `kind` exactly as its schema outputs it. With `share`, replaces its lists of
 * strings by shared frozen equal lists as it goes (`value` stays equal to what it
 * was, even when the answer is `false`); without it, `value` is only read.
 *
 * @param kind - The record kind.
 * @param value - A value to check; with `share`, its lists may be replaced by equal ones.
 * @param share - Returns one shared, frozen list equal to the one given.
 * @returns `true` when `value` can be used as the record as it is.
 * @example
 * ```ts
 * isCanonicalRecord('contact', JSON.parse(row.body)); //=> true
 * isCanonicalRecord('contact', { ...contact, name: ' Ann ' }); //=> false (zod would trim it)
 * ```
 * @category Model
 * @internal
 */
export function isCanonicalRecord<K extends CanonicalKind>(kind: K, value: unknown, share?: ShareList): value is CanonicalTypes[K] {
  return checks[kind](value, { copy: false, share }) !== NO;
}

/**
 * {@link isCanonicalRecord} for a touchpoint.
 *
 * @param value - A value to check; with `share`, its lists may be replaced by equal ones.
 * @param share - Returns one shared, frozen list equal to the one given.
 * @returns `true` when `value` can be used as the touchpoint as it is.
 * @example
 * ```ts
 * isCanonicalTouchpoint({ ...touchpoint, channel: 'pigeon' }); //=> false
 * ```
 * @category Model
 * @internal
 */
export function isCanonicalTouchpoint(value: unknown, share?: ShareList): value is Touchpoint {
  return isCanonicalRecord('touchpoint', value, share);
}

/**
 * A copy of a caller's record, made while checking it (each property read once),
 * when it is exactly as the kind's schema outputs it; else `undefined` (validate
 * with the schema). The copy shares no object or array with `value`.
 *
 * @param kind - The record kind.
 * @param value - The caller's input.
 * @returns The checked copy, or `undefined`.
 * @example
 * ```ts
 * canonicalCopy('thank-you', thankYou) === thankYou; //=> false (an equal copy)
 * canonicalCopy('thank-you', { ...thankYou, cardsEnclosed: undefined }); //=> undefined (zod fills the default)
 * ```
 * @category Model
 * @internal
 */
export function canonicalCopy<K extends CanonicalKind>(kind: K, value: unknown): CanonicalTypes[K] | undefined {
  const out = checks[kind](value, { copy: true, share: undefined });
  return out === NO ? undefined : (out as CanonicalTypes[K]);
}
