/**
 * The playbook format migration from version 1 to version 2.
 *
 * What changed in version 2:
 *
 * - the `educate` play's `lifecycles` (the office lifecycles that must have heard
 *   the current practice message) became the top-level `planning.lifecycles`,
 *   which applies to every play; `planning` also gained `horizonDays` (14);
 * - `educate` gained `staleMessageCredit` (0.5);
 * - every play gained `scoreWeight` (ask 10, face-to-face 15, educate 10,
 *   strong-referrals 10, office-staff 10, follow-up 20, stock-cards 5,
 *   be-a-resource 10, thank-you 10);
 * - `thank-you` gained `lookbackDays` (30) and `scoreWindowDays` (365);
 * - `ask` gained `referralWindowDays` (365);
 * - the `sources` section was added (`windowDays` 365, `trendDays` 90);
 * - `strong-referrals` checklist items may carry an optional `coachingPhrase`
 *   (nothing to migrate: version 1 items are valid as they are).
 *
 * The values filled in are written out here rather than read from the plays'
 * current defaults: a released migration must do the same thing forever, even
 * after a later format changes a default.
 *
 * @module
 */
import type { PlaybookMigration } from './migrations';
import { defineOwn, isPlainObject, type PlainRecord } from './plain-object';

/** The JSON Schema `$id` of format version 1. */
const SCHEMA_ID_V1 = 'https://referwell.dev/schemas/playbook/v1.json';
/** The JSON Schema `$id` of format version 2. */
const SCHEMA_ID_V2 = 'https://referwell.dev/schemas/playbook/v2.json';

/** A field version 2 added: its key, the value version 2 gave it by default, and the key it follows. */
interface AddedField {
  readonly key: string;
  readonly value: number;
  readonly after: string;
}

const scoreWeight = (value: number): AddedField => ({ key: 'scoreWeight', value, after: 'enabled' });

/** The fields version 2 added to each play, with their version 2 defaults. */
const addedPlayFields: Readonly<Record<string, readonly AddedField[]>> = {
  ask: [scoreWeight(10), { key: 'referralWindowDays', value: 365, after: 'maxOfficesPerAsk' }],
  'face-to-face': [scoreWeight(15)],
  educate: [scoreWeight(10), { key: 'staleMessageCredit', value: 0.5, after: 'elevatorSpeechMaxWords' }],
  'strong-referrals': [scoreWeight(10)],
  'office-staff': [scoreWeight(10)],
  'follow-up': [scoreWeight(20)],
  'stock-cards': [scoreWeight(5)],
  'be-a-resource': [scoreWeight(10)],
  'thank-you': [
    scoreWeight(10),
    { key: 'lookbackDays', value: 30, after: 'batchWindowDays' },
    { key: 'scoreWindowDays', value: 365, after: 'lookbackDays' },
  ],
};

/** The fields of the `planning` section besides `lifecycles`, with their version 2 defaults. */
const addedPlanningFields: readonly AddedField[] = [{ key: 'horizonDays', value: 14, after: 'lifecycles' }];

/** The `sources` section, with its version 2 defaults. */
const addedSourcesFields: readonly AddedField[] = [
  { key: 'windowDays', value: 365, after: '' },
  { key: 'trendDays', value: 90, after: 'windowDays' },
];

/**
 * A copy of `source` with each field of `fields` it lacks, placed after the key
 * it follows (or at the end), so the result reads in the order of the format.
 */
function withFields(source: PlainRecord, fields: readonly AddedField[]): PlainRecord {
  const missing = fields.filter((field) => !Object.hasOwn(source, field.key));
  const out: PlainRecord = {};
  const placed = new Set<string>();
  const placeAfter = (key: string): void => {
    for (const field of missing) {
      if (field.after !== key || placed.has(field.key)) continue;
      defineOwn(out, field.key, field.value);
      placed.add(field.key);
      placeAfter(field.key);
    }
  };
  placeAfter('');
  for (const key of Object.keys(source)) {
    defineOwn(out, key, source[key]);
    placeAfter(key);
  }
  for (const field of missing) if (!placed.has(field.key)) defineOwn(out, field.key, field.value);
  return out;
}

/** A copy of `source` without `key`. */
function without(source: PlainRecord, key: string): PlainRecord {
  const out: PlainRecord = {};
  for (const own of Object.keys(source)) if (own !== key) defineOwn(out, own, source[own]);
  return out;
}

/** A version 1 document is complete unless it names a base in `extends`. */
function isComplete(document: PlainRecord): boolean {
  return document['extends'] === undefined;
}

/** Whether the document already has a `planning.lifecycles` of its own (not valid in version 1). */
function hasPlanningLifecycles(document: PlainRecord): boolean {
  const planning = document['planning'];
  return isPlainObject(planning) && Object.hasOwn(planning, 'lifecycles');
}

/**
 * Whether `plays.educate.lifecycles` can move to `planning.lifecycles`: it is
 * there, and the place it moves to is free (no `planning`, or a `planning` object
 * without `lifecycles`). Otherwise it stays where it is and is reported as an
 * unknown key of the version 2 document, rather than silently dropped.
 */
function canMoveLifecycles(document: PlainRecord): boolean {
  const plays = document['plays'];
  const educate = isPlainObject(plays) ? plays['educate'] : undefined;
  if (!isPlainObject(educate) || !Object.hasOwn(educate, 'lifecycles')) return false;
  const planning = document['planning'];
  return planning === undefined || (isPlainObject(planning) && !Object.hasOwn(planning, 'lifecycles'));
}

function migratePlays(plays: PlainRecord, moveLifecycles: boolean, complete: boolean): PlainRecord {
  const out: PlainRecord = {};
  for (const id of Object.keys(plays)) {
    let policy = plays[id];
    if (id === 'educate' && moveLifecycles && isPlainObject(policy)) policy = without(policy, 'lifecycles');
    const added = Object.hasOwn(addedPlayFields, id) ? addedPlayFields[id] : undefined;
    if (complete && added !== undefined && isPlainObject(policy)) policy = withFields(policy, added);
    defineOwn(out, id, policy);
  }
  return out;
}

function migratePlanning(document: PlainRecord, moveLifecycles: boolean, complete: boolean): unknown {
  let planning = document['planning'];
  if (moveLifecycles) {
    const educate = (document['plays'] as PlainRecord)['educate'] as PlainRecord;
    const moved: PlainRecord = {};
    defineOwn(moved, 'lifecycles', educate['lifecycles']);
    planning = isPlainObject(planning) ? { ...moved, ...planning } : moved;
  }
  if (complete && (planning === undefined || isPlainObject(planning))) {
    planning = withFields((planning as PlainRecord | undefined) ?? {}, addedPlanningFields);
  }
  return planning;
}

function migrateSources(document: PlainRecord, complete: boolean): unknown {
  const sources = document['sources'];
  if (!complete || !(sources === undefined || isPlainObject(sources))) return sources;
  return withFields(sources ?? {}, addedSourcesFields);
}

/**
 * The migration from playbook format version 1 to version 2 (see the module
 * documentation for what changed).
 *
 * - `plays.educate.lifecycles` moves to `planning.lifecycles` when present.
 * - A **complete** version 1 document (no `extends`) gets every field version 2
 *   added, with the value version 2 gave it by default — so it parses as the
 *   complete version 2 document it stands for. A field already there is kept.
 * - A **partial** version 1 document (with `extends`) gets nothing filled in: the
 *   extends rule of `parsePlaybook` completes it afterwards from the current
 *   default playbook, exactly as it completes a version 2 document.
 * - `$schema` naming the version 1 JSON Schema is pointed at version 2; any other
 *   `$schema` is kept as it is.
 *
 * The migration is structural: it does not judge the version 1 document. What it
 * cannot place is left where it is, and the version 2 validation that follows
 * reports it.
 *
 * @example
 * ```ts
 * migrationV1ToV2.migrate({ version: 1, extends: 'referwell:default', plays: { educate: { lifecycles: ['active', 'dormant'] } } });
 * //=> { version: 2, extends: 'referwell:default', plays: { educate: {} }, planning: { lifecycles: ['active', 'dormant'] } }
 * ```
 * @category Playbook
 */
export const migrationV1ToV2: PlaybookMigration = Object.freeze({
  from: 1,
  to: 2,
  describe:
    'The educate play\'s lifecycles become planning.lifecycles (for every play). A complete document also gets the fields version 2 added, at their defaults: scoreWeight in every play, ask.referralWindowDays 365, educate.staleMessageCredit 0.5, thank-you.lookbackDays 30 and scoreWindowDays 365, planning.horizonDays 14, and the sources section (windowDays 365, trendDays 90).',
  migrate(document: Readonly<PlainRecord>): PlainRecord {
    const complete = isComplete(document);
    const moveLifecycles = canMoveLifecycles(document);
    const plays = document['plays'];
    const planning = migratePlanning(document, moveLifecycles, complete);
    const sources = migrateSources(document, complete);

    const out: PlainRecord = {};
    const addSections = (): void => {
      if (planning !== undefined && !Object.hasOwn(document, 'planning')) defineOwn(out, 'planning', planning);
      if (sources !== undefined && !Object.hasOwn(document, 'sources')) defineOwn(out, 'sources', sources);
    };
    for (const key of Object.keys(document)) {
      const value = document[key];
      if (key === 'version') defineOwn(out, key, 2);
      else if (key === '$schema') defineOwn(out, key, value === SCHEMA_ID_V1 ? SCHEMA_ID_V2 : value);
      else if (key === 'plays') defineOwn(out, key, isPlainObject(value) ? migratePlays(value, moveLifecycles, complete) : value);
      else if (key === 'planning') defineOwn(out, key, planning);
      else if (key === 'sources') defineOwn(out, key, sources);
      else defineOwn(out, key, value);
      if (key === 'plays') addSections();
    }
    if (!Object.hasOwn(document, 'version')) defineOwn(out, 'version', 2);
    if (!Object.hasOwn(document, 'plays')) addSections();
    return out;
  },
  sourcePath(path: readonly (string | number)[], source: Readonly<PlainRecord>): readonly (string | number)[] {
    // planning.lifecycles came from (or, when missing, belongs at) plays.educate.lifecycles.
    if (path[0] === 'planning' && path[1] === 'lifecycles' && !hasPlanningLifecycles(source)) {
      return ['plays', 'educate', 'lifecycles', ...path.slice(2)];
    }
    return path;
  },
});
