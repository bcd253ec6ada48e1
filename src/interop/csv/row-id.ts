/** FNV-1a over the UTF-16 code units of `text`, 32 bits, from a given offset basis. */
function fnv1a32(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A deterministic record id from the values that identify a record:
 * `<prefix>-<16 hex digits>`, the digits two FNV-1a 32-bit hashes (offset bases
 * `0x811c9dc5` and `0x01000193`) of the parts joined with U+0000, each as 8
 * lower-case hex digits — the same construction as action ids.
 *
 * The same parts always give the same id, so importing the same spreadsheet
 * twice updates the same records instead of duplicating them.
 *
 * @param prefix - `office` or `contact`.
 * @param parts - The identifying values, already normalised.
 * @returns The id.
 * @example
 * ```ts
 * generatedId('office', ['elm street pediatrics', '12 elm st', 'springfield']).startsWith('office-'); //=> true
 * ```
 * @internal
 */
export function generatedId(prefix: string, parts: readonly string[]): string {
  const key = parts.join('\u0000');
  const a = fnv1a32(key, 0x811c9dc5).toString(16).padStart(8, '0');
  const b = fnv1a32(key, 0x01000193).toString(16).padStart(8, '0');
  return `${prefix}-${a}${b}`;
}
