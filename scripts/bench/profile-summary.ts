/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time aggregated by
 * function and file, highest first.
 *
 * Run: `npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top=25] [filter]`
 * (`filter`: keep only samples taken at or below a frame whose function name matches).
 * Then prints the same table by total (inclusive) time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, topArg, filter] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile> [top] [filter]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 25);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** Whether a node lies under a frame whose name matches the filter. */
const underFilter = new Map<number, boolean>();
function isUnder(id: number): boolean {
  if (filter === undefined) return true;
  const known = underFilter.get(id);
  if (known !== undefined) return known;
  const node = byId.get(id)!;
  const up = parent.get(id);
  const result = node.callFrame.functionName === filter || (up !== undefined && isUnder(up));
  underFilter.set(id, result);
  return result;
}

function keyOf(id: number): string {
  const frame = byId.get(id)!.callFrame;
  const where = frame.url.replace(/^.*\/(src|scripts|node_modules)\//, '$1/');
  return `${frame.functionName || '(anonymous)'}  ${where}`;
}

const selfUs = new Map<string, number>();
const totalUs = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  if (!isUnder(id)) return;
  const key = keyOf(id);
  selfUs.set(key, (selfUs.get(key) ?? 0) + delta);
  total += delta;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
  for (const k of seen) totalUs.set(k, (totalUs.get(k) ?? 0) + delta);
});

console.log(`total ${(total / 1000).toFixed(0)} ms${filter ? ` under ${filter}` : ''}`);
for (const [title, table] of [['self', selfUs], ['total', totalUs]] as const) {
  console.log(`-- by ${title} time`);
  for (const [key, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
}
