import { describe, expect, it } from 'vitest';
import { followUpStatuses } from '../../plays/follow-up/status';
import { STATUS_COLOURS } from './style';
import { chart, contrast, emptyChart, niceScale, ramp, rect, text } from './svg';

describe('chart', () => {
  it('is an accessible image named by its title and description, everything escaped', () => {
    const svg = chart({ id: 'c1', title: 'A <b> & "c"', desc: "it's", height: 100, body: text(1, 2, '<x>') });
    expect(svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="c1" role="img" viewBox="0 0 880 100" width="880" height="100" ' +
        'aria-labelledby="c1-title c1-desc"><title id="c1-title">A &lt;b&gt; &amp; &quot;c&quot;</title>' +
        '<desc id="c1-desc">it&#39;s</desc><text x="1" y="2">&lt;x&gt;</text></svg>',
    );
  });

  it('an empty chart keeps the frame and says what is missing', () => {
    const svg = emptyChart('e', 'Yield', 'Nothing yet');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('>Nothing yet</text>');
  });

  it('draws negative sizes as zero and rounds coordinates', () => {
    expect(rect(1.234, 2, -5, 3.333)).toBe('<rect x="1.23" y="2" width="0" height="3.33"/>');
  });
});

describe('niceScale', () => {
  it.each([
    [3.88, 4, [0, 1, 2, 3, 4]],
    [16, 20, [0, 5, 10, 15, 20]],
    [0.34, 0.4, [0, 0.1, 0.2, 0.3, 0.4]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [7, 8, [0, 2, 4, 6, 8]],
  ])('niceScale(%s) tops out at %s', (max, top, ticks) => {
    expect(niceScale(max)).toEqual({ max: top, ticks });
  });

  it('always covers the maximum', () => {
    for (let max = 0.01; max < 5000; max *= 1.37) expect(niceScale(max).max).toBeGreaterThanOrEqual(max);
  });
});

describe('colours', () => {
  it('heatmap text reads on every ramp colour (≥ 4.5:1)', () => {
    for (let i = 0; i <= 100; i++) {
      const { fill, ink } = ramp(i / 100);
      expect(contrast(fill, ink)).toBeGreaterThanOrEqual(4.5);
    }
    expect(ramp(Number.NaN)).toEqual(ramp(0));
  });

  it('every follow-up status colour holds white text at ≥ 4.5:1', () => {
    for (const status of followUpStatuses) expect(contrast(STATUS_COLOURS[status], '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
