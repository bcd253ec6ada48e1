/**
 * `referwell/testing`: the storage conformance suite for adapter authors, and the
 * seeded synthetic practice generator.
 *
 * This entry imports `vitest` (through the conformance suite), so only test files
 * should import it. Code that runs outside tests — the CLI demo, benchmarks — imports
 * the generator from its own module, which needs no dev dependency.
 *
 * @module
 */
export {
  describeStoreConformance,
  type Awaitable,
  type ConformanceHarness,
  type MigrationDatabase,
  type MigrationHarness,
  type RawRow,
  type SeedRow,
  type StoreConformanceCommonOptions,
  type StoreConformanceOptions,
  type StoreInspector,
} from './conformance';
export { generatePractice, type GeneratePracticeOptions } from './generator';
