import { describe, expect, it } from 'vitest';
import { isProviderRole, providerRoles } from './roles';
import { contactRoles } from './vocabulary';

describe('provider roles', () => {
  it('are physicians, nurse practitioners and physician assistants', () => {
    expect(providerRoles).toEqual(['physician', 'nurse-practitioner', 'physician-assistant']);
  });

  it('isProviderRole agrees with providerRoles for every role', () => {
    expect(contactRoles.filter(isProviderRole)).toEqual(providerRoles);
    expect(contactRoles.filter((role) => !isProviderRole(role))).toEqual([
      'nurse',
      'medical-assistant',
      'receptionist',
      'office-manager',
      'other',
    ]);
  });

  it('rejects a value outside the role vocabulary, as the exhaustive match does', () => {
    expect(() => isProviderRole('surgeon' as never)).toThrow();
  });
});
