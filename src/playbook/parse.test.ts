import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../errors';
import { parsePlaybook, serializePlaybook } from './parse';
import { defaultPlaybook, type Playbook } from './playbook';

/** A mutable deep copy of the default playbook, as a JSON document. */
function defaultDocument(): Record<string, any> {
  return JSON.parse(JSON.stringify(defaultPlaybook)) as Record<string, any>;
}

function issuesOf(input: unknown): readonly ValidationIssue[] {
  const result = parsePlaybook(input);
  if (result.ok) throw new Error('expected parsePlaybook to fail');
  expect(result.error).toBeInstanceOf(ValidationError);
  expect(result.error.code).toBe('validation-failed');
  return result.error.issues;
}

const pointersOf = (input: unknown) => issuesOf(input).map((issue) => issue.pointer);

function valueOf(input: unknown): Playbook {
  const result = parsePlaybook(input);
  if (!result.ok) throw result.error;
  return result.value;
}

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('parsePlaybook: complete documents', () => {
  it('accepts the default playbook and returns an equal, deeply frozen copy', () => {
    const parsed = valueOf(defaultPlaybook);
    expect(parsed).toEqual(defaultPlaybook);
    expect(isDeeplyFrozen(parsed)).toBe(true);
  });

  it('accepts the default playbook as parsed JSON', () => {
    expect(valueOf(defaultDocument())).toEqual(defaultPlaybook);
  });

  it('neither mutates nor freezes the input', () => {
    const document = defaultDocument();
    const before = JSON.stringify(document);
    valueOf(document);
    expect(JSON.stringify(document)).toBe(before);
    expect(Object.isFrozen(document)).toBe(false);
    expect(Object.isFrozen(document['plays'])).toBe(false);
  });

  it('keeps $schema and name, and drops a redundant extends', () => {
    const document = { ...defaultDocument(), $schema: './playbook.schema.json', name: 'Eastside clinic', extends: 'referwell:default' };
    const parsed = valueOf(document);
    expect(parsed.$schema).toBe('./playbook.schema.json');
    expect(parsed.name).toBe('Eastside clinic');
    expect('extends' in parsed).toBe(false);
  });

  it('accepts a playbook without a name', () => {
    const { name: _name, ...document } = defaultDocument();
    expect(valueOf(document).name).toBeUndefined();
  });
});

describe('serializePlaybook', () => {
  it('round-trips through parsePlaybook', () => {
    const text = serializePlaybook(defaultPlaybook);
    expect(valueOf(JSON.parse(text))).toEqual(defaultPlaybook);
  });

  it('writes stable JSON: same playbook, same text, whatever the key order', () => {
    const document = defaultDocument();
    const reordered = Object.fromEntries(Object.entries(document).reverse());
    reordered['plays'] = Object.fromEntries(Object.entries(document['plays'] as object).reverse());
    reordered['compliance'] = { ...document['compliance'], actionCostEstimates: { 'offer-resource': 0, visit: 0 } };
    expect(serializePlaybook(valueOf(reordered))).toBe(serializePlaybook(defaultPlaybook));
  });

  it('uses 2-space indent, the documented key order, and a trailing newline', () => {
    const text = serializePlaybook(defaultPlaybook);
    expect(text.startsWith('{\n  "version": 2,\n  "name": "referwell default",\n  "plays": {\n    "ask": {')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('throws a ValidationError for a value that is not a playbook', () => {
    expect(() => serializePlaybook({ version: 2 } as unknown as Playbook)).toThrow(ValidationError);
  });
});

describe('parsePlaybook: cross-field rules are reported at the offending field', () => {
  const cases: [string, (document: Record<string, any>) => void, string][] = [
    ['follow-up bounds', (d) => (d['plays']['follow-up'].dueSoonDays = 20), '/plays/follow-up/dueSoonDays'],
    ['follow-up later bound', (d) => (d['plays']['follow-up'].lapsedDays = 100), '/plays/follow-up/lapsedDays'],
    ['strength thresholds', (d) => (d['plays']['strong-referrals'].weakBelow = 80), '/plays/strong-referrals/weakBelow'],
    ['checklist weights', (d) => (d['plays']['strong-referrals'].checklist[0].weight = 10), '/plays/strong-referrals/checklist'],
    ['role coverage', (d) => d['plays']['office-staff'].staffRoles.pop(), '/plays/office-staff/staffRoles'],
    ['restock above minimum', (d) => (d['plays']['stock-cards'].restockUpTo = 10), '/plays/stock-cards/restockUpTo'],
    [
      'milestones increase',
      (d) => (d['plays']['thank-you'].triggers = [{ kind: 'milestones', milestones: [10, 5] }]),
      '/plays/thank-you/triggers/0/milestones/1',
    ],
    ['warning fraction', (d) => (d['compliance'].warnAtFraction = 0), '/compliance/warnAtFraction'],
  ];
  it.each(cases)('%s', (_name, mutate, pointer) => {
    const document = defaultDocument();
    mutate(document);
    expect(pointersOf(document)).toEqual([pointer]);
  });

  it('applies the cross-field rules to documents completed from extends', () => {
    const document = { version: 2, extends: 'referwell:default', plays: { 'follow-up': { targetDays: 60 } } };
    expect(pointersOf(document)).toEqual(['/plays/follow-up/targetDays']);
  });
});

describe('parsePlaybook: unknown keys', () => {
  it('names an unknown key at the root', () => {
    const issues = issuesOf({ ...defaultDocument(), colour: 'blue' });
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([['/colour', 'unrecognized_keys']]);
    expect(issues[0]?.message).toContain('colour');
  });

  it('names an unknown play', () => {
    const document = defaultDocument();
    document['plays']['folow-up'] = {};
    expect(pointersOf(document)).toEqual(['/plays/folow-up']);
  });

  it('names an unknown key in a play', () => {
    const document = defaultDocument();
    document['plays']['follow-up'].targetDay = 60;
    expect(pointersOf(document)).toEqual(['/plays/follow-up/targetDay']);
  });

  it('names an unknown key in a nested object and in an array item', () => {
    const document = defaultDocument();
    document['plays']['ask'].intake.withinHours = 4;
    document['plays']['thank-you'].triggers[0].note = 'x';
    expect(pointersOf(document)).toEqual(['/plays/ask/intake/withinHours', '/plays/thank-you/triggers/0/note']);
  });

  it('names unknown keys in documents completed from extends', () => {
    const document = { version: 2, extends: 'referwell:default', plays: { ask: { intake: { hours: 4 } } }, extra: true };
    expect(pointersOf(document).sort()).toEqual(['/extra', '/plays/ask/intake/hours']);
  });

  it('escapes ~ and / in pointers', () => {
    expect(pointersOf({ ...defaultDocument(), 'a/b~c': 1 })).toEqual(['/a~1b~0c']);
  });
});

describe('parsePlaybook: reports every problem', () => {
  it('lists several problems in different plays at once', () => {
    const document = defaultDocument();
    document['plays']['ask'].cooldownDays = -1;
    document['plays']['face-to-face'].channelWeights.video = 'high';
    document['plays']['follow-up'].dueSoonDays = 10;
    document['plays']['thank-you'].medium = 'telegram';
    document['compliance'].currency = 'usd';
    document['surprise'] = 1;
    expect(pointersOf(document).sort()).toEqual(
      [
        '/compliance/currency',
        '/plays/ask/cooldownDays',
        '/plays/face-to-face/channelWeights/video',
        '/plays/follow-up/dueSoonDays',
        '/plays/thank-you/medium',
        '/surprise',
      ].sort(),
    );
  });

  it('gives each issue a path matching its pointer', () => {
    const document = defaultDocument();
    document['planning'].lifecycles = ['active', 'active'];
    const [issue] = issuesOf(document);
    expect(issue).toMatchObject({ path: ['planning', 'lifecycles', 1], pointer: '/planning/lifecycles/1' });
  });
});

describe('parsePlaybook: extends', () => {
  it('completes a partial document from the default playbook', () => {
    const parsed = valueOf({
      version: 2,
      name: 'Eastside clinic',
      extends: 'referwell:default',
      plays: { 'follow-up': { targetDays: 100, overdueDays: 130 }, ask: { intake: { firstVisitWithinDays: 5 } } },
    });
    expect(parsed.plays['follow-up']).toEqual({ ...defaultPlaybook.plays['follow-up'], targetDays: 100, overdueDays: 130 });
    expect(parsed.plays.ask.intake).toEqual({ contactWithinBusinessDays: 1, firstVisitWithinDays: 5 });
    expect(parsed.plays['thank-you']).toEqual(defaultPlaybook.plays['thank-you']);
    expect(parsed.compliance).toEqual(defaultPlaybook.compliance);
    expect(parsed.name).toBe('Eastside clinic');
    expect('extends' in parsed).toBe(false);
    expect(isDeeplyFrozen(parsed)).toBe(true);
  });

  it('accepts the smallest document: version and extends', () => {
    const parsed = valueOf({ version: 2, extends: 'referwell:default' });
    expect(parsed.plays).toEqual(defaultPlaybook.plays);
    expect(parsed.planning).toEqual(defaultPlaybook.planning);
    expect(parsed.sources).toEqual(defaultPlaybook.sources);
    expect(parsed.compliance).toEqual(defaultPlaybook.compliance);
  });

  it('completes planning and sources key by key', () => {
    const parsed = valueOf({
      version: 2,
      extends: 'referwell:default',
      planning: { horizonDays: 21 },
      sources: { trendDays: 60 },
    });
    expect(parsed.planning).toEqual({ lifecycles: ['active'], horizonDays: 21 });
    expect(parsed.sources).toEqual({ windowDays: 365, trendDays: 60 });
  });

  it('validates planning and sources completed from extends', () => {
    expect(
      pointersOf({
        version: 2,
        extends: 'referwell:default',
        planning: { horizonDays: -1, colour: 'blue' },
        sources: { windowDays: 0 },
      }).sort(),
    ).toEqual(['/planning/colour', '/planning/horizonDays', '/sources/windowDays']);
  });

  it('does not take the default name', () => {
    expect(valueOf({ version: 2, extends: 'referwell:default' }).name).toBeUndefined();
  });

  it('merges nested objects key by key', () => {
    const parsed = valueOf({
      version: 2,
      extends: 'referwell:default',
      plays: { 'face-to-face': { channelWeights: { video: 0.8 } } },
      compliance: { actionCostEstimates: { 'lunch-visit': 2500 } },
    });
    expect(parsed.plays['face-to-face'].channelWeights).toEqual({
      ...defaultPlaybook.plays['face-to-face'].channelWeights,
      video: 0.8,
    });
    expect(parsed.compliance.actionCostEstimates).toEqual({ visit: 0, 'offer-resource': 0, 'lunch-visit': 2500 });
  });

  it('replaces arrays whole, never merging them', () => {
    const parsed = valueOf({
      version: 2,
      extends: 'referwell:default',
      planning: { lifecycles: ['prospect'] },
      plays: {
        'strong-referrals': { checklist: [{ id: 'warm-handoff', label: 'Called us', weight: 100 }] },
        'thank-you': { triggers: [{ kind: 'milestones', milestones: [5, 10] }] },
      },
    });
    expect(parsed.planning.lifecycles).toEqual(['prospect']);
    expect(parsed.planning.horizonDays).toBe(14);
    expect(parsed.plays['strong-referrals'].checklist).toEqual([{ id: 'warm-handoff', label: 'Called us', weight: 100 }]);
    expect(parsed.plays['thank-you'].triggers).toEqual([{ kind: 'milestones', milestones: [5, 10] }]);
  });

  it('replaces scalars whole, including with a wrong type (then reported)', () => {
    expect(pointersOf({ version: 2, extends: 'referwell:default', plays: { ask: null } })).toEqual(['/plays/ask']);
    expect(
      pointersOf({ version: 2, extends: 'referwell:default', plays: { 'follow-up': { countingChannels: 'some' } } }),
    ).toEqual(['/plays/follow-up/countingChannels']);
  });

  it('rejects an unknown base', () => {
    const issues = issuesOf({ version: 2, extends: 'referwell:strict', plays: { ask: { cooldownDays: 30 } } });
    expect(issues.map((issue) => issue.pointer)).toEqual(['/extends']);
    expect(issues[0]?.message).toContain('referwell:default');
  });

  it('still requires a version', () => {
    const issues = issuesOf({ extends: 'referwell:default' });
    expect(issues.map((issue) => issue.pointer)).toEqual(['/version']);
    expect(issues[0]?.message).toContain('versions 1 and 2');
  });
});

describe('parsePlaybook: partial documents without extends', () => {
  it('rejects them, listing every missing field', () => {
    const issues = issuesOf({
      version: 2,
      plays: { ...defaultDocument()['plays'], 'follow-up': { enabled: true, targetDays: 90 } },
      planning: defaultDocument()['planning'],
      sources: { windowDays: 365 },
      compliance: defaultDocument()['compliance'],
    });
    expect(issues.map((issue) => issue.pointer)).toEqual([
      '/plays/follow-up/scoreWeight',
      '/plays/follow-up/nuisanceFloorDays',
      '/plays/follow-up/dueSoonDays',
      '/plays/follow-up/overdueDays',
      '/plays/follow-up/lapsedDays',
      '/plays/follow-up/countingChannels',
      '/plays/follow-up/countingPurposes',
      '/sources/trendDays',
    ]);
    expect(issues[0]?.message).toContain('extends');
  });

  it('lists every missing play and every missing section: planning, sources, compliance', () => {
    const { ask: _ask, 'thank-you': _thanks, ...plays } = defaultDocument()['plays'] as Record<string, unknown>;
    expect(pointersOf({ version: 2, plays })).toEqual([
      '/plays/ask',
      '/plays/thank-you',
      '/planning',
      '/sources',
      '/compliance',
    ]);
  });
});

describe('parsePlaybook: versions', () => {
  it.each([3, 0, 1.5, -1, 99])('rejects version %s with one issue naming the versions this release reads', (version) => {
    const issues = issuesOf({ ...defaultDocument(), version, colour: 'blue' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ pointer: '/version', code: 'unsupported_version' });
    expect(issues[0]?.message).toBe(
      `unsupported playbook version ${version}: this release of referwell reads versions 1 and 2`,
    );
  });

  it('rejects a version that is not a number, and a missing one', () => {
    expect(pointersOf({ ...defaultDocument(), version: '1' })).toEqual(['/version']);
    expect(pointersOf({ ...defaultDocument(), version: '2' })).toEqual(['/version']);
    const { version: _version, ...document } = defaultDocument();
    expect(issuesOf(document)[0]?.message).toContain('versions 1 and 2');
  });

  it('reads a version 1 document by migrating it (see migrations.test.ts for the migration itself)', () => {
    const parsed = valueOf({
      version: 1,
      extends: 'referwell:default',
      plays: { educate: { lifecycles: ['active', 'dormant'] }, 'follow-up': { targetDays: 100 } },
    });
    expect(parsed.version).toBe(2);
    expect(parsed.planning.lifecycles).toEqual(['active', 'dormant']);
    expect(parsed.plays.educate).toEqual(defaultPlaybook.plays.educate);
    expect(parsed.plays['follow-up'].targetDays).toBe(100);
  });

  it('reports problems of a version 1 document where they are in it', () => {
    const issues = issuesOf({
      version: 1,
      extends: 'referwell:default',
      plays: { educate: { lifecycles: ['active', 'retired'] }, ask: { cooldownDays: -1 } },
    });
    expect(issues.map((issue) => [issue.pointer, issue.path])).toEqual([
      ['/plays/ask/cooldownDays', ['plays', 'ask', 'cooldownDays']],
      ['/plays/educate/lifecycles/1', ['plays', 'educate', 'lifecycles', 1]],
    ]);
  });

  it('rejects a version 2 field that the version 1 format would have reported, only when misplaced', () => {
    // planning.lifecycles and educate.lifecycles at once: the migration does not guess, the old key is reported.
    expect(
      pointersOf({
        version: 1,
        extends: 'referwell:default',
        planning: { lifecycles: ['active'] },
        plays: { educate: { lifecycles: ['dormant'] } },
      }),
    ).toEqual(['/plays/educate/lifecycles']);
  });
});

describe('parsePlaybook: never throws', () => {
  const hostile: [string, () => unknown][] = [
    ['null', () => null],
    ['undefined', () => undefined],
    ['a string', () => JSON.stringify(defaultPlaybook)],
    ['a number', () => 1],
    ['an array', () => [defaultPlaybook]],
    ['a BigInt', () => 1n],
    ['a function', () => () => defaultPlaybook],
    ['a Date', () => new Date(0)],
    ['a Map', () => new Map([['version', 1]])],
    [
      'a cyclic object',
      () => {
        const document: Record<string, unknown> = defaultDocument();
        document['self'] = document;
        return document;
      },
    ],
    [
      'a cycle inside a play',
      () => {
        const document = defaultDocument();
        document['plays']['ask'].intake = document['plays']['ask'];
        return document;
      },
    ],
    [
      'a throwing getter',
      () => {
        const document = defaultDocument();
        Object.defineProperty(document['plays'], 'ask', {
          enumerable: true,
          get() {
            throw new Error('boom');
          },
        });
        return document;
      },
    ],
    [
      'a throwing proxy',
      () =>
        new Proxy(
          {},
          {
            ownKeys() {
              throw new Error('no keys');
            },
          },
        ),
    ],
    [
      'a proxy that throws anything, even non-errors',
      () =>
        new Proxy(defaultDocument(), {
          get() {
            throw Symbol('odd');
          },
        }),
    ],
    [
      'a BigInt where a number goes',
      () => {
        const document = defaultDocument();
        document['plays']['ask'].cooldownDays = 90n;
        return document;
      },
    ],
    [
      'a sparse, huge array',
      () => {
        const document = defaultDocument();
        const offers: unknown[] = [];
        offers.length = 2 ** 32 - 1;
        document['plays']['be-a-resource'].offers = offers;
        return document;
      },
    ],
    [
      'deep nesting',
      () => {
        let deep: unknown = 1;
        for (let i = 0; i < 100_000; i += 1) deep = [deep];
        return { ...defaultDocument(), deep };
      },
    ],
    ['a __proto__ key', () => JSON.parse('{"version": 2, "extends": "referwell:default", "__proto__": {"x": 1}}')],
  ];

  it.each(hostile)('fails on %s', (_name, make) => {
    const input = make();
    let result: ReturnType<typeof parsePlaybook> | undefined;
    expect(() => {
      result = parsePlaybook(input);
    }).not.toThrow();
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.issues.length).toBeGreaterThan(0);
  });

  it('names the circular reference', () => {
    const document = defaultDocument();
    document['plays']['ask'].intake = document['plays']['ask'];
    const issues = issuesOf(document);
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([['/plays/ask/intake', 'circular_reference']]);
  });

  it('names the property whose getter threw, once', () => {
    const document = defaultDocument();
    Object.defineProperty(document['plays'], 'ask', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const issues = issuesOf(document);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ pointer: '/plays/ask', code: 'unreadable' });
    expect(issues[0]?.message).toContain('boom');
  });

  it('tells a caller who passed JSON text to parse it first', () => {
    expect(issuesOf(JSON.stringify(defaultPlaybook))[0]?.message).toContain('JSON.parse');
  });

  it('rejects a __proto__ key as an unknown key', () => {
    expect(pointersOf(JSON.parse('{"version": 2, "extends": "referwell:default", "__proto__": {"x": 1}}'))).toEqual([
      '/__proto__',
    ]);
  });
});

describe('docs/playbook.md', () => {
  const markdown = readFileSync(new URL('../../docs/playbook.md', import.meta.url), 'utf8');

  /** The settings named in the first table after `heading`, top-level keys only. */
  function documentedSettings(heading: string): string[] {
    const start = markdown.indexOf(`\n${heading}`);
    expect(start, heading).toBeGreaterThanOrEqual(0);
    const table = markdown.slice(start).split('\n|---|---|---|\n')[1]!.split('\n\n')[0]!;
    return [...new Set(table.split('\n').map((row) => /^\| `([^`.]+)/.exec(row)![1]!))];
  }

  it('documents every setting of every play and section, and nothing else', () => {
    for (const [id, policy] of Object.entries(defaultPlaybook.plays)) {
      expect(documentedSettings(`### \`${id}\``).sort(), id).toEqual(Object.keys(policy).sort());
    }
    for (const [heading, section] of [
      ['## Planning', defaultPlaybook.planning],
      ['## Sources', defaultPlaybook.sources],
      ['## Compliance', defaultPlaybook.compliance],
    ] as const) {
      expect(documentedSettings(heading).sort(), heading).toEqual(Object.keys(section).sort());
    }
  });

  it('shows example documents that parse', () => {
    const examples = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!) as unknown);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(parsePlaybook(example).ok).toBe(true);
  });
});
