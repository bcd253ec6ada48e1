import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, type CliSandbox } from '../test-support';
import { detectCsvKind, PROGRESS_MIN_ROWS } from './import';

describe('detectCsvKind', () => {
  it.each([
    ['Office Name,Type,City', 'offices'],
    ['ID,Name,Kind', 'offices'],
    ['Name,Role,Office', 'contacts'],
    ['First Name,Last Name,Practice', 'contacts'],
    ['Provider,NPI,Office ID', 'contacts'],
    ['"Full Name","Job Title","Clinic"', 'contacts'],
  ])('reads %s as %s', (header, kind) => {
    expect(detectCsvKind(`${header}\r\n`)).toBe(kind);
  });
});

describe('the import progress bar', () => {
  let sandbox: CliSandbox;
  beforeEach(async () => {
    sandbox = cliSandbox();
    await sandbox.run(['init', '--name', 'N', '--time-zone', 'UTC']);
    const rows = Array.from({ length: PROGRESS_MIN_ROWS }, (_, i) => `Office ${i},primary care\n`).join('');
    writeFileSync(join(sandbox.dir, 'big.csv'), `Name,Type\n${rows}`);
  });
  afterEach(() => sandbox.remove());

  /** A terminal-like stream that keeps what is drawn on it. */
  function terminal() {
    const chunks: string[] = [];
    const stream = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk.toString());
          done();
        },
      }),
      { isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
    );
    return { stream, drawn: () => chunks.join('') };
  }

  it('is drawn on standard error when it is a terminal and the file is long', async () => {
    const { stream, drawn } = terminal();
    const run = await sandbox.run(['import', 'big.csv'], { stderrIsTTY: true, progressStream: stream });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Imported ${PROGRESS_MIN_ROWS} offices from big.csv into ./referwell.db.\n`);
    expect(drawn()).toContain('importing [');
  });

  it('is not drawn when standard error is not a terminal: the one-line summary is all', async () => {
    const { stream, drawn } = terminal();
    const run = await sandbox.run(['import', 'big.csv'], { stderrIsTTY: false, progressStream: stream });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(drawn()).toBe('');
  });
});
