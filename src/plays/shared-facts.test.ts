import { describe, expect, it } from 'vitest';
import { sharedFact, withSharedFacts } from './shared-facts';

/** A fact function that counts how often it is worked out. */
function counted() {
  let runs = 0;
  const fact = (history: object, a: unknown, b?: unknown): { runs: number } =>
    sharedFact(fact, history, a, b, undefined, () => ({ runs: ++runs }));
  return { fact, runs: () => runs };
}

describe('sharedFact', () => {
  it('works a fact out every time outside a scope', () => {
    const { fact, runs } = counted();
    const history = {};
    fact(history, 1);
    fact(history, 1);
    expect(runs()).toBe(2);
  });

  it('works a fact out once per history and arguments inside a scope', () => {
    const { fact, runs } = counted();
    const history = {};
    const [first, second] = withSharedFacts(() => [fact(history, 1, 'x'), fact(history, 1, 'x')]);
    expect(second).toBe(first);
    expect(runs()).toBe(1);
  });

  it('tells histories, arguments and functions apart', () => {
    const one = counted();
    const two = counted();
    const a = {};
    const b = {};
    withSharedFacts(() => {
      one.fact(a, 1);
      one.fact(b, 1);
      one.fact(a, 2);
      one.fact(a, 1, 'other');
      two.fact(a, 1);
      one.fact(a, 1);
    });
    expect(one.runs()).toBe(4);
    expect(two.runs()).toBe(1);
  });

  it('compares arguments with Object.is (NaN matches itself; 0 and -0 differ)', () => {
    const { fact, runs } = counted();
    const history = {};
    withSharedFacts(() => {
      fact(history, Number.NaN);
      fact(history, Number.NaN);
      fact(history, 0);
      fact(history, -0);
    });
    expect(runs()).toBe(3);
  });

  it('forgets everything when the scope ends, also when it throws', () => {
    const { fact, runs } = counted();
    const history = {};
    withSharedFacts(() => fact(history, 1));
    withSharedFacts(() => fact(history, 1));
    expect(() =>
      withSharedFacts(() => {
        fact(history, 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    fact(history, 1);
    expect(runs()).toBe(4);
  });

  it('keeps each nested scope to itself and restores the outer one', () => {
    const { fact, runs } = counted();
    const history = {};
    withSharedFacts(() => {
      fact(history, 1);
      withSharedFacts(() => {
        fact(history, 1);
        fact(history, 1);
      });
      fact(history, 1);
    });
    expect(runs()).toBe(2);
  });

  it('returns what the work returns', () => {
    expect(withSharedFacts(() => 42)).toBe(42);
  });
});
