/**
 * The JSON Schema (draft 2020-12) of playbook documents, generated from the zod
 * schemas. It ships in the package as `referwell/playbook.schema.json` (written by
 * `scripts/write-playbook-schema.ts` at build time) so editors and other languages
 * can validate playbooks without referwell.
 *
 * The schema accepts two forms (a top-level `anyOf`):
 *
 * 1. a complete document — every play and every field;
 * 2. a partial document that requires `"extends": "referwell:default"`, where
 *    every play and field may be left out (objects are completed key by key from
 *    the default; arrays and values given are taken whole).
 *
 * JSON Schema cannot express the cross-field rules of the policies (the follow-up
 * bounds must increase, the checklist weights must add up to 100, every contact
 * role is either staff or provider, …). A document the schema accepts may still be
 * rejected by `parsePlaybook`, which is the authority.
 *
 * The schema describes the current format version ({@link PLAYBOOK_VERSION})
 * only, and its `$id` names that version. Documents of older versions do not
 * validate against it: `parsePlaybook` migrates them (see `migratePlaybook`),
 * and the migrated document does.
 *
 * @module
 */
import { z } from 'zod';
import { defaultPlaybook, PLAYBOOK_VERSION, playbookSchema } from './playbook';

/**
 * The `$id` of the playbook JSON Schema of the current format version
 * ({@link PLAYBOOK_VERSION}): `https://referwell.dev/schemas/playbook/v<version>.json`.
 * Stable per version: a document's `$schema` can name it for good.
 *
 * @example
 * ```ts
 * PLAYBOOK_SCHEMA_ID;
 * //=> 'https://referwell.dev/schemas/playbook/v2.json'
 * ```
 * @category Playbook
 */
export const PLAYBOOK_SCHEMA_ID = `https://referwell.dev/schemas/playbook/v${PLAYBOOK_VERSION}.json`;

/**
 * A JSON Schema document, as returned by {@link playbookJsonSchema}.
 *
 * @category Playbook
 */
export interface JsonSchemaDocument {
  readonly $schema: string;
  readonly $id: string;
  readonly $comment: string;
  readonly title: string;
  readonly description: string;
  readonly [keyword: string]: unknown;
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Carries a schema's registered metadata (description and the like) over to its copy. */
function withMetaOf<T extends z.ZodType>(copy: T, original: z.ZodType): T {
  const meta = z.globalRegistry.get(original);
  if (meta === undefined) return copy;
  const { id: _id, ...rest } = meta;
  return copy.meta(rest);
}

/**
 * The deep-partial variant of a schema, matching how `extends` completes a
 * document: every object field becomes optional, at every depth, while arrays,
 * records, unions and scalars stay whole (they are replaced, not merged).
 * Cross-field refinements are dropped; they apply to the completed document.
 */
function deepPartial(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional) {
    return withMetaOf(deepPartial(schema.unwrap() as z.ZodType).optional(), schema);
  }
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      shape[key] = deepPartial(field).optional();
    }
    const catchall = schema.def.catchall;
    const partial = catchall === undefined ? z.object(shape) : z.object(shape).catchall(catchall);
    return withMetaOf(partial, schema);
  }
  return schema;
}

/**
 * Records each default value of `value` as the JSON Schema `default` of the
 * matching property, wherever a value is taken whole (scalars, arrays, records).
 */
function annotateDefaults(node: JsonObject, value: unknown): void {
  const properties = node['properties'];
  if (!isJsonObject(properties) || !isJsonObject(value)) return;
  for (const [key, child] of Object.entries(properties)) {
    if (!Object.hasOwn(value, key) || !isJsonObject(child)) continue;
    const childValue = value[key];
    if (isJsonObject(childValue) && isJsonObject(child['properties'])) {
      annotateDefaults(child, childValue);
    } else {
      child['default'] = JSON.parse(JSON.stringify(childValue)) as unknown;
    }
  }
}

function buildPlaybookJsonSchema(): JsonSchemaDocument {
  const shape = playbookSchema.shape;
  const partial = z
    .strictObject({
      $schema: shape.$schema,
      version: shape.version,
      name: shape.name,
      extends: withMetaOf(shape.extends.unwrap(), shape.extends),
      plays: deepPartial(shape.plays).optional(),
      planning: deepPartial(shape.planning).optional(),
      sources: deepPartial(shape.sources).optional(),
      compliance: deepPartial(shape.compliance).optional(),
    })
    .describe(
      'A partial playbook: requires "extends": "referwell:default"; missing plays and fields are completed from the default playbook.',
    );
  const complete = playbookSchema.describe('A complete playbook: every play and every field is given.');

  const generated = z.toJSONSchema(z.union([complete, partial]), {
    target: 'draft-2020-12',
    io: 'input',
  }) as JsonObject;

  const forms = generated['anyOf'];
  if (Array.isArray(forms)) {
    const defaults = {
      plays: defaultPlaybook.plays,
      planning: defaultPlaybook.planning,
      sources: defaultPlaybook.sources,
      compliance: defaultPlaybook.compliance,
    };
    for (const form of forms) if (isJsonObject(form)) annotateDefaults(form, defaults);
  }

  const { $schema, ...rest } = generated;
  return {
    $schema: typeof $schema === 'string' ? $schema : 'https://json-schema.org/draft/2020-12/schema',
    $id: PLAYBOOK_SCHEMA_ID,
    $comment:
      `Playbook format version ${PLAYBOOK_VERSION}. Documents of older format versions are not valid against this schema: ` +
      "referwell's parsePlaybook (or migratePlaybook) migrates them to this version first.",
    title: 'referwell playbook',
    description:
      `A referwell playbook (format version ${PLAYBOOK_VERSION}): the policy of each of the nine referral plays, and the planning, source-yield and compliance settings. ` +
      'Either a complete document, or a partial one with "extends": "referwell:default". ' +
      'Cross-field rules (e.g. the follow-up bounds must increase, the strength checklist weights must add up to 100) ' +
      'cannot be expressed in JSON Schema; parsePlaybook in the referwell package is the authority on validity.',
    ...rest,
  };
}

let cached: JsonSchemaDocument | undefined;

/**
 * The JSON Schema (draft 2020-12) of playbook documents — the content of
 * `referwell/playbook.schema.json`. Accepts complete documents and partial ones
 * carrying `"extends": "referwell:default"`; every property has a description,
 * and the default playbook's values as `default`. Cross-field rules are not in
 * it: `parsePlaybook` is the authority. It describes the current format version
 * only (`version` is `const`); older documents are migrated by `parsePlaybook`.
 *
 * @returns A fresh copy of the schema on each call (safe to modify).
 * @example
 * ```ts
 * playbookJsonSchema().$id;
 * //=> 'https://referwell.dev/schemas/playbook/v2.json'
 * ```
 * @category Playbook
 */
export function playbookJsonSchema(): JsonSchemaDocument {
  cached ??= buildPlaybookJsonSchema();
  return structuredClone(cached);
}
