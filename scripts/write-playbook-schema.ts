/**
 * Writes the playbook JSON Schema to `playbook.schema.json` at the repository root
 * (it ships in the package as `referwell/playbook.schema.json`). Run at build
 * time: `tsx scripts/write-playbook-schema.ts [output-path]`.
 *
 * The output is stable (the same source gives the same bytes): 2-space indent and
 * a trailing newline, so a stale file shows up as a diff.
 *
 * Only the schema of the current format version (`PLAYBOOK_VERSION`, `$id`
 * `…/playbook/v<version>.json`) ships: documents of older versions are migrated
 * by `parsePlaybook` rather than validated against an old schema.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { playbookJsonSchema } from '../src/playbook/json-schema';

const defaultOutput = fileURLToPath(new URL('../playbook.schema.json', import.meta.url));
const output = process.argv[2] === undefined ? defaultOutput : resolve(process.argv[2]);

writeFileSync(output, `${JSON.stringify(playbookJsonSchema(), null, 2)}\n`, 'utf8');
console.log(`[referwell] wrote ${output}`);
