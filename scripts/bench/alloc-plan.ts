/**
 * Where `planActions` allocates: V8's sampling heap profiler (through the
 * inspector) over three plans of the stored large fixture, after one untimed
 * plan, counting objects later collected too. Prints the megabytes allocated per
 * plan in all and by allocating function (self), highest first. Sampled, so the
 * figures are estimates; not a figure of record.
 *
 * Run: `node --max-old-space-size=12288 --import tsx scripts/bench/alloc-plan.ts [top=25]`
 *
 * @module
 */
import { Session } from 'node:inspector/promises';
import { storedFixture } from './fixtures';
import { planFixture } from './planning';

interface SampleNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly SampleNode[];
}

const top = Number(process.argv[2] ?? 25);
const plans = 3;
const { snapshot } = await storedFixture('large');
planFixture(snapshot);

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
for (let i = 0; i < plans; i += 1) planFixture(snapshot);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SampleNode } };
session.disconnect();

const bySite = new Map<string, number>();
const visit = (node: SampleNode): void => {
  const { functionName, url, lineNumber } = node.callFrame;
  const site = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}${url ? `:${lineNumber + 1}` : ''}`;
  bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
  for (const child of node.children) visit(child);
};
visit(profile.head);
const mb = (bytes: number) => (bytes / plans / 1e6).toFixed(2).padStart(7);
let total = 0;
for (const bytes of bySite.values()) total += bytes;
console.log(`${mb(total)} MB allocated per plan (sampled)`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${mb(bytes)} MB  ${site}`);
