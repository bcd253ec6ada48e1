/**
 * Deep immutability for playbook data: a type that makes every property and array
 * element read-only, and a function that freezes a value the same way at run time.
 *
 * @module
 */

/**
 * `T` with every property, at every depth, read-only, and every array a
 * `readonly` array. Functions are left as they are.
 *
 * @typeParam T - The type to make read-only.
 * @example
 * ```ts
 * type Policy = DeepReadonly<{ offers: string[]; intake: { days: number } }>;
 * //=> { readonly offers: readonly string[]; readonly intake: { readonly days: number } }
 * ```
 * @category Playbook
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

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
