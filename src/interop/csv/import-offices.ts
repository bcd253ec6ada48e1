import { z } from 'zod';
import { officeSchema, type Office } from '../../model/office';
import { labelSchema, timeZoneSchema } from '../../model/primitives';
import { officeKindSchema, officeLifecycleSchema, type OfficeKind, type OfficeLifecycle } from '../../model/vocabulary';
import type { ReferwellStore } from '../../store/store';
import type { HeaderAliases } from './columns';
import { store as storeRecords, type CsvImportResult } from './import-result';
import {
  checkImportOptions,
  importOptionsSchema,
  importTable,
  tableOptions,
  type CsvImportOptions,
  type FieldIssue,
  type TableSpec,
} from './import-table';
import { nameKey, readLifecycle, readOfficeKind, readTags } from './values';

/**
 * The fields a column of an offices CSV can fill. The address parts fill
 * `address.line1` … `address.country`.
 *
 * @category Interop
 */
export const officeCsvFields = [
  'id',
  'name',
  'kind',
  'lifecycle',
  'line1',
  'line2',
  'city',
  'region',
  'postalCode',
  'country',
  'timeZone',
  'tier',
  'tags',
  'createdAt',
  'notes',
] as const;

/** A field of an offices CSV (see {@link officeCsvFields}). @category Interop */
export type OfficeCsvField = (typeof officeCsvFields)[number];

/**
 * The headers recognised for each office field by default, compared
 * case-insensitively ignoring spaces and punctuation (`"Office Name"`,
 * `office_name` and `OFFICE-NAME` are all `officename`).
 *
 * @category Interop
 */
export const officeCsvHeaders: HeaderAliases<OfficeCsvField> = {
  id: ['id', 'officeid', 'externalid'],
  name: ['name', 'officename', 'office', 'practice', 'practicename', 'clinic', 'clinicname', 'organization', 'organisation', 'organizationname'],
  kind: ['kind', 'officekind', 'type', 'officetype', 'specialty', 'speciality'],
  lifecycle: ['lifecycle', 'status', 'stage', 'relationship', 'relationshipstatus'],
  line1: ['line1', 'address', 'address1', 'addressline1', 'street', 'streetaddress'],
  line2: ['line2', 'address2', 'addressline2', 'suite', 'unit'],
  city: ['city', 'town', 'locality'],
  region: ['region', 'state', 'province', 'stateprovince', 'stateorprovince'],
  postalCode: ['postalcode', 'zip', 'zipcode', 'postcode', 'postal'],
  country: ['country', 'countrycode'],
  timeZone: ['timezone', 'tz', 'zone'],
  tier: ['tier'],
  tags: ['tags', 'tag', 'labels'],
  createdAt: ['createdat', 'created'],
  notes: ['notes', 'note', 'comments', 'comment'],
};

/**
 * Values for office fields a row leaves empty.
 *
 * @category Interop
 */
export interface OfficeCsvDefaults {
  /** The kind of office when the row has none (otherwise a `kind` column is required). */
  readonly kind?: OfficeKind;
  /** The lifecycle stage when the row has none (the model's default is `prospect`). */
  readonly lifecycle?: OfficeLifecycle;
  /** The office's time zone when the row has none (the model's default: the practice's). */
  readonly timeZone?: string;
  /** The tier when the row has none. */
  readonly tier?: string;
  /** Tags added to every office, before the row's own. */
  readonly tags?: readonly string[];
  /** The country when the row has none. */
  readonly country?: string;
}

/**
 * The {@link importOfficesCsv} options.
 *
 * @category Interop
 */
export type OfficesCsvOptions = CsvImportOptions<OfficeCsvField, OfficeCsvDefaults>;

const defaultsSchema = z.object({
  kind: officeKindSchema.optional(),
  lifecycle: officeLifecycleSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  tier: labelSchema.optional(),
  tags: z.array(labelSchema).optional(),
  country: labelSchema.optional(),
});

const optionsSchema = importOptionsSchema(officeCsvFields, defaultsSchema);

const addressFields = new Set<string>(['line1', 'line2', 'city', 'region', 'postalCode', 'country']);

/** The offices importer's part of the shared steps. */
function officeSpec(tenantId: string, defaults: z.output<typeof defaultsSchema>): TableSpec<OfficeCsvField, Office> {
  return {
    subject: 'offices CSV',
    idPrefix: 'office',
    aliases: officeCsvHeaders,
    schema: officeSchema as z.ZodType<Office>,
    idField: 'id',
    headerIssues(index) {
      const issues = [];
      if (!index.has('name')) {
        issues.push({ column: null, message: 'no column for the office name: expected a header such as "Name" or "Office Name", or map one', code: 'missing_column' });
      }
      if (!index.has('kind') && defaults.kind === undefined) {
        issues.push({ column: null, message: 'no column for the office kind: expected a header such as "Kind" or "Type", map one, or give defaults.kind', code: 'missing_column' });
      }
      return issues;
    },
    build(cell) {
      const issues: FieldIssue<OfficeCsvField>[] = [];
      const name = cell('name');
      if (name === undefined) issues.push({ field: 'name', message: 'is empty; an office needs a name', code: 'required' });

      let kind: OfficeKind | undefined = defaults.kind;
      const kindText = cell('kind');
      if (kindText !== undefined) {
        const read = readOfficeKind(kindText);
        if (read.ok) kind = read.value;
        else issues.push({ field: 'kind', message: read.message, code: 'invalid_value' });
      } else if (kind === undefined) issues.push({ field: 'kind', message: 'is empty and no defaults.kind is given', code: 'required' });

      let lifecycle: OfficeLifecycle | undefined = defaults.lifecycle;
      const lifecycleText = cell('lifecycle');
      if (lifecycleText !== undefined) {
        const read = readLifecycle(lifecycleText);
        if (read.ok) lifecycle = read.value;
        else issues.push({ field: 'lifecycle', message: read.message, code: 'invalid_value' });
      }

      const address: Record<string, string> = {};
      for (const field of addressFields) {
        const value = cell(field as OfficeCsvField) ?? (field === 'country' ? defaults.country : undefined);
        if (value !== undefined) address[field] = value;
      }
      const tagsText = cell('tags');
      const tags = [...new Set([...(defaults.tags ?? []), ...(tagsText === undefined ? [] : readTags(tagsText))])];
      const timeZone = cell('timeZone') ?? defaults.timeZone;
      const tier = cell('tier') ?? defaults.tier;
      const createdAt = cell('createdAt');
      const notes = cell('notes');

      const input: Record<string, unknown> = { tenantId, tags };
      if (name !== undefined) input['name'] = name;
      if (kind !== undefined) input['kind'] = kind;
      if (lifecycle !== undefined) input['lifecycle'] = lifecycle;
      if (Object.keys(address).length > 0) input['address'] = address;
      if (timeZone !== undefined) input['timeZone'] = timeZone;
      if (tier !== undefined) input['tier'] = tier;
      if (createdAt !== undefined) input['createdAt'] = createdAt;
      if (notes !== undefined) input['notes'] = notes;
      const key = [nameKey(name ?? ''), ...['line1', 'line2', 'city', 'region', 'postalCode'].map((f) => nameKey(address[f] ?? ''))];
      return { input, issues, key };
    },
    fieldOfPath(path) {
      const [first, second] = path;
      if (first === 'address' && typeof second === 'string' && addressFields.has(second)) return second as OfficeCsvField;
      if (first === 'createdAt' || (typeof first === 'string' && (officeCsvFields as readonly string[]).includes(first))) {
        return first as OfficeCsvField;
      }
      return undefined;
    },
  };
}

/**
 * Imports offices from CSV text — a spreadsheet of referral sources exported as
 * CSV — with row- and column-numbered problems.
 *
 * **Reading.** csv-parse reads the text: quoted fields with embedded commas,
 * quotes (`""`) and line breaks, a UTF-8 BOM, CRLF/LF/CR line endings. The first
 * non-blank row is the header; blank rows are skipped. Rows are numbered as a
 * spreadsheet shows them: the header is row 1 and a quoted line break does not
 * start a new row.
 *
 * **Columns.** Headers are recognised case-insensitively, ignoring spaces and
 * punctuation (see {@link officeCsvHeaders}: "Office Name" → `name`, "Zip" →
 * `postalCode`, "Type" → `kind` …); `mapping` overrides them (`null` ignores a
 * column); other columns are ignored, and `columns` in the result says how each
 * was read. A `name` column is required, and a `kind` column unless
 * `defaults.kind` is given.
 *
 * **Cells.** Cells are trimmed; an empty cell leaves the field to `defaults` or
 * the model's default. Kinds, lifecycle stages and roles are read the way people
 * write them: case and punctuation are ignored ("Primary Care", "OB/GYN") and
 * common synonyms are understood ("Family Medicine" and "PCP" → `primary-care`,
 * "Peds" → `pediatrics`). Tags are split on `;`, `|` or `,`. Each row is then
 * validated against {@link officeSchema}.
 *
 * **Ids.** From the `idFrom` column, else from a column recognised as the id;
 * otherwise (and for empty id cells) generated: `office-` and 16 hex digits
 * hashing the office's name and address (case and spacing ignored), so that
 * importing the same sheet again updates the same offices. Two rows with one id
 * are a problem on the second.
 *
 * **Problems.** Each is reported with its row and column header. In
 * `all-or-nothing` mode (the default) any problem fails the import; in
 * `skip-invalid-rows` mode bad rows are left out. A row is accepted whole or
 * not at all. With `store`, the accepted offices are upserted in one atomic
 * `store.write` (last writer wins; nothing is written when the import fails).
 *
 * @param text - The CSV text (decode files first, e.g. `await file.text()`).
 * @param options - Tenant, mode, mapping, defaults, id column, delimiter, store.
 * @returns The outcome (with a store, a promise of it, which never rejects).
 * @throws Nothing: bad text, bad options and store failures are all in the
 * result (`ok: false` with a typed `error`).
 * @example
 * ```ts
 * const csv = 'Office Name,Type,City\r\n"Elm Street Pediatrics, PC",Peds,Springfield\r\n';
 * const result = importOfficesCsv(csv, { tenantId: 't1' });
 * result.ok && result.records[0];
 * //=> { id: 'office-…', tenantId: 't1', name: 'Elm Street Pediatrics, PC', kind: 'pediatrics', address: { city: 'Springfield' }, tags: [], lifecycle: 'prospect' }
 * importOfficesCsv('Name,Type\r\nElm,Dentist\r\n', { tenantId: 't1' }).rejected;
 * //=> [{ row: 2, issues: [{ column: 'Type', message: '"Dentist" is not one of primary-care, …', code: 'invalid_value' }] }]
 * ```
 * @category Interop
 */
export function importOfficesCsv(text: string, options: OfficesCsvOptions & { readonly store: ReferwellStore }): Promise<CsvImportResult<Office>>;
export function importOfficesCsv(text: string, options: OfficesCsvOptions & { readonly store?: undefined }): CsvImportResult<Office>;
export function importOfficesCsv(text: string, options: OfficesCsvOptions): CsvImportResult<Office> | Promise<CsvImportResult<Office>>;
export function importOfficesCsv(
  text: string,
  options: OfficesCsvOptions,
): CsvImportResult<Office> | Promise<CsvImportResult<Office>> {
  const checked = checkImportOptions<typeof optionsSchema, Office>(optionsSchema, options);
  if (!checked.ok) return checked.result;
  const opts = checked.options;
  const result = importTable(text, tableOptions(opts), officeSpec(opts.tenantId, opts.defaults ?? {}));
  return opts.store === undefined ? result : storeRecords(result, opts.store, 'office');
}
