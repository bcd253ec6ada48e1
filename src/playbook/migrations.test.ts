import { describe, expect, it } from 'vitest';
import { ReferwellError, ValidationError } from '../errors';
import { migrationV1ToV2 } from './migration-v1-to-v2';
import { migratePlaybook, migrateWith, playbookMigrations, type PlaybookMigration } from './migrations';
import { parsePlaybook, serializePlaybook } from './parse';
import { defaultPlaybook, PLAYBOOK_VERSION, SUPPORTED_PLAYBOOK_VERSIONS } from './playbook';

/**
 * A complete version 1 playbook, as an EHR vendor who integrated the first
 * release would have stored it: every play, every version 1 field, custom values,
 * no `planning`, no `sources`, no `scoreWeight`, educate's `lifecycles`.
 */
function v1Document() {
  return {
    $schema: 'https://referwell.dev/schemas/playbook/v1.json',
    version: 1,
    name: 'Eastside Counseling (EHR export)',
    plays: {
      ask: {
        enabled: true,
        openingsThreshold: 3,
        cooldownDays: 60,
        maxOfficesPerAsk: 4,
        intake: { contactWithinBusinessDays: 1, firstVisitWithinDays: 5 },
      },
      'face-to-face': {
        enabled: true,
        channelWeights: { 'in-person': 1, video: 0.7, phone: 0.4, email: 0.1, letter: 0.1, fax: 0.05, portal: 0.1 },
        visitWithinDays: 120,
        trustHalfLifeDays: 60,
        trustSaturation: 5,
      },
      educate: {
        enabled: true,
        elevatorSpeechMaxWords: 75,
        lifecycles: ['prospect', 'active'],
      },
      'strong-referrals': {
        enabled: true,
        checklist: [
          { id: 'prescription-pad', label: 'Wrote therapy on a prescription pad', weight: 25 },
          { id: 'warm-handoff', label: 'Called us with the patient in the room', weight: 50 },
          { id: 'named-clinician', label: 'Named one of our clinicians', weight: 25 },
        ],
        strongAtLeast: 75,
        weakBelow: 50,
        coachAfterWeakReferrals: 3,
        lookbackDays: 180,
      },
      'office-staff': {
        enabled: true,
        touchWithinDays: 60,
        minimumStaffRelationships: 2,
        staffRoles: ['nurse', 'medical-assistant', 'receptionist', 'office-manager', 'other'],
        providerRoles: ['physician', 'nurse-practitioner', 'physician-assistant'],
      },
      'follow-up': {
        enabled: true,
        nuisanceFloorDays: 21,
        dueSoonDays: 50,
        targetDays: 60,
        overdueDays: 90,
        lapsedDays: 150,
        countingChannels: ['in-person', 'video', 'phone'],
        countingPurposes: 'all',
      },
      'stock-cards': {
        enabled: false,
        minimumCards: 20,
        restockUpTo: 80,
        cardsPerReferral: 1.5,
        cardsPerWeek: 0.5,
        countBrochures: true,
      },
      'be-a-resource': {
        enabled: true,
        offerEveryDays: 180,
        offers: ['in-service', 'consult-line'],
      },
      'thank-you': {
        enabled: true,
        triggers: [{ kind: 'first-from-contact' }, { kind: 'milestones', milestones: [5, 10, 25] }],
        dueWithinBusinessDays: 2,
        medium: 'printed-card',
        enclosedCards: 5,
        askForMore: false,
        batchWindowDays: 14,
      },
    },
    compliance: {
      currency: 'USD',
      annualCapPerPhysician: 35000,
      warnAtFraction: 0.8,
      actionCostEstimates: { visit: 0, 'offer-resource': 0, 'lunch-visit': 2500 },
    },
  };
}

/** The same playbook in format version 2, written out by hand: what the migration must produce. */
const expectedV2Document = {
  $schema: 'https://referwell.dev/schemas/playbook/v2.json',
  version: 2,
  name: 'Eastside Counseling (EHR export)',
  plays: {
    ask: {
      enabled: true,
      scoreWeight: 10,
      openingsThreshold: 3,
      cooldownDays: 60,
      maxOfficesPerAsk: 4,
      referralWindowDays: 365,
      intake: { contactWithinBusinessDays: 1, firstVisitWithinDays: 5 },
    },
    'face-to-face': {
      enabled: true,
      scoreWeight: 15,
      channelWeights: { 'in-person': 1, video: 0.7, phone: 0.4, email: 0.1, letter: 0.1, fax: 0.05, portal: 0.1 },
      visitWithinDays: 120,
      trustHalfLifeDays: 60,
      trustSaturation: 5,
    },
    educate: {
      enabled: true,
      scoreWeight: 10,
      elevatorSpeechMaxWords: 75,
      staleMessageCredit: 0.5,
    },
    'strong-referrals': {
      enabled: true,
      scoreWeight: 10,
      checklist: [
        { id: 'prescription-pad', label: 'Wrote therapy on a prescription pad', weight: 25 },
        { id: 'warm-handoff', label: 'Called us with the patient in the room', weight: 50 },
        { id: 'named-clinician', label: 'Named one of our clinicians', weight: 25 },
      ],
      strongAtLeast: 75,
      weakBelow: 50,
      coachAfterWeakReferrals: 3,
      lookbackDays: 180,
    },
    'office-staff': {
      enabled: true,
      scoreWeight: 10,
      touchWithinDays: 60,
      minimumStaffRelationships: 2,
      staffRoles: ['nurse', 'medical-assistant', 'receptionist', 'office-manager', 'other'],
      providerRoles: ['physician', 'nurse-practitioner', 'physician-assistant'],
    },
    'follow-up': {
      enabled: true,
      scoreWeight: 20,
      nuisanceFloorDays: 21,
      dueSoonDays: 50,
      targetDays: 60,
      overdueDays: 90,
      lapsedDays: 150,
      countingChannels: ['in-person', 'video', 'phone'],
      countingPurposes: 'all',
    },
    'stock-cards': {
      enabled: false,
      scoreWeight: 5,
      minimumCards: 20,
      restockUpTo: 80,
      cardsPerReferral: 1.5,
      cardsPerWeek: 0.5,
      countBrochures: true,
    },
    'be-a-resource': {
      enabled: true,
      scoreWeight: 10,
      offerEveryDays: 180,
      offers: ['in-service', 'consult-line'],
    },
    'thank-you': {
      enabled: true,
      scoreWeight: 10,
      triggers: [{ kind: 'first-from-contact' }, { kind: 'milestones', milestones: [5, 10, 25] }],
      dueWithinBusinessDays: 2,
      medium: 'printed-card',
      enclosedCards: 5,
      askForMore: false,
      batchWindowDays: 14,
      lookbackDays: 30,
      scoreWindowDays: 365,
    },
  },
  planning: { lifecycles: ['prospect', 'active'], horizonDays: 14 },
  sources: { windowDays: 365, trendDays: 90 },
  compliance: {
    currency: 'USD',
    annualCapPerPhysician: 35000,
    warnAtFraction: 0.8,
    actionCostEstimates: { visit: 0, 'offer-resource': 0, 'lunch-visit': 2500 },
  },
};

function deepFreezeCopy<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    Object.freeze(node);
    Object.values(node).forEach(freeze);
  };
  freeze(copy);
  return copy;
}

function migrated(document: unknown) {
  const result = migratePlaybook(document);
  if (!result.ok) throw result.error;
  return result.value;
}

describe('the migration chain', () => {
  it('runs from the oldest supported version to the current one, one version per step, oldest first', () => {
    expect(PLAYBOOK_VERSION).toBe(2);
    expect(SUPPORTED_PLAYBOOK_VERSIONS).toEqual([1, 2]);
    expect(playbookMigrations.map((migration) => [migration.from, migration.to])).toEqual([[1, 2]]);
    expect([...playbookMigrations.map((migration) => migration.from), PLAYBOOK_VERSION]).toEqual(SUPPORTED_PLAYBOOK_VERSIONS);
    for (const migration of playbookMigrations) {
      expect(migration.to).toBe(migration.from + 1);
      expect(migration.describe.length).toBeGreaterThan(20);
      expect(Object.isFrozen(migration)).toBe(true);
    }
    expect(defaultPlaybook.version).toBe(PLAYBOOK_VERSION);
  });

  /** Three toy formats: a key renamed a → b → c, and a log of the calls. */
  function toyChain(log: string[]): PlaybookMigration[] {
    const rename = (from: number, oldKey: string, newKey: string): PlaybookMigration => ({
      from,
      to: from + 1,
      describe: `${oldKey} becomes ${newKey}`,
      migrate(document) {
        log.push(`${from}→${from + 1}`);
        const { [oldKey]: value, ...rest } = document;
        return { ...rest, version: from + 1, [newKey]: value };
      },
      sourcePath: (path) => (path[0] === newKey ? [oldKey, ...path.slice(1)] : path),
    });
    // Listed out of order on purpose: the runner picks each step by its `from`.
    return [rename(2, 'b', 'c'), rename(1, 'a', 'b')];
  }

  it('applies each step in version order, and only the steps a document needs', () => {
    const log: string[] = [];
    const fromOne = migrateWith({ version: 1, a: [42] }, toyChain(log), 3, 'versions 1, 2 and 3');
    expect(fromOne.ok && fromOne.value.document).toEqual({ version: 3, c: [42] });
    expect(fromOne.ok && fromOne.value.applied.map((migration) => migration.from)).toEqual([1, 2]);
    expect(log).toEqual(['1→2', '2→3']);

    log.length = 0;
    const fromTwo = migrateWith({ version: 2, b: [7] }, toyChain(log), 3, 'versions 1, 2 and 3');
    expect(fromTwo.ok && fromTwo.value.document).toEqual({ version: 3, c: [7] });
    expect(log).toEqual(['2→3']);

    log.length = 0;
    const current = { version: 3, c: [] };
    const fromThree = migrateWith(current, toyChain(log), 3, 'versions 1, 2 and 3');
    expect(fromThree.ok && fromThree.value.document).toBe(current);
    expect(log).toEqual([]);
  });

  it('traces a location in the migrated document back through every step, last step first', () => {
    const run = migrateWith({ version: 1, a: [0, 1] }, toyChain([]), 3, 'versions 1, 2 and 3');
    expect(run.ok && run.value.sourcePath(['c', 1])).toEqual(['a', 1]);
    expect(run.ok && run.value.sourcePath(['other'])).toEqual(['other']);
  });

  it('fails, without throwing, when the chain has a gap or a step writes the wrong version', () => {
    const gap = migrateWith({ version: 1 }, [toyChain([])[1]!], 3, 'versions 1, 2 and 3');
    expect(!gap.ok && gap.error.issues[0]?.message).toBe('no migration from playbook version 2 to 3');
    const liar: PlaybookMigration = { from: 1, to: 2, describe: 'wrong', migrate: (document) => ({ ...document }) };
    const wrong = migrateWith({ version: 1 }, [liar], 2, 'versions 1 and 2');
    expect(!wrong.ok && wrong.error.issues[0]?.message).toContain('did not produce a version 2 document');
  });
});

describe('migratePlaybook: version 1 → 2', () => {
  it('turns a complete version 1 document into the version 2 document it stands for, exactly', () => {
    const result = migrated(v1Document());
    expect(result.fromVersion).toBe(1);
    expect(result.toVersion).toBe(2);
    expect(result.applied).toEqual([migrationV1ToV2]);
    expect(result.document).toStrictEqual(expectedV2Document);
    // Same keys in the same order, too: the migrated document reads like one written for version 2.
    expect(JSON.stringify(result.document)).toBe(JSON.stringify(expectedV2Document));
  });

  it('gives a document that parsePlaybook reads as the same playbook as the hand-written version 2', () => {
    const fromV1 = parsePlaybook(v1Document());
    const fromV2 = parsePlaybook(expectedV2Document);
    expect(fromV1.ok).toBe(true);
    expect(fromV1.ok && fromV1.value).toEqual(fromV2.ok && fromV2.value);
    expect(fromV1.ok && serializePlaybook(fromV1.value)).toBe(fromV2.ok && serializePlaybook(fromV2.value));
  });

  it('fills the fields version 2 added with the version 2 defaults (they are today\'s defaults)', () => {
    // The default playbook written in format 1: educate's lifecycles, and nothing version 2 added.
    const { planning, sources: _sources, ...rest } = structuredClone(defaultPlaybook) as any;
    const v1Default = { ...rest, version: 1 };
    for (const policy of Object.values<any>(v1Default.plays)) delete policy.scoreWeight;
    delete v1Default.plays.ask.referralWindowDays;
    delete v1Default.plays.educate.staleMessageCredit;
    v1Default.plays.educate.lifecycles = planning.lifecycles;
    delete v1Default.plays['thank-you'].lookbackDays;
    delete v1Default.plays['thank-you'].scoreWindowDays;
    for (const item of v1Default.plays['strong-referrals'].checklist) delete item.coachingPhrase;

    const parsed = parsePlaybook(v1Default);
    if (!parsed.ok) throw parsed.error;
    const strong = defaultPlaybook.plays['strong-referrals'];
    expect(parsed.value).toEqual({
      ...defaultPlaybook,
      plays: {
        ...defaultPlaybook.plays,
        // Version 1 had no coaching phrases; the migration adds none (the field is optional).
        'strong-referrals': { ...strong, checklist: strong.checklist.map(({ coachingPhrase: _phrase, ...item }) => item) },
      },
    });
  });

  it('never mutates its input, and shares nothing it changed with it', () => {
    const input = deepFreezeCopy(v1Document());
    const result = migrated(input);
    expect(input).toEqual(v1Document());
    expect(result.document).not.toBe(input);
    expect(result.document['plays']).not.toBe(input.plays);
    expect((result.document['plays'] as any).educate).not.toBe(input.plays.educate);
    expect('lifecycles' in input.plays.educate).toBe(true);

    const partial = deepFreezeCopy({ version: 1, extends: 'referwell:default', plays: { educate: { lifecycles: ['active'] } } });
    migrated(partial);
    expect(partial.plays.educate.lifecycles).toEqual(['active']);
    expect(() => parsePlaybook(partial)).not.toThrow();
    expect(() => migrationV1ToV2.migrate(input)).not.toThrow();
  });

  it('leaves a partial version 1 document partial: extends completes it afterwards from the current default', () => {
    const partial = {
      version: 1,
      name: 'Northside',
      extends: 'referwell:default',
      plays: {
        educate: { lifecycles: ['prospect', 'active'] },
        'thank-you': { enclosedCards: 5 },
        'follow-up': { dueSoonDays: 50, targetDays: 60 },
      },
    };
    expect(migrated(partial).document).toStrictEqual({
      version: 2,
      name: 'Northside',
      extends: 'referwell:default',
      plays: {
        educate: {},
        'thank-you': { enclosedCards: 5 },
        'follow-up': { dueSoonDays: 50, targetDays: 60 },
      },
      planning: { lifecycles: ['prospect', 'active'] },
    });

    const parsed = parsePlaybook(partial);
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.version).toBe(2);
    expect(parsed.value.planning).toEqual({ lifecycles: ['prospect', 'active'], horizonDays: 14 });
    expect(parsed.value.plays.educate).toEqual(defaultPlaybook.plays.educate);
    expect(parsed.value.plays['thank-you']).toEqual({ ...defaultPlaybook.plays['thank-you'], enclosedCards: 5 });
    expect(parsed.value.sources).toEqual(defaultPlaybook.sources);
    expect(parsed.value.plays['follow-up'].targetDays).toBe(60);
  });

  it('gives a partial document without educate lifecycles the default planning', () => {
    const parsed = parsePlaybook({ version: 1, extends: 'referwell:default', plays: { ask: { cooldownDays: 30 } } });
    expect(parsed.ok && parsed.value.planning).toEqual(defaultPlaybook.planning);
    expect(migrated({ version: 1, extends: 'referwell:default' }).document).toStrictEqual({
      version: 2,
      extends: 'referwell:default',
    });
  });

  it('reports a complete version 1 document without educate lifecycles at the version 1 place', () => {
    const document = v1Document() as any;
    delete document.plays.educate.lifecycles;
    const result = parsePlaybook(document);
    expect(!result.ok && result.error.issues.map((issue) => issue.pointer)).toEqual(['/plays/educate/lifecycles']);
    expect(!result.ok && result.error.issues[0]?.message).toContain('required');
  });

  it('points $schema at the version 2 JSON Schema only when it named version 1', () => {
    expect(migrated(v1Document()).document['$schema']).toBe('https://referwell.dev/schemas/playbook/v2.json');
    const local = { ...v1Document(), $schema: './node_modules/referwell/playbook.schema.json' };
    expect(migrated(local).document['$schema']).toBe('./node_modules/referwell/playbook.schema.json');
  });

  it('keeps a key named __proto__ as a key (reported by validation), never as a prototype', () => {
    const document = JSON.parse('{"version": 1, "extends": "referwell:default", "__proto__": {"x": 1}}') as unknown;
    const result = migrated(document);
    expect(Object.getPrototypeOf(result.document)).toBe(Object.prototype);
    expect(Object.keys(result.document)).toContain('__proto__');
    const parsed = parsePlaybook(document);
    expect(!parsed.ok && parsed.error.issues.map((issue) => issue.pointer)).toEqual(['/__proto__']);
  });
});

describe('migratePlaybook: other versions', () => {
  it('returns a current document as it is, with no migration applied', () => {
    const document = { version: 2, extends: 'referwell:default' };
    const result = migrated(document);
    expect(result.document).toBe(document);
    expect(result.applied).toEqual([]);
    expect(result.fromVersion).toBe(2);
  });

  it('refuses version 3, naming the versions this release reads, and so does parsePlaybook', () => {
    for (const outcome of [migratePlaybook({ ...expectedV2Document, version: 3 }), parsePlaybook({ ...expectedV2Document, version: 3 })]) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error).toBeInstanceOf(ValidationError);
      expect(outcome.error.issues).toEqual([
        {
          path: ['version'],
          pointer: '/version',
          message: 'unsupported playbook version 3: this release of referwell reads versions 1 and 2',
          code: 'unsupported_version',
        },
      ]);
    }
  });

  it.each([
    ['version 0', { version: 0 }, '/version'],
    ['a fractional version', { version: 1.5 }, '/version'],
    ['a version as text', { version: '1' }, '/version'],
    ['no version', { extends: 'referwell:default' }, '/version'],
    ['an array', [v1Document()], ''],
    ['null', null, ''],
  ])('refuses %s with a typed failure', (_name, document, pointer) => {
    const result = migratePlaybook(document);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(ReferwellError.isInstance(result.error)).toBe(true);
    expect(result.error.issues.map((issue) => issue.pointer)).toEqual([pointer]);
  });

  it('never throws, even on a document whose getters throw', () => {
    const document = { version: 1, plays: {} };
    Object.defineProperty(document.plays, 'educate', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const result = migratePlaybook(document);
    expect(!result.ok && result.error.issues[0]?.message).toContain('boom');
    const parsed = parsePlaybook(document);
    expect(!parsed.ok && parsed.error.issues.some((issue) => issue.pointer === '/plays/educate' && issue.code === 'unreadable')).toBe(true);
  });
});
