import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox, type CliSandbox } from '../test-support';

describe('referwell report', () => {
  let sandbox: CliSandbox;
  beforeAll(async () => {
    sandbox = cliSandbox();
    await sandbox.run(['demo', '--offices', '8']);
  });
  afterAll(() => sandbox.remove());

  it('writes the HTML report and prints its path', async () => {
    const run = await sandbox.run(['report', '--html', 'out.html', '--db', 'referwell-demo.db', '--as-of', '2026-03-02', '--title', 'March']);
    expect(run).toEqual({ code: 0, stdout: `${join(sandbox.dir, 'out.html')}\n`, stderr: '' });
    const html = readFileSync(join(sandbox.dir, 'out.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('March');
    expect(readdirSync(sandbox.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('names a file it cannot write', async () => {
    const run = await sandbox.run(['report', '--html', 'no-such-dir/out.html', '--db', 'referwell-demo.db']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot write ${join(sandbox.dir, 'no-such-dir/out.html')} (ENOENT)`);
  });
});
