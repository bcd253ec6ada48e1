import { z } from 'zod';
import { isValidTimeZone } from '../calendar/time-zone';

/**
 * An opaque record id: host-supplied or generated, 1–200 characters, no control
 * characters, well-formed Unicode (no lone surrogate, which no UTF-8 database can
 * keep apart).
 *
 * @category Model
 */
export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters')
  // A lone surrogate cannot be stored as UTF-8: two different ids would become one key.
  .refine((id) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(id), {
    message: 'must be well-formed Unicode (no lone surrogate)',
  });

/** An opaque record id. @category Model */
export type Id = z.output<typeof idSchema>;

/**
 * The tenant (practice) a record belongs to; same rules as {@link idSchema}.
 *
 * @category Model
 */
export const tenantIdSchema = idSchema;

/**
 * An instant: ISO-8601 in UTC with a `Z` suffix and seconds, e.g.
 * `2026-03-08T14:30:00Z` (fractions of a second allowed). Impossible dates such as
 * February 30 are rejected.
 *
 * @category Model
 */
export const instantSchema = z.iso.datetime({ message: 'must be an ISO-8601 UTC instant like 2026-03-08T14:30:00Z' });

/** An ISO-8601 UTC instant string. @category Model */
export type Instant = z.output<typeof instantSchema>;

/**
 * A calendar date `YYYY-MM-DD`, read in the practice's time zone. Impossible dates
 * (2025-02-29) are rejected.
 *
 * @category Model
 */
export const calendarDateSchema = z.iso.date({ message: 'must be a calendar date like 2026-03-08' });

/** A `YYYY-MM-DD` calendar date. @category Model */
export type CalendarDate = z.output<typeof calendarDateSchema>;

/**
 * An IANA time-zone name the runtime knows, e.g. `America/Chicago`.
 *
 * @category Model
 */
export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { message: 'must be an IANA time zone such as America/New_York' });

/** An IANA time-zone name. @category Model */
export type TimeZone = z.output<typeof timeZoneSchema>;

/**
 * A short free-text field (names, labels): 1–500 characters.
 *
 * @internal
 */
export const labelSchema = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

/**
 * A long free-text field (notes, descriptions): up to 10,000 characters.
 *
 * @internal
 */
export const textSchema = z.string().max(10_000, 'must be at most 10,000 characters');

/**
 * A whole number of units that cannot be negative (minutes, cards, cents).
 *
 * @internal
 */
export const countSchema = z.number().int('must be a whole number').min(0, 'must not be negative');
