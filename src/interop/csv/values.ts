/**
 * Reading spreadsheet cells into model values: vocabulary words written the way
 * people write them ("Primary Care", "OB/GYN", "NP"), yes/no flags and tag lists.
 *
 * @module
 * @internal
 */
import {
  contactRoles,
  officeKinds,
  officeLifecycles,
  type ContactRole,
  type OfficeKind,
  type OfficeLifecycle,
} from '../../model/vocabulary';

/**
 * A word as a vocabulary slug: lower case, every run of other characters than
 * letters and digits one `-`, none at either end (`"OB/GYN"` → `ob-gyn`).
 */
export function slug(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** A header or name compared loosely: lower case, letters and digits only (`"Office Name"` → `officename`). */
export function compact(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A name compared for equality: trimmed, lower case, runs of white space as one space. */
export function nameKey(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Other ways to write an office kind, by slug. */
const kindSynonyms: Readonly<Record<string, OfficeKind>> = {
  pcp: 'primary-care',
  'primary-care-physician': 'primary-care',
  'family-medicine': 'primary-care',
  'family-practice': 'primary-care',
  'internal-medicine': 'primary-care',
  'general-practice': 'primary-care',
  gp: 'primary-care',
  peds: 'pediatrics',
  pediatric: 'pediatrics',
  paediatrics: 'pediatrics',
  obgyn: 'ob-gyn',
  'ob-gyn': 'ob-gyn',
  'obstetrics-gynecology': 'ob-gyn',
  'obstetrics-and-gynecology': 'ob-gyn',
  'women-s-health': 'ob-gyn',
  'womens-health': 'ob-gyn',
  psych: 'psychiatry',
  'urgent-care-center': 'urgent-care',
  hospital: 'hospital-unit',
  'hospital-department': 'hospital-unit',
};

/** Other ways to write a contact role, by slug. */
const roleSynonyms: Readonly<Record<string, ContactRole>> = {
  md: 'physician',
  do: 'physician',
  doctor: 'physician',
  dr: 'physician',
  np: 'nurse-practitioner',
  fnp: 'nurse-practitioner',
  aprn: 'nurse-practitioner',
  pa: 'physician-assistant',
  'pa-c': 'physician-assistant',
  pac: 'physician-assistant',
  rn: 'nurse',
  lpn: 'nurse',
  lvn: 'nurse',
  ma: 'medical-assistant',
  cma: 'medical-assistant',
  'front-desk': 'receptionist',
  'front-office': 'receptionist',
  scheduler: 'receptionist',
  'practice-manager': 'office-manager',
  manager: 'office-manager',
};

/** Other ways to write a lifecycle stage, by slug. */
const lifecycleSynonyms: Readonly<Record<string, OfficeLifecycle>> = {
  lead: 'prospect',
  inactive: 'dormant',
};

/** A word of a vocabulary, or the message that lists the words allowed. */
function vocabulary<T extends string>(
  value: string,
  words: readonly T[],
  synonyms: Readonly<Record<string, T>>,
): { ok: true; value: T } | { ok: false; message: string } {
  const key = slug(value);
  const bare = compact(value);
  const direct = words.find((word) => word === key);
  const synonym = (name: string) => (Object.hasOwn(synonyms, name) ? synonyms[name] : undefined);
  const found = direct ?? synonym(key) ?? synonym(bare);
  if (found !== undefined) return { ok: true, value: found };
  return { ok: false, message: `${JSON.stringify(value)} is not one of ${words.join(', ')}` };
}

/** Reads an office kind ("Primary Care", "Family Medicine", "OB/GYN" …). */
export function readOfficeKind(value: string) {
  return vocabulary(value, officeKinds, kindSynonyms);
}

/** Reads a contact role ("Nurse Practitioner", "NP", "Front desk" …). */
export function readContactRole(value: string) {
  return vocabulary(value, contactRoles, roleSynonyms);
}

/** Reads an office lifecycle stage ("Active", "Prospect" …). */
export function readLifecycle(value: string) {
  return vocabulary(value, officeLifecycles, lifecycleSynonyms);
}

const yes = new Set(['yes', 'y', 'true', 't', '1', 'active', 'x']);
const no = new Set(['no', 'n', 'false', 'f', '0', 'inactive', 'left']);

/** Reads a yes/no cell. */
export function readFlag(value: string): { ok: true; value: boolean } | { ok: false; message: string } {
  const key = slug(value);
  if (yes.has(key)) return { ok: true, value: true };
  if (no.has(key)) return { ok: true, value: false };
  return { ok: false, message: `${JSON.stringify(value)} is not yes or no (also: true/false, 1/0, active/inactive)` };
}

/** Splits a tags cell on `;`, `|` or `,`; trims, drops empties and repeats. */
export function readTags(value: string): string[] {
  const tags = value
    .split(/[;|,]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}
