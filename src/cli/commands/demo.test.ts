import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDemo } from '../demo';
import { cliSandbox, type CliSandbox } from '../test-support';

describe('referwell demo', () => {
  let sandbox: CliSandbox;
  beforeEach(() => void (sandbox = cliSandbox()));
  afterEach(() => sandbox.remove());

  it('prints what renderDemo prints for the same seed and date, read back from SQLite, then the next commands', async () => {
    const run = await sandbox.run(['demo', '--seed', '7', '--offices', '12']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const expected = renderDemo({ seed: 7, offices: 12, now: '2026-03-02' });
    expect(run.stdout.startsWith(expected)).toBe(true);
    const next = run.stdout.slice(expected.length);
    expect(next).toMatch(/^\nSaved \d+ records to referwell-demo\.db\. Try next:\n/);
    expect(next).toContain('  referwell plan --db referwell-demo.db --as-of 2026-03-02\n');
    expect(next).toMatch(/ {2}referwell office off-\d+ --db referwell-demo\.db --as-of 2026-03-02\n/);
    expect(next).toContain('  referwell report --html report.html --db referwell-demo.db --as-of 2026-03-02\n');
    expect(run.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
    // Only the database is left behind: no temporary file, no WAL.
    expect(readdirSync(sandbox.dir)).toEqual(['referwell-demo.db']);
  });

  it('leaves a database the other commands read, with the same plan', async () => {
    await sandbox.run(['demo']);
    const plan = await sandbox.run(['plan', '--db', 'referwell-demo.db', '--as-of', '2026-03-02', '--json']);
    expect(plan.code).toBe(0);
    const actions = JSON.parse(plan.stdout) as unknown[];
    expect(actions.length).toBeGreaterThan(0);
    const count = /(\d+) actions, /.exec(renderDemo())?.[1];
    expect(actions).toHaveLength(Number(count));
  });

  it('replaces an earlier demo database, but refuses any other file unless --force', async () => {
    expect((await sandbox.run(['demo', '--offices', '3'])).code).toBe(0);
    expect((await sandbox.run(['demo', '--offices', '4', '--seed', '9'])).stdout).toContain('4 offices');

    writeFileSync(join(sandbox.dir, 'mine.db'), 'precious');
    const refused = await sandbox.run(['demo', '--db', 'mine.db']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `[referwell] invalid --db: ${join(sandbox.dir, 'mine.db')} exists and was not made by \`referwell demo\`; pass --force to replace it, or choose another --db\n`,
    );
    await sandbox.run(['init', '--name', 'Real practice', '--time-zone', 'UTC', '--db', 'real.db']);
    expect((await sandbox.run(['demo', '--db', 'real.db'])).code).toBe(1);
    expect((await sandbox.run(['demo', '--db', 'real.db', '--force', '--offices', '2'])).code).toBe(0);
    expect(existsSync(join(sandbox.dir, 'real.db'))).toBe(true);
  });

  it('takes --as-of, --tenant and --width', async () => {
    const run = await sandbox.run(['demo', '--offices', '5', '--as-of', '2026-01-05', '--tenant', 'clinic-2', '--width', '60']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Monday 2026-01-05 (America/New_York)');
    expect(run.stdout.split('\n').filter((line) => !line.startsWith('  referwell ')).every((line) => line.length <= 60)).toBe(true);
    expect(run.stdout).toContain('--as-of 2026-01-05 --tenant clinic-2');
    const sources = await sandbox.run(['sources', '--db', 'referwell-demo.db', '--tenant', 'clinic-2', '--json', '--as-of', '2026-01-05']);
    expect((JSON.parse(sources.stdout) as { offices: unknown[] }).offices).toHaveLength(5);
  });
});
