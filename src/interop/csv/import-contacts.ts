import { z } from 'zod';
import { ReferwellError, StoreError } from '../../errors';
import { contactSchema, type Contact } from '../../model/contact';
import type { Office } from '../../model/office';
import { idSchema } from '../../model/primitives';
import { contactRoleSchema, type ContactRole } from '../../model/vocabulary';
import type { ReferwellStore } from '../../store/store';
import type { HeaderAliases } from './columns';
import { store as storeRecords, type CsvImportResult, type CsvIssue } from './import-result';
import {
  checkImportOptions,
  importOptionsSchema,
  importTable,
  tableOptions,
  type CsvImportOptions,
  type FieldIssue,
  type TableSpec,
} from './import-table';
import { nameKey, readContactRole, readFlag } from './values';

/**
 * The fields a column of a contacts CSV can fill. `officeId` and `officeName`
 * say which office the person works at (see {@link importContactsCsv});
 * `firstName` and `lastName` make the `name` when there is no name column.
 *
 * @category Interop
 */
export const contactCsvFields = [
  'id',
  'officeId',
  'officeName',
  'name',
  'firstName',
  'lastName',
  'salutation',
  'role',
  'npi',
  'email',
  'phone',
  'active',
  'notes',
] as const;

/** A field of a contacts CSV (see {@link contactCsvFields}). @category Interop */
export type ContactCsvField = (typeof contactCsvFields)[number];

/**
 * The headers recognised for each contact field by default, compared
 * case-insensitively ignoring spaces and punctuation.
 *
 * @category Interop
 */
export const contactCsvHeaders: HeaderAliases<ContactCsvField> = {
  id: ['id', 'contactid', 'personid', 'externalid'],
  officeId: ['officeid'],
  officeName: ['office', 'officename', 'practice', 'practicename', 'clinic', 'clinicname', 'organization', 'organisation'],
  name: ['name', 'fullname', 'contactname', 'contact', 'person'],
  firstName: ['firstname', 'first', 'givenname'],
  lastName: ['lastname', 'last', 'surname', 'familyname'],
  salutation: ['salutation', 'greeting', 'addressas'],
  role: ['role', 'title', 'position', 'jobtitle'],
  npi: ['npi', 'npinumber'],
  email: ['email', 'emailaddress'],
  phone: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile'],
  active: ['active', 'isactive', 'current'],
  notes: ['notes', 'note', 'comments', 'comment'],
};

/**
 * Values for contact fields a row leaves empty.
 *
 * @category Interop
 */
export interface ContactCsvDefaults {
  /** The role when the row has none (otherwise a `role` column is required). */
  readonly role?: ContactRole;
  /** The office when the row names none (e.g. a sheet of one office's staff). */
  readonly officeId?: string;
  /** Whether the person still works at the office, when the row does not say; the model's default is `true`. */
  readonly active?: boolean;
}

/**
 * The {@link importContactsCsv} options.
 *
 * @category Interop
 */
export interface ContactsCsvOptions extends CsvImportOptions<ContactCsvField, ContactCsvDefaults> {
  /**
   * The offices rows may name, by id or by name. Without a store, office ids are
   * checked against them, and an office-name column needs them. With a store,
   * the offices are read from the store instead and this is ignored.
   */
  readonly offices?: readonly Pick<Office, 'id' | 'name'>[];
}

const defaultsSchema = z.object({
  role: contactRoleSchema.optional(),
  officeId: idSchema.optional(),
  active: z.boolean().optional(),
});

const optionsSchema = importOptionsSchema(contactCsvFields, defaultsSchema).extend({
  offices: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});

/** The offices rows may name: by id, and by name (several offices may share one). */
interface KnownOffices {
  readonly byId: ReadonlyMap<string, Pick<Office, 'id' | 'name'>>;
  readonly byName: ReadonlyMap<string, readonly Pick<Office, 'id' | 'name'>[]>;
  /** Where they came from, for messages: `` or ` in the store`. */
  readonly where: string;
}

function knownOffices(offices: readonly Pick<Office, 'id' | 'name'>[], where: string): KnownOffices {
  const byId = new Map<string, Pick<Office, 'id' | 'name'>>();
  const byName = new Map<string, Pick<Office, 'id' | 'name'>[]>();
  for (const office of offices) {
    if (byId.has(office.id)) continue;
    byId.set(office.id, office);
    const key = nameKey(office.name);
    byName.set(key, [...(byName.get(key) ?? []), office]);
  }
  return { byId, byName, where };
}

/** Every office in the store. */
async function storedOffices(store: ReferwellStore): Promise<Office[]> {
  const offices: Office[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.list('office', after === undefined ? { limit: 1000 } : { after, limit: 1000 });
    offices.push(...page.records.map((stored) => stored.record));
    if (page.records.length < 1000) return offices;
    after = page.next;
  }
}

/** The contacts importer's part of the shared steps. */
function contactSpec(
  tenantId: string,
  defaults: z.output<typeof defaultsSchema>,
  offices: KnownOffices | undefined,
): TableSpec<ContactCsvField, Contact> {
  const officeOf = (id: string) => offices?.byId.get(id);
  return {
    subject: 'contacts CSV',
    idPrefix: 'contact',
    aliases: contactCsvHeaders,
    schema: contactSchema as z.ZodType<Contact>,
    idField: 'id',
    headerIssues(index) {
      const issues: CsvIssue[] = [];
      if (!index.has('name') && !index.has('firstName') && !index.has('lastName')) {
        issues.push({ column: null, message: 'no column for the name: expected a header such as "Name", or "First Name" and "Last Name", or map one', code: 'missing_column' });
      }
      if (!index.has('role') && defaults.role === undefined) {
        issues.push({ column: null, message: 'no column for the role: expected a header such as "Role" or "Title", map one, or give defaults.role', code: 'missing_column' });
      }
      if (!index.has('officeId') && !index.has('officeName') && defaults.officeId === undefined) {
        issues.push({ column: null, message: 'no column for the office: expected a header such as "Office ID" or "Office", map one, or give defaults.officeId', code: 'missing_column' });
      }
      if (index.has('officeName') && offices === undefined) {
        issues.push({ column: null, message: 'offices are named by name, but no offices were given to find them in (give options.offices or options.store)', code: 'missing_offices' });
      }
      return issues;
    },
    build(cell, has) {
      const issues: FieldIssue<ContactCsvField>[] = [];

      const fullName = cell('name') ?? ([cell('firstName'), cell('lastName')].filter((part) => part !== undefined).join(' ') || undefined);
      if (fullName === undefined) {
        const field = has('name') ? 'name' : has('firstName') ? 'firstName' : 'lastName';
        issues.push({ field, message: 'is empty; a contact needs a name', code: 'required' });
      }

      let role: ContactRole | undefined = defaults.role;
      const roleText = cell('role');
      if (roleText !== undefined) {
        const read = readContactRole(roleText);
        if (read.ok) role = read.value;
        else issues.push({ field: 'role', message: read.message, code: 'invalid_value' });
      } else if (role === undefined) issues.push({ field: 'role', message: 'is empty and no defaults.role is given', code: 'required' });

      let active: boolean | undefined = defaults.active;
      const activeText = cell('active');
      if (activeText !== undefined) {
        const read = readFlag(activeText);
        if (read.ok) active = read.value;
        else issues.push({ field: 'active', message: read.message, code: 'invalid_value' });
      }

      // The office: by id, else by name, else the default.
      let officeId: string | undefined;
      const idText = cell('officeId');
      const nameText = cell('officeName');
      if (idText !== undefined) {
        const office = officeOf(idText);
        if (offices !== undefined && office === undefined) {
          issues.push({ field: 'officeId', message: `no office has the id ${JSON.stringify(idText)}${offices.where}`, code: 'unknown_office' });
        } else {
          officeId = idText;
          if (office !== undefined && nameText !== undefined && nameKey(office.name) !== nameKey(nameText)) {
            issues.push({ field: 'officeName', message: `office ${JSON.stringify(idText)} is named ${JSON.stringify(office.name)}, not ${JSON.stringify(nameText)}`, code: 'office_mismatch' });
          }
        }
      } else if (nameText !== undefined) {
        const matches = offices?.byName.get(nameKey(nameText)) ?? [];
        if (matches.length === 1) officeId = matches[0]!.id;
        else if (matches.length === 0) {
          issues.push({ field: 'officeName', message: `no office is named ${JSON.stringify(nameText)}${offices?.where ?? ''}`, code: 'unknown_office' });
        } else {
          issues.push({
            field: 'officeName',
            message: `${matches.length} offices are named ${JSON.stringify(nameText)} (${matches.map((o) => JSON.stringify(o.id)).join(', ')}); give an office id column`,
            code: 'ambiguous_office',
          });
        }
      } else if (defaults.officeId !== undefined) {
        if (offices !== undefined && officeOf(defaults.officeId) === undefined) {
          issues.push({ field: 'officeId', message: `no office has the id ${JSON.stringify(defaults.officeId)}${offices.where}`, code: 'unknown_office' });
        } else officeId = defaults.officeId;
      } else {
        const field = has('officeName') ? 'officeName' : 'officeId';
        issues.push({ field, message: 'names no office (office id and name are empty, and no defaults.officeId is given)', code: 'required' });
      }

      const input: Record<string, unknown> = { tenantId };
      if (officeId !== undefined) input['officeId'] = officeId;
      if (fullName !== undefined) input['name'] = fullName;
      if (role !== undefined) input['role'] = role;
      if (active !== undefined) input['active'] = active;
      const npi = cell('npi')?.replace(/[\s-]/g, '');
      if (npi !== undefined) input['npi'] = npi;
      for (const field of ['salutation', 'email', 'phone', 'notes'] as const) {
        const value = cell(field);
        if (value !== undefined) input[field] = value;
      }
      return { input, issues, key: [officeId ?? '', nameKey(fullName ?? '')] };
    },
    fieldOfPath(path) {
      const [first] = path;
      return typeof first === 'string' && (contactCsvFields as readonly string[]).includes(first) ? (first as ContactCsvField) : undefined;
    },
  };
}

/**
 * Imports contacts — the people at referring offices — from CSV text, with row-
 * and column-numbered problems. Reading, columns, cells, modes and the store
 * work as in {@link importOfficesCsv}; headers are recognised as in
 * {@link contactCsvHeaders} ("Full Name", "First Name" + "Last Name", "Title" →
 * `role`, "E-mail" …), and roles the way people write them ("NP",
 * "Front desk", "MD").
 *
 * **Offices.** Each row names its office by id (an `Office ID` column), by name
 * (an `Office` or `Office Name` column, matched case-insensitively, spacing
 * ignored), or through `defaults.officeId`. Names are looked up in
 * `options.offices`, or, with a store, among the store's offices; so are ids,
 * when offices are known. An unknown office, a name several offices share, or
 * an id and a name that disagree are problems of the row.
 *
 * **Ids.** From the `idFrom` or id column; otherwise `contact-` and 16 hex
 * digits hashing the office id and the person's name (case and spacing
 * ignored).
 *
 * @param text - The CSV text.
 * @param options - Tenant, mode, mapping, defaults, id column, delimiter, offices, store.
 * @returns The outcome (with a store, a promise of it, which never rejects).
 * @throws Nothing: bad text, bad options and store failures are all in the
 * result (`ok: false` with a typed `error`).
 * @example
 * ```ts
 * const offices = [{ id: 'off-1', name: 'Elm Street Pediatrics' }];
 * const csv = 'Name,Title,Office\r\nDana Ruiz,Office Manager,elm street pediatrics\r\nLee,NP,Elm St Peds\r\n';
 * const result = importContactsCsv(csv, { tenantId: 't1', offices, mode: 'skip-invalid-rows' });
 * result.records.map((c) => [c.name, c.role, c.officeId]);
 * //=> [['Dana Ruiz', 'office-manager', 'off-1']]
 * result.rejected;
 * //=> [{ row: 3, issues: [{ column: 'Office', message: 'no office is named "Elm St Peds"', code: 'unknown_office' }] }]
 * ```
 * @category Interop
 */
export function importContactsCsv(text: string, options: ContactsCsvOptions & { readonly store: ReferwellStore }): Promise<CsvImportResult<Contact>>;
export function importContactsCsv(text: string, options: ContactsCsvOptions & { readonly store?: undefined }): CsvImportResult<Contact>;
export function importContactsCsv(text: string, options: ContactsCsvOptions): CsvImportResult<Contact> | Promise<CsvImportResult<Contact>>;
export function importContactsCsv(
  text: string,
  options: ContactsCsvOptions,
): CsvImportResult<Contact> | Promise<CsvImportResult<Contact>> {
  const checked = checkImportOptions<typeof optionsSchema, Contact>(optionsSchema, options);
  if (!checked.ok) return checked.result;
  const opts = checked.options;
  const defaults = opts.defaults ?? {};
  const target = opts.store;
  if (target === undefined) {
    const offices = opts.offices === undefined ? undefined : knownOffices(opts.offices, '');
    return importTable(text, tableOptions(opts), contactSpec(opts.tenantId, defaults, offices));
  }
  return (async (): Promise<CsvImportResult<Contact>> => {
    let offices: KnownOffices;
    try {
      offices = knownOffices(await storedOffices(target), ' in the store');
    } catch (cause) {
      const error = ReferwellError.isInstance(cause)
        ? cause
        : new StoreError(target.adapter, cause instanceof Error ? cause.message : String(cause), { cause });
      return { ok: false, records: [], rejected: [], columns: [], rows: 0, error };
    }
    const result = importTable(text, tableOptions(opts), contactSpec(opts.tenantId, defaults, offices));
    return storeRecords(result, target, 'contact');
  })();
}
