import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { practiceIntakeMetrics } from '../../engine/intake-metrics';
import { rankSources, type OfficeSource, type SourceRanking, type SourceYield } from '../../engine/sources';
import { ValidationError } from '../../errors';
import { defaultPlaybook } from '../../playbook/playbook';
import type { IntakeMetrics } from '../../plays/ask/intake-metrics';
import { generatePractice } from '../../testing/generator';
import { intakeMetricsCsvColumns, intakeMetricsToCsv } from './export-intake-metrics';
import { sourcesCsvColumns, sourcesToCsv } from './export-sources';

const NOW = '2026-03-02T14:00:00Z';
const snapshot = generatePractice({ seed: 5, offices: 12, now: NOW });
const ranking = rankSources(snapshot, defaultPlaybook, NOW);

/** Reads CSV back with csv-parse, as objects keyed by the header. */
function readBack(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}

/** A value as the export writes it. */
function cell(value: unknown): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

const yieldKeys = sourcesCsvColumns.yield.filter((key) => key !== 'windowFrom' && key !== 'windowTo') as (keyof SourceYield)[];

describe('sourcesToCsv', () => {
  it('writes the documented office columns, one row per office in rank order, read back exactly', () => {
    const text = sourcesToCsv(ranking, 'offices', { escapeFormulas: false });
    expect(text.split('\r\n')[0]).toBe([...sourcesCsvColumns.offices, ...sourcesCsvColumns.yield].join(','));
    const rows = readBack(text);
    expect(rows).toHaveLength(ranking.offices.length);
    rows.forEach((row, i) => {
      const source = ranking.offices[i]!;
      for (const key of ['rank', 'officeId', 'name', 'kind', 'lifecycle', ...yieldKeys] as (keyof OfficeSource)[]) {
        expect(row[key], `${key} of row ${i + 2}`).toBe(cell(source[key]));
      }
      expect(row['windowFrom']).toBe(ranking.periods.window.from);
      expect(row['windowTo']).toBe(ranking.periods.window.to);
    });
    // Ratios are unrounded: the cell parses back to the same number.
    const timed = ranking.offices.find((o) => o.referralsPerHour !== null && !Number.isInteger(o.referralsPerHour));
    if (timed !== undefined) expect(Number(rows[timed.rank - 1]!['referralsPerHour'])).toBe(timed.referralsPerHour);
  });

  it('writes the documented contact columns', () => {
    const text = sourcesToCsv(ranking, 'contacts');
    expect(text.split('\r\n')[0]).toBe([...sourcesCsvColumns.contacts, ...sourcesCsvColumns.yield].join(','));
    const rows = readBack(text);
    expect(rows).toHaveLength(ranking.contacts.length);
    rows.forEach((row, i) => {
      const source = ranking.contacts[i]!;
      expect(row['contactId']).toBe(source.contactId);
      expect(row['active']).toBe(String(source.active));
      expect(row['referralIds']).toBe(source.referralIds.join(';'));
      expect(row['referralsPerTouchpoint']).toBe(cell(source.referralsPerTouchpoint));
    });
  });

  const tricky: SourceRanking = {
    ...ranking,
    offices: [
      { ...ranking.offices[0]!, rank: 1, name: 'Elm "Kids", PC\r\nSuite 4', referralsPerHour: null, daysSinceContact: null, trend: -2 },
      { ...ranking.offices[0]!, rank: 2, name: '=HYPERLINK("http://x")', officeId: '+1', referralsPerHour: 0.1 + 0.2 },
      { ...ranking.offices[0]!, rank: 3, name: 'Zürich 東京 👩🏽‍⚕️', officeId: '@o' },
    ],
  };

  it('quotes commas, quotes and line breaks; null as an empty cell; round-trips through csv-parse', () => {
    const text = sourcesToCsv(tricky, 'offices', { escapeFormulas: false });
    const rows = readBack(text);
    expect(rows.map((r) => r['name'])).toEqual(tricky.offices.map((o) => o.name));
    expect(rows.map((r) => r['officeId'])).toEqual(tricky.offices.map((o) => o.officeId));
    expect(rows[0]!['referralsPerHour']).toBe('');
    expect(rows[0]!['daysSinceContact']).toBe('');
    expect(rows[0]!['trend']).toBe('-2');
    expect(Number(rows[1]!['referralsPerHour'])).toBe(0.1 + 0.2);
  });

  it('escapes formulas by default, never numbers', () => {
    const rows = readBack(sourcesToCsv(tricky, 'offices'));
    expect(rows[1]!['name']).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[1]!['officeId']).toBe(`'+1`);
    expect(rows[2]!['officeId']).toBe(`'@o`);
    expect(rows[0]!['trend']).toBe('-2');
  });

  it('takes a BOM, LF line endings and another delimiter', () => {
    const text = sourcesToCsv(tricky, 'offices', { bom: true, recordDelimiter: 'lf', delimiter: ';' });
    expect(text.startsWith('\uFEFFrank;officeId;')).toBe(true);
    expect(text.split('\n')[1]!.startsWith('1;')).toBe(true);
    expect(text).not.toMatch(/\r\n(?!Suite)/); // the only CRLF is inside the quoted name
    const rows = parse(text, { columns: true, bom: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows[0]!['name']).toBe(tricky.offices[0]!.name);
  });

  it('writes only a header for an empty list', () => {
    expect(sourcesToCsv({ ...ranking, contacts: [] }, 'contacts')).toBe(`${[...sourcesCsvColumns.contacts, ...sourcesCsvColumns.yield].join(',')}\r\n`);
  });

  it('throws a ValidationError naming the bad field', () => {
    expect(() => sourcesToCsv(ranking, 'referrals' as never)).toThrow(ValidationError);
    const broken = { ...ranking, offices: [{ ...ranking.offices[0]!, referrals: 'many' }] } as unknown as SourceRanking;
    try {
      sourcesToCsv(broken, 'offices');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues[0]!.pointer).toBe('/offices/0/referrals');
    }
    expect(() => sourcesToCsv(ranking, 'offices', { delimiter: '::' as never })).toThrow(ValidationError);
  });
});

describe('intakeMetricsToCsv', () => {
  const metrics = practiceIntakeMetrics({ snapshot, playbook: defaultPlaybook, now: NOW });

  it('writes one practice row under the documented header, read back exactly', () => {
    const text = intakeMetricsToCsv(metrics);
    expect(text.split('\r\n')[0]).toBe(intakeMetricsCsvColumns.join(','));
    const [row] = readBack(text);
    expect(row).toEqual({
      scope: 'practice',
      count: String(metrics.count),
      contacted: String(metrics.contacted),
      firstVisits: String(metrics.firstVisits),
      timeToContactMedianHours: cell(metrics.timeToContact.medianHours),
      timeToContactP90Hours: cell(metrics.timeToContact.p90Hours),
      timeToFirstVisitMedianDays: cell(metrics.timeToFirstVisit.medianDays),
      timeToFirstVisitP90Days: cell(metrics.timeToFirstVisit.p90Days),
      contactBreaches: String(metrics.contactBreaches.length),
      firstVisitBreaches: String(metrics.firstVisitBreaches.length),
      contactBreachIds: metrics.contactBreaches.join(';'),
      firstVisitBreachIds: metrics.firstVisitBreaches.join(';'),
    });
  });

  it('writes one row per scope; empty cells for missing times', () => {
    const none: IntakeMetrics = {
      count: 0,
      contacted: 0,
      firstVisits: 0,
      timeToContact: { medianHours: null, p90Hours: null },
      timeToFirstVisit: { medianDays: null, p90Days: null },
      contactBreaches: [],
      firstVisitBreaches: [],
    };
    const text = intakeMetricsToCsv([
      { scope: 'off-1, main', metrics },
      { scope: '2026-03', metrics: none },
    ]);
    const rows = readBack(text);
    expect(rows.map((r) => r['scope'])).toEqual(['off-1, main', '2026-03']);
    expect(rows[1]).toMatchObject({ count: '0', timeToContactMedianHours: '', timeToFirstVisitP90Days: '', contactBreachIds: '' });
    expect(readBack(intakeMetricsToCsv(none, { scope: 'Elm' }))[0]!['scope']).toBe('Elm');
  });

  it('throws a ValidationError for what is not metrics', () => {
    expect(() => intakeMetricsToCsv({ count: 1 } as never)).toThrow(ValidationError);
    expect(() => intakeMetricsToCsv(null as never)).toThrow(ValidationError);
  });
});
