/**
 * Makes every property and array of `T` readonly, all the way down. Records the
 * library returns are typed this way: nothing in referwell mutates its inputs, and
 * the types keep a host from doing so by accident.
 *
 * @category Model
 */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;
