/**
 * Maps an action's priority (0–100, higher first) to an iCalendar `PRIORITY`
 * (RFC 5545 §3.8.1.9: 1 is the highest, 9 the lowest, 5 medium; 0 means
 * undefined and is never produced):
 *
 * `PRIORITY = max(1, 9 − ⌊9 × p ÷ 100⌋)`, after clamping *p* into 0–100.
 *
 * | action priority | iCalendar |
 * | --- | --- |
 * | 89–100 | 1 |
 * | 78–88 | 2 |
 * | 67–77 | 3 |
 * | 56–66 | 4 |
 * | 45–55 | 5 (medium) |
 * | 34–44 | 6 |
 * | 23–33 | 7 |
 * | 12–22 | 8 |
 * | 0–11 | 9 |
 *
 * @param priority - The action's priority, 0–100.
 * @returns The iCalendar priority, 1–9.
 * @example
 * ```ts
 * toICalendarPriority(100); //=> 1
 * toICalendarPriority(50); //=> 5
 * toICalendarPriority(0); //=> 9
 * ```
 * @category Interop
 */
export function toICalendarPriority(priority: number): number {
  const p = Number.isFinite(priority) ? Math.min(100, Math.max(0, priority)) : 0;
  return Math.max(1, 9 - Math.floor((9 * p) / 100));
}
