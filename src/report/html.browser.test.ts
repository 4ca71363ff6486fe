// The HTML report opened from disk in real headless Chromium (Debian's `chromium` with playwright-core), on
// a case whose records carry hostile strings: no dialog, no script, no console error, no network request;
// the strings visible as text; the charts drawn. A screenshot is kept in test-artifacts/report.png.
//
// Without /usr/bin/chromium (or QIR_CHROMIUM) these tests are skipped with a message, except under CI=true
// where a missing browser is a failure.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from './index.js';
import { HOSTILE, hostileContext, hostileDocument } from './test-support/documents.js';

const CHROMIUM = process.env.QIR_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');
const SCREENSHOT = join(ARTIFACTS, 'report.png');
const HOW_TO_ENABLE = 'install it with `sudo apt-get install chromium` (or set QIR_CHROMIUM to a Chromium binary)';
const available = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

if (!available && !inCi) {
  console.warn(`\n[qir] Browser tests SKIPPED: no Chromium at ${CHROMIUM}. To run them, ${HOW_TO_ENABLE}.\n`);
}

if (!available && inCi) {
  describe('HTML report in Chromium (CI)', () => {
    it('needs Chromium under CI', () => {
      throw new Error(`CI=true but no Chromium at ${CHROMIUM}: ${HOW_TO_ENABLE}`);
    });
  });
}

describe.skipIf(!available)(`HTML report in Chromium${available ? '' : ` (skipped: no Chromium at ${CHROMIUM}; ${HOW_TO_ENABLE})`}`, () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'qir-browser-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, render(await hostileDocument(), 'html', hostileContext));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForTimeout(300); // let any deferred handler (onerror of a broken image...) fire
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs no script and opens no dialog', async () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}.${a.name}`)),
    );
    expect(handlers).toEqual([]);
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(#[A-Za-z0-9_-]+|https:\/\/(docs\.aws\.amazon\.com|console\.aws\.amazon\.com|aws\.amazon\.com)\/)/);
  });

  it('shows the hostile strings as text', async () => {
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain(HOSTILE.script);
    expect(text).toContain(HOSTILE.img);
    expect(text).toContain(HOSTILE.jsLink);
    expect(text).toContain(HOSTILE.formula);
    expect(text).toContain(HOSTILE.quoted);
    expect(text).toContain('␛[31m');
    expect(text).not.toContain('\u001b');
    expect(await page.title()).toContain('Amazon Q incident report');
  });

  it('draws the charts', async () => {
    expect(await page.locator('svg.chart').count()).toBe(4);
    expect(await page.locator('svg rect, svg path').count()).toBeGreaterThan(0);
    for (const [i, selector] of ['rect.bar', 'rect.bar', 'rect.bar', 'rect.mark'].entries()) {
      const marks = page.locator('svg.chart').nth(i).locator(selector);
      expect(await marks.count(), `chart ${i}`).toBeGreaterThan(0);
      const box = await marks.first().boundingBox();
      expect(box && box.width > 0 && box.height > 0, `chart ${i} draws visible marks`).toBe(true);
    }
    expect(await page.locator('svg.chart').first().locator('line.marker').count()).toBe(2);
  });

  it('links evidence to timeline rows', async () => {
    const link = page.locator('a.ev').first();
    const target = (await link.getAttribute('href'))!;
    await link.click();
    expect(await page.evaluate(() => location.hash)).toBe(target);
    expect(await page.locator(`tr${target}`).count()).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('keeps a screenshot', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const height = await page.evaluate(() => document.body.scrollHeight);
    await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 2400) } });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
