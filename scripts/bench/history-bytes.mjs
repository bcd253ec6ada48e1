/**
 * Heap bytes an office history takes, on a *built* package: 100,000 histories
 * of one office with no records (`buildOfficeHistory`), kept alive, measured as
 * the growth of the used heap between two full collections. Includes the
 * history's four empty lists (its contacts, times, referrals and thank-yous).
 * Pass another checkout's `dist/index.js` to compare builds. Not a figure of
 * record.
 *
 * Run: `npm run build`, then `node --expose-gc scripts/bench/history-bytes.mjs [dist/index.js]`
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const path = resolve(process.argv[2] ?? 'dist/index.js');
const { buildOfficeHistory, practiceContext } = await import(pathToFileURL(path).href);
const practice = { tenantId: 't1', name: 'Practice', timeZone: 'America/Chicago', holidays: [] };
const office = { id: 'off-1', tenantId: 't1', name: 'Office', kind: 'primary-care', tags: [], lifecycle: 'active' };
const context = practiceContext({ practice, messages: [], clinicians: [] });
const none = { contacts: [], touchpoints: [], referrals: [], thankYous: [] };
const count = 100_000;
const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

for (let i = 0; i < 1_000; i += 1) buildOfficeHistory(office, context, none); // warm up
const kept = new Array(count);
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < count; i += 1) kept[i] = buildOfficeHistory(office, context, none);
gc();
const after = process.memoryUsage().heapUsed;
// The list holding them is counted in neither figure: it was allocated before.
console.log(`${path}: ${((after - before) / count).toFixed(0)} heap bytes per history (${count} kept)`);
if (kept.length !== count) throw new Error('unreachable');
