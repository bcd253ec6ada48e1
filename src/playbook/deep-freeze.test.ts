import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze';

describe('deepFreeze', () => {
  it('freezes objects and arrays at every depth and returns the same value', () => {
    const value = { a: { b: [{ c: 1 }] } };
    const frozen = deepFreeze(value);
    expect(frozen).toBe(value);
    expect(Object.isFrozen(value.a.b[0])).toBe(true);
    expect(() => {
      (value.a.b as unknown[]).push(2);
    }).toThrow(TypeError);
  });

  it('handles shared and cyclic structures and primitives', () => {
    const shared = { x: 1 };
    const cyclic: Record<string, unknown> = { left: shared, right: shared };
    cyclic['self'] = cyclic;
    expect(() => deepFreeze(cyclic)).not.toThrow();
    expect(Object.isFrozen(shared)).toBe(true);
    expect(deepFreeze(3)).toBe(3);
  });
});
