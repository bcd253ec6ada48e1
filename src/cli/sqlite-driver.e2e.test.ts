/**
 * End-to-end: the built bin (`dist/cli.js`) with each SQLite driver, forced by
 * `REFERWELL_SQLITE_DRIVER`; `wasm` stands for an install where better-sqlite3
 * was never built.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = resolve(fileURLToPath(import.meta.url), '../../../dist/cli.js');

function referwell(cwd: string, driver: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env = { ...process.env, REFERWELL_DEBUG: '', REFERWELL_SQLITE_DRIVER: driver };
    execFile(process.execPath, [bin, ...argv], { cwd, env }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

describe('the referwell bin with each SQLite driver', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (\`npm test\` does it).`);
    dir = mkdtempSync(join(tmpdir(), 'referwell-e2e-driver-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true }); // undefined when the bin was missing
  });

  it('prints the same demo with node-sqlite3-wasm as with better-sqlite3, and says which under --verbose', async () => {
    const native = await referwell(dir, 'better-sqlite3', 'demo', '--db', 'demo.db', '--verbose');
    const wasm = await referwell(dir, 'wasm', 'demo', '--db', 'demo.db', '--verbose');
    expect(native.code).toBe(0);
    expect(wasm.code).toBe(0);
    expect(native.stderr).toBe('[referwell] SQLite driver: better-sqlite3\n');
    expect(wasm.stderr).toBe('[referwell] SQLite driver: node-sqlite3-wasm (REFERWELL_SQLITE_DRIVER=wasm)\n');
    expect(wasm.stdout).toContain("Today's plan");
    expect(wasm.stdout).toBe(native.stdout);
    expect(existsSync(join(dir, 'demo.db.lock'))).toBe(false);
  }, 60_000);

  it('reads with one driver what the other wrote', async () => {
    const asOf = ['--as-of', '2026-03-02', '--json'];
    // demo.db was last written by node-sqlite3-wasm; better-sqlite3 reads it, and the reverse.
    const byNative = await referwell(dir, 'better-sqlite3', 'plan', '--db', 'demo.db', ...asOf);
    expect(byNative.code).toBe(0);
    expect(await referwell(dir, 'better-sqlite3', 'demo', '--db', 'native.db')).toMatchObject({ code: 0 });
    const nativeFile = await referwell(dir, 'better-sqlite3', 'plan', '--db', 'native.db', ...asOf);
    const byWasm = await referwell(dir, 'wasm', 'plan', '--db', 'native.db', ...asOf);
    expect(byWasm).toEqual({ code: 0, stdout: nativeFile.stdout, stderr: '' });
    expect(JSON.parse(byWasm.stdout)).toEqual(JSON.parse(byNative.stdout));
    const logged = await referwell(dir, 'wasm', 'log', 'touchpoint', '--db', 'native.db', '--office', JSON.parse(byWasm.stdout)[0].officeId, '--channel', 'phone', '--purpose', 'follow-up', '--at', '2026-03-01');
    expect(logged.code).toBe(0);
    const office = await referwell(dir, 'better-sqlite3', 'office', JSON.parse(byWasm.stdout)[0].officeId, '--db', 'native.db', ...asOf);
    expect(office.code).toBe(0);
    expect(office.stdout).toContain(logged.stdout.trim());
  }, 60_000);
});
