import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clinicianSchema, type Clinician } from '../../model/clinician';
import { practiceOpenings } from './capacity';
import { openSlotsOf, practiceOpenSlots } from './open-slots';

const clinician = (id: string, openSlots: number, acceptingNewClients: boolean, active: boolean): Clinician =>
  clinicianSchema.parse({
    id,
    tenantId: 't1',
    name: `Clinician ${id}`,
    capacity: { openSlots, acceptingNewClients },
    active,
  });

describe('openSlotsOf', () => {
  it('counts the slots of an active clinician accepting new clients', () => {
    expect(openSlotsOf(clinician('a', 3, true, true))).toBe(3);
  });

  it('counts none for a clinician who is inactive, not accepting, or has no slot', () => {
    expect(openSlotsOf(clinician('a', 3, true, false))).toBe(0);
    expect(openSlotsOf(clinician('a', 3, false, true))).toBe(0);
    expect(openSlotsOf(clinician('a', 0, true, true))).toBe(0);
  });
});

describe('practiceOpenSlots', () => {
  it('is 0 for a practice without clinicians', () => {
    expect(practiceOpenSlots([])).toBe(0);
  });

  it("is the slots of the active clinicians accepting new clients, summed, and practiceOpenings' total", () => {
    const clinicians = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean(), fc.boolean()).map(([slots, accepting, active]) => ({
        slots,
        accepting,
        active,
      })),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(clinicians, (list) => {
        const records = list.map((c, i) => clinician(`c${i}`, c.slots, c.accepting, c.active));
        const expected = list.reduce((sum, c) => sum + (c.active && c.accepting ? c.slots : 0), 0);
        expect(practiceOpenSlots(records)).toBe(expected);
        expect(practiceOpenings(records).total).toBe(expected);
      }),
    );
  });
});
