import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { open, openPhone, snapshot, type PhoneSession } from './actors.js';

/** The fallback position when location is refused (src/README.md: 武汉市中心). */
const WUHAN_CENTRE = { lat: 30.5928, lng: 114.3055 };

async function fontSizePx(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

describe('长辈模式 (elder mode) in the H5 app', () => {
  const baseUrl = inject('baseUrl');
  let phone: PhoneSession;
  let page: Page;

  beforeAll(async () => {
    phone = await openPhone(baseUrl);
    page = phone.page;
  });
  afterAll(() => phone?.close());

  it('switched on under 我的, makes the type larger on every page and stays on after a reload', async () => {
    await open(page, baseUrl, '/', '.site-card');
    const normalName = await fontSizePx(page, '.site-card__name');

    const toggle = await open(page, baseUrl, '/#/pages/my/index', '.elder-toggle__switch');
    const normalTitle = await fontSizePx(page, '.elder-toggle__title');
    await toggle.click();
    await expect.poll(() => page.locator('.page--elder').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await fontSizePx(page, '.elder-toggle__title')).toBeGreaterThan(normalTitle);
    await snapshot(page, 'elder-my');

    await page.goto(`${baseUrl}/`);
    await page.reload();
    await page.locator('.site-card').first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('.page--elder').count()).toBeGreaterThan(0);
    expect(await fontSizePx(page, '.site-card__name')).toBeGreaterThan(normalName);
    await snapshot(page, 'elder-home');

    await page.locator('.site-card').first().click();
    await page.locator('.site-detail__name').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('.page--elder').count()).toBeGreaterThan(0);
    await snapshot(page, 'elder-site-detail');
  });
});

describe('location refused in the H5 app', () => {
  const baseUrl = inject('baseUrl');
  let phone: PhoneSession;
  let page: Page;

  beforeAll(async () => {
    // The visitor says no: the page's geolocation request is refused.
    phone = await openPhone(baseUrl, (context) => context.clearPermissions());
    page = phone.page;
  });
  afterAll(() => phone?.close());

  it('says so, and lists the sites nearest the centre of Wuhan in the API’s order', async () => {
    const notice = await open(page, baseUrl, '/', '[data-testid=location-fallback]');
    await page.locator('.site-card').first().waitFor({ state: 'visible', timeout: 30_000 });
    await snapshot(page, 'location-refused');

    const names = await page.locator('.site-card__name').allInnerTexts();
    const api = (await (await fetch(`${baseUrl}/api/v1/sites?near=${WUHAN_CENTRE.lat},${WUHAN_CENTRE.lng}&limit=3`)).json()) as { items: Array<{ name: string }> };
    expect(names.slice(0, 3).map((n) => n.trim())).toEqual(api.items.map((s) => s.name));
    expect((await notice.innerText()).length).toBeGreaterThan(0);
  });
});
