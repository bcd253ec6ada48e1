/**
 * Reading input files and writing output files atomically.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ValidationError } from '../errors';

/**
 * Reads a text file named on the command line.
 *
 * @param path - The absolute path.
 * @param what - What the file is, for the message (e.g. `playbook`, `import file`).
 * @returns Its text (UTF-8).
 * @throws {@link ValidationError} naming the file when it does not exist or cannot be read.
 * @example
 * ```ts
 * readInputFile('/tmp/offices.csv', 'import file');
 * ```
 * @category CLI
 */
export function readInputFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${String(code ?? cause)})`;
    throw new ValidationError(what, [{ path: [], pointer: '', message: `${path} ${why}`, code: 'not_found' }], { cause });
  }
}

/**
 * Writes a file atomically: to a temporary file beside it, then renamed over
 * it, so a reader never sees half a file and a failure leaves the old one.
 *
 * @param path - The absolute path.
 * @param text - The content (UTF-8).
 * @returns Nothing.
 * @throws {@link ValidationError} naming the file when it cannot be written (missing directory, no permission).
 * @example
 * ```ts
 * writeFileAtomically('/tmp/report.html', '<!doctype html>…');
 * ```
 * @category CLI
 */
export function writeFileAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, path);
  } catch (cause) {
    rmSync(temp, { force: true });
    const code = (cause as { code?: unknown }).code;
    throw new ValidationError(
      'output file',
      [{ path: [], pointer: '', message: `cannot write ${path} (${String(code ?? cause)})`, code: 'custom' }],
      { cause },
    );
  }
}

/**
 * Quotes a word for a POSIX shell when it needs it, so that a command we
 * suggest can be pasted as it is (a path with a space, a quote or a `$`).
 *
 * @param text - The word, e.g. a path.
 * @returns The word, single-quoted when it holds anything but safe characters.
 * @example
 * ```ts
 * shellWord('/tmp/my practice/referwell.db'); //=> "'/tmp/my practice/referwell.db'"
 * shellWord('./referwell.db'); //=> './referwell.db'
 * ```
 * @category CLI
 */
export function shellWord(text: string): string {
  return /^[\w./:@%+,=-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
