/**
 * The engine: plans actions from all plays, scores relationships, ranks referral
 * sources and keeps the compliance ledger.
 *
 * @module
 */
export type { Action, ActionWarning, Explanation, RecordRef } from './action';
export { actionId } from './action-id';
export { complianceLedger, type LedgerEntry } from './compliance';
export type { Moment } from './context';
export { followUpStatus } from './follow-up-status';
export { practiceIntakeMetrics, type IntakeMetricsOptions } from './intake-metrics';
export { planActions, planIndex, type PlanIndexOptions, type PlanOptions } from './plan';
export { scoreReferralStrength } from './referral-strength';
export { scoreRelationship, type RelationshipScore, type ScoreComponent, type ScoreOptions } from './score';
export * from './sources';
