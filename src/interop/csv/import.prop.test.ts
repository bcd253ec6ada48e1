import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../adapters/memory/index';
import { ReferwellError } from '../../errors';
import { contactSchema } from '../../model/contact';
import { officeSchema } from '../../model/office';
import { officeKinds } from '../../model/vocabulary';
import { importContactsCsv } from './import-contacts';
import type { CsvImportResult } from './import-result';
import { importOfficesCsv } from './import-offices';

const RUNS = Number(process.env['REFERWELL_FUZZ_RUNS'] ?? 200);
/** Room for the dedicated long run (REFERWELL_FUZZ_RUNS=10000). */
const TIMEOUT = Math.max(10_000, RUNS * 20);
const T = 't1';

/** Pieces malformed CSV is made of: structure characters, header words, values, garbage. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(',', '"', '""', '\r\n', '\n', '\r', ';', '\t', ' ', '\uFEFF', '\u0000') },
  {
    weight: 4,
    arbitrary: fc.constantFrom('Name', 'Office Name', 'Kind', 'Type', 'City', 'ID', 'Role', 'Office', 'Office ID', 'NPI', 'Email', 'Active', 'Tags', 'Time Zone', 'Status', 'Created'),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom('Elm', 'pediatrics', 'Peds', 'other', 'nurse', 'NP', 'off-1', 'yes', 'maybe', 'America/Chicago', 'Mars/Base', '1234567893', 'a@b.example', '2026-01-05T10:00:00Z', 'x'.repeat(600), '=1+1'),
  },
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
/** Plausible values for each column of the plausible sheets (mostly valid). */
const plausible: Readonly<Record<string, readonly string[]>> = {
  Name: ['Elm Clinic', 'Oak, PC', 'Dr. "Ned" Lee', 'Zürich Praxis', 'Line\nbreak', 'Dana Ruiz'],
  'Full Name': ['Dana Ruiz', 'Lee, Sam', 'Amara Okafor'],
  'Office Name': ['Elm Clinic', 'Oak, PC', 'Riverside'],
  Kind: ['pediatrics', 'Primary Care', 'other', 'OB/GYN'],
  Type: ['Peds', 'Family Medicine', 'urgent care'],
  City: ['Springfield', 'Köln', ''],
  ID: ['o-1', 'o-2', 'o-3', 'o-4'],
  Role: ['nurse', 'NP', 'Front desk', 'MD'],
  Title: ['Office Manager', 'RN', 'physician'],
  Office: ['Elm', 'elm '],
  'Office ID': ['off-1'],
  Active: ['yes', 'no', ''],
};
const junk = fc.constantFrom('', ' ', 'nope', 'Mars/Base', 'maybe', '123', '=1+1', 'x'.repeat(501));
/** A plausible sheet (written by csv-stringify) with a few random edits: some rows survive, some do not. */
const edited = fc
  .constantFrom(['Name', 'Kind', 'City'], ['ID', 'Office Name', 'Type'], ['Name', 'Role', 'Office'], ['Full Name', 'Title', 'Office ID', 'Active'])
  .chain((header) =>
    fc.tuple(
      fc.constant(header),
      fc.array(
        fc.tuple(...header.map((column) => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...plausible[column]!) }, { weight: 1, arbitrary: junk }))),
        { maxLength: 8 },
      ),
      fc.array(fc.tuple(fc.nat(), fc.nat(3), piece), { maxLength: 2 }),
    ),
  )
  .map(([header, rows, edits]) => {
    let text = stringify([header, ...rows]);
    for (const [at, remove, insert] of edits) {
      const i = text.length === 0 ? 0 : at % text.length;
      text = text.slice(0, i) + insert + text.slice(i + remove);
    }
    return text;
  });
/** Random, mostly malformed CSV text. */
const malformed = fc.oneof(
  edited,
  edited,
  fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  // A plausible header, then noise.
  fc.tuple(fc.constantFrom('Name,Kind,City\r\n', 'Name,Role,Office\r\n', 'ID,Name,Kind\n', '\uFEFFOffice Name;Type\r\n'), fc.array(piece, { maxLength: 40 })).map(
    ([header, pieces]) => header + pieces.join(''),
  ),
);
const mode = fc.constantFrom('all-or-nothing' as const, 'skip-invalid-rows' as const);

/** The shape every import result has, whatever the input. */
function checkShape<T>(result: CsvImportResult<T>, chosen: 'all-or-nothing' | 'skip-invalid-rows', schema: { safeParse(value: unknown): { success: boolean } }) {
  expect(typeof result.ok).toBe('boolean');
  expect(Array.isArray(result.records)).toBe(true);
  for (const rejected of result.rejected) {
    expect(Number.isSafeInteger(rejected.row) && rejected.row >= 1).toBe(true);
    expect(rejected.issues.length).toBeGreaterThan(0);
  }
  if (result.ok) {
    if (chosen === 'all-or-nothing') expect(result.rejected).toEqual([]);
    // Every accepted record is a whole, valid record.
    for (const record of result.records) expect(schema.safeParse(record).success).toBe(true);
  } else {
    expect(result.records).toEqual([]);
    expect(ReferwellError.isInstance(result.error)).toBe(true);
  }
}

describe('CSV import (fuzz)', () => {
  it('offices: random and malformed text gives a result, never a throw', () => {
    fc.assert(
      fc.property(malformed, mode, (text, chosen) => {
        checkShape(importOfficesCsv(text, { tenantId: T, mode: chosen }), chosen, officeSchema);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('contacts: random and malformed text gives a result, never a throw', () => {
    const offices = [{ id: 'off-1', name: 'Elm' }];
    fc.assert(
      fc.property(malformed, mode, (text, chosen) => {
        checkShape(importContactsCsv(text, { tenantId: T, mode: chosen, offices }), chosen, contactSchema);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('with a store: nothing is stored on rejection, exactly the accepted records otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(malformed, malformed, mode, async (officesText, contactsText, chosen) => {
        const store = memoryStore({ tenantId: T });
        await store.upsertOffice({ id: 'off-1', tenantId: T, name: 'Elm', kind: 'other' });
        const offices = await importOfficesCsv(officesText, { tenantId: T, mode: chosen, store });
        checkShape(offices, chosen, officeSchema);
        const storedOffices = (await store.list('office', { limit: 10_000 })).records.map((r) => r.record);
        const expectedOffices = new Map([['off-1', storedOffices.find((o) => o.id === 'off-1')]]);
        for (const office of offices.records) expectedOffices.set(office.id, office);
        expect(storedOffices.length).toBe(expectedOffices.size);
        if (!offices.ok) expect(storedOffices.map((o) => o.id)).toEqual(['off-1']);

        const contacts = await importContactsCsv(contactsText, { tenantId: T, mode: chosen, store });
        checkShape(contacts, chosen, contactSchema);
        const storedContacts = (await store.list('contact', { limit: 10_000 })).records.map((r) => r.record);
        expect(storedContacts).toEqual(contacts.ok ? contacts.records : []);
      }),
      { numRuns: Math.max(1, Math.floor(RUNS / 2)) },
    );
  }, TIMEOUT);
});

/** Text a spreadsheet cell may hold that the model keeps as it is (no edge white space, no controls but line breaks). */
const cellText = fc
  .string({ unit: fc.oneof(fc.constantFrom(',', '"', '\n', '\r\n', ';', ' ', 'é', '東', '👩🏽‍⚕️'), fc.string({ minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 30 })
  .map((text) => text.trim())
  .filter((text) => text.length > 0);

describe('CSV import (round trip)', () => {
  it('offices written by csv-stringify, in any column order and header spelling, import exactly', () => {
    const office = fc.record({ name: cellText, kind: fc.constantFrom(...officeKinds), city: fc.option(cellText, { nil: undefined }), id: fc.uuid() });
    const headers = fc.record({
      id: fc.constantFrom('ID', 'Office ID', 'office_id'),
      name: fc.constantFrom('Name', 'Office Name', 'OFFICE NAME', 'practice'),
      kind: fc.constantFrom('Kind', 'Type', 'office-type'),
      city: fc.constantFrom('City', 'town'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(office, { selector: (o) => o.id, maxLength: 8 }),
        headers,
        fc.shuffledSubarray(['id', 'name', 'kind', 'city'] as const, { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom('windows' as const, 'unix' as const),
        (offices, names, order, bom, recordDelimiter) => {
          const table = [order.map((key) => names[key]), ...offices.map((o) => order.map((key) => o[key] ?? ''))];
          const text = stringify(table, { bom, record_delimiter: recordDelimiter });
          const result = importOfficesCsv(text, { tenantId: T });
          expect(result.ok).toBe(true);
          expect(result.records).toEqual(
            offices.map((o) => ({
              id: o.id,
              tenantId: T,
              name: o.name,
              kind: o.kind,
              ...(o.city === undefined ? {} : { address: { city: o.city } }),
              tags: [],
              lifecycle: 'prospect',
            })),
          );
        },
      ),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
