/**
 * Deep immutability for playbook data at run time: {@link deepFreeze} freezes a
 * value the way the model's `DeepReadonly` type describes it.
 *
 * @module
 */
import type { DeepReadonly } from '../model/deep-readonly';

/**
 * Freezes `value` and every object and array reachable from it, in place, and
 * returns it typed as {@link DeepReadonly}. Safe on shared and cyclic structures.
 *
 * @param value - The value to freeze (plain data: objects, arrays, primitives).
 * @returns The same value, now deeply frozen.
 * @example
 * ```ts
 * const policy = deepFreeze({ offers: ['in-service'] });
 * Object.isFrozen(policy.offers);
 * //=> true
 * ```
 * @category Playbook
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  freezeInto(value, new WeakSet());
  return value as DeepReadonly<T>;
}

function freezeInto(value: unknown, seen: WeakSet<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    freezeInto((value as Record<PropertyKey, unknown>)[key], seen);
  }
  Object.freeze(value);
}
