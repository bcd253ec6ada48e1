/**
 * The closed vocabularies the playbook's policies refer to: channels, touchpoint
 * purposes, contact roles, office lifecycles, thank-you media and resource offers.
 *
 * These lists MUST match the enums of the model (`src/model/`). They live here for
 * now so the policies can be written without waiting for the model; once the
 * model's enums exist these constants are meant to be re-pointed at them (same
 * values, same order), and nothing that imports from this file has to change.
 *
 * @module
 */

/**
 * How a touchpoint reached the office. Must match the model's touchpoint channels.
 *
 * @example
 * ```ts
 * channelValues.includes('in-person');
 * //=> true
 * ```
 * @category Playbook
 */
export const channelValues = ['in-person', 'video', 'phone', 'email', 'letter', 'fax', 'portal'] as const;

/** One touchpoint channel, e.g. `in-person`. @category Playbook */
export type ChannelValue = (typeof channelValues)[number];

/**
 * Why a touchpoint happened. Must match the model's touchpoint purposes.
 *
 * @example
 * ```ts
 * touchpointPurposeValues.length;
 * //=> 10
 * ```
 * @category Playbook
 */
export const touchpointPurposeValues = [
  'introduction',
  'ask',
  'educate',
  'coach',
  'follow-up',
  'collateral-drop',
  'resource-offer',
  'in-service',
  'staff-meeting-talk',
  'thank-you',
] as const;

/** One touchpoint purpose, e.g. `follow-up`. @category Playbook */
export type TouchpointPurposeValue = (typeof touchpointPurposeValues)[number];

/**
 * The role of a contact at an office. Must match the model's contact roles.
 *
 * @example
 * ```ts
 * contactRoleValues[0];
 * //=> 'physician'
 * ```
 * @category Playbook
 */
export const contactRoleValues = [
  'physician',
  'nurse-practitioner',
  'physician-assistant',
  'nurse',
  'medical-assistant',
  'receptionist',
  'office-manager',
  'other',
] as const;

/** One contact role, e.g. `receptionist`. @category Playbook */
export type ContactRoleValue = (typeof contactRoleValues)[number];

/**
 * Where an office is in its relationship with the practice. Must match the model's
 * office lifecycles.
 *
 * @example
 * ```ts
 * officeLifecycleValues;
 * //=> ['prospect', 'active', 'dormant', 'closed']
 * ```
 * @category Playbook
 */
export const officeLifecycleValues = ['prospect', 'active', 'dormant', 'closed'] as const;

/** One office lifecycle, e.g. `active`. @category Playbook */
export type OfficeLifecycleValue = (typeof officeLifecycleValues)[number];

/**
 * How a thank-you is sent. Must match the model's thank-you media.
 *
 * @example
 * ```ts
 * thankYouMediumValues[0];
 * //=> 'handwritten-card'
 * ```
 * @category Playbook
 */
export const thankYouMediumValues = ['handwritten-card', 'printed-card', 'letter', 'email'] as const;

/** One thank-you medium, e.g. `handwritten-card`. @category Playbook */
export type ThankYouMediumValue = (typeof thankYouMediumValues)[number];

/**
 * What a practice can offer an office to be a resource to it. Must match the
 * model's resource-offer kinds.
 *
 * @example
 * ```ts
 * resourceOfferValues;
 * //=> ['in-service', 'staff-meeting-talk', 'consult-line']
 * ```
 * @category Playbook
 */
export const resourceOfferValues = ['in-service', 'staff-meeting-talk', 'consult-line'] as const;

/** One resource offer, e.g. `in-service`. @category Playbook */
export type ResourceOfferValue = (typeof resourceOfferValues)[number];
