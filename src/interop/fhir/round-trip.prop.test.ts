import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../adapters/memory/index';
import { toFhirBundle } from './bundle';
import { toFhirThankYouCommunication, toFhirTouchpointCommunication } from './communication';
import {
  contactArb,
  fhirProblems,
  idArb,
  officeArb,
  practiceRecordsArb,
  referralArb,
  thankYouArb,
  touchpointArb,
} from './fhir-test-support';
import { importReferralBundle } from './import-bundle';
import { fromFhirOrganization, toFhirOrganization } from './organization';
import { fromFhirPractitioner, toFhirPractitioner } from './practitioner';
import { fromFhirServiceRequest, toFhirServiceRequest } from './service-request';

const RUNS = Number(process.env.REFERWELL_FUZZ_RUNS ?? 200);
const runs = Math.max(20, Math.round(RUNS / 4));
const TIMEOUT = Math.max(30_000, runs * 100);

/** The value of a result, failing the test with its issues otherwise. */
function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: { issues: readonly unknown[] } }): T {
  if (!result.ok) expect.fail(JSON.stringify(result.error.issues, null, 1));
  return result.value;
}

describe('referwell → FHIR → referwell', () => {
  it(
    'gives back every office, and the Organization is valid FHIR R4',
    () => {
      fc.assert(
        fc.property(
          idArb.chain((tenantId) => officeArb(tenantId).map((office) => ({ tenantId, office }))),
          ({ tenantId, office }) => {
            const organization = toFhirOrganization(office);
            expect(fhirProblems(organization)).toEqual([]);
            expect(valueOf(fromFhirOrganization(organization, { tenantId }))).toEqual(office);
          },
        ),
        { numRuns: runs },
      );
    },
    TIMEOUT,
  );

  it(
    'gives back every contact, and both resources are valid FHIR R4',
    () => {
      fc.assert(
        fc.property(
          idArb.chain((tenantId) =>
            officeArb(tenantId).chain((office) =>
              contactArb(tenantId, office.id).map((contact) => ({ tenantId, office, contact })),
            ),
          ),
          ({ tenantId, office, contact }) => {
            const resources = toFhirPractitioner(contact, { office });
            expect(fhirProblems(resources.practitioner)).toEqual([]);
            expect(fhirProblems(resources.practitionerRole)).toEqual([]);
            expect(valueOf(fromFhirPractitioner(resources, { tenantId }))).toEqual(contact);
          },
        ),
        { numRuns: runs },
      );
    },
    TIMEOUT,
  );

  it(
    'gives back every referral on a random legal intake path, and both resources are valid FHIR R4',
    () => {
      fc.assert(
        fc.property(
          fc
            .tuple(idArb, idArb, fc.uniqueArray(idArb, { maxLength: 3 }))
            .chain(([tenantId, officeId, contactIds]) =>
              referralArb(tenantId, officeId, contactIds).map((referral) => ({ tenantId, referral })),
            ),
          ({ tenantId, referral }) => {
            const resources = toFhirServiceRequest(referral);
            expect(fhirProblems(resources.serviceRequest)).toEqual([]);
            expect(fhirProblems(resources.task)).toEqual([]);
            expect(valueOf(fromFhirServiceRequest(resources, { tenantId }))).toEqual(referral);
          },
        ),
        { numRuns: runs },
      );
    },
    TIMEOUT,
  );

  it(
    'gives back every record through a bundle imported into a store',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          idArb.chain((tenantId) => practiceRecordsArb(tenantId).map((records) => ({ tenantId, records }))),
          fc.constantFrom('collection' as const, 'transaction' as const),
          fc.option(fc.constantFrom('https://ehr.example.org/fhir', 'http://h/r4/'), { nil: undefined }),
          async ({ tenantId, records }, type, baseUrl) => {
            const bundle = toFhirBundle(records, { type, ...(baseUrl === undefined ? {} : { baseUrl }) });
            expect(fhirProblems(bundle)).toEqual([]);
            const store = memoryStore({ tenantId });
            const imported = valueOf(
              await importReferralBundle(JSON.parse(JSON.stringify(bundle)), { tenantId, store }),
            );
            expect(imported.offices).toEqual(records.offices);
            expect(imported.contacts).toEqual(records.contacts);
            expect(imported.referrals).toEqual(records.referrals);
            for (const office of records.offices)
              expect((await store.get('office', office.id))?.record).toEqual(office);
            for (const contact of records.contacts)
              expect((await store.get('contact', contact.id))?.record).toEqual(contact);
            for (const referral of records.referrals)
              expect((await store.get('referral', referral.id))?.record).toEqual(referral);
          },
        ),
        { numRuns: runs },
      );
    },
    TIMEOUT,
  );

  it(
    'exports touchpoints and thank-you cards as valid FHIR R4 Communications',
    () => {
      fc.assert(
        fc.property(
          fc
            .tuple(
              idArb,
              idArb,
              fc.uniqueArray(idArb, { minLength: 1, maxLength: 3 }),
              fc.uniqueArray(idArb, { maxLength: 3 }),
            )
            .chain(([tenantId, officeId, contactIds, referralIds]) =>
              fc.tuple(
                touchpointArb(tenantId, officeId, contactIds),
                thankYouArb(tenantId, officeId, contactIds as [string, ...string[]], referralIds),
              ),
            ),
          ([touchpoint, thankYou]) => {
            expect(fhirProblems(toFhirTouchpointCommunication(touchpoint))).toEqual([]);
            expect(fhirProblems(toFhirThankYouCommunication(thankYou))).toEqual([]);
          },
        ),
        { numRuns: runs },
      );
    },
    TIMEOUT,
  );
});
