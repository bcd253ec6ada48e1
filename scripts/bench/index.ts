/**
 * `npm run bench`: measures issue 7's figures (a)–(g) and prints them with every
 * ratio, its target and PASS/FAIL, the machine and the commit. Exits 0 whether the
 * targets hold or not (it is a report); 1 when a correctness check fails; 2 on a
 * usage error.
 *
 * Usage: `npm run bench [-- --size small|large] [--skip-10x] [--skip-postgres]
 * [--json] [--runs N] [--warmups N] [--storage-runs N] [--storage-warmups N]
 * [--postgres-url URL]`
 *
 * Run it through `node --expose-gc --max-old-space-size=12288 --import tsx` (as
 * `npm run bench` does): full collections between runs, and room for the 10× fixture.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { formatReport } from './report';
import { runBench } from './run';

const usage =
  'usage: npm run bench [-- --size small|large] [--skip-10x] [--skip-postgres] [--json] ' +
  '[--runs N] [--warmups N] [--storage-runs N] [--storage-warmups N] [--postgres-url URL]';

function count(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        size: { type: 'string', default: 'large' },
        'skip-10x': { type: 'boolean', default: false },
        'skip-postgres': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        runs: { type: 'string' },
        warmups: { type: 'string' },
        'storage-runs': { type: 'string' },
        'storage-warmups': { type: 'string' },
        'postgres-url': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    console.error(`[referwell] bench: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.size !== 'small' && values.size !== 'large') {
    console.error(`[referwell] bench: --size must be small or large, not ${JSON.stringify(values.size)}\n${usage}`);
    return 2;
  }
  let runs, warmups, storageRuns, storageWarmups;
  try {
    runs = count(values.runs, 'runs', 1);
    warmups = count(values.warmups, 'warmups', 0);
    storageRuns = count(values['storage-runs'], 'storage-runs', 1);
    storageWarmups = count(values['storage-warmups'], 'storage-warmups', 0);
  } catch (error) {
    console.error(`[referwell] bench: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  const args = process.argv.slice(2);
  const report = await runBench({
    size: values.size,
    skip10x: values['skip-10x'],
    skipPostgres: values['skip-postgres'],
    ...(values['postgres-url'] === undefined ? {} : { postgresUrl: values['postgres-url'] }),
    ...(runs === undefined ? {} : { runs }),
    ...(warmups === undefined ? {} : { warmups }),
    ...(storageRuns === undefined ? {} : { storageRuns }),
    ...(storageWarmups === undefined ? {} : { storageWarmups }),
    command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
    // Progress goes to stderr, so that --json output stays parseable.
    log: (message) => console.error(`… ${message}`),
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.checks.every((check) => check.ok) ? 0 : 1;
}

process.exitCode = await main();
