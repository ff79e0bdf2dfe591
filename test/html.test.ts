import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/types.ts';
import { buildReportWithRows } from '../src/report/build.ts';
import { embedJson, renderHtml } from '../src/report/html/page.ts';
import { FIXTURE_RUN, PLANTED_ANSWER, seedFixture } from './report-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';

let work: string;
let store: Store;
let html: string;
let file: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'redline-html-'));
  store = await openStore(join(work, 'html.db'));
  await seedFixture(store);
  html = await renderHtml(store, await buildReportWithRows(store, FIXTURE_RUN));
  file = join(work, 'report.html');
  writeFileSync(file, html);
}, 120_000);
afterAll(async () => {
  await store?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the HTML report as a file', () => {
  it('embeds model text only inside escaped JSON', () => {
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('\\u003cscript>window.__pwned=1\\u003c/script>');
    expect(embedJson({ a: '</script><!--' })).toBe('{"a":"\\u003c/script>\\u003c!--"}');
  });

  it('needs no network: no external src or href, a CSP that forbids connections', () => {
    expect(html).not.toMatch(/\b(?:src|href)=["']?https?:/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('SIMULATED');
  });
});

describe('the HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);
  afterAll(async () => browser?.close());

  it('draws the charts, shows the planted markup as text, and never runs it', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    expect(errors).toEqual([]);
    for (const chart of ['#chart-heat', '#chart-gaps', '#chart-timeline']) {
      expect(await page.locator(`${chart} svg`).count()).toBeGreaterThan(0);
    }
    expect(await page.locator('#chart-heat svg rect').count()).toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#answers img').count()).toBe(0);
    expect(await page.locator('#answers .excerpt', { hasText: PLANTED_ANSWER }).count()).toBe(1);
    await expect(page.locator('.banner').textContent()).resolves.toMatch(/^SIMULATED/);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.close();
  }, 120_000);

  it('marks Arabic answers right-to-left and mirrors the charts, which stay left-to-right', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    expect(await page.locator('#answers .excerpt[lang="ar"][dir="rtl"]').count()).toBeGreaterThan(0);
    await page.click('#toggle-rtl');
    expect(await page.getAttribute('#layout', 'dir')).toBe('rtl');
    const direction = await page.$eval('#chart-heat', (el) => getComputedStyle(el).direction);
    expect(direction).toBe('ltr');
    expect(await page.locator('#chart-heat svg').count()).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});
