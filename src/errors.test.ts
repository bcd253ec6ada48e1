import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, ReferwellError, ValidationError } from './errors';

describe('ReferwellError', () => {
  it('prefixes messages once', () => {
    expect(new ReferwellError('validation-failed', 'boom').message).toBe('[referwell] boom');
    expect(new ReferwellError('validation-failed', '[referwell] [sqlite] boom').message).toBe('[referwell] [sqlite] boom');
  });

  it('keeps the cause', () => {
    const cause = new Error('root');
    expect(new ReferwellError('validation-failed', 'x', { cause }).cause).toBe(cause);
  });

  it('recognises errors from another copy of the package by brand', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('referwell.error')]: true, code: 'validation-failed' });
    expect(ReferwellError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof ReferwellError).toBe(false);
  });

  it.each([null, undefined, 'x', new Error('plain'), {}])('is not fooled by %j', (value) => {
    expect(ReferwellError.isInstance(value)).toBe(false);
  });

  it('is the base of every subclass', () => {
    expect(new IllegalTransitionError({ referralId: 'r', from: 'a', to: 'b' })).toBeInstanceOf(ReferwellError);
    expect(new ValidationError('x', [{ path: [], pointer: '', message: 'm', code: 'custom' }])).toBeInstanceOf(ReferwellError);
  });
});

describe('ValidationError', () => {
  it('shows the first five issues and counts the rest', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: [i], pointer: `/${i}`, message: 'bad', code: 'custom' }));
    expect(new ValidationError('thing', issues).message).toBe(
      '[referwell] invalid thing: /0: bad; /1: bad; /2: bad; /3: bad; /4: bad; and 2 more',
    );
  });

  it('shows the root as (root)', () => {
    expect(new ValidationError('thing', [{ path: [], pointer: '', message: 'bad', code: 'custom' }]).message).toBe(
      '[referwell] invalid thing: (root): bad',
    );
  });
});
