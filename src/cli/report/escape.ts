/**
 * Escaping for the HTML report: every piece of text that reaches the page goes
 * through {@link escapeHtml}, whether it lands in an element or an attribute.
 *
 * @module
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML (and the inline SVG inside it): `&`, `<`, `>`, `"` and
 * `'` become character references, so the result is safe both as element
 * content and inside a quoted attribute value. Nothing else changes.
 *
 * @param text - Any text, e.g. an office name typed by a user.
 * @returns The escaped text.
 * @example
 * ```ts
 * escapeHtml(`Smith & Jones <"Peds">`);
 * //=> 'Smith &amp; Jones &lt;&quot;Peds&quot;&gt;'
 * ```
 * @category CLI
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/**
 * Cuts text to at most `max` characters (Unicode code points, so a surrogate
 * pair is never split), ending with `…` when cut. Cut first, escape after.
 *
 * @param text - The text.
 * @param max - The most code points to keep, at least 1.
 * @returns The text, or its first `max − 1` code points (trailing spaces dropped) and `…`.
 * @example
 * ```ts
 * clip('Lakeside Family Medicine', 12); //=> 'Lakeside Fa…'
 * ```
 * @category CLI
 */
export function clip(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}
