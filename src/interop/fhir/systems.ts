/**
 * The URIs referwell's FHIR resources use: identifier systems, code systems and
 * extension URLs. referwell owns no web domain, so its own names are URNs under
 * `urn:referwell:` (a FHIR `uri` may be a URN); standard systems are the published
 * ones.
 *
 * @module
 */

/**
 * Identifier systems. Every referwell record id travels as an `Identifier` with one
 * of the `urn:referwell:<kind>` systems; its `assigner` names the tenant (the
 * practice that assigned the id) with the {@link fhirIdentifierSystems.tenant}
 * system.
 *
 * @example
 * ```ts
 * fhirIdentifierSystems.office; //=> 'urn:referwell:office'
 * fhirIdentifierSystems.npi; //=> 'http://hl7.org/fhir/sid/us-npi'
 * ```
 * @category Interop
 */
export const fhirIdentifierSystems = {
  /** A referwell office id (`Organization.identifier`). */
  office: 'urn:referwell:office',
  /** A referwell contact id (`Practitioner.identifier`, `PractitionerRole.identifier`). */
  contact: 'urn:referwell:contact',
  /** A referwell referral id (`ServiceRequest.identifier`). */
  referral: 'urn:referwell:referral',
  /** A referwell clinician id (logical references in `ServiceRequest.performer`, `Task.owner`). */
  clinician: 'urn:referwell:clinician',
  /** A referwell touchpoint id (`Communication.identifier`). */
  touchpoint: 'urn:referwell:touchpoint',
  /** A referwell thank-you id (`Communication.identifier`). */
  thankYou: 'urn:referwell:thank-you',
  /** The opaque patient reference of a referral (`ServiceRequest.subject.identifier`). */
  patient: 'urn:referwell:patient',
  /** The tenant: the `assigner` of every referwell identifier. */
  tenant: 'urn:referwell:tenant',
  /** The US National Provider Identifier (HL7's published system). */
  npi: 'http://hl7.org/fhir/sid/us-npi',
} as const;

/**
 * Code systems: referwell's own vocabularies (one URN each, the codes being the
 * model's literal values) and the standard systems referwell also emits.
 *
 * @example
 * ```ts
 * fhirCodeSystems.contactRole; //=> 'urn:referwell:code-system:contact-role'
 * fhirCodeSystems.bserTaskBusinessStatus;
 * //=> 'http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS'
 * ```
 * @category Interop
 */
export const fhirCodeSystems = {
  /** Office kinds (`officeKinds`). */
  officeKind: 'urn:referwell:code-system:office-kind',
  /** Contact roles (`contactRoles`). */
  contactRole: 'urn:referwell:code-system:contact-role',
  /** How a referral arrived (`referralSources`). */
  referralSource: 'urn:referwell:code-system:referral-source',
  /** Touchpoint channels (`channels`). */
  channel: 'urn:referwell:code-system:channel',
  /** Touchpoint purposes (`purposes`); thank-you cards use `thank-you`. */
  purpose: 'urn:referwell:code-system:purpose',
  /** How a thank-you was sent (`thankYouMedia`). */
  thankYouMedium: 'urn:referwell:code-system:thank-you-medium',
  /** Resource offers (`resourceKinds`). */
  resourceKind: 'urn:referwell:code-system:resource-kind',
  /** BSeR (STU2) Task business status. */
  bserTaskBusinessStatus: 'http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS',
  /** HL7 organization type (`prov`, `dept`). */
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  /** HL7 v3 ParticipationMode (`Communication.medium`). */
  participationMode: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode',
  /** SNOMED CT. */
  snomed: 'http://snomed.info/sct',
  /** NUCC Health Care Provider Taxonomy (US Core's provider-role codes). */
  nucc: 'http://nucc.org/provider-taxonomy',
  /** UCUM units. */
  ucum: 'http://unitsofmeasure.org',
} as const;

/**
 * Extension URLs for the referwell fields FHIR R4 has no element for. Each is a URN
 * `urn:referwell:extension:<name>`; complex extensions list their sub-extension
 * URLs in docs/fhir.md.
 *
 * @example
 * ```ts
 * fhirExtensionUrls.intakeStep; //=> 'urn:referwell:extension:intake-step'
 * ```
 * @category Interop
 */
export const fhirExtensionUrls = {
  /** `Organization`: the office lifecycle (`valueCode`). */
  officeLifecycle: 'urn:referwell:extension:office-lifecycle',
  /** `Organization`: the office's IANA time zone (`valueCode`). */
  timeZone: 'urn:referwell:extension:time-zone',
  /** `Organization`: the office tier (`valueString`). */
  tier: 'urn:referwell:extension:tier',
  /** `Organization`: one office tag (`valueString`, repeated in order). */
  tag: 'urn:referwell:extension:tag',
  /** `Organization`: when the office record was created (`valueDateTime`). */
  createdAt: 'urn:referwell:extension:created-at',
  /** `Organization`, `Practitioner`: the host's notes (`valueString`). */
  notes: 'urn:referwell:extension:notes',
  /** `ServiceRequest`: how the referral arrived (`valueCoding`). */
  referralSource: 'urn:referwell:extension:referral-source',
  /** `ServiceRequest`: the referring office (`valueReference` to an Organization). */
  referringOffice: 'urn:referwell:extension:referring-office',
  /** `ServiceRequest`: one referring contact (`valueReference` to a PractitionerRole, repeated in order). */
  referringContact: 'urn:referwell:extension:referring-contact',
  /** `ServiceRequest`: the patient consented to share their name with the referrer (`valueBoolean`). */
  patientConsent: 'urn:referwell:extension:patient-consent-to-share',
  /** `ServiceRequest`: one strength-checklist answer (complex: `item` valueCode, `done` valueBoolean). */
  checklistAnswer: 'urn:referwell:extension:checklist-answer',
  /**
   * `Task`: one intake step, in order (complex: `status` valueCode, `at`
   * valueDateTime, `appointmentAt` valueDateTime, `reason` valueString,
   * `redirectedTo` valueString).
   */
  intakeStep: 'urn:referwell:extension:intake-step',
  /** `Task`: when the patient was first contacted (`valueDateTime`). */
  patientContactedAt: 'urn:referwell:extension:patient-contacted-at',
  /** `Task`: when the report went back to the referrer (`valueDateTime`). */
  reportSentAt: 'urn:referwell:extension:report-sent-at',
  /** `Communication`: outreach time including travel (`valueDuration`, minutes). */
  minutes: 'urn:referwell:extension:minutes',
  /** `Communication`: business cards left or enclosed (`valueInteger`). */
  cards: 'urn:referwell:extension:cards',
  /** `Communication`: brochures left (`valueInteger`). */
  brochures: 'urn:referwell:extension:brochures',
  /** `Communication`: the practice-message version presented (`valueInteger`). */
  messageVersion: 'urn:referwell:extension:message-version',
  /** `Communication`: a resource offered (`valueCoding`, repeated). */
  resourceOffered: 'urn:referwell:extension:resource-offered',
  /** `Communication`: the thank-you asked for more referrals (`valueBoolean`). */
  askedForMore: 'urn:referwell:extension:asked-for-more',
} as const;
