/**
 * RFC 5545 content lines: TEXT escaping (§3.3.11) and line folding (§3.1).
 *
 * @module
 * @internal
 */

/** The line break of iCalendar: CRLF, always. */
export const CRLF = '\r\n';

/** The longest a physical line may be, in octets, not counting the CRLF (RFC 5545 §3.1). */
export const MAX_LINE_OCTETS = 75;

/**
 * Makes any string representable as iCalendar TEXT: CRLF and lone CR become LF;
 * control characters other than TAB and LF are removed (RFC 5545 TEXT excludes
 * them); a lone UTF-16 surrogate, which UTF-8 cannot encode, becomes U+FFFD.
 *
 * Text without such characters is returned unchanged, so it round-trips exactly.
 *
 * @param value - Any string.
 * @returns The text as it will read back from the calendar.
 * @example
 * ```ts
 * calendarText('a\r\nb\u0007c'); //=> 'a\nbc'
 * ```
 * @internal
 */
export function calendarText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): `\` → `\\`, `;` → `\;`, `,` → `\,`,
 * a line break → `\n`, after {@link calendarText}.
 *
 * @param value - Any string.
 * @returns The escaped value.
 * @example
 * ```ts
 * escapeText('Lunch; bring cards, brochures\nand a smile'); //=> 'Lunch\\; bring cards\\, brochures\\nand a smile'
 * ```
 * @internal
 */
export function escapeText(value: string): string {
  return calendarText(value).replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * Quotes a property parameter value when it holds `:`, `;` or `,` (RFC 5545 §3.2);
 * characters a parameter cannot hold (controls, `"`) are removed.
 *
 * @param value - The parameter value, e.g. a time-zone name.
 * @returns The value as written after `=`.
 * @internal
 */
export function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = calendarText(value).replace(/["\n\t]/g, '');
  return /[:;,]/.test(safe) ? `"${safe}"` : safe;
}

/** The UTF-8 length of one code point. */
function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * The number of octets a string takes in UTF-8 (a lone surrogate counts as the
 * 3 octets of U+FFFD, as every encoder writes it).
 *
 * @param value - Any string.
 * @returns Its UTF-8 length.
 * @internal
 */
export function utf8Length(value: string): number {
  let octets = 0;
  for (const char of value) octets += utf8Octets(char.codePointAt(0)!);
  return octets;
}

/**
 * Folds one content line (RFC 5545 §3.1): physical lines of at most 75 octets,
 * each continuation starting with one space (which counts towards its 75). A
 * fold never splits a UTF-8 multi-octet character (a whole code point moves to
 * the next line) nor a `\`-escape pair.
 *
 * @param line - The unfolded content line, without CRLF.
 * @returns The folded line, its physical lines joined with CRLF + space.
 * @example
 * ```ts
 * foldLine(`SUMMARY:${'x'.repeat(80)}`).split('\r\n ').map((part) => part.length); //=> [75, 13]
 * ```
 * @internal
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  const chars = Array.from(line);
  for (let i = 0; i < chars.length; i += 1) {
    let unit = chars[i]!;
    if (unit === '\\' && i + 1 < chars.length) {
      i += 1;
      unit += chars[i]!;
    }
    const size = utf8Length(unit);
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += unit;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF}`);
}
