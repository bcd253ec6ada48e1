import type {
  CodeableConcept,
  Communication,
  Organization,
  PractitionerRole,
  Reference,
  ServiceRequest,
} from '@medplum/fhirtypes';
import type { ThankYou } from '../../model/thank-you';
import type { Touchpoint } from '../../model/touchpoint';
import type { Channel, ThankYouMedium } from '../../model/vocabulary';
import { clinicianReference, extensionList, recordReference, referwellIdentifier } from './datatypes';
import { toFhirId } from './fhir-id';
import { fhirCodeSystems, fhirExtensionUrls } from './systems';

/**
 * The HL7 v3 ParticipationMode code of each touchpoint channel
 * (`Communication.medium`): face-to-face, videoconferencing, telephone, email,
 * mail, telefax, online written.
 *
 * @example
 * ```ts
 * channelModes['in-person']; //=> { code: 'FACE', display: 'face-to-face' }
 * ```
 * @category Interop
 */
export const channelModes = {
  'in-person': { code: 'FACE', display: 'face-to-face' },
  video: { code: 'VIDEOCONF', display: 'videoconferencing' },
  phone: { code: 'PHONE', display: 'telephone' },
  email: { code: 'EMAILWRIT', display: 'email' },
  letter: { code: 'MAILWRIT', display: 'mail' },
  fax: { code: 'FAXWRIT', display: 'telefax' },
  portal: { code: 'ONLINEWRIT', display: 'online written' },
} as const satisfies Readonly<Record<Channel, { code: string; display: string }>>;

/**
 * The HL7 v3 ParticipationMode code of each thank-you medium
 * (`Communication.medium`).
 *
 * @example
 * ```ts
 * thankYouMediumModes['handwritten-card']; //=> { code: 'HANDWRIT', display: 'handwritten' }
 * ```
 * @category Interop
 */
export const thankYouMediumModes = {
  'handwritten-card': { code: 'HANDWRIT', display: 'handwritten' },
  'printed-card': { code: 'TYPEWRIT', display: 'typewritten' },
  letter: { code: 'MAILWRIT', display: 'mail' },
  email: { code: 'EMAILWRIT', display: 'email' },
} as const satisfies Readonly<Record<ThankYouMedium, { code: string; display: string }>>;

/** The medium: the referwell code and the ParticipationMode code. */
function medium(system: string, code: string, mode: { code: string; display: string }): CodeableConcept {
  return {
    coding: [
      { system, code },
      { system: fhirCodeSystems.participationMode, ...mode },
    ],
  };
}

/** The office and the contacts reached, as recipients. */
function recipients(officeId: string, contactIds: readonly string[]): Reference<Organization | PractitionerRole>[] {
  return [
    recordReference<Organization>('Organization', 'office', officeId),
    ...contactIds.map((id) => recordReference<PractitionerRole>('PractitionerRole', 'contact', id)),
  ];
}

/**
 * A touchpoint as a FHIR R4 Communication (export only: FHIR is not where
 * touchpoints are recorded).
 *
 * `identifier` (`urn:referwell:touchpoint`), `status` `completed`, one `category`
 * per purpose (referwell purpose codes), `medium` (the channel and its
 * ParticipationMode, see {@link channelModes}), `sent`, `recipient` (the office,
 * then each contact's PractitionerRole), `sender` (the clinician), extensions for
 * minutes, cards, brochures, message version and resources offered. Spend and notes
 * are internal and not exported.
 *
 * @param touchpoint - A validated touchpoint.
 * @returns The Communication.
 * @throws Never for a record the model validated (the types ask for one).
 * @example
 * ```ts
 * toFhirTouchpointCommunication(visit).medium?.[0]?.coding?.[1]?.code; //=> 'FACE'
 * ```
 * @category Interop
 */
export function toFhirTouchpointCommunication(touchpoint: Touchpoint): Communication {
  return {
    resourceType: 'Communication',
    id: toFhirId(touchpoint.id),
    ...extensionList([
      touchpoint.minutes > 0
        ? {
            url: fhirExtensionUrls.minutes,
            valueDuration: { value: touchpoint.minutes, unit: 'min', system: fhirCodeSystems.ucum, code: 'min' },
          }
        : undefined,
      touchpoint.collateral && touchpoint.collateral.cards > 0
        ? { url: fhirExtensionUrls.cards, valueInteger: touchpoint.collateral.cards }
        : undefined,
      touchpoint.collateral && touchpoint.collateral.brochures > 0
        ? { url: fhirExtensionUrls.brochures, valueInteger: touchpoint.collateral.brochures }
        : undefined,
      touchpoint.messageVersion === undefined
        ? undefined
        : { url: fhirExtensionUrls.messageVersion, valueInteger: touchpoint.messageVersion },
      ...(touchpoint.resources ?? []).map((kind) => ({
        url: fhirExtensionUrls.resourceOffered,
        valueCoding: { system: fhirCodeSystems.resourceKind, code: kind },
      })),
    ]),
    identifier: [referwellIdentifier('touchpoint', touchpoint.id, touchpoint.tenantId)],
    status: 'completed',
    category: touchpoint.purposes.map((purpose) => ({ coding: [{ system: fhirCodeSystems.purpose, code: purpose }] })),
    medium: [medium(fhirCodeSystems.channel, touchpoint.channel, channelModes[touchpoint.channel])],
    sent: touchpoint.at,
    recipient: recipients(touchpoint.officeId, touchpoint.contactIds),
    ...(touchpoint.clinicianId === undefined ? {} : { sender: clinicianReference(touchpoint.clinicianId) }),
  };
}

/**
 * A thank-you as a FHIR R4 Communication (export only).
 *
 * `identifier` (`urn:referwell:thank-you`), `status` `completed`, `category` the
 * referwell purpose `thank-you`, `medium` (see {@link thankYouMediumModes}),
 * `sent`, `recipient` (the office, then each contact's PractitionerRole), `about`
 * (the ServiceRequest of each referral acknowledged), `payload` (the text as sent,
 * when kept: the library's drafts carry no patient details without consent),
 * extensions for the cards enclosed and whether it asked for more referrals.
 *
 * @param thankYou - A validated thank-you.
 * @returns The Communication.
 * @throws Never for a record the model validated (the types ask for one).
 * @example
 * ```ts
 * toFhirThankYouCommunication(card).about?.[0]?.reference; //=> 'ServiceRequest/r-1'
 * ```
 * @category Interop
 */
export function toFhirThankYouCommunication(thankYou: ThankYou): Communication {
  return {
    resourceType: 'Communication',
    id: toFhirId(thankYou.id),
    ...extensionList([
      { url: fhirExtensionUrls.cards, valueInteger: thankYou.cardsEnclosed },
      { url: fhirExtensionUrls.askedForMore, valueBoolean: thankYou.askedForMore },
    ]),
    identifier: [referwellIdentifier('thankYou', thankYou.id, thankYou.tenantId)],
    status: 'completed',
    category: [{ coding: [{ system: fhirCodeSystems.purpose, code: 'thank-you' }] }],
    medium: [medium(fhirCodeSystems.thankYouMedium, thankYou.medium, thankYouMediumModes[thankYou.medium])],
    sent: thankYou.sentAt,
    recipient: recipients(thankYou.officeId, thankYou.contactIds),
    ...(thankYou.referralIds.length === 0
      ? {}
      : { about: thankYou.referralIds.map((id) => recordReference<ServiceRequest>('ServiceRequest', 'referral', id)) }),
    ...(thankYou.text ? { payload: [{ contentString: thankYou.text }] } : {}),
  };
}
