/**
 * (d) alone on the stored large fixture, 2 warm-up and 15 timed runs, with a given
 * pause after each forced collection: shows how much of (d)'s spread comes from
 * the collector's background work after the forced collection. Prints the median
 * and every run, fastest first. Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/desk-settle.ts [pause-ms=0]`
 *
 * @module
 */
import { measureDesk } from './desk';
import { storedFixture } from './fixtures';

const settleMs = Number(process.argv[2] ?? 0);
if (!Number.isFinite(settleMs) || settleMs < 0) throw new Error(`pause-ms must be a number ≥ 0, not ${process.argv[2]}`);
const fixture = await storedFixture('large');
const desk = await measureDesk(fixture.store, fixture.snapshot, { warmups: 2, runs: 15, settleMs });
if (!desk.check.equal) throw new Error('[referwell] bench: the desk and the full plan disagree');
const runs = [...desk.runsMs].sort((a, b) => a - b).map((ms) => ms.toFixed(1));
console.log(`pause ${settleMs} ms: (d) median ${desk.medianMs.toFixed(2)} ms; runs ${runs.join(' ')}`);
