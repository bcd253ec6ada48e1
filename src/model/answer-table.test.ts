import { describe, expect, it } from 'vitest';
import { answerTable } from './answer-table';

describe('answerTable', () => {
  it('gives the answer worked out once for each listed value, falsy answers included', () => {
    let calls = 0;
    const decide = (value: 'a' | 'b' | 'c'): number | null => {
      calls += 1;
      return value === 'a' ? 1 : value === 'b' ? 0 : null;
    };
    const table = answerTable(['a', 'b', 'c'] as const, decide);
    expect(calls).toBe(3);
    expect([table('a'), table('b'), table('c'), table('a')]).toEqual([1, 0, null, 1]);
    expect(calls).toBe(3);
  });

  it('hands a value outside the list to the function itself', () => {
    const table = answerTable(['a'] as const, (value: string) => {
      if (value !== 'a') throw new Error(`unknown ${value}`);
      return true;
    });
    expect(() => table('z' as 'a')).toThrow('unknown z');
  });
});
