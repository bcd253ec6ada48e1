/**
 * Prints the referwell demo: a generated sample practice, today's plan and its
 * best and worst referral sources. Run: `tsx scripts/demo.ts [options]`.
 *
 *   --as-of <date|instant>  the day to plan for (default 2026-03-02; a date is
 *                           read as 09:00 in the practice's time zone)
 *   --seed <n>              the sample practice's seed (default 7)
 *   --offices <n>           how many offices to generate (default 40)
 *   --width <n>             the line width (default 80)
 *
 * The clock is never read: the same options print the same text.
 */
import { parseArgs } from 'node:util';
import { renderDemo, DEMO_DEFAULTS } from '../src/cli/demo';
import { ReferwellError } from '../src/errors';

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) {
    console.error(`[referwell] --${name} must be a whole number, not ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return Number(value);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      'as-of': { type: 'string' },
      seed: { type: 'string' },
      offices: { type: 'string' },
      width: { type: 'string' },
    },
    strict: true,
  }).values;
}
try {
  args = parse();
} catch (error) {
  console.error(`[referwell] ${(error as Error).message}`);
  console.error('usage: tsx scripts/demo.ts [--as-of 2026-03-02] [--seed 7] [--offices 40] [--width 80]');
  process.exit(2);
}

const seed = whole('seed', args.seed);
const offices = whole('offices', args.offices);
const width = whole('width', args.width);
try {
  process.stdout.write(
    renderDemo({
      now: args['as-of'] ?? DEMO_DEFAULTS.now,
      ...(seed === undefined ? {} : { seed }),
      ...(offices === undefined ? {} : { offices }),
      ...(width === undefined ? {} : { width }),
    }),
  );
} catch (error) {
  if (ReferwellError.isInstance(error)) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
