/**
 * Each default play's `plan` over every office of the stored large fixture, with
 * the whole `planIndex` (on an index built once) and `indexSnapshot` alongside,
 * all in turns for 22 rounds after 3 warm-up rounds, without forced collections.
 * Prints the fastest and the median run of each, in ms. Shows where (b) goes;
 * not a figure of record.
 *
 * Run: `node --max-old-space-size=12288 --import tsx scripts/bench/per-play.ts [play-id]`
 * (with a play id, only that play besides `planIndex` and `indexSnapshot`).
 *
 * @module
 */
import { momentFor, playContext, toMillis } from '../../src/engine/context';
import { planIndex } from '../../src/engine/plan';
import { indexSnapshot } from '../../src/model/history';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { defaultPlays } from '../../src/plays/default-plays';
import { BENCH_NOW, storedFixture } from './fixtures';

const only = process.argv[2];
if (only !== undefined && !defaultPlays.some((play) => play.id === only)) {
  throw new Error(`unknown play ${JSON.stringify(only)}; one of ${defaultPlays.map((play) => play.id).join(', ')}`);
}
const { snapshot } = await storedFixture('large');
const index = indexSnapshot(snapshot);
const moment = momentFor(index.context, toMillis(BENCH_NOW));
const histories = [...index.offices.values()];

const tasks: [string, () => unknown][] = [
  ['planIndex', () => planIndex({ index, playbook: defaultPlaybook, now: BENCH_NOW })],
  ['indexSnapshot', () => indexSnapshot(snapshot)],
];
for (const play of defaultPlays) {
  if (only !== undefined && play.id !== only) continue;
  const ctx = playContext(play, defaultPlaybook, moment);
  tasks.push([
    play.id,
    () => {
      let drafts = 0;
      for (const history of histories) drafts += play.plan(history, ctx).length;
      return drafts;
    },
  ]);
}

const WARMUPS = 3;
const ROUNDS = 22;
const times = new Map<string, number[]>(tasks.map(([name]) => [name, []]));
for (let round = 0; round < WARMUPS + ROUNDS; round += 1) {
  for (const [name, task] of tasks) {
    const started = performance.now();
    task();
    if (round >= WARMUPS) times.get(name)!.push(performance.now() - started);
  }
}
let playsTotal = 0;
for (const [name, runs] of times) {
  runs.sort((x, y) => x - y);
  if (name !== 'planIndex' && name !== 'indexSnapshot') playsTotal += runs[0]!;
  console.log(`${name.padEnd(18)} fastest ${runs[0]!.toFixed(1).padStart(6)}   median ${runs[runs.length >> 1]!.toFixed(1).padStart(6)}`);
}
console.log(`plays' fastest runs add up to ${playsTotal.toFixed(1)} ms`);
