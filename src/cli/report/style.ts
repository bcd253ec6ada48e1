/**
 * The report's only style sheet, inlined into the page: system fonts, no
 * external resource, readable on a laptop and on paper.
 *
 * @module
 */

/**
 * The follow-up status colours: each is at least 4.5:1 against white, so it
 * works as a bar on the page and behind white text in a status badge.
 *
 * @category CLI
 */
export const STATUS_COLOURS = Object.freeze({
  'never-contacted': '#4b5563',
  'too-soon': '#1d4ed8',
  'on-track': '#15803d',
  'due-soon': '#a16207',
  due: '#c2410c',
  overdue: '#b91c1c',
  lapsed: '#7f1d1d',
} as const);

/**
 * The report's CSS.
 *
 * @category CLI
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #111827; --muted: #4b5563; --line: #d1d5db; --panel: #ffffff; --page: #f3f4f6;
  --blue: #1f5fa8; --teal: #0f766e; --good: #15803d; --bad: #b91c1c; }
* { box-sizing: border-box; }
html { background: var(--page); }
body { margin: 0; color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 40px; }
header.masthead { margin-bottom: 16px; }
h1 { font-size: 26px; line-height: 1.2; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 0 0 6px; }
h3 { font-size: 15px; margin: 0 0 6px; }
p { margin: 0 0 10px; }
.meta, .note { color: var(--muted); font-size: 13px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 0 0 18px; break-inside: auto; }
.lede { font-size: 15px; max-width: 72ch; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 0 0 16px; padding: 0; list-style: none; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: #f9fafb; }
.tile .value { display: block; font-size: 24px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.tile .label { display: block; color: var(--muted); font-size: 12.5px; margin-top: 2px; }
.verdicts { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.verdict { border-radius: 8px; padding: 12px 14px; border: 1px solid var(--line); }
.verdict.good { border-left: 6px solid var(--good); background: #f0fdf4; }
.verdict.bad { border-left: 6px solid var(--bad); background: #fef2f2; }
.verdict ol { margin: 0; padding-left: 20px; }
.verdict li { margin: 0 0 6px; overflow-wrap: anywhere; }
.verdict .empty { color: var(--muted); margin: 0; }
.summary { margin: 14px 0 0; }
svg.chart { display: block; width: 100%; height: auto; margin: 8px 0 6px; font-family: inherit; }
svg.chart text { fill: var(--ink); font-size: 12.5px; }
svg.chart .axis-label, svg.chart .small { fill: var(--muted); font-size: 11.5px; }
svg.chart .strong { font-weight: 700; }
svg.chart text.on-dark { fill: #ffffff; }
svg.chart text.on-light { fill: #000000; }
svg.chart .other { font-style: italic; }
svg.chart .zero { fill: var(--bad); }
svg.chart .grid { stroke: #e5e7eb; stroke-width: 1; }
svg.chart .axis { stroke: #6b7280; stroke-width: 1; }
svg.chart .target { stroke: var(--good); stroke-width: 2; stroke-dasharray: 6 4; }
svg.chart .target-label { fill: var(--good); font-weight: 700; font-size: 12px; }
svg.chart .bar-referrals { fill: var(--blue); }
svg.chart .bar-visits { fill: var(--teal); }
svg.chart .bar-intake { fill: var(--good); }
svg.chart .empty-frame { fill: #f9fafb; stroke: var(--line); stroke-dasharray: 4 4; }
svg.chart .empty-text { fill: var(--muted); font-size: 14px; }
svg.chart .cell-zero { fill: #f3f4f6; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 8px 0 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12.5px; border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { overflow-wrap: anywhere; }
table.plan th:nth-child(1) { width: 96px; }
table.plan th:nth-child(2) { width: 19%; }
table.plan th:nth-child(3) { width: 11%; }
table.plan th:nth-child(4) { width: 27%; }
td.nowrap { white-space: nowrap; }
tr.overdue td.due { color: var(--bad); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; color: #ffffff; font-size: 12px; font-weight: 600; white-space: nowrap; }
.warning { display: block; color: var(--bad); font-size: 12.5px; }
details { margin: 6px 0 0; }
summary { cursor: pointer; color: var(--blue); font-size: 13.5px; }
.scroll { overflow-x: auto; }
footer { color: var(--muted); font-size: 12.5px; text-align: center; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 720px) { .verdicts { grid-template-columns: 1fr; } }
@media print {
  html, body { background: #ffffff; font-size: 12px; }
  main { max-width: none; padding: 0; }
  section { border: none; padding: 0; margin: 0 0 14px; }
  svg.chart, tr, .tile, .verdict { break-inside: avoid; }
  h2 { break-after: avoid; }
  summary { display: none; }
}
${Object.entries(STATUS_COLOURS)
  .map(([status, colour]) => `.status-${status} { background: ${colour}; fill: ${colour}; }`)
  .join('\n')}
`;
