import { defineConfig } from 'tsup';
// One entry list for the build and the API reference (typedoc.config.mjs reads it too).
import entries from './entries.json' with { type: 'json' };

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // Drivers and the test runner are the host's: never bundled, never loaded by the core.
  external: ['better-sqlite3', 'pg', '@electric-sql/pglite', 'vitest'],
});
