/**
 * FNV-1a over the UTF-16 code units of `text`, 32 bits, from a given offset basis.
 */
function fnv1a32(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The deterministic id of an action: `<play>:<kind>:<16 hex digits>`, the digits
 * hashing the office id and the action's anchor. The same play, kind, office and
 * anchor always give the same id, in every run and every port.
 *
 * The 16 hex digits are two FNV-1a 32-bit hashes of `officeId + "\u0000" + anchor`
 * (UTF-16 code units), with offset bases `0x811c9dc5` and `0x01000193`, each
 * written as 8 lower-case hex digits.
 *
 * @param play - The play id.
 * @param kind - The action kind.
 * @param officeId - The office.
 * @param anchor - What makes the action the same action from plan to plan.
 * @returns The action id.
 * @example
 * ```ts
 * actionId('follow-up', 'follow-up', 'off-1', 'tp-9').startsWith('follow-up:follow-up:'); //=> true
 * ```
 * @category Engine
 */
export function actionId(play: string, kind: string, officeId: string, anchor: string): string {
  const key = `${officeId}\u0000${anchor}`;
  const a = fnv1a32(key, 0x811c9dc5).toString(16).padStart(8, '0');
  const b = fnv1a32(key, 0x01000193).toString(16).padStart(8, '0');
  return `${play}:${kind}:${a}${b}`;
}
