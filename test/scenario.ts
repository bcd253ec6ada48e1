/**
 * A small builder for play and engine scenarios: say what happened, get a validated
 * snapshot, its index or one office's history. Defaults keep each test to the
 * facts it is about.
 */
import { indexSnapshot, type OfficeHistory, type PracticeIndex } from '../src/model/history';
import type {
  ActionDecisionInput,
  ClinicianInput,
  ContactInput,
  OfficeInput,
  PracticeMessageInput,
  ReferralInput,
  ThankYouInput,
  TouchpointInput,
} from '../src/model/index';
import { unwrap } from '../src/model/result';
import { parseSnapshot, type PracticeSnapshot, type PracticeSnapshotInput } from '../src/model/snapshot';

type Patch<T> = Partial<Omit<T, 'id' | 'tenantId'>>;

const TENANT = 't1';

/** `n` days before (negative: after) an ISO instant, in exact 24-hour days (UTC). */
export function daysBefore(iso: string, n: number): string {
  return new Date(Date.parse(iso) - n * 86_400_000).toISOString().replace('.000Z', 'Z');
}

/** Starts a scenario for a practice in `timeZone` (default America/Chicago). */
export function scenario(options: { timeZone?: string; holidays?: string[] } = {}) {
  const input: { [K in keyof PracticeSnapshotInput]-?: NonNullable<PracticeSnapshotInput[K]> } = {
    practice: {
      tenantId: TENANT,
      name: 'Northside Counseling',
      timeZone: options.timeZone ?? 'America/Chicago',
      holidays: options.holidays ?? [],
    },
    offices: [],
    contacts: [],
    clinicians: [],
    messages: [],
    touchpoints: [],
    referrals: [],
    thankYous: [],
    decisions: [],
  };
  const builder = {
    input,
    office(id: string, patch: Patch<OfficeInput> = {}) {
      input.offices.push({ id, tenantId: TENANT, name: `Office ${id}`, kind: 'primary-care', lifecycle: 'active', ...patch });
      return builder;
    },
    contact(id: string, officeId: string, role: ContactInput['role'], patch: Patch<ContactInput> = {}) {
      input.contacts.push({ id, tenantId: TENANT, officeId, name: `Contact ${id}`, role, ...patch });
      return builder;
    },
    clinician(id: string, patch: Patch<ClinicianInput> = {}) {
      input.clinicians.push({
        id,
        tenantId: TENANT,
        name: `Clinician ${id}`,
        capacity: { openSlots: 0, acceptingNewClients: true },
        ...patch,
      });
      return builder;
    },
    message(version: number, publishedAt: string, patch: Patch<PracticeMessageInput> = {}) {
      input.messages.push({
        id: `msg-${version}`,
        tenantId: TENANT,
        version,
        publishedAt,
        specialties: ['anxiety'],
        idealClient: 'Adults with anxiety',
        elevatorSpeech: 'We help anxious adults feel better, fast.',
        ...patch,
      });
      return builder;
    },
    touch(id: string, officeId: string, at: string, patch: Patch<TouchpointInput> = {}) {
      input.touchpoints.push({
        id,
        tenantId: TENANT,
        officeId,
        at,
        channel: 'in-person',
        purposes: ['follow-up'],
        minutes: 30,
        ...patch,
      });
      return builder;
    },
    referral(id: string, officeId: string, receivedAt: string, patch: Patch<ReferralInput> = {}) {
      input.referrals.push({
        id,
        tenantId: TENANT,
        officeId,
        receivedAt,
        via: 'fax',
        patient: { reference: `patient-${id}` },
        ...patch,
      });
      return builder;
    },
    thankYou(id: string, officeId: string, sentAt: string, patch: Patch<ThankYouInput> & { contactIds: string[] }) {
      input.thankYous.push({ id, tenantId: TENANT, officeId, sentAt, medium: 'handwritten-card', ...patch });
      return builder;
    },
    decision(id: string, decision: ActionDecisionInput extends infer D ? (D extends unknown ? Omit<D, 'id' | 'tenantId'> : never) : never) {
      input.decisions.push({ id, tenantId: TENANT, ...decision } as ActionDecisionInput);
      return builder;
    },
    /** The validated snapshot (throws a ValidationError if the scenario is inconsistent). */
    build(): PracticeSnapshot {
      return unwrap(parseSnapshot(input));
    },
    index(): PracticeIndex {
      return indexSnapshot(builder.build());
    },
    history(officeId: string): OfficeHistory {
      const history = builder.index().offices.get(officeId);
      if (history === undefined) throw new Error(`no office ${officeId} in the scenario`);
      return history;
    },
  };
  return builder;
}
