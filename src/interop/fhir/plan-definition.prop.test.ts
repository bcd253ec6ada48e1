import fc from 'fast-check';
import { Fhir } from 'fhir';
import { describe, expect, it } from 'vitest';
import { ReferwellError } from '../../errors';
import { playIds } from '../../playbook/definition';
import { parsePlaybook } from '../../playbook/parse';
import { defaultPlaybook, type Playbook } from '../../playbook/playbook';
import { planDefinitionToPlaybook, playbookToPlanDefinition } from './plan-definition';

/** 200 by default; `REFERWELL_FUZZ_RUNS=10000 npx vitest run src/interop/fhir/plan-definition.prop.test.ts` is the dedicated run. */
const RUNS = Number(process.env.REFERWELL_FUZZ_RUNS ?? 200);

const fhir = new Fhir();

function fhirErrors(resource: object): string[] {
  const plan = resource as { action?: { action?: unknown[] }[] };
  const nested = (plan.action ?? []).flatMap((action) => action.action ?? []);
  return [resource, ...(nested.length === 0 ? [] : [{ ...plan, action: nested }])].flatMap((candidate) =>
    fhir
      .validate(candidate, { errorOnUnexpected: true })
      .messages.filter((message) => message.severity === 'error' || message.severity === 'fatal')
      .map((message) => `${message.location}: ${message.message}`),
  );
}

/** Valid playbooks that differ from the default in what the PlanDefinition shows. */
const playbooks: fc.Arbitrary<Playbook> = fc
  .record({
    name: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }),
    enabled: fc.array(fc.boolean(), { minLength: playIds.length, maxLength: playIds.length }),
    targetDays: fc.integer({ min: 77, max: 119 }),
    visitWithinDays: fc.nat({ max: 400 }),
    cooldownDays: fc.nat({ max: 400 }),
    contactWithinBusinessDays: fc.nat({ max: 10 }),
    dueWithinBusinessDays: fc.nat({ max: 10 }),
    triggers: fc.subarray(
      [{ kind: 'every-referral' }, { kind: 'first-from-contact' }, { kind: 'milestones', milestones: [5, 10] }, { kind: 'first-visit-completed' }],
      { minLength: 1 },
    ),
    lifecycles: fc.uniqueArray(fc.constantFrom('prospect', 'active', 'dormant', 'closed'), { minLength: 1 }),
    staleMessageCredit: fc.double({ min: 0, max: 1, noNaN: true }),
    offers: fc.uniqueArray(fc.constantFrom('in-service', 'staff-meeting-talk', 'consult-line'), { minLength: 1 }),
  })
  .map((settings) =>
    parsePlaybook({
      version: 2,
      ...(settings.name === undefined ? {} : { name: settings.name }),
      extends: 'referwell:default',
      plays: {
        ...Object.fromEntries(playIds.map((id, index) => [id, { enabled: settings.enabled[index] }])),
        ask: {
          enabled: settings.enabled[0],
          cooldownDays: settings.cooldownDays,
          intake: { contactWithinBusinessDays: settings.contactWithinBusinessDays },
        },
        'face-to-face': { enabled: settings.enabled[1], visitWithinDays: settings.visitWithinDays },
        educate: { enabled: settings.enabled[2], staleMessageCredit: settings.staleMessageCredit },
        'follow-up': { enabled: settings.enabled[5], targetDays: settings.targetDays },
        'be-a-resource': { enabled: settings.enabled[7], offers: settings.offers },
        'thank-you': {
          enabled: settings.enabled[8],
          triggers: settings.triggers,
          dueWithinBusinessDays: settings.dueWithinBusinessDays,
        },
      },
      planning: { lifecycles: settings.lifecycles },
    }),
  )
  .filter((result) => result.ok)
  .map((result) => (result.ok ? result.value : defaultPlaybook));

describe('playbook ↔ PlanDefinition (property)', () => {
  it('round-trips every playbook exactly, through valid FHIR R4', () => {
    fc.assert(
      fc.property(playbooks, (playbook) => {
        const plan = JSON.parse(JSON.stringify(playbookToPlanDefinition(playbook, { id: 'p' }))) as object;
        expect(fhirErrors(plan)).toEqual([]);
        const back = planDefinitionToPlaybook(plan);
        if (!back.ok) throw back.error;
        expect(back.value).toEqual(playbook);
      }),
      { numRuns: Math.min(RUNS, 500) },
    );
  });

  it('never throws on malformed PlanDefinitions: a playbook or a typed ReferwellError', () => {
    const base = JSON.parse(JSON.stringify(playbookToPlanDefinition(defaultPlaybook, { id: 'p' }))) as Record<string, unknown>;
    const malformed = fc.oneof(
      fc.anything({ withBigInt: true, withMap: true, withDate: true }),
      fc.record({ resourceType: fc.constant('PlanDefinition'), extension: fc.anything() }),
      fc.record({
        resourceType: fc.constant('PlanDefinition'),
        extension: fc.array(fc.record({ url: fc.constant('urn:referwell:extension:playbook'), valueString: fc.oneof(fc.string(), fc.json(), fc.anything()) })),
      }),
      fc.dictionary(fc.constantFrom('action', 'goal', 'contained', 'extension', 'status', 'id'), fc.jsonValue()).map((patch) => ({ ...base, ...patch })),
    );
    fc.assert(
      fc.property(malformed, (input) => {
        const result = planDefinitionToPlaybook(input);
        if (result.ok) {
          expect(Object.isFrozen(result.value)).toBe(true);
          return;
        }
        expect(ReferwellError.isInstance(result.error)).toBe(true);
        expect(result.error.issues.length).toBeGreaterThan(0);
        for (const issue of result.error.issues) expect(issue.resource).toMatch(/^PlanDefinition/);
      }),
      { numRuns: RUNS },
    );
  });
});
