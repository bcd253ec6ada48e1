/**
 * The package version, read from referwell's own package.json.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds referwell's package.json by walking up from this file — `dist/cli.js`
 * once built, `src/cli/version.ts` when run from source — and returns its
 * version. Works wherever the package is installed (node_modules, a global
 * prefix, the npx cache), since it never depends on the working directory.
 *
 * @param from - The file to start from; default this module.
 * @returns The version, or `0.0.0-unknown` when no package.json named `referwell` is found.
 * @example
 * ```ts
 * packageVersion(); //=> '0.0.0'
 * ```
 * @category CLI
 */
export function packageVersion(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (json.name === 'referwell' && typeof json.version === 'string') return json.version;
    } catch {
      // No (readable) package.json here: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0-unknown';
    dir = parent;
  }
}
