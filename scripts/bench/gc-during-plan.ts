/**
 * The collector's pauses inside `planActions`: the stored fixture (large, or
 * `scale` times large) is prepared as `npm run bench` prepares it, kept in its
 * memory store as the benchmark keeps it (a module constant: alive to the end),
 * and planned four times, each after a
 * forced full collection; for each run it prints the time and the collections that
 * started during it, by kind (`PerformanceObserver` "gc" entries, named from
 * `perf_hooks.constants`: minor is a scavenge of the young generation, major a
 * full mark-compact). Not a figure of record.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/gc-during-plan.ts [scale=1]`
 *
 * @module
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { planActions } from '../../src/engine/plan';
import { defaultPlaybook } from '../../src/playbook/playbook';
import { BENCH_NOW, storedFixture } from './fixtures';
import { collectGarbage } from './timing';

const scale = Number(process.argv[2] ?? 1);
if (!Number.isSafeInteger(scale) || scale < 1) throw new Error('usage: gc-during-plan.ts [scale ≥ 1]');
const fixture = await storedFixture('large', scale);
const { snapshot } = fixture;
const gc = collectGarbage();
let entries: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => void entries.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });
/** The name of a collection kind, as `perf_hooks.constants` names it. */
function kindName(kind: number): string {
  const names: [number, string][] = [
    [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
    [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
    [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weak callbacks'],
  ];
  return names.find(([value]) => value === kind)?.[1] ?? `kind ${kind}`;
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
for (let run = 0; run < 4; run += 1) {
  gc();
  await tick();
  entries = [];
  const started = performance.now();
  const actions = planActions({ snapshot, playbook: defaultPlaybook, now: BENCH_NOW }).length;
  const ended = performance.now();
  await tick(); // the observer reports asynchronously
  const byKind = new Map<number, { count: number; ms: number }>();
  for (const entry of entries) {
    if (entry.startTime < started || entry.startTime > ended) continue;
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
    const sum = byKind.get(kind) ?? { count: 0, ms: 0 };
    sum.count += 1;
    sum.ms += entry.duration;
    byKind.set(kind, sum);
  }
  const pauses = [...byKind].map(([kind, sum]) => `${kindName(kind)} ${sum.count}× (${sum.ms.toFixed(1)} ms in all)`).join(', ');
  console.log(`${scale}× run ${run}: ${(ended - started).toFixed(0)} ms, ${actions} actions; collections: ${pauses || 'none'}`);
}
observer.disconnect();
