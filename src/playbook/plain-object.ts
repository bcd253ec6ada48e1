/**
 * Plain JSON objects, as the playbook reader and the migrations see them.
 *
 * @internal
 * @module
 */

/**
 * A JSON object: string keys, any values.
 *
 * @internal
 */
export type PlainRecord = Record<string, unknown>;

/**
 * Whether `value` is a plain object: `{}`, `Object.create(null)`, or one from
 * another realm. Arrays, class instances, Dates and Maps are not.
 *
 * @param value - Anything.
 * @returns `true` for a plain object.
 * @example
 * ```ts
 * isPlainObject({ version: 2 }); //=> true
 * isPlainObject(new Date(0));    //=> false
 * ```
 * @internal
 */
export function isPlainObject(value: unknown): value is PlainRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * Sets an own, enumerable property, even one named `__proto__` (plain assignment
 * would change the prototype instead).
 *
 * @param target - The object to write to.
 * @param key - The key.
 * @param value - The value.
 * @internal
 */
export function defineOwn(target: PlainRecord, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
