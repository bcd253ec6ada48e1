/**
 * iCalendar (RFC 5545): planned actions as to-dos for a clinician's calendar.
 *
 * @module
 */
export { actionDescription, type DescribedAction } from './description';
export { DEFAULT_PRODUCT_ID, planToICalendar, type PlanToICalendarOptions } from './plan-to-icalendar';
export { toICalendarPriority } from './priority';
