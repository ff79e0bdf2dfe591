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
import { htmlData, pickAnswers, type ProbeAnswers } from '../src/report/html/data.ts';
import { FIXTURE_RUN, PLANTED_ANSWER, seedFixture } from './report-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';

let work: string;
let store: Store;
let html: string;
let file: string;
/** The same report with room for four of its nine (probe, language) pairs. */
let cappedFile: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'redline-html-'));
  store = await openStore(join(work, 'html.db'));
  await seedFixture(store);
  html = await renderHtml(store, await buildReportWithRows(store, FIXTURE_RUN));
  file = join(work, 'report.html');
  writeFileSync(file, html);
  cappedFile = join(work, 'capped.html');
  writeFileSync(cappedFile, await renderHtml(store, await buildReportWithRows(store, FIXTURE_RUN), 4));
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

describe('the answers side by side', () => {
  it('marks the pairs whose targets disagree: the sensitive probe in every language', async () => {
    const built = await buildReportWithRows(store, FIXTURE_RUN);
    const data = await htmlData(store, built.data, built.rows);
    expect(data.answerPairs).toBe(9);
    expect(data.answers.filter((a) => a.disagree).map((a) => `${a.probeId}/${a.lang}`)).toEqual([
      'tian-1/ar',
      'tian-1/en',
      'tian-1/zh-Hans',
    ]);
  });

  it('keeps, when capped, the disagreeing pairs, then any not answered, in probe order, and quotes them', async () => {
    const built = await buildReportWithRows(store, FIXTURE_RUN);
    const data = await htmlData(store, built.data, built.rows, 4);
    expect(data.answerPairs).toBe(9);
    expect(data.answers.map((a) => `${a.probeId}/${a.lang}`)).toEqual([
      'benign-1/ar',
      'tian-1/ar',
      'tian-1/en',
      'tian-1/zh-Hans',
    ]);
    for (const pair of data.answers)
      for (const answer of Object.values(pair.byTarget)) expect(answer.excerpt).not.toBe('');

    const pair = (id: string, disagree: boolean, notAnswered: number): ProbeAnswers => ({
      probeId: id,
      topic: 't',
      kind: 'sensitive',
      lang: 'en',
      disagree,
      byTarget: { a: { label: 'answered', excerpt: '', samples: 2, notAnswered } },
    });
    const pairs = [pair('p1', false, 0), pair('p2', false, 1), pair('p3', true, 0), pair('p4', false, 2)];
    expect(pickAnswers(pairs, 3).map((p) => p.probeId)).toEqual(['p2', 'p3', 'p4']);
    expect(pickAnswers(pairs, 1).map((p) => p.probeId)).toEqual(['p3']);
    expect(pickAnswers(pairs, 4)).toEqual(pairs);
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

  async function openPage(path: string) {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    return page;
  }

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
    const page = await openPage(file);
    expect(await page.locator('#answers .excerpt[lang="ar"][dir="rtl"]').count()).toBeGreaterThan(0);
    await page.click('#toggle-rtl');
    expect(await page.getAttribute('#layout', 'dir')).toBe('rtl');
    const direction = await page.$eval('#chart-heat', (el) => getComputedStyle(el).direction);
    expect(direction).toBe('ltr');
    expect(await page.locator('#chart-heat svg').count()).toBeGreaterThan(0);
    await page.close();
  }, 120_000);

  it('filters the answers by language, kind and disagreement, and says how many it shows', async () => {
    const page = await openPage(file);
    const visibleRows = () => page.locator('table.answers tr[data-kind]:visible');
    expect(await visibleRows().count()).toBe(9);
    expect(await page.locator('#answers-capped').count()).toBe(0);
    await page.selectOption('#filter-lang', 'ar');
    expect(await visibleRows().count()).toBe(3);
    expect(await page.locator('#answers-count').textContent()).toBe(' 3 of 9 shown');
    await page.selectOption('#filter-kind', 'control');
    expect(await visibleRows().count()).toBe(1);
    await page.selectOption('#filter-lang', '');
    await page.selectOption('#filter-kind', '');
    await page.check('#filter-disagree');
    const shown = await visibleRows().locator('td:first-child').allTextContents();
    expect(shown).toEqual(Array(3).fill('tian-1 (sensitive, tiananmen)'));
    expect(await page.locator('table.answers tr.disagree').count()).toBe(3);
    await page.close();
  }, 120_000);

  it('says when a large run shows only its most telling answers', async () => {
    const page = await openPage(cappedFile);
    await expect(page.locator('#answers-capped').textContent()).resolves.toMatch(
      /^This run has 9 \(question, language\) pairs; the 4 most telling are shown/,
    );
    expect(await page.locator('table.answers tr[data-kind]').count()).toBe(4);
    await page.close();
  }, 120_000);
});
