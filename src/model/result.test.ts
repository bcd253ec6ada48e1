import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { safeParseWith, toJsonPointer, unwrap } from './result';

describe('toJsonPointer', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(toJsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(toJsonPointer([])).toBe('');
  });
});

describe('safeParseWith', () => {
  it('turns a throwing schema into a failure', () => {
    const schema = z.string().refine(() => {
      throw new TypeError('kaboom');
    });
    const result = safeParseWith(schema, 'x', 'thing');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues[0]?.message).toBe('could not be validated: kaboom');
  });

  it('unwrap returns the value or throws the ValidationError', () => {
    expect(unwrap(safeParseWith(z.number(), 3, 'n'))).toBe(3);
    expect(() => unwrap(safeParseWith(z.number(), 'x', 'n'))).toThrow(ValidationError);
  });
});
