import { describe, expect, it } from 'vitest';
import { StoreError, ValidationError } from '../errors';
import { aboutDatabase } from './session';

describe('aboutDatabase', () => {
  it('names the file and the fix in a read-only failure', () => {
    const error = aboutDatabase(new StoreError('sqlite', 'attempt to write a readonly database'), '/srv/practice.db');
    expect((error as Error).message).toBe(
      '[referwell] [sqlite] /srv/practice.db: attempt to write a readonly database ' +
        '(the file, or the directory it is in, is read-only: SQLite must be able to write both)',
    );
  });

  it('leaves other errors, and messages that already name the file, as they are', () => {
    const invalid = new ValidationError('touchpoint', []);
    const named = new StoreError('sqlite', 'cannot open /srv/practice.db: no such directory');
    expect(aboutDatabase(invalid, '/srv/practice.db')).toBe(invalid);
    expect(aboutDatabase(named, '/srv/practice.db')).toBe(named);
  });
});
