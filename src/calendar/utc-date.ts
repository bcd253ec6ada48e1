import { constructFromSymbol } from 'date-fns/constants';
import type { ContextFn, DateArg } from 'date-fns';

/**
 * A `Date` whose "local" fields are its UTC fields, so that date-fns computes in
 * UTC whatever the host's time zone is.
 *
 * Why not `new TZDate(…, 'UTC')`: TZDate's *setters* write through the host
 * zone's native setters and then correct for the host offset, and that correction
 * is wrong near some host-zone transitions (reproduced with TZ=Australia/Lord_Howe,
 * Atlantic/Azores, America/Nuuk: `addDays(t, 1, { in: tz('UTC') })` is then not
 * `t + 24 h`). Only native UTC setters are used here, so no host zone can leak in.
 *
 * Every calendar computation in this folder runs on a UtcDate: calendar dates are
 * UTC midnights, and wall-clock times in a zone are their fields read as UTC (see
 * `wall-clock.ts`).
 *
 * @internal
 */
export class UtcDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getDay(): number {
    return this.getUTCDay();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
  override getMilliseconds(): number {
    return this.getUTCMilliseconds();
  }
  override getTimezoneOffset(): number {
    return 0;
  }
  // Rest parameters pass on exactly the arguments given: an explicit `undefined`
  // month would turn the date into NaN.
  override setFullYear(...args: Parameters<Date['setFullYear']>): number {
    return this.setUTCFullYear(...args);
  }
  override setMonth(...args: Parameters<Date['setMonth']>): number {
    return this.setUTCMonth(...args);
  }
  override setDate(...args: Parameters<Date['setDate']>): number {
    return this.setUTCDate(...args);
  }
  override setHours(...args: Parameters<Date['setHours']>): number {
    return this.setUTCHours(...args);
  }
  override setMinutes(...args: Parameters<Date['setMinutes']>): number {
    return this.setUTCMinutes(...args);
  }
  override setSeconds(...args: Parameters<Date['setSeconds']>): number {
    return this.setUTCSeconds(...args);
  }
  override setMilliseconds(...args: Parameters<Date['setMilliseconds']>): number {
    return this.setUTCMilliseconds(...args);
  }

  /** Lets date-fns build related dates (`constructFrom`) as UtcDates too. */
  [constructFromSymbol](value: DateArg<Date> & {}): UtcDate {
    return new UtcDate(+new Date(value));
  }
}

/**
 * The date-fns context (`{ in: utc }`) that makes a date-fns function compute on
 * {@link UtcDate}s.
 *
 * @internal
 */
export const utc: ContextFn<UtcDate> = (value) => new UtcDate(+new Date(value));
