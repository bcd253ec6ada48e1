// The API reference is generated from the same entry list as the build.
import { readFileSync } from 'node:fs';

const entries = JSON.parse(readFileSync(new URL('./entries.json', import.meta.url), 'utf8'));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints: Object.values(entries),
  out: 'docs/api',
  name: 'referwell',
  readme: 'README.md',
  tsconfig: 'tsconfig.json',
  disableSources: true,
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  // Every export must be documented. Properties are left out: the zod schemas'
  // inferred object types would otherwise demand a comment per generated field.
  requiredToBeDocumented: ['Enum', 'Variable', 'Function', 'Class', 'Interface', 'TypeAlias', 'Namespace'],
  categorizeByGroup: false,
  defaultCategory: 'Other',
  sort: ['kind', 'alphabetical'],
};
