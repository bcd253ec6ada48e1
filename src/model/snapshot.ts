import { z } from 'zod';
import { actionDecisionSchema } from './action-decision';
import { clinicianSchema } from './clinician';
import { contactSchema } from './contact';
import type { DeepReadonly } from './deep-readonly';
import { officeSchema } from './office';
import { practiceSchema } from './practice';
import { practiceMessageSchema } from './practice-message';
import { referralSchema } from './referral';
import { safeParseWith, type Result } from './result';
import { thankYouSchema } from './thank-you';
import { touchpointSchema } from './touchpoint';

type Ctx = z.core.$RefinementCtx;

/** Reports every id that occurs twice in one collection. */
function checkUniqueIds(ctx: Ctx, key: string, records: readonly { id: string }[]): Map<string, number> {
  const index = new Map<string, number>();
  records.forEach((record, i) => {
    if (index.has(record.id)) {
      ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id ${JSON.stringify(record.id)}` });
    } else {
      index.set(record.id, i);
    }
  });
  return index;
}

/**
 * Everything one tenant has recorded, as a plain value: the input of every play
 * and score. Hosts build it from their store (or the store adapters' `loadSnapshot`)
 * and pass it to the engine; nothing in it is derived.
 *
 * {@link parseSnapshot} checks, beyond each record's own schema, that:
 * - every record carries the practice's `tenantId`;
 * - ids are unique within each collection and message versions are unique;
 * - every reference resolves: offices, contacts, clinicians and referrals named by
 *   other records exist, and contacts named on a touchpoint, referral or thank-you
 *   belong to that record's office.
 *
 * @category Model
 */
export const practiceSnapshotSchema = z
  .strictObject({
    practice: practiceSchema,
    offices: z.array(officeSchema).default([]),
    contacts: z.array(contactSchema).default([]),
    clinicians: z.array(clinicianSchema).default([]),
    messages: z.array(practiceMessageSchema).default([]),
    touchpoints: z.array(touchpointSchema).default([]),
    referrals: z.array(referralSchema).default([]),
    thankYous: z.array(thankYouSchema).default([]),
    decisions: z.array(actionDecisionSchema).default([]),
  })
  .superRefine((snapshot, ctx) => {
    const tenantId = snapshot.practice.tenantId;
    const collections = [
      'offices',
      'contacts',
      'clinicians',
      'messages',
      'touchpoints',
      'referrals',
      'thankYous',
      'decisions',
    ] as const;
    for (const key of collections) {
      snapshot[key].forEach((record, i) => {
        if (record.tenantId !== tenantId) {
          ctx.addIssue({
            code: 'custom',
            path: [key, i, 'tenantId'],
            message: `belongs to tenant ${JSON.stringify(record.tenantId)}, not ${JSON.stringify(tenantId)}`,
          });
        }
      });
    }
    const offices = checkUniqueIds(ctx, 'offices', snapshot.offices);
    const contacts = checkUniqueIds(ctx, 'contacts', snapshot.contacts);
    const clinicians = checkUniqueIds(ctx, 'clinicians', snapshot.clinicians);
    checkUniqueIds(ctx, 'messages', snapshot.messages);
    checkUniqueIds(ctx, 'touchpoints', snapshot.touchpoints);
    const referrals = checkUniqueIds(ctx, 'referrals', snapshot.referrals);
    checkUniqueIds(ctx, 'thankYous', snapshot.thankYous);
    checkUniqueIds(ctx, 'decisions', snapshot.decisions);

    const versions = new Set<number>();
    snapshot.messages.forEach((message, i) => {
      if (versions.has(message.version)) {
        ctx.addIssue({ code: 'custom', path: ['messages', i, 'version'], message: `duplicate version ${message.version}` });
      }
      versions.add(message.version);
    });

    const officeOf = (key: string, i: number, officeId: string) => {
      if (!offices.has(officeId)) {
        ctx.addIssue({ code: 'custom', path: [key, i, 'officeId'], message: `no office ${JSON.stringify(officeId)}` });
      }
    };
    const contactsAt = (key: string, i: number, officeId: string, ids: readonly string[]) => {
      ids.forEach((id, j) => {
        const at = contacts.get(id);
        const contact = at === undefined ? undefined : snapshot.contacts[at];
        if (contact === undefined) {
          ctx.addIssue({ code: 'custom', path: [key, i, 'contactIds', j], message: `no contact ${JSON.stringify(id)}` });
        } else if (contact.officeId !== officeId) {
          ctx.addIssue({
            code: 'custom',
            path: [key, i, 'contactIds', j],
            message: `contact ${JSON.stringify(id)} works at office ${JSON.stringify(contact.officeId)}, not ${JSON.stringify(officeId)}`,
          });
        }
      });
    };
    const clinician = (key: string, i: number, id: string | undefined) => {
      if (id !== undefined && !clinicians.has(id)) {
        ctx.addIssue({ code: 'custom', path: [key, i, 'clinicianId'], message: `no clinician ${JSON.stringify(id)}` });
      }
    };

    snapshot.contacts.forEach((contact, i) => officeOf('contacts', i, contact.officeId));
    snapshot.touchpoints.forEach((touchpoint, i) => {
      officeOf('touchpoints', i, touchpoint.officeId);
      contactsAt('touchpoints', i, touchpoint.officeId, touchpoint.contactIds);
      clinician('touchpoints', i, touchpoint.clinicianId);
    });
    snapshot.referrals.forEach((referral, i) => {
      officeOf('referrals', i, referral.officeId);
      contactsAt('referrals', i, referral.officeId, referral.contactIds);
      clinician('referrals', i, referral.clinicianId);
    });
    snapshot.thankYous.forEach((thankYou, i) => {
      officeOf('thankYous', i, thankYou.officeId);
      contactsAt('thankYous', i, thankYou.officeId, thankYou.contactIds);
      thankYou.referralIds.forEach((id, j) => {
        const at = referrals.get(id);
        const referral = at === undefined ? undefined : snapshot.referrals[at];
        if (referral === undefined) {
          ctx.addIssue({ code: 'custom', path: ['thankYous', i, 'referralIds', j], message: `no referral ${JSON.stringify(id)}` });
        } else if (referral.officeId !== thankYou.officeId) {
          ctx.addIssue({
            code: 'custom',
            path: ['thankYous', i, 'referralIds', j],
            message: `referral ${JSON.stringify(id)} came from office ${JSON.stringify(referral.officeId)}, not ${JSON.stringify(thankYou.officeId)}`,
          });
        }
      });
    });
  });

/**
 * One tenant's records (see {@link practiceSnapshotSchema}).
 *
 * @category Model
 */
export type PracticeSnapshot = DeepReadonly<z.output<typeof practiceSnapshotSchema>>;

/** The input accepted for a snapshot (defaults may be left out). @category Model */
export type PracticeSnapshotInput = z.input<typeof practiceSnapshotSchema>;

/**
 * Validates a whole tenant snapshot: every record, and the references between them.
 *
 * @param input - Untrusted data.
 * @returns The typed snapshot, or a {@link ValidationError} listing every problem
 *   with its path (e.g. `/touchpoints/12/officeId`).
 * @example
 * ```ts
 * const result = parseSnapshot({ practice: { tenantId: 't1', name: 'Northside', timeZone: 'America/Chicago' } });
 * result.ok && result.value.offices; //=> []
 * ```
 * @category Model
 */
export function parseSnapshot(input: unknown): Result<PracticeSnapshot> {
  return safeParseWith(practiceSnapshotSchema, input, 'snapshot');
}
