import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../adapters/memory/index';
import type { Contact } from '../../model/contact';
import { importContactsCsv } from './import-contacts';
import type { CsvImportResult } from './import-result';
import { importOfficesCsv } from './import-offices';

const T = 't1';
const offices = [
  { id: 'off-1', name: 'Elm Street Pediatrics' },
  { id: 'off-2', name: 'Lakeside Family Medicine' },
  { id: 'off-3', name: 'Riverside Clinic' },
  { id: 'off-4', name: 'riverside  clinic' },
];

function csv(...lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

function records(result: CsvImportResult<Contact>): readonly Contact[] {
  if (!result.ok) throw new Error(`import failed: ${result.error.message}`);
  return result.records;
}

describe('importContactsCsv', () => {
  it('reads people with their roles and offices, by id or by name', () => {
    const text = csv(
      'Full Name,Title,Office,Office ID,NPI,E-mail,Phone,Active,Salutation,Notes',
      'Dana Ruiz,Office Manager,elm street pediatrics,,,dana@elm.example,555-0100,yes,,Runs the front desk',
      'Amara Okafor,MD,,off-2,1234-567-893,,,,Dr. Okafor,',
      '"Lee, Sam",NP,Lakeside  Family Medicine,off-2,,,,no,,',
    );
    const result = importContactsCsv(text, { tenantId: T, offices });
    expect(records(result)).toEqual([
      {
        id: expect.stringMatching(/^contact-[0-9a-f]{16}$/),
        tenantId: T,
        officeId: 'off-1',
        name: 'Dana Ruiz',
        role: 'office-manager',
        email: 'dana@elm.example',
        phone: '555-0100',
        active: true,
        notes: 'Runs the front desk',
      },
      { id: expect.any(String), tenantId: T, officeId: 'off-2', name: 'Amara Okafor', salutation: 'Dr. Okafor', role: 'physician', npi: '1234567893', active: true },
      { id: expect.any(String), tenantId: T, officeId: 'off-2', name: 'Lee, Sam', role: 'nurse-practitioner', active: false },
    ]);
  });

  it('joins first and last names when there is no name column', () => {
    const [contact] = records(importContactsCsv(csv('First Name,Last Name,Role,Office ID', 'Dana,Ruiz,receptionist,off-1'), { tenantId: T, offices }));
    expect(contact!.name).toBe('Dana Ruiz');
  });

  it('reads roles the way people write them', () => {
    const roles = [
      ['Physician', 'physician'],
      ['D.O.', 'physician'],
      ['Nurse Practitioner', 'nurse-practitioner'],
      ['PA-C', 'physician-assistant'],
      ['RN', 'nurse'],
      ['CMA', 'medical-assistant'],
      ['Front Desk', 'receptionist'],
      ['Practice Manager', 'office-manager'],
      ['other', 'other'],
    ];
    const text = csv('Name,Role', ...roles.map(([role], i) => `P${i},${role}`));
    const contacts = records(importContactsCsv(text, { tenantId: T, defaults: { officeId: 'off-1' } }));
    expect(contacts.map((c) => c.role)).toEqual(roles.map(([, role]) => role));
    expect(contacts.every((c) => c.officeId === 'off-1')).toBe(true);
  });

  it('reports unknown, ambiguous and contradictory offices on the row and column', () => {
    const text = csv(
      'Name,Role,Office,Office ID',
      'A,nurse,Nowhere Clinic,',
      'B,nurse,Riverside Clinic,',
      'C,nurse,,off-9',
      'D,nurse,Riverside Clinic,off-1',
      'E,nurse,,',
    );
    const result = importContactsCsv(text, { tenantId: T, offices, mode: 'skip-invalid-rows' });
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([
      { row: 2, issues: [{ column: 'Office', message: 'no office is named "Nowhere Clinic"', code: 'unknown_office' }] },
      {
        row: 3,
        issues: [{ column: 'Office', message: '2 offices are named "Riverside Clinic" ("off-3", "off-4"); give an office id column', code: 'ambiguous_office' }],
      },
      { row: 4, issues: [{ column: 'Office ID', message: 'no office has the id "off-9"', code: 'unknown_office' }] },
      { row: 5, issues: [{ column: 'Office', message: 'office "off-1" is named "Elm Street Pediatrics", not "Riverside Clinic"', code: 'office_mismatch' }] },
      { row: 6, issues: [{ column: 'Office', message: 'names no office (office id and name are empty, and no defaults.officeId is given)', code: 'required' }] },
    ]);
  });

  it('accepts office ids as they are when no offices are given, but needs offices to read names', () => {
    expect(records(importContactsCsv(csv('Name,Role,Office ID', 'A,nurse,anything'), { tenantId: T }))[0]!.officeId).toBe('anything');
    const byName = importContactsCsv(csv('Name,Role,Office', 'A,nurse,Elm'), { tenantId: T });
    expect(byName.rejected).toEqual([
      { row: 1, issues: [{ column: null, message: expect.stringContaining('no offices were given'), code: 'missing_offices' }] },
    ]);
  });

  it('reports every bad cell of a row with its column', () => {
    const text = csv('Name,Role,Office ID,NPI,Email,Active', ',surgeon,off-1,1234567890,not-an-email,maybe');
    const result = importContactsCsv(text, { tenantId: T, offices });
    expect(result.ok).toBe(false);
    expect(result.rejected).toEqual([
      {
        row: 2,
        issues: [
          { column: 'Name', message: 'is empty; a contact needs a name', code: 'required' },
          { column: 'Role', message: expect.stringContaining('"surgeon" is not one of physician'), code: 'invalid_value' },
          { column: 'NPI', message: expect.stringMatching(/check digit/i), code: 'custom' },
          { column: 'Email', message: expect.any(String), code: 'invalid_format' },
          { column: 'Active', message: expect.stringContaining('"maybe" is not yes or no'), code: 'invalid_value' },
        ],
      },
    ]);
  });

  it('requires name, role and office columns unless defaults give them', () => {
    const result = importContactsCsv(csv('Phone', '555'), { tenantId: T });
    expect(result.rejected[0]!.issues.map((i) => i.code)).toEqual(['missing_column', 'missing_column', 'missing_column']);
    const withDefaults = importContactsCsv(csv('Name', 'A'), { tenantId: T, offices, defaults: { role: 'nurse', officeId: 'off-1', active: false } });
    expect(records(withDefaults)[0]).toMatchObject({ role: 'nurse', officeId: 'off-1', active: false });
    const badDefault = importContactsCsv(csv('Name', 'A'), { tenantId: T, offices, defaults: { role: 'nurse', officeId: 'off-9' } });
    expect(badDefault.rejected).toEqual([{ row: 2, issues: [{ column: null, message: 'officeId (default value): no office has the id "off-9"', code: 'unknown_office' }] }]);
  });

  it('generates ids from the office and the name, and reports the same person twice', () => {
    const result = importContactsCsv(csv('Name,Role,Office ID', 'Dana Ruiz,nurse,off-1', 'dana  ruiz,nurse,off-1', 'Dana Ruiz,nurse,off-2'), {
      tenantId: T,
      offices,
    });
    expect(result.rejected).toEqual([{ row: 3, issues: [{ column: null, message: expect.stringMatching(/^repeats row 2/), code: 'duplicate' }] }]);
    const again = importContactsCsv(csv('Office ID,Role,Name', 'off-2,physician,DANA RUIZ'), { tenantId: T, offices });
    expect(records(again)[0]!.id).not.toBe(undefined);
    const first = importContactsCsv(csv('Name,Role,Office ID', 'Dana Ruiz,nurse,off-2'), { tenantId: T, offices });
    expect(records(again)[0]!.id).toBe(records(first)[0]!.id);
  });

  it('with a store: finds offices in the store and writes contacts atomically', async () => {
    const store = memoryStore({ tenantId: T });
    const imported = await importOfficesCsv(csv('ID,Name,Kind', 'off-1,Elm Street Pediatrics,pediatrics'), { tenantId: T, store });
    expect(imported.ok).toBe(true);
    const result = await importContactsCsv(csv('Name,Role,Office', 'Dana,receptionist,ELM STREET PEDIATRICS'), { tenantId: T, store });
    expect(records(result)[0]!.officeId).toBe('off-1');
    expect((await store.list('contact')).records.map((r) => r.record)).toEqual(records(result));
  });

  it('with a store: an office missing from the store rejects the row; nothing is stored', async () => {
    const store = memoryStore({ tenantId: T });
    await importOfficesCsv(csv('ID,Name,Kind', 'off-1,Elm,other'), { tenantId: T, store });
    const result = await importContactsCsv(csv('Name,Role,Office ID', 'A,nurse,off-1', 'B,nurse,off-2'), { tenantId: T, store, offices });
    expect(result.ok).toBe(false);
    expect(result.rejected).toEqual([{ row: 3, issues: [{ column: 'Office ID', message: 'no office has the id "off-2" in the store', code: 'unknown_office' }] }]);
    expect((await store.list('contact')).records).toEqual([]);
  });

  it('with a store that fails to list offices: the store’s error, never a throw', async () => {
    const store = memoryStore({ tenantId: T });
    const broken = { ...store, list: () => Promise.reject(new Error('connection lost')) } as typeof store;
    const result = await importContactsCsv(csv('Name,Role,Office ID', 'A,nurse,off-1'), { tenantId: T, store: broken });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('store-failure');
  });
});
