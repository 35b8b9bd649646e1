import gcoord from 'gcoord';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { metres, openPhone, snapshot, type PhoneSession } from './actors.js';
import { WUHAN_POSITION } from './browser.js';

describe('home page for a visitor in Wuhan (H5 build, real API and database)', () => {
  const baseUrl = inject('baseUrl');
  let phone: PhoneSession;
  let page: Page;

  beforeAll(async () => {
    phone = await openPhone(baseUrl);
    page = phone.page;
  });
  afterAll(() => phone?.close());

  it('lists the nearest sites in distance order, the same ones the API finds for that position', async () => {
    await page.goto(`${baseUrl}/`);
    const cards = page.locator('.site-card');
    await cards.first().waitFor({ state: 'visible', timeout: 30_000 });
    await snapshot(page, 'home');

    const names = await page.locator('.site-card__name').allInnerTexts();
    const distances = (await page.locator('.site-card__distance').allInnerTexts()).map(metres);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(distances).toHaveLength(names.length);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    // The browser reports WGS-84; the app converts to GCJ-02 before asking for the nearest sites.
    const [lng, lat] = gcoord.transform([WUHAN_POSITION.longitude, WUHAN_POSITION.latitude], gcoord.WGS84, gcoord.GCJ02);
    const api = (await (await fetch(`${baseUrl}/api/v1/sites?near=${lat},${lng}&limit=3`)).json()) as { items: Array<{ name: string; distanceMeters: number }> };
    expect(names.slice(0, 3)).toEqual(api.items.map((s) => s.name));
    // Displayed distances are the API's, rounded for reading (metres below 1 km, 0.1 km above).
    api.items.forEach((s, i) => expect(Math.abs(distances[i]! - s.distanceMeters)).toBeLessThanOrEqual(s.distanceMeters < 1000 ? 1 : 50));
  });

  it('opens the nearest site and shows its detail', async () => {
    const first = page.locator('.site-card').first();
    const name = (await first.locator('.site-card__name').innerText()).trim();
    await first.click();
    const title = page.locator('.site-detail__name');
    await title.waitFor({ state: 'visible', timeout: 30_000 });
    expect((await title.innerText()).trim()).toBe(name);
    await snapshot(page, 'site-detail');
  });
});
