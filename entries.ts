/**
 * The package's public entry points, read by tsup (the build) and typedoc (the API
 * reference) so that the two can never disagree. Keys are output names under
 * `dist/`; each matches a subpath of the `exports` map in package.json.
 */
export const entries = {
  index: 'src/index.ts',
} as const;
