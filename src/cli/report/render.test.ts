import { describe, expect, it } from 'vitest';
import { scenario } from '../../../test/scenario';
import { followUpStatus, planActions, practiceIntakeMetrics, rankSources } from '../../engine/index';
import { indexSnapshot } from '../../model/history';
import { defaultPlaybook } from '../../playbook/playbook';
import { intakeMetrics } from '../../plays/ask/intake-metrics';
import { practiceCalendar } from '../../engine/context';
import { generatePractice } from '../../testing/generator';
import { escapeHtml } from './escape';
import { renderHtmlReport } from './index';
import { HOSTILE_NAME, TEST_NOW, testPractice } from './test-practice';

const input = { snapshot: testPractice(), playbook: defaultPlaybook, now: TEST_NOW };
const html = renderHtmlReport(input);

/** The attributes of every element carrying `data-<name>`, as records. */
function dataOf(page: string, marker: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const tag of page.matchAll(/<(?:rect|text|g)\b([^>]*)>/g)) {
    const attrs = Object.fromEntries([...tag[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (marker in attrs) out.push(attrs);
  }
  return out;
}

/** The inner markup of the section with this id. */
function section(page: string, id: string): string {
  const match = new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(page);
  if (match === null) throw new Error(`no section ${id}`);
  return match[0];
}

describe('renderHtmlReport', () => {
  it('is one complete HTML document with every section, in order', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    const ids = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['headline', 'referrals', 'yield', 'follow-up', 'intake', 'plan']);
    expect(html).toContain('<title>Referral report — Northside Counseling</title>');
    expect(html).toContain('Worth the drive');
    expect(html).toContain('Costing time for nothing');
  });

  it('has four accessible charts, each named by its own title and description', () => {
    const charts = [...html.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
    expect(charts).toHaveLength(4);
    for (const svg of charts) {
      expect(svg).toContain('role="img"');
      const id = /id="([^"]+)"/.exec(svg)![1]!;
      expect(svg).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(html).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`));
    }
    expect(charts.map((svg) => /id="([^"]+)"/.exec(svg)![1])).toEqual([
      'chart-referrals',
      'chart-yield',
      'chart-follow-up',
      'chart-intake',
    ]);
  });

  it('is self-contained: no script, no external resource, no URL but the SVG namespace', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|link|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/url\(/i);
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/gi)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xhtml']).toContain(url);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`);
  });

  it('escapes every name: a hostile office name appears only as text', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</svg><img');
    expect(html).toContain(escapeHtml(HOSTILE_NAME));
    // It is an office costing time for nothing (45 min, no referral), and in the follow-up table.
    expect(section(html, 'headline')).toContain(`<strong>${escapeHtml(HOSTILE_NAME)}</strong>`);
    expect(section(html, 'follow-up')).toContain(`<td class="name">${escapeHtml(HOSTILE_NAME)}</td>`);
    // Titles given by the host are escaped too.
    const titled = renderHtmlReport({ ...input, title: 'Q1 <b>"report"</b> & more' });
    expect(titled).toContain('<title>Q1 &lt;b&gt;&quot;report&quot;&lt;/b&gt; &amp; more</title>');
    expect(titled).toContain('<h1>Q1 &lt;b&gt;&quot;report&quot;&lt;/b&gt; &amp; more</h1>');
  });

  it('is deterministic and reads no clock', () => {
    expect(renderHtmlReport(input)).toBe(html);
    const reversed = {
      ...input.snapshot,
      offices: [...input.snapshot.offices].reverse(),
      touchpoints: [...input.snapshot.touchpoints].reverse(),
      referrals: [...input.snapshot.referrals].reverse(),
    };
    expect(renderHtmlReport({ ...input, snapshot: reversed })).toBe(html);
    expect(renderHtmlReport({ ...input, now: Date.parse(TEST_NOW) })).toBe(html);
  });

  it('does not mutate its input', () => {
    const snapshot = testPractice();
    const before = JSON.stringify(snapshot);
    renderHtmlReport({ snapshot, playbook: defaultPlaybook, now: TEST_NOW });
    expect(JSON.stringify(snapshot)).toBe(before);
  });
});

describe('the numbers are the engine’s', () => {
  const ranking = rankSources(input.snapshot, defaultPlaybook, TEST_NOW);

  it('yield bars: referrals and first visits per hour of every office with outreach time, in rank order', () => {
    const bars = dataOf(section(html, 'yield'), 'data-office');
    const referrals = bars.filter((bar) => bar.class === 'bar-referrals');
    const visits = bars.filter((bar) => bar.class === 'bar-visits');
    const timed = ranking.offices.filter((source) => source.outreachMinutes > 0);
    expect(referrals.map((bar) => bar['data-office'])).toEqual(timed.map((source) => source.officeId));
    expect(referrals.map((bar) => Number(bar['data-value']))).toEqual(timed.map((source) => source.referralsPerHour));
    expect(visits.map((bar) => Number(bar['data-value']))).toEqual(timed.map((source) => source.firstVisitsPerHour));
    // By hand: office a, 3 referrals and 1 first visit in 2 hours.
    expect(referrals[0]).toMatchObject({ 'data-office': 'a', 'data-value': '1.5' });
    expect(visits[0]).toMatchObject({ 'data-office': 'a', 'data-value': '0.5' });
    expect(section(html, 'yield')).toContain('1.50 · 3 referrals in 2.0 h');
    // Office c sent a referral without outreach time: named, not charted.
    expect(section(html, 'yield')).toContain('1 office sent referrals without any logged outreach time');
  });

  it('headline: the best office by yield and the offices that took time for nothing, most time first', () => {
    const headline = section(html, 'headline');
    expect(headline).toContain('<strong>Lakeside Family Medicine</strong> — 1.50 referrals and 0.50 first visits per outreach hour (3 referrals for 2.0 h)');
    const bad = headline.slice(headline.indexOf('Costing time'));
    expect(bad.indexOf('Elm Street Pediatrics')).toBeLessThan(bad.indexOf(escapeHtml(HOSTILE_NAME)));
    expect(bad).toContain('2.0 h of outreach (2 touchpoints) and no referral');
  });

  it('heatmap: every office-month cell counts the referrals received that month (practice time zone)', () => {
    const cells = dataOf(section(html, 'referrals'), 'data-month').filter((cell) => cell['data-row'] === 'a');
    const expected: Record<string, number> = { '2025-11': 1, '2026-01': 1, '2026-02': 1 };
    expect(cells).toHaveLength(12);
    for (const cell of cells) expect(Number(cell['data-value'])).toBe(expected[cell['data-month']!] ?? 0);
    const totals = dataOf(section(html, 'referrals'), 'data-month').filter((cell) => cell['data-row'] === '(all)');
    expect(totals.map((cell) => Number(cell['data-value']))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 2, 0]);
    expect(cells[0]!['data-month']).toBe('2025-04');
  });

  it('follow-up bars: the count of offices in each status under followUpStatus', () => {
    const index = indexSnapshot(input.snapshot);
    const tally = new Map<string, number>();
    for (const history of index.offices.values()) {
      const { status } = followUpStatus(history, defaultPlaybook, TEST_NOW);
      tally.set(status, (tally.get(status) ?? 0) + 1);
    }
    const bars = dataOf(section(html, 'follow-up'), 'data-status');
    expect(bars).toHaveLength(7);
    for (const bar of bars) expect(Number(bar['data-value'])).toBe(tally.get(bar['data-status']!) ?? 0);
    expect(Object.fromEntries(bars.map((bar) => [bar['data-status'], Number(bar['data-value'])]))).toMatchObject({
      'never-contacted': 1,
      'too-soon': 2,
      overdue: 1,
    });
  });

  it('intake columns: each month’s late count equals intakeMetrics over that month’s referrals', () => {
    const index = indexSnapshot(input.snapshot);
    const clock = { now: Date.parse(TEST_NOW), timeZone: 'America/Chicago', calendar: practiceCalendar(input.snapshot.practice) };
    const groups = dataOf(section(html, 'intake'), 'data-on-time');
    expect(groups).toHaveLength(12);
    for (const group of groups) {
      const month = group['data-month']!;
      const referrals = [...index.offices.values()].flatMap((history) =>
        history.referrals.filter((entry) => new Date(entry.at - 6 * 3_600_000).toISOString().startsWith(month)),
      );
      const metrics = intakeMetrics(referrals, defaultPlaybook.plays.ask, clock);
      expect(Number(group['data-late'])).toBe(metrics.contactBreaches.length);
      expect(Number(group['data-on-time']) + Number(group['data-late']) + Number(group['data-waiting']) + Number(group['data-not-judged'])).toBe(
        metrics.count,
      );
    }
    // By hand: November on time, January late, February one on time (r1) and one late (r4).
    const february = groups.find((group) => group['data-month'] === '2026-02')!;
    expect(february).toMatchObject({ 'data-on-time': '1', 'data-late': '1' });
    const metrics = practiceIntakeMetrics(input);
    expect(section(html, 'intake')).toContain(`${metrics.count} referrals, ${metrics.contacted} patients contacted, median 4.0 h to first contact`);
  });

  it('plan: one row per planned action, in the engine’s order, with office name, play title and reason', () => {
    const actions = planActions(input);
    const plan = section(html, 'plan');
    const rows = [...plan.matchAll(/<tr(?: class="overdue")?><td class="due nowrap">([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(rows).toEqual(actions.map((action) => action.due));
    for (const action of actions) {
      expect(plan).toContain(escapeHtml(action.title));
      expect(plan).toContain(escapeHtml(action.explanation.summary));
    }
    expect(plan).toContain(`${actions.length} actions`);
  });
});

describe('empty states', () => {
  it('an empty practice renders every section with a message, and no NaN or Infinity', () => {
    const empty = scenario().build();
    const page = renderHtmlReport({ snapshot: empty, playbook: defaultPlaybook, now: TEST_NOW });
    expect(page).not.toMatch(/NaN|Infinity|undefined|null/);
    expect([...page.matchAll(/<svg [^>]*role="img"/g)]).toHaveLength(4);
    expect(page).toContain('No offices are recorded yet');
    expect(page).toContain('No referrals received from Apr 2025 to Mar 2026.');
    expect(page).toContain('No outreach time was logged in this period.');
    expect(page).toContain('Nothing to do: every office is on track.');
    expect(page).toContain('No office took outreach time without sending a referral.');
  });

  it('offices without referrals: zero yields are drawn as zero, not as broken bars', () => {
    const snapshot = scenario()
      .office('a', { name: 'Cold Office' })
      .office('b', { name: 'Colder Office' })
      .touch('t1', 'a', '2026-02-02T16:00:00Z', { minutes: 90 })
      .build();
    const page = renderHtmlReport({ snapshot, playbook: defaultPlaybook, now: TEST_NOW });
    expect(page).not.toMatch(/NaN|Infinity|undefined|null/);
    expect(page).toContain('0 · no referral in 1.5 h');
    expect(page).toContain('No referrals received from Apr 2025 to Mar 2026.');
    expect(page).toContain('No referral to judge in the last 12 months.');
    expect(page).toContain('No office sent a referral for logged outreach time in this period yet.');
    expect(page).not.toMatch(/width="-/);
  });

  it('a practice with no outreach at all still names the offices that referred', () => {
    const snapshot = scenario().office('a', { name: 'Walk-in Friend' }).referral('r1', 'a', '2026-02-23T15:00:00Z').build();
    const page = renderHtmlReport({ snapshot, playbook: defaultPlaybook, now: TEST_NOW });
    expect(page).not.toMatch(/NaN|Infinity/);
    expect(section(page, 'yield')).toContain('Walk-in Friend (1)');
    expect(section(page, 'headline')).toContain('1 referral arrived, none of them for logged outreach time.');
  });
});

describe('a realistic practice', () => {
  const now = '2026-03-02T14:00:00Z';
  const snapshot = generatePractice({ seed: 7, offices: 40, now });
  const page = renderHtmlReport({ snapshot, playbook: defaultPlaybook, now });

  it('charts every office with outreach time and lists every office', () => {
    const timed = rankSources(snapshot, defaultPlaybook, now).offices.filter((source) => source.outreachMinutes > 0);
    expect(dataOf(page, 'data-office').filter((bar) => bar.class === 'bar-referrals')).toHaveLength(timed.length);
    for (const office of snapshot.offices) expect(section(page, 'follow-up')).toContain(`<td class="name">${escapeHtml(office.name)}</td>`);
    expect(page).not.toMatch(/NaN|Infinity/);
  });

  it('keeps the best and the worst when there are many offices', () => {
    const big = generatePractice({ seed: 3, offices: 120, now });
    const bigPage = renderHtmlReport({ snapshot: big, playbook: defaultPlaybook, now });
    const timed = rankSources(big, defaultPlaybook, now).offices.filter((source) => source.outreachMinutes > 0);
    expect(timed.length).toBeGreaterThan(30);
    const bars = dataOf(bigPage, 'data-office').filter((bar) => bar.class === 'bar-referrals');
    expect(bars.map((bar) => bar['data-office'])).toEqual([
      ...timed.slice(0, 20).map((source) => source.officeId),
      ...timed.slice(-10).map((source) => source.officeId),
    ]);
    expect(bigPage).toContain(`${timed.length - 30} offices in between`);
    // The heatmap keeps ten offices and one row for the rest.
    const rows = new Set(dataOf(bigPage, 'data-row').map((cell) => cell['data-row']));
    expect(rows.size).toBe(12);
    expect(rows.has('(others)')).toBe(true);
  });
});
