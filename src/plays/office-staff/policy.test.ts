import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../../model/result';
import { isProviderRole, providerRoles as modelProviderRoles } from '../../model/roles';
import { contactRoles } from '../../model/vocabulary';
import { defaultOfficeStaffPolicy, officeStaffPolicySchema } from './policy';

const issues = (input: unknown) => {
  const result = officeStaffPolicySchema.safeParse(input);
  return result.success ? [] : fromZodIssues(result.error.issues);
};
const pointers = (input: unknown) => issues(input).map((issue) => issue.pointer);

describe('office-staff policy', () => {
  it('parses its default to an equal value', () => {
    expect(officeStaffPolicySchema.parse(defaultOfficeStaffPolicy)).toEqual(defaultOfficeStaffPolicy);
    expect(defaultOfficeStaffPolicy).toEqual({
      enabled: true,
      scoreWeight: 10,
      touchWithinDays: 90,
      minimumStaffRelationships: 1,
      staffRoles: ['nurse', 'medical-assistant', 'receptionist', 'office-manager', 'other'],
      providerRoles: ['physician', 'nurse-practitioner', 'physician-assistant'],
    });
    expect(Object.isFrozen(defaultOfficeStaffPolicy.staffRoles)).toBe(true);
  });

  it("defaults to the model's classification of roles, which the other plays use", () => {
    expect(defaultOfficeStaffPolicy.providerRoles).toEqual(modelProviderRoles);
    expect(defaultOfficeStaffPolicy.staffRoles).toEqual(contactRoles.filter((role) => !isProviderRole(role)));
  });

  it('rejects a role listed as both staff and provider, at the provider entry', () => {
    const providerRoles = ['physician', 'nurse-practitioner', 'physician-assistant', 'nurse'];
    expect(pointers({ ...defaultOfficeStaffPolicy, providerRoles })).toEqual(['/providerRoles/3']);
  });

  it('rejects a role in neither list, naming it', () => {
    const found = issues({ ...defaultOfficeStaffPolicy, providerRoles: ['physician'] });
    expect(found.map((issue) => issue.pointer)).toEqual(['/staffRoles']);
    expect(found[0]?.message).toContain('nurse-practitioner, physician-assistant');
  });

  it('rejects repeats and unknown roles', () => {
    const staffRoles = [...defaultOfficeStaffPolicy.staffRoles, 'nurse'];
    expect(pointers({ ...defaultOfficeStaffPolicy, staffRoles })).toEqual(['/staffRoles/5']);
    expect(pointers({ ...defaultOfficeStaffPolicy, staffRoles: ['janitor'] })).toEqual(['/staffRoles/0']);
  });

  it('accepts any split that covers every role once', () => {
    const staffRoles = ['physician-assistant', 'nurse', 'medical-assistant', 'receptionist', 'office-manager', 'other'];
    expect(pointers({ ...defaultOfficeStaffPolicy, staffRoles, providerRoles: ['physician', 'nurse-practitioner'] })).toEqual([]);
  });
});
