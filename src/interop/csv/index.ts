/**
 * CSV: import offices and contacts from spreadsheets with row- and
 * column-numbered problems; export source rankings and intake metrics.
 * Reading is csv-parse's and writing csv-stringify's.
 *
 * @module
 */
export {
  intakeMetricsCsvColumns,
  intakeMetricsToCsv,
  type IntakeMetricsCsvOptions,
  type ScopedIntakeMetrics,
} from './export-intake-metrics';
export { sourcesCsvColumns, sourcesToCsv } from './export-sources';
export {
  contactCsvFields,
  contactCsvHeaders,
  importContactsCsv,
  type ContactCsvDefaults,
  type ContactCsvField,
  type ContactsCsvOptions,
} from './import-contacts';
export {
  importOfficesCsv,
  officeCsvFields,
  officeCsvHeaders,
  type OfficeCsvDefaults,
  type OfficeCsvField,
  type OfficesCsvOptions,
} from './import-offices';
export type { CsvColumn, CsvImportMode, CsvImportResult, CsvIssue, CsvRejectedRow } from './import-result';
export type { CsvImportOptions } from './import-table';
export type { HeaderAliases } from './columns';
export type { CsvExportOptions } from './write-csv';
