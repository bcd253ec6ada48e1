import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, ReferwellError, ValidationError } from '../errors';
import { markPatientContacted, markReportSent, transitionReferral } from './intake';
import { canTransition, intakeTransitions } from './intake-transitions';
import { intakeStatus, referralSchema, type Referral } from './referral';
import { intakeStatuses } from './vocabulary';

const received: Referral = referralSchema.parse({
  id: 'r-1',
  tenantId: 't1',
  officeId: 'off-1',
  receivedAt: '2026-03-02T16:00:00Z',
  via: 'fax',
  patient: { reference: 'p-1' },
});

describe('intake lifecycle', () => {
  it('walks received → accepted → scheduled → first-visit-completed', () => {
    const accepted = transitionReferral(received, { status: 'accepted', at: '2026-03-02T17:00:00Z' });
    const scheduled = transitionReferral(accepted, {
      status: 'scheduled',
      at: '2026-03-03T10:00:00Z',
      appointmentAt: '2026-03-06T15:00:00Z',
    });
    const done = transitionReferral(scheduled, { status: 'first-visit-completed', at: '2026-03-06T16:00:00Z' });
    expect(intakeStatus(done)).toBe('first-visit-completed');
    expect(done.intake.map((step) => step.status)).toEqual(['accepted', 'scheduled', 'first-visit-completed']);
  });

  it('does not change the referral it is given', () => {
    const frozen = Object.freeze({ ...received, intake: Object.freeze([...received.intake]) });
    transitionReferral(frozen, { status: 'accepted', at: '2026-03-02T17:00:00Z' });
    expect(frozen.intake).toEqual([]);
  });

  it('records a decline with where the patient was redirected', () => {
    const declined = transitionReferral(received, {
      status: 'declined',
      at: '2026-03-02T17:00:00Z',
      reason: 'needs inpatient care',
      redirectedTo: 'County Behavioral Health',
    });
    expect(declined.intake[0]).toEqual({
      status: 'declined',
      at: '2026-03-02T17:00:00Z',
      reason: 'needs inpatient care',
      redirectedTo: 'County Behavioral Health',
    });
  });

  it('refuses a move the table does not list, with a typed error', () => {
    const declined = transitionReferral(received, { status: 'declined', at: '2026-03-02T17:00:00Z' });
    let caught: unknown;
    try {
      transitionReferral(declined, { status: 'scheduled', at: '2026-03-03T17:00:00Z', appointmentAt: '2026-03-05T17:00:00Z' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    expect(ReferwellError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'illegal-transition', referralId: 'r-1', from: 'declined', to: 'scheduled' });
    expect((caught as Error).message).toBe('[referwell] referral "r-1" cannot go from "declined" to "scheduled"');
  });

  it('refuses a step earlier than the last one', () => {
    const accepted = transitionReferral(received, { status: 'accepted', at: '2026-03-02T17:00:00Z' });
    expect(() =>
      transitionReferral(accepted, { status: 'cancelled', at: '2026-03-02T16:30:00Z' }),
    ).toThrow(/earlier than the referral's last recorded step/);
  });

  it('refuses a malformed step with a ValidationError, not a ZodError', () => {
    const bad = { status: 'scheduled', at: '2026-03-02T17:00:00Z' } as never;
    expect(() => transitionReferral(received, bad)).toThrow(ValidationError);
  });

  it('allows rescheduling and rebooking after a no-show', () => {
    let r = transitionReferral(received, { status: 'accepted', at: '2026-03-02T17:00:00Z' });
    r = transitionReferral(r, { status: 'scheduled', at: '2026-03-02T18:00:00Z', appointmentAt: '2026-03-05T15:00:00Z' });
    r = transitionReferral(r, { status: 'scheduled', at: '2026-03-03T18:00:00Z', appointmentAt: '2026-03-06T15:00:00Z' });
    r = transitionReferral(r, { status: 'no-show', at: '2026-03-06T16:00:00Z' });
    r = transitionReferral(r, { status: 'scheduled', at: '2026-03-06T17:00:00Z', appointmentAt: '2026-03-09T15:00:00Z' });
    expect(intakeStatus(r)).toBe('scheduled');
  });
});

describe('the transition table', () => {
  it('has an entry for every status', () => {
    expect(Object.keys(intakeTransitions).sort()).toEqual([...intakeStatuses].sort());
  });

  it('never leads back to received', () => {
    for (const status of intakeStatuses) expect(canTransition(status, 'received')).toBe(false);
  });

  it('makes declined, first-visit-completed and cancelled final', () => {
    expect(intakeTransitions.declined).toEqual([]);
    expect(intakeTransitions['first-visit-completed']).toEqual([]);
    expect(intakeTransitions.cancelled).toEqual([]);
  });

  it('agrees with the referral schema on every pair', () => {
    for (const from of intakeStatuses) {
      for (const to of intakeStatuses) {
        if (to === 'received') continue;
        const path = pathTo(from);
        if (path === undefined) continue;
        const step = to === 'scheduled' ? { status: to, at: '2026-03-10T00:00:00Z', appointmentAt: '2026-03-12T00:00:00Z' } : { status: to, at: '2026-03-10T00:00:00Z' };
        const ok = referralSchema.safeParse({ ...received, intake: [...path, step] }).success;
        expect(ok, `${from} → ${to}`).toBe(canTransition(from, to));
      }
    }
  });
});

/** A legal path of steps that ends in `status` (undefined for `received`'s empty path). */
function pathTo(status: string): object[] | undefined {
  const at = '2026-03-03T00:00:00Z';
  const sched = { status: 'scheduled', at, appointmentAt: '2026-03-05T00:00:00Z' };
  const paths: Record<string, object[]> = {
    received: [],
    accepted: [{ status: 'accepted', at }],
    declined: [{ status: 'declined', at }],
    scheduled: [{ status: 'accepted', at }, sched],
    'first-visit-completed': [{ status: 'accepted', at }, sched, { status: 'first-visit-completed', at }],
    'no-show': [{ status: 'accepted', at }, sched, { status: 'no-show', at }],
    cancelled: [{ status: 'cancelled', at }],
  };
  return paths[status];
}

describe('milestones', () => {
  it('records when the patient was first contacted and keeps the earliest', () => {
    const once = markPatientContacted(received, '2026-03-02T18:00:00Z');
    expect(once.patientContactedAt).toBe('2026-03-02T18:00:00Z');
    expect(markPatientContacted(once, '2026-03-03T18:00:00Z').patientContactedAt).toBe('2026-03-02T18:00:00Z');
    expect(markPatientContacted(once, '2026-03-02T17:00:00Z').patientContactedAt).toBe('2026-03-02T17:00:00Z');
  });

  it('refuses contact before receipt', () => {
    expect(() => markPatientContacted(received, '2026-03-01T18:00:00Z')).toThrow(IllegalTransitionError);
  });

  it('refuses a report while the referral is still received', () => {
    expect(() => markReportSent(received, '2026-03-03T18:00:00Z')).toThrow(/accept or decline the referral/);
  });

  it('closes the loop after a decline', () => {
    const declined = transitionReferral(received, { status: 'declined', at: '2026-03-02T17:00:00Z' });
    expect(markReportSent(declined, '2026-03-03T18:00:00Z').reportSentToReferrerAt).toBe('2026-03-03T18:00:00Z');
  });

  it('rejects a malformed instant with a ValidationError', () => {
    expect(() => markPatientContacted(received, 'yesterday')).toThrow(ValidationError);
  });
});
