/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core
 * loads a generated practice's report from a file, with every non-file request
 * aborted and recorded. Without /usr/bin/chromium one test says so by name —
 * allowed only outside CI; with `CI` set a missing browser fails this file.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultPlaybook } from '../../playbook/playbook';
import { generatePractice } from '../../testing/generator';
import { renderHtmlReport } from './index';
import { HOSTILE_NAME } from './test-practice';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACT = resolve(import.meta.dirname, '../../../artifacts/report.png');
const TIMEOUT = 120_000;

/** What the page says about one chart. */
interface ChartFacts {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly desc: string;
  readonly inside: boolean;
}

if (!existsSync(CHROMIUM)) {
  if (process.env.CI) {
    throw new Error(`[referwell] CI is set, so the browser test needs ${CHROMIUM}, but it is not installed (apt-get install -y chromium)`);
  }
  console.info(`[referwell] report browser test: NOT RUN, ${CHROMIUM} is not installed`);
  describe('the HTML report in chromium', () => {
    test(`NOT RUN: chromium not installed at ${CHROMIUM} (allowed only outside CI)`, () => {
      expect(process.env.CI).toBeUndefined();
    });
  });
} else {
  describe('the HTML report in chromium', () => {
    const now = '2026-03-02T14:00:00Z';
    const generated = generatePractice({ seed: 7, offices: 40, now });
    // One office gets a name that would run script if it were not escaped.
    const snapshot = {
      ...generated,
      offices: generated.offices.map((office, i) => (i === 0 ? { ...office, name: HOSTILE_NAME } : office)),
    };
    let browser: Browser;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'referwell-report-'));
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    }, TIMEOUT);

    afterAll(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test(
      'loads from a file with no request elsewhere and no error, shows every chart, and saves a screenshot',
      async () => {
        const file = join(dir, 'report.html');
        writeFileSync(file, renderHtmlReport({ snapshot, playbook: defaultPlaybook, now }));
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        const outside: string[] = [];
        const errors: string[] = [];
        const dialogs: string[] = [];
        await page.route('**/*', async (route) => {
          const url = route.request().url();
          if (url.startsWith('file:')) await route.continue();
          else {
            outside.push(url);
            await route.abort();
          }
        });
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(String(error)));
        page.on('dialog', async (dialog) => {
          dialogs.push(dialog.message());
          await dialog.dismiss();
        });

        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

        // Browser-side code is passed as source text, so the project needs no DOM typings.
        const charts = await page.evaluate<ChartFacts[]>(`
          [...document.querySelectorAll('svg[role="img"]')].map((svg) => {
            const box = svg.getBoundingClientRect();
            const names = (svg.getAttribute('aria-labelledby') ?? '')
              .split(/\\s+/)
              .map((id) => document.getElementById(id)?.textContent?.trim() ?? '');
            const title = document.getElementById(svg.id + '-title');
            return {
              id: svg.id,
              width: box.width,
              height: box.height,
              title: names[0] ?? '',
              desc: names[1] ?? '',
              inside: title !== null && svg.contains(title),
            };
          })
        `);
        expect(charts.map((c) => c.id)).toEqual(['chart-referrals', 'chart-yield', 'chart-follow-up', 'chart-intake']);
        for (const c of charts) {
          expect(c.title.length, c.id).toBeGreaterThan(0);
          expect(c.desc.length, c.id).toBeGreaterThan(0);
          expect(c.inside, c.id).toBe(true);
          expect(c.width, c.id).toBeGreaterThan(0);
          expect(c.height, c.id).toBeGreaterThan(0);
        }
        // The accessibility tree names each chart by its title, then its description.
        for (const c of charts) {
          expect(await page.getByRole('img', { name: `${c.title} ${c.desc}`, exact: true }).count(), c.id).toBe(1);
        }

        // The hostile name is text on the page, and nothing ran.
        expect(await page.getByText(HOSTILE_NAME).count()).toBeGreaterThan(0);
        expect(await page.evaluate<number>(`document.querySelectorAll('script, img').length`)).toBe(0);
        // Fits a laptop screen: nothing wider than the viewport.
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);

        mkdirSync(resolve(ARTIFACT, '..'), { recursive: true });
        await page.screenshot({ path: ARTIFACT, fullPage: true });
        expect(existsSync(ARTIFACT)).toBe(true);

        expect(outside).toEqual([]);
        expect(errors).toEqual([]);
        expect(dialogs).toEqual([]);
        await page.close();
      },
      TIMEOUT,
    );

    test(
      'prints to PDF without error',
      async () => {
        const file = join(dir, 'print.html');
        writeFileSync(file, renderHtmlReport({ snapshot, playbook: defaultPlaybook, now }));
        const page = await browser.newPage();
        await page.goto(pathToFileURL(file).href);
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({ format: 'Letter', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        // The charts still fit the printed page width.
        const widest = await page.evaluate<number>(
          `Math.max(...[...document.querySelectorAll('svg')].map((s) => s.getBoundingClientRect().width))`,
        );
        expect(widest).toBeGreaterThan(0);
        await page.close();
      },
      TIMEOUT,
    );
  });
}
