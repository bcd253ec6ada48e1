/**
 * The plays: the `Play` interface, the nine built-in plays with their policies,
 * and the pure helpers each play exposes (follow-up status, referral strength,
 * trust, stock estimate, thank-you drafting, intake metrics, …).
 *
 * @module
 */
export * from './contacts';
export * from './default-plays';
export * from './play';
export * from './round-score';
export * from './ask/capacity';
export * from './ask/intake-metrics';
export * from './ask/play';
export * from './ask/policy';
export * from './be-a-resource/play';
export * from './be-a-resource/policy';
export * from './be-a-resource/resource';
export * from './educate/message';
export * from './educate/play';
export * from './educate/policy';
export * from './educate/standing';
export * from './face-to-face/play';
export * from './face-to-face/policy';
export * from './face-to-face/trust';
export * from './follow-up/play';
export * from './follow-up/policy';
export * from './follow-up/status';
export * from './office-staff/credit';
export * from './office-staff/play';
export * from './office-staff/policy';
export * from './office-staff/staff';
export * from './stock-cards/estimate';
export * from './stock-cards/play';
export * from './stock-cards/policy';
export * from './strong-referrals/play';
export * from './strong-referrals/policy';
export * from './strong-referrals/strength';
export * from './strong-referrals/weak-referrals';
export * from './thank-you/batches';
export * from './thank-you/draft';
export * from './thank-you/play';
export * from './thank-you/policy';
export * from './thank-you/triggers';
