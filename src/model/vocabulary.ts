import { z } from 'zod';

/**
 * The kinds of medical office or department that can refer.
 *
 * @category Model
 */
export const officeKinds = [
  'primary-care',
  'pediatrics',
  'ob-gyn',
  'psychiatry',
  'urgent-care',
  'hospital-unit',
  'other',
] as const;
/** A kind of medical office. @category Model */
export type OfficeKind = (typeof officeKinds)[number];
/** @category Model */
export const officeKindSchema = z.enum(officeKinds);

/**
 * Where an office stands with the practice: a `prospect` not yet referring, an
 * `active` relationship, a `dormant` one, or `closed`.
 *
 * @category Model
 */
export const officeLifecycles = ['prospect', 'active', 'dormant', 'closed'] as const;
/** An office's lifecycle stage. @category Model */
export type OfficeLifecycle = (typeof officeLifecycles)[number];
/** @category Model */
export const officeLifecycleSchema = z.enum(officeLifecycles);

/**
 * The role of a person at a medical office. Physicians, nurse practitioners and
 * physician assistants are providers, every other role is office staff (see
 * {@link providerRoles}); the `office-staff` play lets the host choose its own
 * split in its policy.
 *
 * @category Model
 */
export const contactRoles = [
  'physician',
  'nurse-practitioner',
  'physician-assistant',
  'nurse',
  'medical-assistant',
  'receptionist',
  'office-manager',
  'other',
] as const;
/** A contact's role. @category Model */
export type ContactRole = (typeof contactRoles)[number];
/** @category Model */
export const contactRoleSchema = z.enum(contactRoles);

/**
 * How an outreach reached the office. Each channel has a trust weight in the
 * `face-to-face` policy.
 *
 * @category Model
 */
export const channels = ['in-person', 'video', 'phone', 'email', 'letter', 'fax', 'portal'] as const;
/** A touchpoint channel. @category Model */
export type Channel = (typeof channels)[number];
/** @category Model */
export const channelSchema = z.enum(channels);

/**
 * Why an outreach happened. One touchpoint may serve several purposes.
 *
 * @category Model
 */
export const purposes = [
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
/** A touchpoint purpose. @category Model */
export type Purpose = (typeof purposes)[number];
/** @category Model */
export const purposeSchema = z.enum(purposes);

/**
 * How a referral arrived.
 *
 * @category Model
 */
export const referralSources = [
  'phone-from-office',
  'prescription-pad',
  'fax',
  'e-referral',
  'patient-self-report',
] as const;
/** How a referral arrived. @category Model */
export type ReferralSource = (typeof referralSources)[number];
/** @category Model */
export const referralSourceSchema = z.enum(referralSources);

/**
 * The statuses of a referral's intake lifecycle (modelled on 360X / BSeR); see
 * {@link intakeTransitions} for the moves between them.
 *
 * @category Model
 */
export const intakeStatuses = [
  'received',
  'accepted',
  'declined',
  'scheduled',
  'first-visit-completed',
  'no-show',
  'cancelled',
] as const;
/** A referral's intake status. @category Model */
export type IntakeStatus = (typeof intakeStatuses)[number];
/** @category Model */
export const intakeStatusSchema = z.enum(intakeStatuses);

/**
 * How a thank-you was sent.
 *
 * @category Model
 */
export const thankYouMedia = ['handwritten-card', 'printed-card', 'letter', 'email'] as const;
/** How a thank-you was sent. @category Model */
export type ThankYouMedium = (typeof thankYouMedia)[number];
/** @category Model */
export const thankYouMediumSchema = z.enum(thankYouMedia);

/**
 * The kinds of help the practice can offer an office (the `be-a-resource` play).
 *
 * @category Model
 */
export const resourceKinds = ['in-service', 'staff-meeting-talk', 'consult-line'] as const;
/** A kind of resource offered to an office. @category Model */
export type ResourceKind = (typeof resourceKinds)[number];
/** @category Model */
export const resourceKindSchema = z.enum(resourceKinds);
