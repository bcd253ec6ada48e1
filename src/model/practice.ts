import { z } from 'zod';
import type { DeepReadonly } from './deep-readonly';
import { calendarDateSchema, labelSchema, tenantIdSchema, timeZoneSchema } from './primitives';
import { uniqueArray } from './unique';

/**
 * The practice itself (one tenant): its name, the IANA time zone in which its
 * calendar dates are read, and the holidays on which it does no business (supplied
 * by the host; used for business-day deadlines such as thank-you cards).
 *
 * @example
 * ```ts
 * practiceSchema.parse({ tenantId: 't1', name: 'Northside Counseling', timeZone: 'America/Chicago' }).holidays;
 * //=> []
 * ```
 * @category Model
 */
export const practiceSchema = z.strictObject({
  tenantId: tenantIdSchema,
  name: labelSchema,
  timeZone: timeZoneSchema,
  holidays: uniqueArray(calendarDateSchema).default([]),
});

/** The practice (see {@link practiceSchema}). @category Model */
export type Practice = DeepReadonly<z.output<typeof practiceSchema>>;

/** The input accepted for a practice. @category Model */
export type PracticeInput = z.input<typeof practiceSchema>;
