import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Contact } from '../../model/contact';
import type { Office } from '../../model/office';
import type { Referral } from '../../model/referral';
import type { ThankYou } from '../../model/thank-you';
import type { Touchpoint } from '../../model/touchpoint';
import { toFhirThankYouCommunication, toFhirTouchpointCommunication } from './communication';
import { toFhirOrganization } from './organization';
import { toFhirPractitioner } from './practitioner';
import { toFhirServiceRequest } from './service-request';

/**
 * The records {@link toFhirBundle} puts in a bundle; every list is optional.
 *
 * @category Interop
 */
export interface FhirBundleRecords {
  /** Offices → Organization. */
  readonly offices?: readonly Office[];
  /** Contacts → Practitioner + PractitionerRole. */
  readonly contacts?: readonly Contact[];
  /** Referrals → ServiceRequest + Task. */
  readonly referrals?: readonly Referral[];
  /** Touchpoints → Communication. */
  readonly touchpoints?: readonly Touchpoint[];
  /** Thank-yous → Communication. */
  readonly thankYous?: readonly ThankYou[];
}

/**
 * The {@link toFhirBundle} options.
 *
 * @category Interop
 */
export interface ToFhirBundleOptions {
  /**
   * `collection` (default): a set of resources to read; `transaction`: each entry
   * also carries `request: PUT Type/id`, so a FHIR server stores the bundle all or
   * nothing and sending it again changes nothing.
   */
  readonly type?: 'collection' | 'transaction';
  /**
   * The base URL of the FHIR server the resources live on; when given, each entry's
   * `fullUrl` is `<baseUrl>/<Type>/<id>`. References are relative (`Type/id`)
   * either way.
   */
  readonly baseUrl?: string;
}

/**
 * Records as one FHIR R4 Bundle, in a stable order: Organizations, Practitioners
 * and PractitionerRoles, ServiceRequests and Tasks, Communications. A provider's
 * PractitionerRole gets its office's specialty when the office is in the bundle.
 * {@link importReferralBundle} reads such a bundle back (Communications are
 * export-only and are listed as ignored).
 *
 * @param records - The records to export.
 * @param options - Bundle type and base URL.
 * @returns The Bundle.
 * @throws Never for a record the model validated (the types ask for one).
 * @example
 * ```ts
 * const bundle = toFhirBundle({ offices, contacts, referrals }, { type: 'transaction' });
 * bundle.entry?.[0]?.request; //=> { method: 'PUT', url: 'Organization/off-1' }
 * ```
 * @category Interop
 */
export function toFhirBundle(records: FhirBundleRecords, options: ToFhirBundleOptions = {}): Bundle {
  const type = options.type ?? 'collection';
  const base = options.baseUrl?.replace(/\/+$/, '');
  const officesById = new Map((records.offices ?? []).map((office) => [office.id, office]));
  const resources: Resource[] = [];
  for (const office of records.offices ?? []) resources.push(toFhirOrganization(office));
  const roles: Resource[] = [];
  for (const contact of records.contacts ?? []) {
    const office = officesById.get(contact.officeId);
    const { practitioner, practitionerRole } = toFhirPractitioner(contact, office === undefined ? {} : { office });
    resources.push(practitioner);
    roles.push(practitionerRole);
  }
  resources.push(...roles);
  const tasks: Resource[] = [];
  for (const referral of records.referrals ?? []) {
    const { serviceRequest, task } = toFhirServiceRequest(referral);
    resources.push(serviceRequest);
    tasks.push(task);
  }
  resources.push(...tasks);
  for (const touchpoint of records.touchpoints ?? []) resources.push(toFhirTouchpointCommunication(touchpoint));
  for (const thankYou of records.thankYous ?? []) resources.push(toFhirThankYouCommunication(thankYou));

  const entry = resources.map((resource): BundleEntry => {
    const url = `${resource.resourceType}/${resource.id ?? ''}`;
    return {
      ...(base === undefined ? {} : { fullUrl: `${base}/${url}` }),
      resource,
      ...(type === 'transaction' ? { request: { method: 'PUT', url } } : {}),
    };
  });
  return { resourceType: 'Bundle', type, ...(entry.length === 0 ? {} : { entry }) };
}
