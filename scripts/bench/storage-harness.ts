/**
 * Runs only (f) and (g) of `npm run bench`, with the harness's own measuring
 * functions (scripts/bench/sqlite.ts and postgres.ts) on the same fixture, and
 * prints each run and the ratios of medians.
 *
 * Run: `node --expose-gc --max-old-space-size=12288 --import tsx scripts/bench/storage-harness.ts [sqlite|postgres|all]`
 * Env: `RUNS` (default 3), `WARMUPS` (default 1), `SIZE` (large|small, default large).
 *
 * @module
 */
import { storedFixture, type BenchSize } from './fixtures';
import { measurePostgres } from './postgres';
import { measureSqlite, type StorageFigure } from './sqlite';

const what = process.argv[2] ?? 'all';
const timing = { runs: Number(process.env.RUNS ?? 3), warmups: Number(process.env.WARMUPS ?? 1) };
const { snapshot } = await storedFixture((process.env.SIZE ?? 'large') as BenchSize);

const show = (label: string, figure: StorageFigure): void => {
  const runs = (values: readonly number[]) => values.map((v) => v.toFixed(0)).join('/');
  for (const part of ['import', 'load'] as const) {
    const f = figure[part];
    console.log(
      `${label} ${part}: adapter ${f.adapterMs.toFixed(0)} ms (${runs(f.adapterRunsMs)}), raw ${f.rawMs.toFixed(0)} ms (${runs(f.rawRunsMs)}), ratio ${(f.adapterMs / f.rawMs).toFixed(2)}`,
    );
  }
  if (figure.check.differences.length > 0) console.log(`${label} check FAILED:`, figure.check.differences);
};
if (what === 'sqlite' || what === 'all') show('(f) sqlite', await measureSqlite(snapshot, timing));
if (what === 'postgres' || what === 'all') show('(g) postgres', await measurePostgres(snapshot, undefined, timing));
