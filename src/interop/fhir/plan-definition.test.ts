import type { ActivityDefinition, PlanDefinition, PlanDefinitionAction } from '@medplum/fhirtypes';
import { Fhir } from 'fhir';
import { describe, expect, it } from 'vitest';
import { ReferwellError, ValidationError } from '../../errors';
import { unwrap } from '../../model/result';
import { parsePlaybook, serializePlaybook } from '../../playbook/parse';
import { defaultPlaybook, type Playbook } from '../../playbook/playbook';
import { FhirValidationError } from './issues';
import { planDefinitionToPlaybook, planDefinitionUrls, playbookToPlanDefinition } from './plan-definition';

const fhir = new Fhir();

/**
 * FHIR.js's errors (unexpected properties count as errors). FHIR.js does not
 * follow the content reference of nested `PlanDefinition.action.action`, so each
 * play's sub-actions (where the triggers and timings are) are also validated as
 * the top-level actions of a copy.
 */
function fhirErrors(resource: unknown): string[] {
  const errorsOf = (candidate: object) =>
    fhir
      .validate(candidate, { errorOnUnexpected: true })
      .messages.filter((message) => message.severity === 'error' || message.severity === 'fatal')
      .map((message) => `${message.location}: ${message.message}`);
  const plan = resource as { action?: { action?: unknown[] }[] };
  const nested = (plan.action ?? []).flatMap((action) => action.action ?? []);
  return [
    ...errorsOf(plan),
    ...(nested.length === 0 ? [] : errorsOf({ ...plan, action: nested }).map((error) => `(sub-action) ${error}`)),
  ];
}

/** A playbook unlike the default in every way the PlanDefinition shows. */
const customPlaybook: Playbook = unwrap(
  parsePlaybook({
    version: 2,
    name: 'Clínica Eastside — "north" team',
    extends: 'referwell:default',
    plays: {
      ask: { cooldownDays: 45, openingsThreshold: 1, intake: { contactWithinBusinessDays: 2, firstVisitWithinDays: 10 } },
      'face-to-face': { visitWithinDays: 120, channelWeights: { video: 0.8 } },
      'follow-up': { dueSoonDays: 50, targetDays: 60, countingChannels: ['in-person', 'phone'] },
      'stock-cards': { enabled: false },
      'office-staff': { enabled: false },
      'thank-you': {
        triggers: [{ kind: 'first-from-contact' }, { kind: 'milestones', milestones: [5, 10] }, { kind: 'first-visit-completed' }],
        dueWithinBusinessDays: 1,
        medium: 'printed-card',
        enclosedCards: 0,
        askForMore: false,
      },
      'strong-referrals': {
        checklist: [
          { id: 'warm-handoff', label: 'Called while the patient was there', weight: 60, coachingPhrase: 'call us first' },
          { id: 'named-clinician', label: 'Named a clinician', weight: 40 },
        ],
      },
    },
    planning: { lifecycles: ['prospect', 'active'], horizonDays: 21 },
    sources: { windowDays: 180 },
    compliance: { annualCapPerPhysician: 20000, actionCostEstimates: { 'lunch-visit': 2500 } },
  }),
);

const subActions = (plan: PlanDefinition): PlanDefinitionAction[] => (plan.action ?? []).flatMap((action) => action.action ?? []);
const findKind = (plan: PlanDefinition, kind: string) => subActions(plan).find((action) => action.id === kind);

describe('playbookToPlanDefinition: FHIR R4 validity', () => {
  it.each([
    ['the default playbook', defaultPlaybook],
    ['a customised playbook', customPlaybook],
  ])('writes %s as a PlanDefinition FHIR.js accepts with zero errors', (_name, playbook) => {
    const plan = playbookToPlanDefinition(playbook, {
      id: 'eastside-playbook',
      url: 'https://eastside.example/fhir/PlanDefinition/referral-playbook',
      date: '2026-03-02',
      publisher: 'Eastside Counseling',
    });
    expect(fhirErrors(plan)).toEqual([]);
    expect(fhirErrors(JSON.parse(JSON.stringify(plan)))).toEqual([]);
    // The only remarks are about our own codes not being in an HL7 example value set.
    const remarks = fhir.validate(plan).messages.filter((message) => message.severity === 'warning');
    for (const remark of remarks) {
      expect(remark.location).toBe('ActivityDefinition.code');
      expect(remark.message).toContain(planDefinitionUrls.actionKind);
    }
  });

  it('uses a validator that does fail on broken variants', () => {
    const breakers: [string, (plan: any) => void][] = [
      ['no status', (plan) => delete plan.status],
      ['a status outside the value set', (plan) => (plan.status = 'published')],
      ['an ActivityDefinition creating no known resource', (plan) => (plan.contained[0].kind = 'Visit')],
      ['an extension without url', (plan) => delete plan.extension[0].url],
      ['a goal without description', (plan) => delete plan.goal[0].description],
      ['an unknown grouping behavior', (plan) => (plan.action[0].groupingBehavior = 'bundle')],
      ['an unexpected property', (plan) => (plan.action[0].cadence = 90)],
      ['an unexpected property in a sub-action', (plan) => (plan.action[5].action[0].cadence = 90)],
      ['an unknown trigger type in a sub-action', (plan) => (plan.action[8].action[0].trigger[0].type = 'on-referral')],
      ['an unknown priority in a sub-action', (plan) => (plan.action[1].action[0].priority = 'soon')],
    ];
    for (const [name, breakIt] of breakers) {
      const plan = structuredClone(playbookToPlanDefinition(defaultPlaybook));
      breakIt(plan);
      expect(fhirErrors(plan), name).not.toEqual([]);
    }
  });

  it('keeps the TriggerDefinition and Duration invariants FHIR.js does not check (trd-1, trd-3, drt-1)', () => {
    for (const playbook of [defaultPlaybook, customPlaybook]) {
      const plan = playbookToPlanDefinition(playbook);
      for (const action of subActions(plan)) {
        expect(action.trigger?.length, action.id).toBeGreaterThan(0);
        for (const trigger of action.trigger ?? []) {
          if (trigger.type === 'named-event') expect(trigger.name).toMatch(/^[a-z0-9-]+$/);
          if (trigger.type === 'periodic') expect(trigger.timingTiming?.repeat?.period).toBeGreaterThan(0);
          expect(trigger.data === undefined || trigger.timingTiming === undefined).toBe(true);
        }
        const durations = [action.timingDuration, ...(plan.goal ?? []).flatMap((goal) => goal.target?.map((t) => t.due) ?? [])];
        for (const duration of durations) {
          if (duration === undefined) continue;
          expect(duration).toMatchObject({ system: 'http://unitsofmeasure.org', code: 'd' });
          expect(duration.value).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });
});

describe('playbookToPlanDefinition: content', () => {
  const plan = playbookToPlanDefinition(defaultPlaybook, { id: 'default-playbook' });

  it('is a workflow definition named after the playbook, with its metadata', () => {
    expect(plan).toMatchObject({
      resourceType: 'PlanDefinition',
      id: 'default-playbook',
      name: 'ReferwellPlaybook',
      title: 'referwell default',
      status: 'active',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/plan-definition-type', code: 'workflow-definition' }] },
    });
    expect(playbookToPlanDefinition(customPlaybook, { status: 'draft' }).status).toBe('draft');
    expect('id' in playbookToPlanDefinition(defaultPlaybook)).toBe(false);
    expect('date' in plan).toBe(false);
  });

  it('has one action per enabled play, in play order, with title, description and play code', () => {
    expect(plan.action?.map((action) => action.id)).toEqual([
      'ask',
      'face-to-face',
      'educate',
      'strong-referrals',
      'office-staff',
      'follow-up',
      'stock-cards',
      'be-a-resource',
      'thank-you',
    ]);
    const followUp = plan.action?.find((action) => action.id === 'follow-up');
    expect(followUp).toMatchObject({
      title: 'Follow up',
      code: [{ coding: [{ system: planDefinitionUrls.play, code: 'follow-up', display: 'Follow up' }] }],
    });
    expect(followUp?.description).toContain('three months');

    const custom = playbookToPlanDefinition(customPlaybook);
    expect(custom.action?.map((action) => action.id)).not.toContain('stock-cards');
    expect(custom.action?.map((action) => action.id)).not.toContain('office-staff');
    expect(custom.contained?.map((resource) => resource.id)).not.toContain('restock');
  });

  it('gives each kind of action a contained ActivityDefinition, referenced by definitionCanonical', () => {
    const contained = new Map((plan.contained ?? []).map((resource) => [resource.id, resource as ActivityDefinition]));
    expect([...contained.keys()]).toEqual([
      'ask',
      'expedite-intake',
      'visit',
      'educate',
      'coach',
      'befriend-staff',
      'follow-up',
      'restock',
      'offer-resource',
      'send-thank-you',
    ]);
    for (const action of subActions(plan)) {
      const definition = contained.get(action.definitionCanonical!.slice(1));
      expect(definition?.resourceType).toBe('ActivityDefinition');
      expect(definition?.code?.coding?.[0]).toMatchObject({ system: planDefinitionUrls.actionKind, code: action.id });
    }
    expect(contained.get('send-thank-you')).toMatchObject({ kind: 'CommunicationRequest', status: 'active', intent: 'proposal' });
    expect(contained.get('visit')).toMatchObject({ kind: 'Task' });
  });

  it('writes cadences as Timing.repeat periods in days and deadlines as Durations', () => {
    expect(findKind(plan, 'follow-up')?.timingTiming).toEqual({ repeat: { frequency: 1, period: 90, periodUnit: 'd' } });
    expect(findKind(plan, 'visit')?.timingTiming?.repeat?.period).toBe(180);
    expect(findKind(plan, 'offer-resource')?.timingTiming?.repeat?.period).toBe(365);
    expect(findKind(plan, 'ask')?.timingTiming?.repeat?.period).toBe(90);
    expect(findKind(plan, 'send-thank-you')?.timingDuration).toEqual({
      extension: [{ url: planDefinitionUrls.businessDaysExtension, valueBoolean: true }],
      value: 3,
      unit: 'business days',
      system: 'http://unitsofmeasure.org',
      code: 'd',
    });
    const custom = playbookToPlanDefinition(customPlaybook);
    expect(findKind(custom, 'follow-up')?.timingTiming?.repeat?.period).toBe(60);
    expect(findKind(custom, 'send-thank-you')?.timingDuration).toMatchObject({ value: 1, unit: 'business day' });
  });

  it('triggers event-driven actions on named events and cadences on the daily plan', () => {
    expect(findKind(plan, 'send-thank-you')?.trigger).toEqual([{ type: 'named-event', name: 'referral-received' }]);
    expect(findKind(plan, 'expedite-intake')?.trigger).toEqual([{ type: 'named-event', name: 'referral-received' }]);
    expect(findKind(plan, 'follow-up')?.trigger).toEqual([
      { type: 'periodic', name: 'daily-plan', timingTiming: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } } },
    ]);
    expect(findKind(playbookToPlanDefinition(customPlaybook), 'send-thank-you')?.trigger?.map((t) => t.name)).toEqual([
      'first-referral-from-contact',
      'contact-referral-count-5',
      'contact-referral-count-10',
      'first-visit-completed',
    ]);
  });

  it('states the intake promises as goals of the expedite-intake action', () => {
    expect(plan.goal?.map((goal) => [goal.id, goal.target?.[0]?.due?.value])).toEqual([
      ['intake-contact', 1],
      ['intake-first-visit', 7],
    ]);
    expect(findKind(plan, 'expedite-intake')?.goalId).toEqual(['intake-contact', 'intake-first-visit']);
    const noAsk = unwrap(parsePlaybook({ version: 2, extends: 'referwell:default', plays: { ask: { enabled: false } } }));
    expect('goal' in playbookToPlanDefinition(noAsk)).toBe(false);
  });

  it('carries the complete playbook as JSON in one extension', () => {
    const carried = plan.extension?.filter((extension) => extension.url === planDefinitionUrls.playbookExtension);
    expect(carried).toHaveLength(1);
    expect(carried?.[0]?.valueString).toBe(serializePlaybook(defaultPlaybook).trimEnd());
  });

  it('is pure: the same playbook gives the same resource, and nothing is shared between two', () => {
    const first = playbookToPlanDefinition(customPlaybook, { id: 'a' });
    const second = playbookToPlanDefinition(customPlaybook, { id: 'a' });
    expect(second).toEqual(first);
    (first.action![0]!.action![0]!.trigger![0] as { name?: string }).name = 'changed';
    expect(playbookToPlanDefinition(customPlaybook, { id: 'a' })).toEqual(second);
  });

  it('refuses invalid options with a ValidationError', () => {
    expect(() => playbookToPlanDefinition(defaultPlaybook, { id: 'has space' })).toThrow(ValidationError);
    expect(() => playbookToPlanDefinition(defaultPlaybook, { date: '02/03/2026' })).toThrow(ValidationError);
    expect(() => playbookToPlanDefinition(defaultPlaybook, { status: 'final' as never })).toThrow(ValidationError);
    expect(() => playbookToPlanDefinition({ version: 2 } as unknown as Playbook)).toThrow(ValidationError);
  });
});

describe('planDefinitionToPlaybook: round trip', () => {
  it.each([
    ['the default playbook', defaultPlaybook],
    ['a customised playbook', customPlaybook],
  ])('gives back %s exactly, also through JSON text', (_name, playbook) => {
    const plan = playbookToPlanDefinition(playbook, { id: 'p1' });
    const direct = planDefinitionToPlaybook(plan);
    expect(direct.ok && direct.value).toEqual(playbook);
    const viaText = planDefinitionToPlaybook(JSON.parse(JSON.stringify(plan)));
    if (!viaText.ok) throw viaText.error;
    expect(viaText.value).toEqual(playbook);
    expect(serializePlaybook(viaText.value)).toBe(serializePlaybook(playbook));
    expect(Object.isFrozen(viaText.value)).toBe(true);
  });

  it('reads a PlanDefinition whose embedded playbook is an older format version, migrating it', () => {
    const plan = structuredClone(playbookToPlanDefinition(defaultPlaybook));
    plan.extension![0]!.valueString = JSON.stringify({
      version: 1,
      name: 'referwell default',
      extends: 'referwell:default',
      plays: { educate: { lifecycles: ['active'] } },
    });
    const result = planDefinitionToPlaybook(plan);
    if (!result.ok) throw result.error;
    expect(result.value).toEqual(defaultPlaybook);
  });
});

describe('planDefinitionToPlaybook: malformed input is a typed failure', () => {
  const valid = () => structuredClone(playbookToPlanDefinition(customPlaybook, { id: 'pd-7' })) as any;

  function problems(input: unknown, options?: { verifyActions?: boolean }) {
    let result: ReturnType<typeof planDefinitionToPlaybook> | undefined;
    expect(() => (result = planDefinitionToPlaybook(input, options))).not.toThrow();
    if (result === undefined || result.ok) throw new Error('expected a failure');
    expect(result.error).toBeInstanceOf(FhirValidationError);
    expect(ReferwellError.isInstance(result.error)).toBe(true);
    expect(result.error.code).toBe('validation-failed');
    return result.error.issues.map((issue) => [issue.resource, issue.pointer, issue.code] as const);
  }

  it.each([
    ['null', null, [['PlanDefinition', '', 'invalid_type']]],
    ['an array', [], [['PlanDefinition', '', 'invalid_type']]],
    ['another resource', { resourceType: 'Organization', id: 'o1' }, [['PlanDefinition/o1', '/resourceType', 'invalid_value']]],
    ['a PlanDefinition not written by referwell', { resourceType: 'PlanDefinition', status: 'active' }, [['PlanDefinition', '/extension', 'missing_extension']]],
    ['extension not an array', { resourceType: 'PlanDefinition', extension: {} }, [['PlanDefinition', '/extension', 'invalid_type']]],
  ])('%s', (_name, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  it('a second playbook extension', () => {
    const plan = valid();
    plan.extension.push({ ...plan.extension[0] });
    expect(problems(plan)).toEqual([['PlanDefinition/pd-7', '/extension/1', 'duplicate_extension']]);
  });

  it('a playbook that is not text, or not JSON', () => {
    const notText = valid();
    notText.extension[0] = { url: planDefinitionUrls.playbookExtension, valueAttachment: { data: 'e30=' } };
    expect(problems(notText)).toEqual([['PlanDefinition/pd-7', '/extension/0/valueString', 'invalid_type']]);
    const notJson = valid();
    notJson.extension[0].valueString = '{"version": 2,';
    expect(problems(notJson)).toEqual([['PlanDefinition/pd-7', '/extension/0/valueString', 'invalid_json']]);
  });

  it('an invalid embedded playbook, each problem at its path inside it', () => {
    const plan = valid();
    plan.extension.unshift({ url: 'urn:other:extension', valueBoolean: true });
    const document = JSON.parse(plan.extension[1].valueString);
    document.plays['follow-up'].dueSoonDays = 10;
    document.plays.ask.colour = 'blue';
    plan.extension[1].valueString = JSON.stringify(document);
    expect(problems(plan)).toEqual([
      ['PlanDefinition/pd-7', '/extension/1/valueString/plays/ask/colour', 'unrecognized_keys'],
      ['PlanDefinition/pd-7', '/extension/1/valueString/plays/follow-up/dueSoonDays', 'custom'],
    ]);
    const newer = valid();
    newer.extension[0].valueString = JSON.stringify({ version: 3 });
    expect(problems(newer)).toEqual([['PlanDefinition/pd-7', '/extension/0/valueString/version', 'unsupported_version']]);
  });

  it('actions edited without the playbook, unless verifyActions is false', () => {
    const plan = valid();
    plan.action.find((action: any) => action.id === 'follow-up').action[0].timingTiming.repeat.period = 30;
    const index = plan.action.findIndex((action: any) => action.id === 'follow-up');
    expect(problems(plan)).toEqual([
      ['PlanDefinition/pd-7', `/action/${index}/action/0/timingTiming/repeat/period`, 'inconsistent'],
    ]);
    const lenient = planDefinitionToPlaybook(plan, { verifyActions: false });
    expect(lenient.ok && lenient.value).toEqual(customPlaybook);

    const dropped = valid();
    delete dropped.contained;
    dropped.goal.pop();
    expect(problems(dropped).map(([, pointer]) => pointer)).toEqual(['/contained', '/goal/1']);
  });

  it('texts for people may differ (a release may reword them); computable elements may not', () => {
    const reworded = valid();
    reworded.action[0].title = 'Ask, boldly';
    reworded.action[0].action[0].description = 'Ask when there is room.';
    reworded.goal[0].description.text = 'Call back fast';
    reworded.contained[0].title = 'Ask';
    const read = planDefinitionToPlaybook(reworded);
    expect(read.ok && read.value).toEqual(customPlaybook);

    const recoded = valid();
    recoded.contained[0].kind = 'Task';
    expect(problems(recoded)).toEqual([['PlanDefinition/pd-7', '/contained/0/kind', 'inconsistent']]);
  });

  it('does not judge the actions of a PlanDefinition carrying an older playbook format (an older release wrote them)', () => {
    const old = valid();
    old.extension[0].valueString = JSON.stringify({ version: 1, extends: 'referwell:default' });
    old.action = [{ id: 'educate', title: 'Educate', action: [{ id: 'educate', definitionCanonical: '#educate' }] }];
    const read = planDefinitionToPlaybook(old);
    if (!read.ok) throw read.error;
    expect(read.value).toEqual({ ...defaultPlaybook, name: undefined });
  });

  it('never throws, even on a resource whose getters throw', () => {
    const plan = valid();
    Object.defineProperty(plan, 'extension', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(problems(plan)).toEqual([['PlanDefinition', '', 'unreadable']]);
  });
});
