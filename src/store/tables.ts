import { match } from 'ts-pattern';
import type { StoredKind } from './driver';

/**
 * The SQL tables of the SQL adapters (SQLite and PostgreSQL use the same names),
 * one per stored kind, in a fixed order. Each has the columns
 * `(tenant_id, id, office_id, version, seq, body)` and the primary key
 * `(tenant_id, id)`.
 *
 * @category Storage
 */
export const recordTables = [
  'referwell_practices',
  'referwell_offices',
  'referwell_contacts',
  'referwell_clinicians',
  'referwell_practice_messages',
  'referwell_touchpoints',
  'referwell_referrals',
  'referwell_thank_yous',
  'referwell_action_decisions',
] as const;

/**
 * The record tables as the SQL adapters' schema versions 1 and 2 created them,
 * written out rather than taken from {@link recordTables}: a released migration
 * must do the same thing forever, even after a later release adds a table (with a
 * migration of its own).
 *
 * @category Storage
 */
export const tablesAtSchemaV1 = Object.freeze([
  'referwell_practices',
  'referwell_offices',
  'referwell_contacts',
  'referwell_clinicians',
  'referwell_practice_messages',
  'referwell_touchpoints',
  'referwell_referrals',
  'referwell_thank_yous',
  'referwell_action_decisions',
] as const);

/** The name of one record table. @category Storage */
export type RecordTable = (typeof recordTables)[number];

/**
 * The table that holds each stored kind.
 *
 * @param kind - A stored kind.
 * @returns The table name.
 * @example
 * ```ts
 * tableOf('practice-message'); //=> 'referwell_practice_messages'
 * ```
 * @category Storage
 */
export function tableOf(kind: StoredKind): RecordTable {
  return match(kind)
    .with('practice', () => 'referwell_practices' as const)
    .with('office', () => 'referwell_offices' as const)
    .with('contact', () => 'referwell_contacts' as const)
    .with('clinician', () => 'referwell_clinicians' as const)
    .with('practice-message', () => 'referwell_practice_messages' as const)
    .with('touchpoint', () => 'referwell_touchpoints' as const)
    .with('referral', () => 'referwell_referrals' as const)
    .with('thank-you', () => 'referwell_thank_yous' as const)
    .with('action-decision', () => 'referwell_action_decisions' as const)
    .exhaustive();
}

/**
 * One schema migration of an SQL adapter, as recorded in `referwell_migrations`.
 *
 * @category Storage
 */
export interface MigrationInfo {
  /** The schema version this migration brings a database to. */
  readonly version: number;
  /** What it does. */
  readonly name: string;
}
