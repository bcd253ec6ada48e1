/**
 * End-to-end: the built bin (`dist/cli.js`, from `npm run build`) run as a
 * child process in a temporary directory.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = resolve(fileURLToPath(import.meta.url), '../../../dist/cli.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function referwell(cwd: string, ...argv: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...argv], { cwd, env: { ...process.env, REFERWELL_DEBUG: '' } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

describe('the referwell bin', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (\`npm test\` does it).`);
    dir = mkdtempSync(join(tmpdir(), 'referwell-e2e-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true }); // undefined when the bin was missing
  });

  it('is an executable with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });

  it('prints help (exit 0) and rejects an unknown option (exit 2)', async () => {
    const help = await referwell(dir, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: referwell [options] [command]');
    const usage = await referwell(dir, 'plan', '--nope');
    expect(usage).toEqual({
      code: 2,
      stdout: '',
      stderr: "[referwell] error: unknown option '--nope'\nRun `referwell --help` for the commands, or `referwell <command> --help` for one command.\n",
    });
  });

  it('runs the demo, then reports on its database', async () => {
    const demo = await referwell(dir, 'demo');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/^referwell demo: /);
    expect(demo.stdout).toContain("Today's plan");
    expect(demo.stdout).toContain('Best sources (referrals per outreach hour)');
    expect(demo.stdout).toContain('referwell plan --db referwell-demo.db --as-of 2026-03-02');
    const report = await referwell(dir, 'report', '--html', 'report.html', '--db', 'referwell-demo.db', '--as-of', '2026-03-02');
    expect(report).toEqual({ code: 0, stdout: `${join(dir, 'report.html')}\n`, stderr: '' });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('init, log touchpoint, plan --json', async () => {
    expect((await referwell(dir, 'init', '--name', 'Northside', '--time-zone', 'America/Chicago')).code).toBe(0);
    writeFileSync(join(dir, 'offices.csv'), 'ID,Name,Type,Status\noff-1,Elm Street Pediatrics,pediatrics,active\n');
    expect((await referwell(dir, 'import', 'offices.csv')).code).toBe(0);
    const logged = await referwell(dir, 'log', 'touchpoint', '--office', 'off-1', '--channel', 'email', '--purpose', 'follow-up', '--at', '2025-11-20');
    expect(logged.code).toBe(0);
    const id = logged.stdout.trim();
    const plan = await referwell(dir, 'plan', '--json', '--as-of', '2026-03-02');
    expect(plan.code).toBe(0);
    const actions = JSON.parse(plan.stdout) as { officeId: string; explanation: { evidence: { id: string }[] } }[];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.some((action) => action.explanation.evidence.some((ref) => ref.id === id))).toBe(true);
  });

  it('imports nothing from a CSV with a bad row (exit 1)', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'ID,Name,Type\noff-2,Oak Clinic,pediatrics\noff-3,Pine Dental,dentist\n');
    const run = await referwell(dir, 'import', 'bad.csv');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('[referwell] invalid offices CSV: row 3, column "Type": "dentist" is not one of');
    const sources = JSON.parse((await referwell(dir, 'sources', '--json')).stdout) as { offices: { officeId: string }[] };
    expect(sources.offices.map((office) => office.officeId)).toEqual(['off-1']);
  });
});
