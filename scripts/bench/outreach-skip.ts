/**
 * What the outreach-only skip saves on (b): `planActions` on the stored "large"
 * fixture as the benchmark runs it, against the same call with every play asked
 * for every office (each play's `outreachOnly` taken away, so the nuisance floor
 * drops the drafts after they are made, as before the skip), with the floor (a)
 * alongside. All three in turns, a full collection before each run. Also prints
 * how many offices are planned for and how many of them lie inside the follow-up
 * nuisance floor, and each play's drafts for those offices, by what drops them.
 * Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/outreach-skip.ts [runs=11]`.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { momentFor, playContext } from '../../src/engine/context';
import { planActions } from '../../src/engine/plan';
import { indexSnapshot } from '../../src/model/history';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { defaultPlays } from '../../src/plays/default-plays';
import { followUpFacts } from '../../src/plays/follow-up/status';
import { BENCH_NOW, storedFixture } from './fixtures';
import { floorPass } from './floor';
import { sampleTogether, time } from './timing';

const runs = Number(process.argv[2] ?? 11);
const { snapshot } = await storedFixture('large');
const asked = defaultPlays.map((play) => ({ ...play, outreachOnly: false }));

// The offices planned for, and those inside the floor.
const index = indexSnapshot(snapshot);
const moment = momentFor(index.context, Date.parse(BENCH_NOW));
const policy = defaultPlaybook.plays['follow-up'];
const planned = [...index.offices.values()].filter((history) =>
  (defaultPlaybook.planning.lifecycles as readonly string[]).includes(history.office.lifecycle),
);
const inside = planned.filter((history) => {
  const facts = followUpFacts(history, policy, moment.now, moment.timeZone);
  return facts.daysSince !== null && facts.daysSince < policy.nuisanceFloorDays;
});
console.log(`offices planned for: ${planned.length}; inside the ${policy.nuisanceFloorDays}-day nuisance floor: ${inside.length}`);
const insideIds = new Set(inside.map((history) => history.office.id));
for (const play of defaultPlays) {
  const context = playContext(play, defaultPlaybook, moment);
  let drafts = 0;
  let dropped = 0;
  for (const history of planned) {
    for (const draft of play.plan(history, context)) {
      drafts += 1;
      if (draft.outreach && insideIds.has(history.office.id)) dropped += 1;
    }
  }
  console.log(`  ${play.id.padEnd(16)} outreachOnly ${String(play.outreachOnly === true).padEnd(5)} drafts ${drafts}, dropped by the floor ${dropped}`);
}

let sink = 0;
let skipped: unknown;
let everyPlay: unknown;
const result = await sampleTogether(
  {
    floor: () => time(() => (sink += floorPass(snapshot).parsed)),
    skip: () => time(() => (skipped = planActions({ snapshot, playbook: defaultPlaybook, now: BENCH_NOW }))),
    asked: () => time(() => (everyPlay = planActions({ snapshot, playbook: defaultPlaybook, now: BENCH_NOW, plays: asked }))),
  },
  { warmups: 2, runs },
);
if (sink <= 0) throw new Error('[referwell] bench: the floor pass parsed nothing');
const list = (values: readonly number[]) => values.map((value) => value.toFixed(0)).join(' ');
console.log(`(a) floor                          ${result.floor.medianMs.toFixed(1)} ms  [${list(result.floor.runsMs)}]`);
console.log(`(b) planActions                    ${result.skip.medianMs.toFixed(1)} ms  [${list(result.skip.runsMs)}]`);
console.log(`(b) planActions, every play asked  ${result.asked.medianMs.toFixed(1)} ms  [${list(result.asked.runsMs)}]`);
console.log(`same actions: ${isDeepStrictEqual(skipped, everyPlay)}`);
