import { describe, expect, it } from 'vitest';
import { scenario } from '../../test/scenario';
import { defaultPlaybook } from '../playbook/playbook';
import { practiceIntakeMetrics } from './intake-metrics';

const NOW = '2026-03-02T18:00:00Z'; // Monday noon in Chicago

describe('practiceIntakeMetrics', () => {
  const snapshot = scenario()
    .office('a')
    .office('b')
    // Monday 09:00 CST, contacted 2 hours later.
    .referral('r1', 'a', '2026-02-23T15:00:00Z', { patientContactedAt: '2026-02-23T17:00:00Z' })
    // Tuesday 09:00 CST, contacted 30 hours later (Wednesday 15:00 CST: one business day).
    .referral('r2', 'b', '2026-02-24T15:00:00Z', { patientContactedAt: '2026-02-25T21:00:00Z' })
    // Thursday, never contacted: Friday and Monday have passed, 2 business days > 1.
    .referral('r3', 'b', '2026-02-26T15:00:00Z')
    // Outside the 365-day window.
    .referral('old', 'a', '2025-01-02T15:00:00Z', { patientContactedAt: '2025-01-06T19:00:00Z' })
    .build();

  it('measures the practice over the source window, across offices', () => {
    const metrics = practiceIntakeMetrics({ snapshot, playbook: defaultPlaybook, now: NOW });
    expect(metrics.count).toBe(3);
    expect(metrics.contacted).toBe(2);
    // Hours [2, 30]: nearest-rank median is the 1st value, 90th percentile the 2nd.
    expect(metrics.timeToContact).toEqual({ medianHours: 2, p90Hours: 30 });
    expect(metrics.timeToFirstVisit).toEqual({ medianDays: null, p90Days: null });
    expect(metrics.contactBreaches).toEqual(['r3']);
    // r1 was received 7 days ago: not yet more than 7, so no first-visit breach.
    expect(metrics.firstVisitBreaches).toEqual([]);
  });

  it('counts the first-visit breach a day later', () => {
    const metrics = practiceIntakeMetrics({ snapshot, playbook: defaultPlaybook, now: '2026-03-03T18:00:00Z' });
    expect(metrics.firstVisitBreaches).toEqual(['r1']);
  });
});
