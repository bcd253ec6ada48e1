import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../errors';
import { chooseSqliteDriver, loadNativeDriver, readDriverChoice, SQLITE_FIXES } from './sqlite';
import { cliSandbox, type CliSandbox } from './test-support';

const missing = () =>
  Promise.reject(
    Object.assign(new Error("Cannot find package 'better-sqlite3' imported from /x/dist/cli.js"), { code: 'ERR_MODULE_NOT_FOUND' }),
  );
/** Installed, but the native binding is absent (npm 11 skipped its install script). */
const unbuilt = () =>
  Promise.resolve({
    default: class {
      constructor() {
        throw new Error('Could not locate the bindings file. Tried:\n → /x/node_modules/better-sqlite3/build/better_sqlite3.node');
      }
    },
  });
/** Built for another Node.js: the binding fails at require time. */
const wrongAbi = () =>
  Promise.reject(
    new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 127. This version requires 115.'),
  );

const wasmBroken = () => Promise.reject(new Error('WebAssembly.Module(): out of memory'));

describe('loadNativeDriver (better-sqlite3 forced)', () => {
  it('returns the working driver', async () => {
    const Driver = await loadNativeDriver(() => import('better-sqlite3'));
    const db = new Driver(':memory:');
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('says the package is missing and how to install it', async () => {
    const error = await chooseSqliteDriver({ choice: 'better-sqlite3', loadNative: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain('needs the better-sqlite3 package, which is not installed');
    expect((error as Error).message).toContain('  npm install better-sqlite3@12');
    expect((error as Error).message).not.toContain('install-scripts');
  });

  it.each([
    ['an unbuilt binding', unbuilt, 'Could not locate the bindings file'],
    ['a binding for another Node.js', wrongAbi, 'NODE_MODULE_VERSION 127'],
  ])('says the native part is broken for %s, with the commands that fix it', async (_, load, detail) => {
    const error = await chooseSqliteDriver({ choice: 'better-sqlite3', loadNative: load }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const message = (error as Error).message;
    expect(message).toContain('better-sqlite3 is installed but its native part could not be loaded');
    expect(message).toContain(detail);
    for (const command of SQLITE_FIXES.broken) expect(message).toContain(`  ${command}`);
    expect(message).not.toContain('build/better_sqlite3.node'); // only the first line of the driver's message
  });
});

describe('chooseSqliteDriver', () => {
  it('prefers better-sqlite3 when it works', async () => {
    const driver = await chooseSqliteDriver({ choice: 'auto', loadNative: () => import('better-sqlite3'), loadWasm: wasmBroken });
    expect(driver.name).toBe('better-sqlite3');
    expect(driver.note).toBe('SQLite driver: better-sqlite3');
  });

  it.each([
    ['missing', missing, 'not installed'],
    ['unbuilt', unbuilt, 'its native part did not load (Could not locate the bindings file. Tried:)'],
    ['built for another Node.js', wrongAbi, 'its native part did not load (The module was compiled against'],
  ])('falls back to node-sqlite3-wasm when better-sqlite3 is %s', async (_, loadNative, reason) => {
    const driver = await chooseSqliteDriver({ choice: 'auto', loadNative });
    expect(driver.name).toBe('node-sqlite3-wasm');
    expect(driver.note).toContain(`better-sqlite3 could not be used: ${reason}`);
    const db = new driver.Database(':memory:');
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('uses only node-sqlite3-wasm when forced, even with a working better-sqlite3', async () => {
    const driver = await chooseSqliteDriver({ choice: 'wasm', loadNative: () => import('better-sqlite3') });
    expect(driver.name).toBe('node-sqlite3-wasm');
    const error = await chooseSqliteDriver({ choice: 'wasm', loadNative: () => import('better-sqlite3'), loadWasm: wasmBroken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain('node-sqlite3-wasm could not be loaded (WebAssembly.Module(): out of memory)');
  });

  it('fails with both reasons and the fix only when neither driver works', async () => {
    const error = await chooseSqliteDriver({ choice: 'auto', loadNative: unbuilt, loadWasm: wasmBroken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const message = (error as Error).message;
    expect(message).toMatch(/^\[referwell\] \[sqlite\] this command keeps its data in SQLite, and neither SQLite driver could be loaded:\n/);
    expect(message).toContain('  better-sqlite3: its native part did not load (Could not locate the bindings file. Tried:)');
    expect(message).toContain('  node-sqlite3-wasm: WebAssembly.Module(): out of memory');
    expect(message).toContain('  npm install referwell');
  });

  it('reads REFERWELL_SQLITE_DRIVER', () => {
    expect(readDriverChoice({})).toBe('auto');
    expect(readDriverChoice({ REFERWELL_SQLITE_DRIVER: ' wasm ' })).toBe('wasm');
    expect(readDriverChoice({ REFERWELL_SQLITE_DRIVER: 'better-sqlite3' })).toBe('better-sqlite3');
    expect(() => readDriverChoice({ REFERWELL_SQLITE_DRIVER: 'sqlite' })).toThrow(
      'REFERWELL_SQLITE_DRIVER must be one of auto, better-sqlite3, wasm, not "sqlite"',
    );
  });
});

describe('a command and the SQLite driver', () => {
  let sandbox: CliSandbox;
  afterEach(() => sandbox.remove());

  it.each([['missing', missing], ['unbuilt', unbuilt]])(
    'works through node-sqlite3-wasm when better-sqlite3 is %s, silently unless --verbose',
    async (_, loadSqlite) => {
      sandbox = cliSandbox();
      const run = await sandbox.run(['init', '--name', 'Northside', '--time-zone', 'America/Chicago'], { loadSqlite });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const verbose = await sandbox.run(['plan', '--verbose', '--json'], { loadSqlite });
      expect(verbose.code).toBe(0);
      expect(verbose.stderr).toMatch(/^\[referwell\] SQLite driver: node-sqlite3-wasm \(better-sqlite3 could not be used: /);
      expect(JSON.parse(verbose.stdout)).toEqual(expect.any(Array));
    },
  );

  it('names better-sqlite3 under --verbose when it is used', async () => {
    sandbox = cliSandbox();
    const run = await sandbox.run(['init', '--name', 'Northside', '--verbose']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('[referwell] SQLite driver: better-sqlite3\n');
  });

  it('exits 1 with both reasons and no stack trace when neither driver works', async () => {
    sandbox = cliSandbox();
    const run = await sandbox.run(['init', '--name', 'Northside'], { loadSqlite: unbuilt, loadSqliteWasm: wasmBroken });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^\[referwell\] \[sqlite\] this command keeps its data in SQLite, and neither/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with the fix when better-sqlite3 is forced and missing', async () => {
    sandbox = cliSandbox();
    const run = await sandbox.run(['init', '--name', 'Northside'], { loadSqlite: missing, env: { REFERWELL_SQLITE_DRIVER: 'better-sqlite3' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm install better-sqlite3@12');
  });

  it('exits 1 for an unknown REFERWELL_SQLITE_DRIVER', async () => {
    sandbox = cliSandbox();
    const run = await sandbox.run(['init', '--name', 'Northside'], { env: { REFERWELL_SQLITE_DRIVER: 'postgres' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('REFERWELL_SQLITE_DRIVER must be one of auto, better-sqlite3, wasm');
  });

  it('does not load a driver for --help', async () => {
    sandbox = cliSandbox();
    const run = await sandbox.run(['plan', '--help'], { loadSqlite: unbuilt, loadSqliteWasm: wasmBroken });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: referwell plan');
  });
});
