/**
 * Self time per source line of one function in a V8 CPU profile (from the
 * profile's position ticks), highest first, with the line's text.
 *
 * Run: `npx tsx scripts/bench/profile-lines.ts <file.cpuprofile> <file-of-the-function> [function] [top=25]`
 * (the file as it appears in the profile's URLs, e.g. `dist/index.js`; without a
 * function name, every function of that file).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

const [file, source, fn, topArg] = process.argv.slice(2);
if (file === undefined || source === undefined) {
  throw new Error('usage: profile-lines <file.cpuprofile> <file-of-the-function> [function] [top]');
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { readonly nodes: readonly ProfileNode[] };
const ticksByLine = new Map<number, number>();
for (const node of profile.nodes) {
  if (!node.callFrame.url.endsWith(source) || (fn !== undefined && fn !== '' && node.callFrame.functionName !== fn)) continue;
  for (const { line, ticks } of node.positionTicks ?? []) ticksByLine.set(line, (ticksByLine.get(line) ?? 0) + ticks);
}
const total = [...ticksByLine.values()].reduce((sum, ticks) => sum + ticks, 0);
const lines = readFileSync(source, 'utf8').split('\n');
for (const [line, ticks] of [...ticksByLine].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) {
  const share = ((100 * ticks) / total).toFixed(1);
  console.log(`${String(ticks).padStart(6)} ${share.padStart(5)}%  ${String(line).padStart(5)}  ${lines[line - 1]?.trim().slice(0, 110) ?? ''}`);
}
