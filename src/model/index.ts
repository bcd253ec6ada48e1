export * from './action-decision';
export * from './clinician';
export * from './contact';
export type { DeepReadonly } from './deep-readonly';
export * from './history';
export * from './intake';
export * from './intake-transitions';
export * from './npi';
export * from './office';
export * from './practice';
export * from './practice-message';
export {
  calendarDateSchema,
  idSchema,
  instantSchema,
  tenantIdSchema,
  timeZoneSchema,
  type CalendarDate,
  type Id,
  type Instant,
  type TimeZone,
} from './primitives';
export * from './records';
export * from './referral';
export * from './roles';
export { toJsonPointer, unwrap, type Result } from './result';
export * from './snapshot';
export * from './thank-you';
export * from './touchpoint';
export * from './vocabulary';
