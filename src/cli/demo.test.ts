import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { defaultPlays } from '../plays/default-plays';
import { renderDemo, truncate, wrap } from './demo';

const lines = (text: string) => text.replace(/\n$/, '').split('\n');

describe('renderDemo', () => {
  const text = renderDemo({ seed: 7, now: '2026-03-02' });

  it('fits every line in 80 columns', () => {
    const long = lines(text).filter((line) => line.length > 80);
    expect(long).toEqual([]);
  });

  it('fits every line in a narrower width, too', () => {
    for (const width of [50, 60, 72]) {
      const text = renderDemo({ seed: 3, now: '2025-11-03', width });
      expect(lines(text).filter((line) => line.length > width)).toEqual([]);
    }
  });

  it('has a header, today’s plan grouped by play, and the best and worst sources', () => {
    const all = lines(text);
    expect(all[0]).toMatch(/^referwell demo: \S/);
    expect(text).toContain('Monday 2026-03-02 (America/New_York)');
    expect(text).toContain("Today's plan");
    expect(text).toContain('Source yield');
    expect(text).toContain('Best sources (referrals per outreach hour)');
    expect(text).toContain('Worst sources (referrals per outreach hour)');
    expect(text).toMatch(/#\s+Office\s+Refs\s+Visits\s+Hours\s+Per hr\s+Trend/);
    // Every group starts with a registered play's title and its action count.
    const titles = new Set(defaultPlays.map((play) => play.title));
    const groups = all.filter((line) => /^\S.* \(\d+\)$/.test(line) && !line.startsWith('Best') && !line.startsWith('Worst'));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(titles.has(group.replace(/ \(\d+\)$/, ''))).toBe(true);
    // Actions: a due date, then the title; the summary indented below.
    expect(all.some((line) => /^ {2}\d{4}-\d{2}-\d{2} {2}\S/.test(line))).toBe(true);
  });

  it('lists five best and five worst offices', () => {
    const all = lines(text);
    const table = (title: string) => {
      const start = all.indexOf(title) + 2;
      const rows: string[] = [];
      for (let i = start; i < all.length && /^ *\d+ {2}/.test(all[i]!); i += 1) rows.push(all[i]!);
      return rows;
    };
    expect(table('Best sources (referrals per outreach hour)')).toHaveLength(5);
    expect(table('Worst sources (referrals per outreach hour)')).toHaveLength(5);
  });

  it('is deterministic for a seed and date, and differs for another seed or date', () => {
    expect(renderDemo({ seed: 7, now: '2026-03-02' })).toBe(text);
    expect(renderDemo()).toBe(text); // the defaults are seed 7 and 2026-03-02
    expect(renderDemo({ seed: 8, now: '2026-03-02' })).not.toBe(text);
    expect(renderDemo({ seed: 7, now: '2026-03-09' })).not.toBe(text);
  });

  it('accepts an instant as now', () => {
    expect(renderDemo({ seed: 7, now: '2026-03-02T14:00:00Z' })).toBe(text); // 09:00 in New York
  });

  it('rejects a now that is neither a date nor an instant', () => {
    expect(() => renderDemo({ now: '2026-02-30' })).toThrow(ValidationError);
    expect(() => renderDemo({ now: 'yesterday' })).toThrow(/neither a date/);
  });

  it('says so when there is nothing to do', () => {
    const quiet = renderDemo({ seed: 1, offices: 0 });
    expect(quiet).toContain('Nothing to do');
    expect(quiet).toContain('(no office had outreach time in the window)');
  });
});

describe('wrap and truncate', () => {
  it('wraps at spaces, indents every line, and splits words longer than a line', () => {
    expect(wrap('one two three', 9, '  ')).toEqual(['  one two', '  three']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('', 10, '  ')).toEqual(['']);
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('Lakeside Family Medicine', 12)).toBe('Lakeside Fa…');
    expect(truncate('Lakeside Family Medicine', 10)).toBe('Lakeside…'); // no space before the ellipsis
    expect(truncate('Short', 10)).toBe('Short');
  });
});
