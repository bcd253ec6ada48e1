/**
 * The playbook as a FHIR R4 `PlanDefinition`, and back.
 *
 * {@link playbookToPlanDefinition} writes a `workflow-definition` PlanDefinition
 * an EHR can show and run:
 *
 * - one `action` per **enabled** play (title, description, a `code` from the
 *   play code system), grouping one sub-action per *kind* of action the play
 *   proposes (`visit`, `follow-up`, `send-thank-you`, …);
 * - each sub-action with its `trigger`s (a `named-event` such as
 *   `referral-received`, or a daily `periodic` evaluation), its `timing` from the
 *   policy (a cadence as `Timing.repeat` period in days, a deadline as a
 *   `Duration`), and a `definitionCanonical` to a **contained
 *   `ActivityDefinition`** for that kind (which resource it creates, its code);
 * - the intake promises of the `ask` play as `goal`s;
 * - the complete playbook, losslessly, as JSON in the extension
 *   {@link planDefinitionUrls}`.playbookExtension` (`valueString`).
 *
 * {@link planDefinitionToPlaybook} reads the playbook back from that extension
 * with `parsePlaybook` (so a PlanDefinition written by an older release, carrying
 * an older playbook format, is migrated), and checks that the computable elements
 * of the actions, goals and contained ActivityDefinitions are still the ones the
 * playbook produces: the extension is the authority; the rest is its readable
 * projection.
 *
 * @module
 */
import type {
  ActivityDefinition,
  CodeableConcept,
  Duration,
  Extension,
  PlanDefinition,
  PlanDefinitionAction,
  PlanDefinitionGoal,
  Timing,
  TriggerDefinition,
} from '@medplum/fhirtypes';
import { match } from 'ts-pattern';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { fromZodIssues, toJsonPointer } from '../../model/result';
import { parsePlaybook, serializePlaybook } from '../../playbook/parse';
import { PLAYBOOK_VERSION, type Playbook, type PlayPolicy } from '../../playbook/playbook';
import type { PlayId } from '../../playbook/definition';
import { defaultPlays } from '../../plays/default-plays';
import { joinWords, plural } from '../../plays/english';
import { FhirValidationError, type FhirIssue, type FhirResult } from './issues';

/**
 * The URIs the playbook PlanDefinition uses: referwell's own (URNs, as the rest
 * of `referwell/fhir`) and the standard ones.
 *
 * @example
 * ```ts
 * planDefinitionUrls.playbookExtension; //=> 'urn:referwell:extension:playbook'
 * ```
 * @category Interop
 */
export const planDefinitionUrls = {
  /** `PlanDefinition.extension`: the complete playbook as JSON (`valueString`). */
  playbookExtension: 'urn:referwell:extension:playbook',
  /** `Duration.extension`: the duration counts business days, not calendar days (`valueBoolean`). */
  businessDaysExtension: 'urn:referwell:extension:business-days',
  /** Code system of the nine plays (`PlanDefinition.action.code`). */
  play: 'urn:referwell:code-system:play',
  /** Code system of action kinds (`visit`, `follow-up`, … — `ActivityDefinition.code`). */
  actionKind: 'urn:referwell:code-system:action-kind',
  /** HL7 plan definition types. */
  planDefinitionType: 'http://terminology.hl7.org/CodeSystem/plan-definition-type',
  /** UCUM units. */
  ucum: 'http://unitsofmeasure.org',
} as const;

/** What FHIR R4 allows as a resource id. */
const fhirIdPattern = /^[A-Za-z0-9\-.]{1,64}$/;
/** FHIR R4 `dateTime` (a year, a month, a date, or a date and time with a zone). */
const fhirDateTimePattern =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;

const exportOptionsSchema = z.strictObject({
  id: z.string().regex(fhirIdPattern, 'must be a FHIR id: 1–64 of A–Z a–z 0–9 - .').exactOptional(),
  url: z.string().min(1, 'must not be empty').exactOptional(),
  status: z.enum(['draft', 'active', 'retired', 'unknown']).exactOptional(),
  date: z.string().regex(fhirDateTimePattern, 'must be a FHIR dateTime, e.g. 2026-03-02 or 2026-03-02T15:00:00Z').exactOptional(),
  publisher: z.string().min(1, 'must not be empty').exactOptional(),
});

/**
 * The {@link playbookToPlanDefinition} options: metadata of the resource. None of
 * them changes the actions, which come from the playbook alone.
 *
 * @category Interop
 */
export interface PlaybookToPlanDefinitionOptions {
  /** The resource id (a FHIR id). Default: none (the server assigns one). */
  readonly id?: string;
  /** The canonical URL of the PlanDefinition. Default: none. */
  readonly url?: string;
  /** The publication status. Default `active`. */
  readonly status?: PlanDefinition['status'];
  /** When it was published (FHIR `dateTime`). Default: none (the core has no clock). */
  readonly date?: string;
  /** Who publishes it, e.g. the practice's name. Default: none. */
  readonly publisher?: string;
}

/**
 * The {@link planDefinitionToPlaybook} options.
 *
 * @category Interop
 */
export interface PlanDefinitionToPlaybookOptions {
  /**
   * Whether to check that the computable elements of `action`, `goal` and
   * `contained` are what the embedded playbook produces (default `true`; texts
   * for people are not compared). The embedded playbook is what is read either
   * way; the check catches a PlanDefinition edited in an EHR without its
   * playbook, whose edits would otherwise be lost silently.
   */
  readonly verifyActions?: boolean;
}

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

/** What a referwell action kind becomes: the resource an EHR creates for it, and its names. */
interface KindInfo {
  /** `ActivityDefinition.kind`: the request resource created for the action. */
  readonly resource: NonNullable<ActivityDefinition['kind']>;
  /** `ActivityDefinition.name`: a computable name. */
  readonly name: string;
  /** `ActivityDefinition.title`, and the display of its code. */
  readonly title: string;
}

/** Every action kind of the nine plays. */
const kindInfo = {
  ask: { resource: 'CommunicationRequest', name: 'AskForReferrals', title: 'Ask for referrals' },
  'expedite-intake': { resource: 'Task', name: 'ExpediteIntake', title: "Expedite a referred patient's intake" },
  visit: { resource: 'Task', name: 'VisitInPerson', title: 'Visit the office in person' },
  educate: { resource: 'CommunicationRequest', name: 'PresentPracticeMessage', title: 'Present the practice message' },
  coach: { resource: 'CommunicationRequest', name: 'CoachStrongReferrals', title: 'Coach the office on strong referrals' },
  'befriend-staff': { resource: 'Task', name: 'BefriendStaff', title: 'Befriend the office staff' },
  'follow-up': { resource: 'CommunicationRequest', name: 'FollowUp', title: 'Follow up with the office' },
  restock: { resource: 'Task', name: 'RestockCards', title: 'Restock business cards' },
  'offer-resource': { resource: 'CommunicationRequest', name: 'OfferResource', title: 'Offer to be a resource' },
  'send-thank-you': { resource: 'CommunicationRequest', name: 'SendThankYou', title: 'Send a thank-you' },
} as const satisfies Record<string, KindInfo>;

type ActionKind = keyof typeof kindInfo;

/** One kind of action a play proposes, as it appears in the PlanDefinition. */
interface KindAction {
  readonly kind: ActionKind;
  readonly description: string;
  readonly triggers: readonly TriggerDefinition[];
  readonly timing?: { readonly timingTiming: Timing } | { readonly timingDuration: Duration };
  readonly goalIds?: readonly string[];
}

/** One play in the PlanDefinition: what it is for, and its kinds of action. */
interface PlayAction {
  readonly description: string;
  readonly kinds: readonly KindAction[];
}

const days = (value: number): Duration => ({
  value,
  unit: value === 1 ? 'day' : 'days',
  system: planDefinitionUrls.ucum,
  code: 'd',
});

/**
 * A number of business days. FHIR has no unit for them: the UCUM day, marked with
 * the business-days extension (a reader that ignores it sees calendar days, which
 * is never later than the business-day deadline).
 */
const businessDays = (value: number): Duration => ({
  extension: [{ url: planDefinitionUrls.businessDaysExtension, valueBoolean: true }],
  value,
  unit: value === 1 ? 'business day' : 'business days',
  system: planDefinitionUrls.ucum,
  code: 'd',
});

/** "At most / about once every `n` days." */
const every = (n: number): { timingTiming: Timing } => ({
  timingTiming: { repeat: { frequency: 1, period: n, periodUnit: 'd' } },
});

const namedEvent = (name: string): TriggerDefinition => ({ type: 'named-event', name });

/** The plan is computed again every day: cadence-based actions are evaluated daily. */
const daily: TriggerDefinition = {
  type: 'periodic',
  name: 'daily-plan',
  timingTiming: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
};

const percent = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`;

/** The goal ids of the intake promises. */
const intakeGoalIds = { contact: 'intake-contact', firstVisit: 'intake-first-visit' } as const;

/**
 * What each play looks like in the PlanDefinition, from its policy. A record over
 * every play id, so a new built-in play cannot be forgotten.
 */
const playActions: { readonly [Id in PlayId]: (policy: PlayPolicy<Id>, playbook: Playbook) => PlayAction } = {
  ask: (policy) => ({
    description:
      'Ask boldly and specifically for referrals when clinicians have openings, then be responsive to what comes in.',
    kinds: [
      {
        kind: 'ask',
        description: `When the open slots of the active clinicians accepting new clients add up to ${policy.openingsThreshold} or more, ask the ${plural(policy.maxOfficesPerAsk, 'best office')} (ranked by their referrals of the last ${plural(policy.referralWindowDays, 'day')}) for referrals; an office is not asked again within ${plural(policy.cooldownDays, 'day')}.`,
        triggers: [namedEvent('clinician-openings-changed'), daily],
        timing: every(policy.cooldownDays),
      },
      {
        kind: 'expedite-intake',
        description: `Contact each referred patient within ${plural(policy.intake.contactWithinBusinessDays, 'business day')} of the referral and hold the first visit within ${plural(policy.intake.firstVisitWithinDays, 'day')}; a referral that misses either promise is expedited.`,
        triggers: [namedEvent('referral-received')],
        timing: { timingDuration: businessDays(policy.intake.contactWithinBusinessDays) },
        goalIds: [intakeGoalIds.contact, intakeGoalIds.firstVisit],
      },
    ],
  }),
  'face-to-face': (policy) => ({
    description: 'Email and calls are convenient, but face-to-face contact builds trust.',
    kinds: [
      {
        kind: 'visit',
        description: `Visit in person every office with no in-person contact within ${plural(policy.visitWithinDays, 'day')}. Trust weights per channel: ${Object.entries(policy.channelWeights).map(([channel, weight]) => `${channel} ${weight}`).join(', ')}; a touchpoint's weight halves every ${plural(policy.trustHalfLifeDays, 'day')}.`,
        triggers: [daily],
        timing: every(policy.visitWithinDays),
      },
    ],
  }),
  educate: (policy, playbook) => ({
    description: 'Tell offices concisely who you are, what you do and whom you help best: the elevator speech.',
    kinds: [
      {
        kind: 'educate',
        description: `Present the current practice message (an elevator speech of at most ${plural(policy.elevatorSpeechMaxWords, 'word')}) to every ${joinWords([...playbook.planning.lifecycles], 'or')} office that has not heard it; an office that heard only an older version earns ${percent(policy.staleMessageCredit)} of the educate score.`,
        triggers: [namedEvent('practice-message-published'), daily],
      },
    ],
  }),
  'strong-referrals': (policy) => ({
    description:
      'Teach offices to refer strongly: a prescription-pad order, a call while the patient is still there, a clinician recommended by name.',
    kinds: [
      {
        kind: 'coach',
        description: `Score each referral against the checklist (${policy.checklist.map((item) => `${item.label}: ${item.weight}`).join('; ')}); strong at ${policy.strongAtLeast} or more, weak below ${policy.weakBelow}. After ${plural(policy.coachAfterWeakReferrals, 'weak referral')} from an office within ${plural(policy.lookbackDays, 'day')}, coach it on the missing items.`,
        triggers: [namedEvent('referral-received')],
      },
    ],
  }),
  'office-staff': (policy) => ({
    description: 'Receptionists, nurses, medical assistants and office managers may refer more than the provider.',
    kinds: [
      {
        kind: 'befriend-staff',
        description: `Keep at least ${plural(policy.minimumStaffRelationships, 'staff relationship')} (${joinWords([...policy.staffRoles], 'or')}) touched within ${plural(policy.touchWithinDays, 'day')} at every office.`,
        triggers: [daily],
        timing: every(policy.touchWithinDays),
      },
    ],
  }),
  'follow-up': (policy) => ({
    description: 'Follow up about every three months: more often is a nuisance; after six months they have forgotten you.',
    kinds: [
      {
        kind: 'follow-up',
        description: `Contact every office about every ${plural(policy.targetDays, 'day')}: never within ${plural(policy.nuisanceFloorDays, 'day')} of the last contact, due soon from day ${policy.dueSoonDays}, overdue from day ${policy.overdueDays}, lapsed from day ${policy.lapsedDays}. Counting ${policy.countingChannels === 'all' ? 'every channel' : joinWords([...policy.countingChannels], 'or')} and ${policy.countingPurposes === 'all' ? 'every purpose' : joinWords([...policy.countingPurposes], 'or')}.`,
        triggers: [daily],
        timing: every(policy.targetDays),
      },
    ],
  }),
  'stock-cards': (policy) => ({
    description: 'Keep their office stocked with business cards and brochures.',
    kinds: [
      {
        kind: 'restock',
        description: `When an office's estimated business cards fall below ${policy.minimumCards}, bring it back up to ${policy.restockUpTo} (estimated use: ${policy.cardsPerReferral} per referral and ${policy.cardsPerWeek} per week).`,
        triggers: [daily],
      },
    ],
  }),
  'be-a-resource': (policy) => ({
    description:
      'Relationships must be mutual: offer to answer referral questions, give in-service trainings, speak at staff meetings.',
    kinds: [
      {
        kind: 'offer-resource',
        description: `Offer every office ${joinWords([...policy.offers], 'or')} at least every ${plural(policy.offerEveryDays, 'day')}.`,
        triggers: [daily],
        timing: every(policy.offerEveryDays),
      },
    ],
  }),
  'thank-you': (policy) => ({
    description:
      'Acknowledge every referral with a personalized, mailed thank-you card; enclose business cards and ask for more referrals.',
    kinds: [
      {
        kind: 'send-thank-you',
        description: `Send a ${policy.medium.replaceAll('-', ' ')}${policy.enclosedCards > 0 ? ` enclosing ${plural(policy.enclosedCards, 'business card')}` : ''}${policy.askForMore ? ', asking for more referrals,' : ''} within ${plural(policy.dueWithinBusinessDays, 'business day')} of the trigger; referrals from one contact within ${plural(policy.batchWindowDays, 'day')} share a card. Never with patient details unless the patient consented.`,
        triggers: policy.triggers.flatMap((trigger): TriggerDefinition[] =>
          match(trigger)
            .with({ kind: 'every-referral' }, () => [namedEvent('referral-received')])
            .with({ kind: 'first-from-contact' }, () => [namedEvent('first-referral-from-contact')])
            .with({ kind: 'milestones' }, ({ milestones }) =>
              milestones.map((milestone) => namedEvent(`contact-referral-count-${milestone}`)),
            )
            .with({ kind: 'first-visit-completed' }, () => [namedEvent('first-visit-completed')])
            .exhaustive(),
        ),
        timing: { timingDuration: businessDays(policy.dueWithinBusinessDays) },
      },
    ],
  }),
};

const playTitles = new Map(defaultPlays.map((play) => [play.id, play.title]));

const concept = (system: string, code: string, display: string): CodeableConcept => ({
  coding: [{ system, code, display }],
});

function kindAction(spec: KindAction): PlanDefinitionAction {
  const info = kindInfo[spec.kind];
  return {
    id: spec.kind,
    title: info.title,
    description: spec.description,
    code: [concept(planDefinitionUrls.actionKind, spec.kind, info.title)],
    ...(spec.goalIds === undefined ? {} : { goalId: [...spec.goalIds] }),
    trigger: spec.triggers.map((trigger) => structuredClone(trigger)),
    ...(spec.timing === undefined ? {} : structuredClone(spec.timing)),
    definitionCanonical: `#${spec.kind}`,
  };
}

function activityDefinition(kind: ActionKind): ActivityDefinition {
  const info = kindInfo[kind];
  return {
    resourceType: 'ActivityDefinition',
    id: kind,
    name: info.name,
    title: info.title,
    status: 'active',
    kind: info.resource,
    code: concept(planDefinitionUrls.actionKind, kind, info.title),
    intent: 'proposal',
    participant: [{ type: 'practitioner' }],
  };
}

function intakeGoals(policy: PlayPolicy<'ask'>): PlanDefinitionGoal[] {
  const { contactWithinBusinessDays, firstVisitWithinDays } = policy.intake;
  return [
    {
      id: intakeGoalIds.contact,
      description: { text: `Contact each referred patient within ${plural(contactWithinBusinessDays, 'business day')} of the referral` },
      target: [{ measure: { text: 'Time from referral received to patient contacted' }, due: businessDays(contactWithinBusinessDays) }],
    },
    {
      id: intakeGoalIds.firstVisit,
      description: { text: `Hold the first visit within ${plural(firstVisitWithinDays, 'day')} of the referral` },
      target: [{ measure: { text: 'Time from referral received to first visit' }, due: days(firstVisitWithinDays) }],
    },
  ];
}

/** The parts of the PlanDefinition derived from the playbook: goals, actions and contained definitions. */
function derivedParts(playbook: Playbook): Pick<PlanDefinition, 'contained' | 'goal' | 'action'> {
  const actions: PlanDefinitionAction[] = [];
  const kinds: ActionKind[] = [];
  for (const id of Object.keys(playActions) as PlayId[]) {
    const policy = playbook.plays[id];
    if (!policy.enabled) continue;
    const spec = (playActions[id] as (policy: PlayPolicy<PlayId>, playbook: Playbook) => PlayAction)(policy, playbook);
    const title = playTitles.get(id) ?? id;
    actions.push({
      id,
      title,
      description: spec.description,
      code: [concept(planDefinitionUrls.play, id, title)],
      groupingBehavior: 'logical-group',
      selectionBehavior: 'any',
      action: spec.kinds.map(kindAction),
    });
    for (const kind of spec.kinds) if (!kinds.includes(kind.kind)) kinds.push(kind.kind);
  }
  return {
    ...(kinds.length === 0 ? {} : { contained: kinds.map(activityDefinition) }),
    ...(playbook.plays.ask.enabled ? { goal: intakeGoals(playbook.plays.ask) } : {}),
    ...(actions.length === 0 ? {} : { action: actions }),
  };
}

// ---------------------------------------------------------------------------
// Playbook → PlanDefinition
// ---------------------------------------------------------------------------

/**
 * Writes a playbook as a FHIR R4 `PlanDefinition` (type `workflow-definition`):
 * one action per enabled play, with one sub-action per kind of action it
 * proposes — each with its triggers, its timing from the policy and a
 * `definitionCanonical` to a contained `ActivityDefinition` — the `ask` play's
 * intake promises as goals, and the complete playbook as JSON in the
 * {@link planDefinitionUrls}`.playbookExtension` extension, so that
 * {@link planDefinitionToPlaybook} gives back the exact playbook.
 *
 * | play | kind | created resource | trigger | timing |
 * |---|---|---|---|---|
 * | `ask` | `ask` | CommunicationRequest | `clinician-openings-changed`, daily | `cooldownDays` (repeat period) |
 * | `ask` | `expedite-intake` | Task | `referral-received` | `intake.contactWithinBusinessDays` (Duration, business days); goals for both intake promises |
 * | `face-to-face` | `visit` | Task | daily | `visitWithinDays` (repeat period) |
 * | `educate` | `educate` | CommunicationRequest | `practice-message-published`, daily | — |
 * | `strong-referrals` | `coach` | CommunicationRequest | `referral-received` | — |
 * | `office-staff` | `befriend-staff` | Task | daily | `touchWithinDays` (repeat period) |
 * | `follow-up` | `follow-up` | CommunicationRequest | daily | `targetDays` (repeat period) |
 * | `stock-cards` | `restock` | Task | daily | — |
 * | `be-a-resource` | `offer-resource` | CommunicationRequest | daily | `offerEveryDays` (repeat period) |
 * | `thank-you` | `send-thank-you` | CommunicationRequest | one per trigger: `referral-received`, `first-referral-from-contact`, `contact-referral-count-<n>`, `first-visit-completed` | `dueWithinBusinessDays` (Duration, business days) |
 *
 * Pure: no clock (pass `date` if you want one), same playbook and options, same
 * resource.
 *
 * @param playbook - A playbook, e.g. from `parsePlaybook` or `defaultPlaybook`.
 * @param options - Resource metadata: `id`, `url`, `status` (default `active`), `date`, `publisher`.
 * @returns The PlanDefinition.
 * @throws `ValidationError` when an option is invalid (e.g. an `id` FHIR does
 *   not allow), or when `playbook` is not a valid playbook (only possible when the
 *   type system was bypassed).
 * @example
 * ```ts
 * const plan = playbookToPlanDefinition(defaultPlaybook, { id: 'eastside-playbook' });
 * plan.action?.find((action) => action.id === 'follow-up')?.action?.[0]?.timingTiming;
 * //=> { repeat: { frequency: 1, period: 90, periodUnit: 'd' } }
 * ```
 * @category Interop
 */
export function playbookToPlanDefinition(
  playbook: Playbook,
  options: PlaybookToPlanDefinitionOptions = {},
): PlanDefinition {
  const parsedOptions = exportOptionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    throw new ValidationError('PlanDefinition options', fromZodIssues(parsedOptions.error.issues), {
      cause: parsedOptions.error,
    });
  }
  const { id, url, status, date, publisher } = parsedOptions.data;
  const json = serializePlaybook(playbook).trimEnd();
  const extension: Extension = { url: planDefinitionUrls.playbookExtension, valueString: json };
  return {
    resourceType: 'PlanDefinition',
    ...(id === undefined ? {} : { id }),
    extension: [extension],
    ...(url === undefined ? {} : { url }),
    name: 'ReferwellPlaybook',
    title: playbook.name ?? 'referwell playbook',
    type: concept(planDefinitionUrls.planDefinitionType, 'workflow-definition', 'Workflow Definition'),
    status: status ?? 'active',
    ...(date === undefined ? {} : { date }),
    ...(publisher === undefined ? {} : { publisher }),
    description: `The referral plays of a referwell playbook (format version ${playbook.version}): one action per enabled play, each with the kinds of action it proposes. The complete playbook travels as JSON in the ${planDefinitionUrls.playbookExtension} extension; referwell reads it back from there.`,
    ...derivedParts(playbook),
  };
}

// ---------------------------------------------------------------------------
// PlanDefinition → playbook
// ---------------------------------------------------------------------------

type Path = readonly (string | number)[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of text written for people: the consistency check does not compare them (a release may reword them). */
const humanTextKeys = new Set(['title', 'description', 'display', 'text']);

/** `value` without its human-readable texts, at every depth. */
function computable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(computable);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !humanTextKeys.has(key))
      .map(([key, child]) => [key, computable(child)]),
  );
}

/** The first path at which `actual` differs from `expected`, or `undefined` when they are equal. */
function firstDifference(actual: unknown, expected: unknown, path: Path = []): Path | undefined {
  if (Object.is(actual, expected)) return undefined;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return path;
    const length = Math.max(actual.length, expected.length);
    for (let index = 0; index < length; index += 1) {
      const found = firstDifference(actual[index], expected[index], [...path, index]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return path;
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const found = firstDifference(actual[key], expected[key], [...path, key]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return path;
}

/**
 * Reads the playbook a PlanDefinition carries: the JSON in its
 * {@link planDefinitionUrls}`.playbookExtension` extension, validated by
 * `parsePlaybook` (a playbook of an older format version is migrated). Unless
 * `verifyActions` is `false`, it also checks that the actions, goals and
 * contained ActivityDefinitions are those {@link playbookToPlanDefinition}
 * writes for that playbook — every computable element (ids, codes, triggers,
 * timings, references, goal targets), not the texts for people (`title`,
 * `description`, `display`, `text`) — so a PlanDefinition edited without its
 * playbook is refused rather than read without the edits. The check is skipped
 * when the embedded playbook is of an older format version (an older release
 * wrote the PlanDefinition).
 *
 * Only PlanDefinitions written by referwell carry the playbook; one authored
 * elsewhere is refused, saying so. Never throws.
 *
 * @param resource - The PlanDefinition, as parsed JSON.
 * @param options - `verifyActions` (default `true`).
 * @returns The playbook, or a `FhirValidationError` whose issues each name
 *   the resource (`PlanDefinition/<id>`) and the JSON path in it. Problems inside
 *   the embedded playbook are reported under its `valueString`, followed by their
 *   path in the playbook, e.g. `/extension/0/valueString/plays/follow-up/targetDays`.
 * @throws Never: malformed input of any kind comes back as a failure.
 * @example
 * ```ts
 * const result = planDefinitionToPlaybook(playbookToPlanDefinition(defaultPlaybook));
 * result.ok && result.value.plays['follow-up'].targetDays;
 * //=> 90
 *
 * const broken = planDefinitionToPlaybook({ resourceType: 'PlanDefinition', status: 'active' });
 * broken.ok || broken.error.issues[0]?.pointer;
 * //=> '/extension'
 * ```
 * @category Interop
 */
export function planDefinitionToPlaybook(
  resource: unknown,
  options: PlanDefinitionToPlaybookOptions = {},
): FhirResult<Playbook> {
  try {
    return readPlanDefinition(resource, options.verifyActions !== false);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : 'unknown error';
    return failure('PlanDefinition', [{ path: [], message: `could not be read: ${message}`, code: 'unreadable' }]);
  }
}

interface Problem {
  readonly path: Path;
  readonly message: string;
  readonly code: string;
}

function failure(label: string, problems: readonly Problem[]): FhirResult<Playbook> {
  const issues: FhirIssue[] = problems.map((problem) => ({
    resource: label,
    path: problem.path,
    pointer: toJsonPointer(problem.path),
    message: problem.message,
    code: problem.code,
  }));
  return { ok: false, error: new FhirValidationError('PlanDefinition', issues) };
}

function readPlanDefinition(resource: unknown, verifyActions: boolean): FhirResult<Playbook> {
  if (!isRecord(resource)) {
    return failure('PlanDefinition', [{ path: [], message: 'a PlanDefinition must be a JSON object', code: 'invalid_type' }]);
  }
  const id = resource['id'];
  const label = typeof id === 'string' && id !== '' ? `PlanDefinition/${id}` : 'PlanDefinition';
  if (resource['resourceType'] !== 'PlanDefinition') {
    return failure(label, [
      {
        path: ['resourceType'],
        message: `expected a PlanDefinition, received ${JSON.stringify(resource['resourceType']) ?? 'nothing'}`,
        code: 'invalid_value',
      },
    ]);
  }

  const extensions = resource['extension'];
  if (extensions !== undefined && !Array.isArray(extensions)) {
    return failure(label, [{ path: ['extension'], message: 'must be an array of extensions', code: 'invalid_type' }]);
  }
  const carrying = (extensions ?? [])
    .map((extension, index) => ({ extension, index }))
    .filter(({ extension }) => isRecord(extension) && extension['url'] === planDefinitionUrls.playbookExtension);
  if (carrying.length === 0) {
    return failure(label, [
      {
        path: ['extension'],
        message: `no playbook extension (${planDefinitionUrls.playbookExtension}): only a PlanDefinition written by referwell's playbookToPlanDefinition carries a playbook`,
        code: 'missing_extension',
      },
    ]);
  }
  if (carrying.length > 1) {
    return failure(
      label,
      carrying.slice(1).map(({ index }) => ({
        path: ['extension', index],
        message: 'a second playbook extension: a PlanDefinition carries one playbook',
        code: 'duplicate_extension',
      })),
    );
  }
  const { extension, index } = carrying[0]!;
  const valuePath: Path = ['extension', index, 'valueString'];
  const text = (extension as Record<string, unknown>)['valueString'];
  if (typeof text !== 'string') {
    return failure(label, [{ path: valuePath, message: 'must be the playbook as JSON text', code: 'invalid_type' }]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    return failure(label, [
      { path: valuePath, message: `is not JSON: ${cause instanceof Error ? cause.message : 'unreadable'}`, code: 'invalid_json' },
    ]);
  }
  const parsed = parsePlaybook(document);
  if (!parsed.ok) {
    return failure(
      label,
      parsed.error.issues.map((issue) => ({
        path: [...valuePath, ...issue.path],
        message: `embedded playbook: ${issue.message}`,
        code: issue.code,
      })),
    );
  }

  // A playbook of an older format was written by an older release, whose actions
  // may be laid out differently: the playbook is read, the projection not judged.
  const current = isRecord(document) && document['version'] === PLAYBOOK_VERSION;
  if (verifyActions && current) {
    const expected = derivedParts(parsed.value);
    const problems: Problem[] = [];
    for (const key of ['contained', 'goal', 'action'] as const) {
      const found = firstDifference(computable(resource[key]), computable(expected[key]), [key]);
      if (found !== undefined) {
        problems.push({
          path: found,
          message: `differs from what the embedded playbook produces: the playbook extension is the authority — change the playbook and write the PlanDefinition again with playbookToPlanDefinition, or read it with verifyActions: false`,
          code: 'inconsistent',
        });
      }
    }
    if (problems.length > 0) return failure(label, problems);
  }
  return parsed;
}
