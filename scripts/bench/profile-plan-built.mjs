/**
 * `planIndex` alone (the index built once), 40 calls, on the *built* package, so
 * that a CPU profile's line numbers point into readable `dist/` code: the tsx
 * loader's transpiled sources put every line at 1. Uses the generator's objects
 * directly (no store round trip).
 *
 * Run: `npm run build`, then
 * `node --cpu-prof --cpu-prof-dir=<dir> scripts/bench/profile-plan-built.mjs`; then
 * `npx tsx scripts/bench/profile-summary.ts <dir>/<file>.cpuprofile 25 planOnly`
 * (per function) and `npx tsx scripts/bench/profile-lines.ts <dir>/<file>.cpuprofile
 * dist/<chunk>.js <function>` (per line of one function).
 */
import { defaultPlaybook, indexSnapshot, planIndex } from '../../dist/index.js';
import { generatePractice } from '../../dist/testing.js';

const now = '2026-03-02T14:00:00Z';
const snapshot = generatePractice({ seed: 1, offices: 2000, now, touchpoints: 200_000, referrals: 20_000 });
const index = indexSnapshot(snapshot);
function planOnly() {
  return planIndex({ index, playbook: defaultPlaybook, now });
}
const started = performance.now();
for (let run = 0; run < 40; run += 1) planOnly();
console.log(`planIndex: ${((performance.now() - started) / 40).toFixed(1)} ms per call (40 calls)`);
