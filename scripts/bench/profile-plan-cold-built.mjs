/**
 * `planActions` on the *built* package, 30 calls, each after a full collection
 * (as (b) is measured), so that a CPU profile shows the cold plan with line
 * numbers in readable `dist/` code. Uses the generator's objects directly. Prints
 * the median and fastest call.
 *
 * Run: `npm run build`, then
 * `node --expose-gc --cpu-prof --cpu-prof-dir=<dir> scripts/bench/profile-plan-cold-built.mjs`;
 * then `npx tsx scripts/bench/profile-summary.ts <dir>/<file>.cpuprofile 16 planAll`.
 */
import { defaultPlaybook, planActions } from '../../dist/index.js';
import { generatePractice } from '../../dist/testing.js';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const now = '2026-03-02T14:00:00Z';
const snapshot = generatePractice({ seed: 1, offices: 2000, now, touchpoints: 200_000, referrals: 20_000 });
function planAll() {
  return planActions({ snapshot, playbook: defaultPlaybook, now });
}
const times = [];
for (let run = 0; run < 30; run += 1) {
  globalThis.gc();
  const started = performance.now();
  planAll();
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(`planActions, cold: median ${times[15].toFixed(1)} ms, fastest ${times[0].toFixed(1)} ms (30 calls)`);
