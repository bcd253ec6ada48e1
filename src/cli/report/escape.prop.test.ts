import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, escapeHtml } from './escape';

/** Undoes the five references escapeHtml writes. */
function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

describe('escapeHtml (property)', () => {
  it('leaves no markup character and loses nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        // Every & starts one of the references written.
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(unescape(escaped)).toBe(text);
      }),
    );
  });

  it('clip never exceeds its length and never splits a code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        const clipped = clip(text, max);
        expect(Array.from(clipped).length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        if (Array.from(text).length <= max) expect(clipped).toBe(text);
        else expect(clipped.endsWith('…')).toBe(true);
      }),
    );
  });
});
