/**
 * A quick, allocation-free check of a record a store wrote itself, for the load
 * path: it answers `true` only for a value that the record's zod schema accepts
 * *and* returns unchanged (every default filled in, every label already trimmed),
 * so the value can be used as the record without rebuilding it. Anything else —
 * a value written by an older release, a corrupt row — answers `false`, and the
 * caller validates with the zod schema, which names every problem. A property
 * test (`canonical.prop.test.ts`) checks that `true` is never given to a value
 * the schema would reject or change.
 *
 * While checking, it can replace each list of strings (contact ids, purposes,
 * resources) with one shared, frozen list of the same strings, through `share`,
 * so a loaded snapshot holds each distinct list once: on the "large" practice that
 * took a touchpoint from about 290 to about 180 heap bytes. (Sharing single
 * strings saved nothing measurable: V8's `JSON.parse` already shares short ones.)
 *
 * @module
 */
import { idSchema, instantSchema } from './primitives';
import type { Touchpoint } from './touchpoint';
import { channels, purposes, resourceKinds } from './vocabulary';

/**
 * Returns one shared, frozen list equal to `list` (a list of strings the caller
 * owns and has checked). @internal
 */
export type ShareList = (list: readonly string[]) => readonly string[];

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

/** Whether `value` is an id {@link idSchema} accepts. Printable ASCII is checked by hand. */
function isId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 200) return false;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code >= 0x7f) return idSchema.safeParse(value).success;
  }
  return true;
}

const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && instantPattern !== undefined && instantPattern.test(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isLabel = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= 500 && value.trim() === value;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 10_000;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Checks a list of distinct strings, each accepted by `accept`. */
function isDistinctList(value: unknown, accept: (item: unknown) => boolean): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i += 1) {
    const item: unknown = value[i];
    if (!accept(item)) return false;
    for (let j = 0; j < i; j += 1) if (value[j] === item) return false;
  }
  return true;
}

/**
 * Whether `value` (a freshly parsed JSON object the caller owns) is a touchpoint
 * exactly as `touchpointSchema` outputs it. With `share`, replaces its lists of
 * strings by shared frozen equal lists as it goes (`value` stays equal to what it
 * was, even when the answer is `false`); without it, `value` is only read (a
 * caller's input).
 *
 * @param value - A value to check; with `share`, its lists may be replaced by equal ones.
 * @param share - Returns one shared, frozen list equal to the one given.
 * @returns `true` when `value` can be used as the touchpoint as it is.
 * @internal
 */
export function isCanonicalTouchpoint(value: unknown, share?: ShareList): value is Touchpoint {
  if (!isPlainObject(value)) return false;
  let required = 0;
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'id':
        if (!isId(field)) return false;
        required += 1;
        break;
      case 'tenantId':
      case 'officeId':
        if (!isId(field)) return false;
        required += 1;
        break;
      case 'contactIds':
        if (!isDistinctList(field, isId)) return false;
        if (share !== undefined) value[key] = share(field);
        required += 1;
        break;
      case 'clinicianId':
        if (!isId(field)) return false;
        break;
      case 'at':
        if (!isInstant(field)) return false;
        required += 1;
        break;
      case 'channel':
        if (!isChannel(field)) return false;
        required += 1;
        break;
      case 'purposes':
        if (!isDistinctList(field, isPurpose) || field.length === 0) return false;
        if (share !== undefined) value[key] = share(field);
        required += 1;
        break;
      case 'minutes':
        if (!isCount(field)) return false;
        required += 1;
        break;
      case 'collateral': {
        if (!isPlainObject(field)) return false;
        let count = 0;
        for (const part in field) {
          if ((part !== 'cards' && part !== 'brochures') || !isCount(field[part])) return false;
          count += 1;
        }
        if (count !== 2) return false;
        break;
      }
      case 'messageVersion':
        if (!Number.isSafeInteger(field) || (field as number) < 1) return false;
        break;
      case 'resources':
        if (!isDistinctList(field, isResource)) return false;
        if (share !== undefined) value[key] = share(field);
        break;
      case 'cost': {
        if (!isPlainObject(field) || !isCount(field.amount)) return false;
        for (const part in field) {
          if (part !== 'amount' && (part !== 'description' || !isLabel(field[part]))) return false;
        }
        break;
      }
      case 'notes':
        if (!isText(field)) return false;
        break;
      default:
        return false;
    }
  }
  // id, tenantId, officeId, contactIds, at, channel, purposes, minutes.
  return required === 8;
}

/**
 * A deep copy of plain data (plain objects, arrays and primitives), reading each
 * property once: for a value {@link isCanonicalTouchpoint} accepted, so the copy
 * shares nothing with the caller's object (check the copy again: a getter may have
 * answered differently).
 *
 * @param value - Plain data.
 * @returns The copy.
 * @internal
 */
export function copyPlainData(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) out[i] = copyPlainData(value[i]);
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = copyPlainData((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
