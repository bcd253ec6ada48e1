/**
 * Hand-made inline SVG for the HTML report: an accessible chart frame, a few
 * shapes, a tick scale and a colour ramp. Every text is escaped here, so the
 * chart modules pass plain text.
 *
 * @module
 */
import { escapeHtml } from './escape';
import { fixed } from './format';

/** The SVG namespace; the only URL the report contains besides XHTML's. */
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The width of every chart's coordinate system (its `viewBox`); charts scale to
 * the page width with CSS.
 *
 * @category CLI
 */
export const CHART_WIDTH = 880;

/**
 * The {@link chart} options.
 *
 * @category CLI
 */
export interface ChartOptions {
  /** A document-unique id; `<id>-title` and `<id>-desc` are derived from it. */
  readonly id: string;
  /** The accessible name: what the chart shows. */
  readonly title: string;
  /** The accessible description: the main finding, in a sentence or two. */
  readonly desc: string;
  /** The height of the coordinate system (the width is {@link CHART_WIDTH}). */
  readonly height: number;
  /** The SVG markup inside the chart (already escaped: use the helpers here). */
  readonly body: string;
}

/**
 * An accessible chart: `<svg role="img">` whose `<title>` and `<desc>` are
 * referenced by `aria-labelledby`, sized by its `viewBox`.
 *
 * @param options - Id, title, description, height and body.
 * @returns The SVG markup.
 * @example
 * ```ts
 * chart({ id: 'yield', title: 'Yield', desc: 'Two offices.', height: 100, body: '' }).startsWith('<svg');
 * //=> true
 * ```
 * @category CLI
 */
export function chart(options: ChartOptions): string {
  const { id, height } = options;
  return (
    `<svg xmlns="${SVG_NS}" class="chart" id="${escapeHtml(id)}" role="img" ` +
    `viewBox="0 0 ${CHART_WIDTH} ${num(height)}" width="${CHART_WIDTH}" height="${num(height)}" ` +
    `aria-labelledby="${escapeHtml(id)}-title ${escapeHtml(id)}-desc">` +
    `<title id="${escapeHtml(id)}-title">${escapeHtml(options.title)}</title>` +
    `<desc id="${escapeHtml(id)}-desc">${escapeHtml(options.desc)}</desc>` +
    options.body +
    '</svg>'
  );
}

/**
 * A chart with nothing to draw: the frame and a centred message, so the page
 * keeps its shape and no axis is drawn over no data.
 *
 * @param id - A document-unique id.
 * @param title - The accessible name.
 * @param message - What is missing, e.g. "No referrals in the last 12 months".
 * @returns The SVG markup.
 * @example
 * ```ts
 * emptyChart('yield', 'Yield', 'No outreach time was logged.').includes('No outreach time');
 * //=> true
 * ```
 * @category CLI
 */
export function emptyChart(id: string, title: string, message: string): string {
  const height = 90;
  return chart({
    id,
    title,
    desc: message,
    height,
    body:
      rect(1, 1, CHART_WIDTH - 2, height - 2, { class: 'empty-frame' }) +
      text(CHART_WIDTH / 2, height / 2 + 5, message, { class: 'empty-text', 'text-anchor': 'middle' }),
  });
}

/** SVG attributes: names to values; `undefined` leaves the attribute out. */
type Attributes = Readonly<Record<string, string | number | undefined>>;

/** A coordinate or length with at most two decimals (no `-0`, no exponent). */
function num(value: number): string {
  return fixed(Math.round(value * 100) / 100, 2).replace(/\.?0+$/, '') || '0';
}

function attributes(attrs: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : escapeHtml(value)}"`;
  }
  return out;
}

/**
 * A `<text>` element (content escaped), optionally with a tooltip `<title>`.
 *
 * @param x - Its x.
 * @param y - Its baseline y.
 * @param content - The text.
 * @param attrs - More attributes (`class`, `text-anchor`, …).
 * @param tooltip - A longer text shown on hover, e.g. a name that was cut.
 * @returns The markup.
 * @example
 * ```ts
 * text(10, 20, 'A & B');
 * //=> '<text x="10" y="20">A &amp; B</text>'
 * ```
 * @category CLI
 */
export function text(x: number, y: number, content: string, attrs: Attributes = {}, tooltip?: string): string {
  const hover = tooltip === undefined || tooltip === content ? '' : `<title>${escapeHtml(tooltip)}</title>`;
  return `<text${attributes({ x, y, ...attrs })}>${hover}${escapeHtml(content)}</text>`;
}

/**
 * A `<rect>`; negative sizes are drawn as 0.
 *
 * @param x - Left.
 * @param y - Top.
 * @param width - Width.
 * @param height - Height.
 * @param attrs - More attributes (`class`, `fill`, …).
 * @returns The markup.
 * @example
 * ```ts
 * rect(0, 0, 10, 5, { fill: '#000' });
 * //=> '<rect x="0" y="0" width="10" height="5" fill="#000"/>'
 * ```
 * @category CLI
 */
export function rect(x: number, y: number, width: number, height: number, attrs: Attributes = {}): string {
  return `<rect${attributes({ x, y, width: Math.max(0, width), height: Math.max(0, height), ...attrs })}/>`;
}

/**
 * A `<line>`.
 *
 * @param x1 - Start x.
 * @param y1 - Start y.
 * @param x2 - End x.
 * @param y2 - End y.
 * @param attrs - More attributes (`class`, …).
 * @returns The markup.
 * @example
 * ```ts
 * line(0, 1, 10, 1, { class: 'grid' });
 * //=> '<line x1="0" y1="1" x2="10" y2="1" class="grid"/>'
 * ```
 * @category CLI
 */
export function line(x1: number, y1: number, x2: number, y2: number, attrs: Attributes = {}): string {
  return `<line${attributes({ x1, y1, x2, y2, ...attrs })}/>`;
}

/**
 * A linear scale from 0 with "nice" ticks (steps of 1, 2 or 5 × 10ⁿ), at most
 * about `count` of them, whose last tick is at or above `max`.
 *
 * @param max - The largest value to show, ≥ 0 (0 gives the scale 0…1).
 * @param count - About how many steps; default 5.
 * @returns The top of the scale and its ticks, 0 first.
 * @example
 * ```ts
 * niceScale(3.88);
 * //=> { max: 4, ticks: [0, 1, 2, 3, 4] }
 * ```
 * @category CLI
 */
export function niceScale(max: number, count = 5): { readonly max: number; readonly ticks: readonly number[] } {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const rough = top / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const steps = Math.ceil(top / step - 1e-9);
  const ticks: number[] = [];
  for (let i = 0; i <= steps; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { max: ticks.at(-1)!, ticks };
}

/** The WCAG relative luminance of an sRGB colour given as three 0–255 channels. */
function luminance(channels: readonly number[]): number {
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * A colour on a ramp from a light to a dark blue, for a heatmap cell, and the
 * text colour that reads on it: white or black, whichever contrasts more (at
 * least 4.5:1 on any fill, since white and black between them cover every
 * luminance), with the report's CSS class for that text colour.
 *
 * @param share - Where on the ramp, 0 (lightest) to 1 (darkest).
 * @returns The fill and the text colour, as `#rrggbb`, and the text's class.
 * @example
 * ```ts
 * ramp(1);
 * //=> { fill: '#0b3d91', ink: '#ffffff', inkClass: 'on-dark' }
 * ```
 * @category CLI
 */
export function ramp(share: number): { readonly fill: string; readonly ink: string; readonly inkClass: 'on-dark' | 'on-light' } {
  const t = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const lightest = [0xdb, 0xe8, 0xf7];
  const darkest = [0x0b, 0x3d, 0x91];
  const mix = lightest.map((l, i) => Math.round(l + (darkest[i]! - l) * t));
  const fill = `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  // White wins when (1.05) / (L + 0.05) > (L + 0.05) / 0.05, i.e. L < √(0.0525) − 0.05.
  const dark = luminance(mix) < Math.sqrt(0.0525) - 0.05;
  return { fill, ink: dark ? '#ffffff' : '#000000', inkClass: dark ? 'on-dark' : 'on-light' };
}

/**
 * The WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21.
 *
 * @param a - One colour.
 * @param b - The other.
 * @returns The ratio (lighter + 0.05) ÷ (darker + 0.05).
 * @example
 * ```ts
 * contrast('#ffffff', '#000000'); //=> 21
 * ```
 * @category CLI
 */
export function contrast(a: string, b: string): number {
  const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const [x, y] = [luminance(channels(a)), luminance(channels(b))].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}
