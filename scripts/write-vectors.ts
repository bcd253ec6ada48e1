/**
 * Writes the test vectors shipped in `vectors/` from test/vectors/cases.ts.
 * Run after an intended change of behaviour: `npm run vectors`; review the diff.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectorCases } from '../test/vectors/cases';
import { vectorFor } from '../test/vectors/compute';

const dir = join(import.meta.dirname, '..', 'vectors');
mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) if (file.endsWith('.json')) rmSync(join(dir, file));
for (const vectorCase of vectorCases) {
  writeFileSync(join(dir, `${vectorCase.name}.json`), `${JSON.stringify(vectorFor(vectorCase), null, 2)}\n`);
}
console.log(`[referwell] wrote ${vectorCases.length} vectors to ${dir}`);
