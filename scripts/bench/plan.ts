/**
 * Times `planActions` on the "large" generated practice (2,000 offices, 200,000
 * touchpoints, 20,000 referrals): one warm-up run, then three timed runs.
 * Run: `npx tsx scripts/bench/plan.ts`.
 */
import { planActions } from '../../src/engine/plan';
import { indexSnapshot } from '../../src/model/history';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { generatePractice } from '../../src/testing/generator';

const now = '2026-03-02T18:00:00Z';
const snapshot = generatePractice({ seed: 1, offices: 2000, now, touchpoints: 200_000, referrals: 20_000 });
planActions({ snapshot, playbook: defaultPlaybook, now });
for (let run = 1; run <= 3; run += 1) {
  let started = performance.now();
  indexSnapshot(snapshot);
  const index = performance.now() - started;
  started = performance.now();
  const actions = planActions({ snapshot, playbook: defaultPlaybook, now });
  const plan = performance.now() - started;
  console.log(`run ${run}: indexSnapshot ${index.toFixed(0)} ms, planActions ${plan.toFixed(0)} ms (${actions.length} actions)`);
}
