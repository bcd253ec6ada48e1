import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAYBOOK_SCHEMA_ID, playbookJsonSchema } from './json-schema';
import { migratePlaybook } from './migrations';
import { parsePlaybook } from './parse';
import { defaultPlaybook, PLAYBOOK_VERSION } from './playbook';

function defaultDocument(): Record<string, any> {
  return JSON.parse(JSON.stringify(defaultPlaybook)) as Record<string, any>;
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(playbookJsonSchema());

describe('playbookJsonSchema', () => {
  it('is a draft 2020-12 schema with a stable $id and a title', () => {
    const schema = playbookJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(PLAYBOOK_SCHEMA_ID);
    expect(schema.title).toBe('referwell playbook');
    expect(schema.description).toContain('parsePlaybook');
  });

  it('is the same on every call, and each call returns a fresh copy', () => {
    const first = playbookJsonSchema();
    (first as Record<string, unknown>)['title'] = 'changed';
    expect(playbookJsonSchema().title).toBe('referwell playbook');
    expect(JSON.stringify(playbookJsonSchema())).toBe(JSON.stringify(playbookJsonSchema()));
  });

  it('describes every property and carries the defaults', () => {
    const schema = playbookJsonSchema() as any;
    const followUp = schema.anyOf[0].properties.plays.properties['follow-up'];
    expect(followUp.properties.targetDays).toMatchObject({ type: 'integer', minimum: 0, default: 90 });
    const undescribed: string[] = [];
    const walk = (node: any, where: string) => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, child] of Object.entries<any>(node.properties ?? {})) {
        if (typeof child.description !== 'string') undescribed.push(`${where}/${key}`);
        walk(child, `${where}/${key}`);
      }
      for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) walk(branch, where);
      if (node.items) walk(node.items, `${where}/*`);
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
  });

  it('compiles with ajv in strict mode and accepts the default playbook', () => {
    expect(validate(defaultDocument())).toBe(true);
  });

  it('accepts a partial document that extends the default', () => {
    const partial = {
      $schema: PLAYBOOK_SCHEMA_ID,
      version: 2,
      name: 'Eastside clinic',
      extends: 'referwell:default',
      plays: { 'follow-up': { targetDays: 100 }, 'face-to-face': { channelWeights: { video: 0.8 } } },
    };
    expect(validate(partial)).toBe(true);
    expect(validate({ version: 2, extends: 'referwell:default' })).toBe(true);
  });

  const broken: [string, (document: Record<string, any>) => unknown][] = [
    ['a wrong type', (d) => ((d['plays']['follow-up'].targetDays = '90'), d)],
    ['an unknown root key', (d) => ((d['colour'] = 'blue'), d)],
    ['an unknown key in a play', (d) => ((d['plays']['ask'].intake.hours = 4), d)],
    ['an unknown play', (d) => ((d['plays']['folow-up'] = {}), d)],
    ['negative days', (d) => ((d['plays']['be-a-resource'].offerEveryDays = -1), d)],
    ['fractional days', (d) => ((d['plays']['be-a-resource'].offerEveryDays = 1.5), d)],
    ['a weight above 1', (d) => ((d['plays']['face-to-face'].channelWeights.phone = 2), d)],
    ['an unknown trigger kind', (d) => ((d['plays']['thank-you'].triggers = [{ kind: 'birthday' }]), d)],
    ['repeated offers', (d) => ((d['plays']['be-a-resource'].offers = ['in-service', 'in-service']), d)],
    ['a negative score weight', (d) => ((d['plays']['follow-up'].scoreWeight = -1), d)],
    ['an unknown planning lifecycle', (d) => ((d['planning'].lifecycles = ['retired']), d)],
    ['a negative planning horizon', (d) => ((d['planning'].horizonDays = -1), d)],
    ['an empty source window', (d) => ((d['sources'].windowDays = 0), d)],
    ['an unknown key in sources', (d) => ((d['sources'].windowDay = 30), d)],
    ['a missing section without extends', (d) => (delete d['sources'], d)],
    ['a lower-case currency', (d) => ((d['compliance'].currency = 'usd'), d)],
    ['a newer version', (d) => ((d['version'] = 3), d)],
    ['a missing play without extends', (d) => (delete d['plays']['stock-cards'], d)],
    ['a missing field without extends', (d) => (delete d['plays']['stock-cards'].minimumCards, d)],
    ['a partial with an unknown key', () => ({ version: 2, extends: 'referwell:default', plays: { ask: { x: 1 } } })],
    ['a partial with a wrong type', () => ({ version: 2, extends: 'referwell:default', plays: { ask: { cooldownDays: 'x' } } })],
    ['an unknown base', () => ({ version: 2, extends: 'referwell:strict' })],
    ['a partial without a version', () => ({ extends: 'referwell:default' })],
  ];
  it.each(broken)('rejects %s (as parsePlaybook does)', (_name, breakIt) => {
    const document = breakIt(defaultDocument());
    expect(validate(document)).toBe(false);
    expect(parsePlaybook(document).ok).toBe(false);
  });

  it('describes the current version only: an older document is migrated by parsePlaybook, not validated by the schema', () => {
    const schema = playbookJsonSchema() as any;
    expect(schema.$id).toBe(`https://referwell.dev/schemas/playbook/v${PLAYBOOK_VERSION}.json`);
    expect(schema.$id).toBe('https://referwell.dev/schemas/playbook/v2.json');
    expect(schema.$comment).toContain(`format version ${PLAYBOOK_VERSION}`);
    for (const form of schema.anyOf) expect(form.properties.version.const).toBe(PLAYBOOK_VERSION);
    const v1 = { version: 1, extends: 'referwell:default', plays: { educate: { lifecycles: ['active'] } } };
    expect(validate(v1)).toBe(false);
    const migrated = migratePlaybook(v1);
    expect(migrated.ok && validate(migrated.value.document)).toBe(true);
    expect(parsePlaybook(v1).ok).toBe(true);
  });

  it('does not express cross-field rules: parsePlaybook is the authority', () => {
    const document = defaultDocument();
    document['plays']['follow-up'].dueSoonDays = 10;
    expect(validate(document)).toBe(true);
    expect(parsePlaybook(document).ok).toBe(false);
  });

  it('accepts every document parsePlaybook accepts (property)', () => {
    const leaves: [string[], fc.Arbitrary<unknown>][] = [
      [['plays', 'follow-up', 'targetDays'], fc.integer({ min: 77, max: 119 })],
      [['plays', 'ask', 'cooldownDays'], fc.oneof(fc.nat(), fc.double(), fc.string())],
      [['plays', 'face-to-face', 'channelWeights', 'video'], fc.double({ min: -1, max: 2, noNaN: true })],
      [['planning', 'lifecycles'], fc.uniqueArray(fc.constantFrom('prospect', 'active', 'dormant', 'closed'))],
      [['sources', 'trendDays'], fc.oneof(fc.nat(), fc.double())],
      [['compliance', 'actionCostEstimates'], fc.dictionary(fc.stringMatching(/^[a-z]{1,6}(-[a-z]{1,6})?$/), fc.nat())],
      [['name'], fc.string()],
    ];
    fc.assert(
      fc.property(
        fc.tuple(...leaves.map(([, value]) => fc.option(value, { nil: undefined }))),
        fc.boolean(),
        (values, withExtends) => {
          const document: Record<string, any> = withExtends ? { version: 2, extends: 'referwell:default' } : defaultDocument();
          leaves.forEach(([path, ], index) => {
            const value = values[index];
            if (value === undefined) return;
            let node = document;
            for (const key of path.slice(0, -1)) node = node[key] ??= {};
            node[path.at(-1)!] = value;
          });
          if (parsePlaybook(document).ok) expect(validate(document)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
