/**
 * FHIR R4 (`referwell/fhir`): offices ↔ Organization, contacts ↔ Practitioner +
 * PractitionerRole, referrals ↔ ServiceRequest + Task (the intake lifecycle as
 * Task.status and BSeR business status, see {@link intakeTaskMapping}),
 * touchpoints and thank-you cards → Communication, and the import of a referral
 * Bundle from an EHR. Resources are typed with `@medplum/fhirtypes`. See
 * docs/fhir.md for every mapping.
 *
 * @module
 */
export { toFhirBundle, type FhirBundleRecords, type ToFhirBundleOptions } from './bundle';
export {
  channelModes,
  thankYouMediumModes,
  toFhirThankYouCommunication,
  toFhirTouchpointCommunication,
} from './communication';
export { toFhirId } from './fhir-id';
export {
  importReferralBundle,
  type IgnoredEntry,
  type ImportedReferrals,
  type ImportReferralBundleOptions,
} from './import-bundle';
export {
  intakeStatusesOfTaskStatus,
  intakeStatusOfBusinessStatus,
  intakeTaskMapping,
  type IntakeTaskRow,
} from './intake-task-mapping';
export { FhirValidationError, type FhirIssue, type FhirResult } from './issues';
export { fromFhirOrganization, officeKindCodes, toFhirOrganization, type FromFhirOptions } from './organization';
export {
  contactRoleCodes,
  fromFhirPractitioner,
  toFhirPractitioner,
  type FhirContact,
  type ToFhirPractitionerOptions,
} from './practitioner';
export { fromFhirServiceRequest, toFhirServiceRequest, type FhirReferral } from './service-request';
export { fhirCodeSystems, fhirExtensionUrls, fhirIdentifierSystems } from './systems';
export * from './plan-definition';
