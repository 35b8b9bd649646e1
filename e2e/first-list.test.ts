import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FAST_3G } from '../bench/fast3g.js';
import { snapshot } from './actors.js';
import { launchChromium, phoneContext } from './browser.js';

const EARLY = '[data-testid="boot-site-card"]';
const APP = '[data-testid="site-card"]';

/**
 * The home page on a slow phone link (DevTools "Fast 3G"): the list index.html shows before the app's
 * scripts arrive (src/boot/first-list.ts), then the app takes over with the same sites, without asking
 * for them a second time.
 */
describe('the early nearest list on a slow link (H5 build, real API and database)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;

  async function slowPage(): Promise<{ page: Page; nearRequests: string[] }> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    const nearRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/sites\?near=/.test(r.url())) nearRequests.push(r.url());
    });
    return { page, nearRequests };
  }

  beforeAll(async () => {
    browser = await launchChromium();
    context = await phoneContext(browser, baseUrl);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows the nearest sites before the app has loaded, then the app shows the same ones from one request', async () => {
    const { page, nearRequests } = await slowPage();
    await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
    await page.locator(EARLY).first().waitFor({ state: 'visible', timeout: 30_000 });
    // The app's scripts (~150 KB) are still on their way: only the early list is there.
    expect(await page.locator(APP).count()).toBe(0);
    await snapshot(page, 'home-early-list', false);

    const early = await page.locator(`${EARLY} .boot-card__name`).allInnerTexts();
    expect(early.length).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('.boot-card__distance').first().innerText()).toMatch(/^\d+(\.\d)? (米|公里)$/);

    await page.locator(APP).first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('#mm-boot').count()).toBe(0);
    const app = await page.locator('.site-card__name').allInnerTexts();
    expect(app).toEqual(early);
    expect(nearRequests).toHaveLength(1);
    await page.close();
  });

  it('opens a site tapped in the early list once the app has loaded', async () => {
    const { page } = await slowPage();
    await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
    const first = page.locator(EARLY).first();
    await first.waitFor({ state: 'visible', timeout: 30_000 });
    const name = (await first.locator('.boot-card__name').innerText()).trim();
    await first.click();
    const title = page.locator('.site-detail__name');
    await title.waitFor({ state: 'visible', timeout: 30_000 });
    expect((await title.innerText()).trim()).toBe(name);
    expect(await page.locator('#mm-boot').count()).toBe(0);
    await page.close();
  });
});
