/**
 * The policy of the `office-staff` play (DESIGN §1, play 5): receptionists,
 * nurses, medical assistants and office managers may refer more than the provider.
 *
 * @module
 */
import { z } from 'zod';
import type { DeepReadonly } from '../../model/deep-readonly';
import { contactRoles } from '../../model/vocabulary';
import { deepFreeze } from '../../playbook/deep-freeze';
import { definePolicy } from '../../playbook/define-policy';
import { enabledField, scoreWeightField, uniqueArray, wholeCount, wholeDays } from '../../playbook/fields';

/**
 * The validation schema of the `office-staff` policy.
 *
 * - `touchWithinDays` — a staff relationship counts when its contact was touched
 *   within this many days.
 * - `minimumStaffRelationships` — each active office should have at least this
 *   many; otherwise a *befriend-staff* action.
 * - `staffRoles`, `providerRoles` — which contact roles are staff and which are
 *   providers. Together they list every role exactly once.
 *
 * Strict: unknown keys are rejected.
 *
 * @example
 * ```ts
 * officeStaffPolicySchema.safeParse({ ...defaultOfficeStaffPolicy, providerRoles: ['physician'] }).success;
 * //=> false (nurse-practitioner and physician-assistant are in neither list)
 * ```
 * @category Playbook
 */
export const officeStaffPolicySchema = z
  .strictObject({
    enabled: enabledField('office-staff'),
    scoreWeight: scoreWeightField('office-staff'),
    touchWithinDays: wholeDays().describe(
      'A staff relationship counts only if the contact was touched within this many days.',
    ),
    minimumStaffRelationships: wholeCount().describe(
      'Each active office should have at least this many current staff relationships; otherwise befriend-staff.',
    ),
    staffRoles: uniqueArray(z.enum(contactRoles)).describe(
      'Contact roles counted as office staff. Together with providerRoles, every role exactly once.',
    ),
    providerRoles: uniqueArray(z.enum(contactRoles), { nonEmpty: false }).describe(
      'Contact roles counted as providers. Together with staffRoles, every role exactly once.',
    ),
  })
  .superRefine((policy, ctx) => {
    const staff = new Set<string>(policy.staffRoles);
    policy.providerRoles.forEach((role, index) => {
      if (staff.has(role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['providerRoles', index],
          message: `role "${role}" is also listed in staffRoles; a role is either staff or provider`,
        });
      }
    });
    const listed = new Set<string>([...policy.staffRoles, ...policy.providerRoles]);
    const missing = contactRoles.filter((role) => !listed.has(role));
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['staffRoles'],
        message: `every role must be listed in staffRoles or providerRoles; missing: ${missing.join(', ')}`,
      });
    }
  })
  .describe('Policy of the office-staff play: befriend the staff, not only the providers.');

/**
 * The settings of the `office-staff` play (see {@link officeStaffPolicySchema}),
 * deeply read-only.
 *
 * @category Playbook
 */
export type OfficeStaffPolicy = DeepReadonly<z.output<typeof officeStaffPolicySchema>>;

/**
 * The default `office-staff` policy: at least 1 staff relationship touched within
 * 90 days; physicians, nurse practitioners and physician assistants are providers,
 * every other role is staff. Deeply frozen.
 *
 * @example
 * ```ts
 * defaultOfficeStaffPolicy.providerRoles;
 * //=> ['physician', 'nurse-practitioner', 'physician-assistant']
 * ```
 * @category Playbook
 */
export const defaultOfficeStaffPolicy: OfficeStaffPolicy = deepFreeze({
  enabled: true,
  scoreWeight: 10,
  touchWithinDays: 90,
  minimumStaffRelationships: 1,
  staffRoles: ['nurse', 'medical-assistant', 'receptionist', 'office-manager', 'other'],
  providerRoles: ['physician', 'nurse-practitioner', 'physician-assistant'],
});

/**
 * The `office-staff` play's policy definition: its id, {@link officeStaffPolicySchema} and
 * {@link defaultOfficeStaffPolicy}. The play's `policy` and the playbook's
 * {@link defaultPolicies} are this same object.
 *
 * @example
 * ```ts
 * officeStaffPolicyDefinition.defaults === defaultOfficeStaffPolicy;
 * //=> true
 * ```
 * @category Playbook
 */
export const officeStaffPolicyDefinition = definePolicy({
  id: 'office-staff',
  schema: officeStaffPolicySchema,
  defaults: defaultOfficeStaffPolicy,
});
