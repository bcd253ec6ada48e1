import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../adapters/memory/index';
import { ReferwellError, ValidationError } from '../../errors';
import type { Office } from '../../model/office';
import type { CsvImportResult } from './import-result';
import { importOfficesCsv } from './import-offices';

const T = 't1';

/** CSV text from lines, joined with CRLF as spreadsheets write it. */
function csv(...lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

function records(result: CsvImportResult<Office>): readonly Office[] {
  if (!result.ok) throw new Error(`import failed: ${result.error.message}`);
  return result.records;
}

describe('importOfficesCsv: reading', () => {
  it('reads quoted fields with commas, quotes and line breaks, a BOM and CRLF', () => {
    const text =
      '\uFEFFOffice Name,Type,Address,City\r\n' +
      '"Elm Street Pediatrics, PC",Pediatrics,"12 Elm St\r\nSuite ""B""",Springfield\r\n' +
      'Lakeside Family Medicine,Primary Care,,Burlington\r\n';
    const [elm, lakeside] = records(importOfficesCsv(text, { tenantId: T }));
    expect(elm).toMatchObject({ name: 'Elm Street Pediatrics, PC', kind: 'pediatrics', address: { line1: '12 Elm St\r\nSuite "B"', city: 'Springfield' } });
    expect(lakeside).toMatchObject({ name: 'Lakeside Family Medicine', kind: 'primary-care', address: { city: 'Burlington' } });
    expect(lakeside!.address).not.toHaveProperty('line1');
  });

  it('reads LF and CR line endings and a file without a final line break', () => {
    for (const text of ['Name,Kind\nA,other\nB,other', 'Name,Kind\rA,other\rB,other\r']) {
      expect(records(importOfficesCsv(text, { tenantId: T })).map((o) => o.name)).toEqual(['A', 'B']);
    }
  });

  it('fills records with the model defaults and the tenant', () => {
    const [office] = records(importOfficesCsv(csv('Name,Kind', 'A,other'), { tenantId: T }));
    expect(office).toEqual({ id: expect.stringMatching(/^office-[0-9a-f]{16}$/), tenantId: T, name: 'A', kind: 'other', tags: [], lifecycle: 'prospect' });
  });

  it('numbers rows as a spreadsheet: header is row 1, quoted line breaks do not count, blank rows do', () => {
    const text = csv('Name,Kind', '"Multi', 'line",other', '', ',', 'Bad,nope');
    const result = importOfficesCsv(text, { tenantId: T });
    expect(result.ok).toBe(false);
    expect(result.rejected).toEqual([
      { row: 5, issues: [{ column: 'Kind', message: '"nope" is not one of primary-care, pediatrics, ob-gyn, psychiatry, urgent-care, hospital-unit, other', code: 'invalid_value' }] },
    ]);
    expect(result.rows).toBe(2);
  });

  it('skips blank rows before the header and counts them', () => {
    const result = importOfficesCsv(csv('', 'Name,Kind', 'A,'), { tenantId: T });
    expect(result.rejected).toEqual([{ row: 3, issues: [{ column: 'Kind', message: 'is empty and no defaults.kind is given', code: 'required' }] }]);
  });

  it('keeps a stray quote inside an unquoted field, or after a closing quote, as written', () => {
    const offices = records(importOfficesCsv(csv('Name,Kind', 'Dr. "Ned" Lee,other', '"A"x,other'), { tenantId: T }));
    expect(offices.map((o) => o.name)).toEqual(['Dr. "Ned" Lee', '"A"x']);
  });

  it('reports a file that is not CSV at the row where reading stopped', () => {
    const unclosed = importOfficesCsv(csv('Name,Kind', 'A,other', '"B,other', 'C,other'), { tenantId: T });
    expect(unclosed.ok).toBe(false);
    expect(unclosed.rejected).toEqual([{ row: 3, issues: [{ column: null, message: expect.stringMatching(/^not readable as CSV: .*quote/i), code: 'CSV_QUOTE_NOT_CLOSED' }] }]);
    // Not even in skip-invalid-rows mode: the rest of the file cannot be told apart into rows.
    const skipping = importOfficesCsv(csv('Name,Kind', 'A,other', 'B,"other'), { tenantId: T, mode: 'skip-invalid-rows' });
    expect(skipping.ok).toBe(false);
    expect(skipping.records).toEqual([]);
    expect(skipping.rejected[0]!.row).toBe(3);
  });

  it('reports an empty file', () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n', ',,\r\n']) {
      const result = importOfficesCsv(text, { tenantId: T });
      expect(result.ok).toBe(false);
      expect(result.rejected).toEqual([{ row: 1, issues: [{ column: null, message: 'the file has no header row', code: 'empty_file' }] }]);
    }
  });

  it('accepts a header-only file as zero offices', () => {
    const result = importOfficesCsv(csv('Name,Kind'), { tenantId: T });
    expect(result).toMatchObject({ ok: true, records: [], rejected: [], rows: 0 });
  });

  it('reads another delimiter', () => {
    const [office] = records(importOfficesCsv(csv('Name;Kind;City', '"Elm; PC";other;Köln'), { tenantId: T, delimiter: ';' }));
    expect(office).toMatchObject({ name: 'Elm; PC', address: { city: 'Köln' } });
  });

  it('reports a row with more cells than the header, but not trailing empty ones or missing ones', () => {
    const result = importOfficesCsv(csv('Name,Kind,City', 'A,other,X,extra', 'B,other,,,', 'C,other'), { tenantId: T, mode: 'skip-invalid-rows' });
    expect(records(result).map((o) => o.name)).toEqual(['B', 'C']);
    expect(result.rejected).toEqual([{ row: 2, issues: [{ column: null, message: 'has 4 cells but the header has 3 columns', code: 'too_many_cells' }] }]);
  });
});

describe('importOfficesCsv: columns', () => {
  it('recognises common headers case-insensitively, ignoring spaces and punctuation', () => {
    const text = csv(
      'OFFICE_NAME,office type,Street Address,Address 2,Town,State,ZIP Code,Country,Time Zone,Tier,Labels,Status,Created,Comments,Fax',
      'Elm,Peds,12 Elm St,Suite 4,Springfield,IL,62701,US,America/Chicago,A,"x; y|z, x",Active,2026-01-05T10:00:00Z,Nice staff,555-0100',
    );
    const result = importOfficesCsv(text, { tenantId: T });
    expect(records(result)[0]).toEqual({
      id: expect.any(String),
      tenantId: T,
      name: 'Elm',
      kind: 'pediatrics',
      lifecycle: 'active',
      address: { line1: '12 Elm St', line2: 'Suite 4', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
      timeZone: 'America/Chicago',
      tier: 'A',
      tags: ['x', 'y', 'z'],
      createdAt: '2026-01-05T10:00:00Z',
      notes: 'Nice staff',
    });
    expect(result.columns.at(-1)).toEqual({ header: 'Fax', field: null });
    expect(result.columns[0]).toEqual({ header: 'OFFICE_NAME', field: 'name' });
  });

  it('follows the mapping, which overrides the defaults; null ignores a column', () => {
    const text = csv('Practice,Clinic Name,Category,Notes', 'Main Group,Elm Clinic,Urgent Care,ignored');
    const result = importOfficesCsv(text, { tenantId: T, mapping: { practice: null, 'Clinic Name': 'name', Category: 'kind', Notes: null } });
    expect(records(result)[0]).toMatchObject({ name: 'Elm Clinic', kind: 'urgent-care' });
    expect(records(result)[0]).not.toHaveProperty('notes');
    expect(result.columns.map((c) => c.field)).toEqual([null, 'name', 'kind', null]);
  });

  it('reports two columns for one field and a mapped column the file lacks, at row 1', () => {
    const result = importOfficesCsv(csv('Name,Office Name,Kind', 'A,B,other'), { tenantId: T, mapping: { Zip: 'postalCode' } });
    expect(result.ok).toBe(false);
    expect(result.rejected).toEqual([
      {
        row: 1,
        issues: [
          { column: 'Office Name', message: 'columns "Name" and "Office Name" both give name; map one of them to null to ignore it', code: 'duplicate_column' },
          { column: 'Zip', message: 'the mapping names column "Zip", which the file does not have', code: 'unknown_column' },
        ],
      },
    ]);
  });

  it('requires a name column, and a kind column unless defaults.kind is given', () => {
    const result = importOfficesCsv(csv('City', 'X'), { tenantId: T });
    expect(result.rejected[0]!.row).toBe(1);
    expect(result.rejected[0]!.issues.map((i) => i.code)).toEqual(['missing_column', 'missing_column']);
    expect(records(importOfficesCsv(csv('Name', 'A'), { tenantId: T, defaults: { kind: 'primary-care' } }))[0]!.kind).toBe('primary-care');
  });

  it('rejects a mapping to an unknown field as an options problem', () => {
    const result = importOfficesCsv(csv('Name,Kind', 'A,other'), { tenantId: T, mapping: { Name: 'title' as never } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(ValidationError);
      expect((result.error as ValidationError).issues[0]!.pointer).toBe('/mapping/Name');
    }
  });
});

describe('importOfficesCsv: cells and defaults', () => {
  it('reads kinds and lifecycles the way people write them', () => {
    const rows = [
      ['Family Medicine', 'primary-care'],
      ['PCP', 'primary-care'],
      ['OB/GYN', 'ob-gyn'],
      ["Women's Health", 'ob-gyn'],
      ['  urgent_care ', 'urgent-care'],
      ['Hospital', 'hospital-unit'],
      ['PSYCHIATRY', 'psychiatry'],
    ];
    const text = csv('Name,Kind,Stage', ...rows.map(([kind], i) => `O${i},${kind},${i % 2 === 0 ? 'Dormant' : 'inactive'}`));
    const offices = records(importOfficesCsv(text, { tenantId: T }));
    expect(offices.map((o) => o.kind)).toEqual(rows.map(([, kind]) => kind));
    expect(offices.every((o) => o.lifecycle === 'dormant')).toBe(true);
  });

  it('applies defaults to empty cells only', () => {
    const text = csv('Name,Kind,Status,Country,Tags', 'A,,,,own', 'B,psychiatry,active,CA,');
    const [a, b] = records(
      importOfficesCsv(text, { tenantId: T, defaults: { kind: 'other', lifecycle: 'prospect', country: 'US', tags: ['imported'], timeZone: 'America/Denver' } }),
    );
    expect(a).toMatchObject({ kind: 'other', lifecycle: 'prospect', address: { country: 'US' }, tags: ['imported', 'own'], timeZone: 'America/Denver' });
    expect(b).toMatchObject({ kind: 'psychiatry', lifecycle: 'active', address: { country: 'CA' }, tags: ['imported'] });
  });

  it('reports each bad cell with its row and column, all of a row at once, left to right', () => {
    const text = csv('Name,Kind,Time Zone,Created,Status', ',dentist,Mars/Base,yesterday,hot');
    const result = importOfficesCsv(text, { tenantId: T });
    expect(result.rejected).toEqual([
      {
        row: 2,
        issues: [
          { column: 'Name', message: 'is empty; an office needs a name', code: 'required' },
          { column: 'Kind', message: expect.stringContaining('"dentist" is not one of'), code: 'invalid_value' },
          { column: 'Time Zone', message: 'must be an IANA time zone such as America/New_York', code: 'custom' },
          { column: 'Created', message: 'must be an ISO-8601 UTC instant like 2026-03-08T14:30:00Z', code: 'invalid_format' },
          { column: 'Status', message: expect.stringContaining('"hot" is not one of prospect'), code: 'invalid_value' },
        ],
      },
    ]);
    if (!result.ok) {
      expect((result.error as ValidationError).issues.map((issue) => issue.pointer)).toEqual(['/2/Name', '/2/Kind', '/2/Time Zone', '/2/Created', '/2/Status']);
      expect(result.error.message).toContain('row 2, column "Kind"');
    }
  });

  it('names a bad default as such', () => {
    const result = importOfficesCsv(csv('Name,Kind', 'A,other'), { tenantId: T, defaults: { timeZone: 'Nowhere/Land' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect((result.error as ValidationError).issues[0]!.pointer).toBe('/defaults/timeZone');
  });

  it('reports a label longer than the model allows', () => {
    const result = importOfficesCsv(csv('Name,Kind', `${'x'.repeat(501)},other`), { tenantId: T });
    expect(result.rejected[0]!.issues).toEqual([{ column: 'Name', message: 'must be at most 500 characters', code: 'too_big' }]);
  });
});

describe('importOfficesCsv: ids', () => {
  it('generates the same id for the same office, whatever the case, spacing or row order', () => {
    const a = records(importOfficesCsv(csv('Name,Kind,City', 'Elm Clinic,other,Springfield', 'Oak,other,'), { tenantId: T }));
    const b = records(importOfficesCsv(csv('City,Kind,Name', ',other,Oak', ' springfield ,other,ELM  clinic'), { tenantId: T }));
    expect(a.map((o) => o.id).sort()).toEqual(b.map((o) => o.id).sort());
    expect(a[0]!.id).not.toBe(a[1]!.id);
  });

  it('takes ids from an id column, or the idFrom column; empty cells get generated ids', () => {
    const byDefault = records(importOfficesCsv(csv('Office ID,Name,Kind', 'off-7,A,other', ',B,other'), { tenantId: T }));
    expect(byDefault[0]!.id).toBe('off-7');
    expect(byDefault[1]!.id).toMatch(/^office-/);
    const byOption = records(importOfficesCsv(csv('Name,Kind,CRM Key', 'A,other,crm-1'), { tenantId: T, idFrom: 'crm key' }));
    expect(byOption[0]!.id).toBe('crm-1');
    const missing = importOfficesCsv(csv('Name,Kind', 'A,other'), { tenantId: T, idFrom: 'CRM Key' });
    expect(missing.rejected).toEqual([{ row: 1, issues: [{ column: 'CRM Key', message: 'idFrom names column "CRM Key", which the file does not have', code: 'unknown_column' }] }]);
  });

  it('reports a repeated id on the later row', () => {
    const explicit = importOfficesCsv(csv('ID,Name,Kind', 'o1,A,other', 'o2,B,other', 'o1,C,other'), { tenantId: T });
    expect(explicit.rejected).toEqual([{ row: 4, issues: [{ column: 'ID', message: 'repeats the id "o1" of row 2', code: 'duplicate' }] }]);
    const generated = importOfficesCsv(csv('Name,Kind', 'A,other', 'a ,other'), { tenantId: T });
    expect(generated.rejected).toEqual([
      { row: 3, issues: [{ column: null, message: expect.stringMatching(/^repeats row 2: same identifying values/), code: 'duplicate' }] },
    ]);
  });
});

describe('importOfficesCsv: modes', () => {
  const text = csv('Name,Kind', 'A,other', 'B,nope', 'C,other', ',other');

  it('all-or-nothing (the default): no records when any row fails, every problem listed', () => {
    const result = importOfficesCsv(text, { tenantId: T });
    expect(result.ok).toBe(false);
    expect(result.records).toEqual([]);
    expect(result.rejected.map((r) => r.row)).toEqual([3, 5]);
    expect(result.rows).toBe(4);
    if (!result.ok) {
      expect(ReferwellError.isInstance(result.error)).toBe(true);
      expect(result.error.code).toBe('validation-failed');
    }
  });

  it('skip-invalid-rows: the good rows, whole; the bad rows listed', () => {
    const result = importOfficesCsv(text, { tenantId: T, mode: 'skip-invalid-rows' });
    expect(result.ok).toBe(true);
    expect(records(result).map((o) => o.name)).toEqual(['A', 'C']);
    expect(result.rejected.map((r) => r.row)).toEqual([3, 5]);
  });

  it('never throws for bad options: a failed result', () => {
    for (const options of [{ tenantId: '' }, { tenantId: T, mode: 'some' }, null, { tenantId: T, delimiter: '::' }]) {
      const result = importOfficesCsv(csv('Name,Kind', 'A,other'), options as unknown as { tenantId: string });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('validation-failed');
    }
    const notText = importOfficesCsv(42 as never, { tenantId: T });
    expect(notText.ok).toBe(false);
  });
});

describe('importOfficesCsv: store', () => {
  it('writes the accepted offices atomically and returns a promise', async () => {
    const store = memoryStore({ tenantId: T });
    const result = await importOfficesCsv(csv('ID,Name,Kind', 'o1,A,other', 'o2,B,pediatrics'), { tenantId: T, store });
    expect(result.ok).toBe(true);
    const page = await store.list('office');
    expect(page.records.map((r) => r.record)).toEqual(records(result));
  });

  it('stores nothing when all-or-nothing fails', async () => {
    const store = memoryStore({ tenantId: T });
    const result = await importOfficesCsv(csv('ID,Name,Kind', 'o1,A,other', 'o2,B,nope'), { tenantId: T, store });
    expect(result.ok).toBe(false);
    expect((await store.list('office')).records).toEqual([]);
  });

  it('stores only the good rows when skipping', async () => {
    const store = memoryStore({ tenantId: T });
    await importOfficesCsv(csv('ID,Name,Kind', 'o1,A,other', 'o2,B,nope'), { tenantId: T, store, mode: 'skip-invalid-rows' });
    expect((await store.list('office')).records.map((r) => r.record.id)).toEqual(['o1']);
  });

  it('updates offices imported again (same generated ids) instead of duplicating them', async () => {
    const store = memoryStore({ tenantId: T });
    await importOfficesCsv(csv('Name,Kind,City', 'Elm,other,X'), { tenantId: T, store });
    await importOfficesCsv(csv('Name,Kind,City,Status', 'ELM,other,x,active'), { tenantId: T, store });
    const stored = (await store.list('office')).records;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 2, record: { name: 'ELM', lifecycle: 'active' } });
  });

  it('refuses a tenant the store is not bound to, storing nothing', async () => {
    const store = memoryStore({ tenantId: 'other' });
    const result = await importOfficesCsv(csv('Name,Kind', 'A,other'), { tenantId: T, store });
    expect(result.ok).toBe(false);
    if (!result.ok) expect((result.error as ValidationError).issues[0]!.pointer).toBe('/tenantId');
    expect((await store.list('office')).records).toEqual([]);
  });

  it('returns the store’s error, nothing stored, when the batch is refused', async () => {
    const store = memoryStore({ tenantId: T });
    const failing = { ...store, write: () => Promise.reject(new Error('disk full')) };
    const result = await importOfficesCsv(csv('Name,Kind', 'A,other'), { tenantId: T, store: failing });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('store-failure');
      expect(result.error.message).toContain('disk full');
    }
    expect((await store.list('office')).records).toEqual([]);
  });
});
