import { defineConfig } from 'tsup';
// One entry list for the build and the API reference (typedoc.config.mjs reads it too).
import entries from './entries.json' with { type: 'json' };

// Drivers and the test runner are the host's: never bundled, never loaded by the core.
const external = ['better-sqlite3', 'pg', '@electric-sql/pglite', 'vitest'];

export default defineConfig([
  {
    entry: entries,
    format: ['esm', 'cjs'],
    dts: true,
    // `npm run build` empties dist first; two configs cleaning at once would race.
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
    external,
  },
  {
    // The `referwell` command: one ES module file with its shebang, not part of the API.
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    external,
  },
]);
