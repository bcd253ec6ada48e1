import { toCalendarDate } from '../calendar/dates';
import type { Contact } from '../model/contact';
import type { OfficeHistory, PracticeIndex } from '../model/history';
import type { Id } from '../model/primitives';
import type { CompliancePolicy } from '../playbook/compliance';
import type { Playbook } from '../playbook/playbook';
import type { ActionWarning } from './action';
import { toMillis, type Moment } from './context';

/**
 * What was spent on one referring physician in one calendar year.
 *
 * @category Compliance
 */
export interface LedgerEntry {
  /** The physician (a contact with the role `physician`). */
  readonly contactId: Id;
  /** The office they work at. */
  readonly officeId: Id;
  /** The calendar year, in the practice's time zone. */
  readonly year: number;
  /** Spent so far, in minor units of the playbook's currency. */
  readonly spent: number;
  /** The yearly cap from the playbook. */
  readonly cap: number;
  /** `cap − spent`; negative when over. */
  readonly remaining: number;
  /** The touchpoints whose cost counted. */
  readonly touchpointIds: readonly Id[];
}

/**
 * The physicians of one office that a cost concerns: the physicians among
 * `named`, or, when none is named, every active physician of the office.
 *
 * @internal
 */
export function physiciansFor(history: Pick<OfficeHistory, 'contacts'>, named: readonly Id[]): Contact[] {
  const physicians = history.contacts.filter((contact) => contact.role === 'physician');
  const namedPhysicians = physicians.filter((contact) => named.includes(contact.id));
  if (namedPhysicians.length > 0) return namedPhysicians;
  return physicians.filter((contact) => contact.active);
}

/**
 * Builds the compliance ledger of one calendar year: for each physician, what was
 * spent on them. A touchpoint's `cost` is split equally among the physicians it
 * names; when it names none, among the office's active physicians; when the
 * office has none, it is attributed to nobody. Only the role `physician` counts.
 * The library gives no legal advice: the cap is the playbook's setting.
 *
 * @param options - `index` (see `indexSnapshot`), `playbook`, and `now` (its year, in
 *   the practice's time zone, is the ledger's year unless `year` is given).
 * @returns One entry per physician with spending that year, by contact id.
 * @example
 * ```ts
 * complianceLedger({ index, playbook: defaultPlaybook, now: '2026-06-01T12:00:00Z' }).get('c-1')?.spent;
 * //=> 4500
 * ```
 * @category Compliance
 */
export function complianceLedger(options: {
  readonly index: PracticeIndex;
  readonly playbook: Playbook;
  readonly now: Moment;
  readonly year?: number;
}): ReadonlyMap<Id, LedgerEntry> {
  const { index, playbook } = options;
  const timeZone = index.practice.timeZone;
  const year = options.year ?? ledgerYear(toMillis(options.now), timeZone);
  const tally: SpendTally = new Map();
  for (const history of index.offices.values()) tallySpend(tally, history, year, timeZone);
  return ledgerOf(tally, year, playbook.compliance.annualCapPerPhysician);
}

/**
 * What was spent per physician while a ledger is being built: the office of the
 * first history that counted for them, the total, and the touchpoints.
 *
 * @internal
 */
export type SpendTally = Map<Id, { readonly officeId: Id; spent: number; readonly touchpointIds: Id[] }>;

/**
 * The calendar year of a moment in a time zone, the year a ledger covers by default.
 *
 * @internal
 */
export function ledgerYear(now: number, timeZone: string): number {
  return Number(toCalendarDate(now, timeZone).slice(0, 4));
}

/**
 * Adds one office's spending in `year` to a tally (see {@link complianceLedger}
 * for how a cost is split). Offices must be added in the index's order for the
 * ledger to be the same.
 *
 * @internal
 */
export function tallySpend(tally: SpendTally, history: OfficeHistory, year: number, timeZone: string): void {
  const records = history.touchpointRecords;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i]!;
    if (record.cost === undefined || record.cost.amount === 0) continue;
    if (ledgerYear(history.touchpointTimes[i]!, timeZone) !== year) continue;
    const physicians = physiciansFor(history, record.contactIds);
    for (const physician of physicians) {
      const entry = tally.get(physician.id) ?? { officeId: history.office.id, spent: 0, touchpointIds: [] };
      entry.spent += record.cost.amount / physicians.length;
      entry.touchpointIds.push(record.id);
      tally.set(physician.id, entry);
    }
  }
}

/**
 * The ledger of a finished tally, by contact id in ascending order.
 *
 * @internal
 */
export function ledgerOf(tally: SpendTally, year: number, cap: number): ReadonlyMap<Id, LedgerEntry> {
  const ledger = new Map<Id, LedgerEntry>();
  for (const [contactId, entry] of [...tally].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    ledger.set(contactId, { contactId, year, cap, remaining: cap - entry.spent, ...entry });
  }
  return ledger;
}

/**
 * The compliance warnings for an action of `kind` concerning `named` contacts of
 * an office: its estimated cost (the playbook's `actionCostEstimates[kind]`, split
 * like recorded spend) would bring a physician to `warnAtFraction` of the cap
 * (`compliance-near-cap`) or past it (`compliance-over-cap`). No estimate, no
 * warning.
 *
 * @internal
 */
export function complianceWarnings(
  policy: CompliancePolicy,
  ledger: ReadonlyMap<Id, LedgerEntry>,
  history: Pick<OfficeHistory, 'contacts'>,
  kind: string,
  named: readonly Id[],
): ActionWarning[] {
  const estimate = policy.actionCostEstimates[kind] ?? 0;
  if (estimate <= 0) return [];
  const physicians = physiciansFor(history, named);
  const warnings: ActionWarning[] = [];
  const cap = policy.annualCapPerPhysician;
  for (const physician of physicians) {
    const spent = ledger.get(physician.id)?.spent ?? 0;
    const projected = spent + estimate / physicians.length;
    const money = (amount: number) => `${(amount / 100).toFixed(2)} ${policy.currency}`;
    if (projected > cap) {
      warnings.push({
        code: 'compliance-over-cap',
        contactId: physician.id,
        message: `${physician.name}: ${money(spent)} spent this year; this ${kind} (about ${money(estimate)}) would cross the yearly cap of ${money(cap)}.`,
      });
    } else if (projected >= policy.warnAtFraction * cap) {
      warnings.push({
        code: 'compliance-near-cap',
        contactId: physician.id,
        message: `${physician.name}: ${money(spent)} spent this year; this ${kind} (about ${money(estimate)}) would bring the total to ${money(projected)}, within ${Math.round((1 - policy.warnAtFraction) * 100)}% of the yearly cap of ${money(cap)}.`,
      });
    }
  }
  return warnings;
}
