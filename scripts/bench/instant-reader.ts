/**
 * `readInstant` against `Date.parse` on the `at` of every touchpoint of the
 * generated large fixture: the median of 15 passes each, in turns. Not a figure of
 * record.
 *
 * Run: `npx tsx scripts/bench/instant-reader.ts`
 *
 * @module
 */
import { readInstant } from '../../src/calendar/instant';
import { generateFixture } from './fixtures';
import { median } from './timing';

const texts = generateFixture('large').touchpoints.map((touchpoint) => touchpoint.at);
const readers = { readInstant, 'Date.parse': (text: string) => Date.parse(text) };
const runs: Record<string, number[]> = { readInstant: [], 'Date.parse': [] };
let sum = 0;
for (let round = 0; round < 17; round += 1) {
  for (const [name, read] of Object.entries(readers)) {
    const started = performance.now();
    for (let i = 0; i < texts.length; i += 1) sum += read(texts[i]!);
    if (round >= 2) runs[name]!.push(performance.now() - started);
  }
}
if (!Number.isFinite(sum)) throw new Error('[referwell] bench: an instant did not parse');
const [ours, builtIn] = [median(runs['readInstant']!), median(runs['Date.parse']!)];
console.log(`${texts.length} instants: readInstant ${ours.toFixed(1)} ms, Date.parse ${builtIn.toFixed(1)} ms (${(builtIn / ours).toFixed(1)}×)`);
