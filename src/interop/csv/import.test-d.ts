import { describe, expectTypeOf, it } from 'vitest';
import type { Contact } from '../../model/contact';
import type { Office } from '../../model/office';
import type { ReferwellStore } from '../../store/store';
import { importContactsCsv, importOfficesCsv, type CsvImportResult } from './index';

declare const store: ReferwellStore;
declare const maybeStore: ReferwellStore | undefined;

describe('CSV import types', () => {
  it('is synchronous without a store and a promise with one', () => {
    expectTypeOf(importOfficesCsv('', { tenantId: 't' })).toEqualTypeOf<CsvImportResult<Office>>();
    expectTypeOf(importOfficesCsv('', { tenantId: 't', store })).toEqualTypeOf<Promise<CsvImportResult<Office>>>();
    expectTypeOf(importContactsCsv('', { tenantId: 't' })).toEqualTypeOf<CsvImportResult<Contact>>();
    expectTypeOf(importContactsCsv('', { tenantId: 't', store })).toEqualTypeOf<Promise<CsvImportResult<Contact>>>();
  });

  it('is either when the store may be missing', () => {
    expectTypeOf(importOfficesCsv('', { tenantId: 't', store: maybeStore })).toEqualTypeOf<
      CsvImportResult<Office> | Promise<CsvImportResult<Office>>
    >();
  });

  it('takes only known fields in a mapping and only known modes', () => {
    importOfficesCsv('', { tenantId: 't', mapping: { Practice: 'name', Fax: null } });
    // @ts-expect-error not an office field
    importOfficesCsv('', { tenantId: 't', mapping: { Practice: 'title' } });
    // @ts-expect-error not a mode
    importOfficesCsv('', { tenantId: 't', mode: 'best-effort' });
    // @ts-expect-error roles are contact fields
    importOfficesCsv('', { tenantId: 't', defaults: { role: 'nurse' } });
  });

  it('records are readonly and the result narrows on ok', () => {
    const result = importOfficesCsv('', { tenantId: 't' });
    if (!result.ok) expectTypeOf(result.error.code).toBeString();
    // @ts-expect-error records are readonly
    result.records.push({} as Office);
  });
});
