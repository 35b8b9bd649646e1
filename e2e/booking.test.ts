import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, phoneContext } from './browser.js';

const ARTIFACTS = 'test-artifacts';

interface Slot {
  id: string;
  start: string;
  capacity: number;
  remaining: number;
  open?: boolean;
}

/**
 * A citizen signed in through the API's development sign-in, with the session stored the way the H5
 * app keeps it (Taro's H5 storage wraps values as `{"data": …}` in localStorage).
 */
async function signedInContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const res = await fetch(`${baseUrl}/api/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: `e2e-booking-${Date.now()}` }),
  });
  expect(res.status).toBe(200);
  const auth = (await res.json()) as { token: string; expiresIn: number; user: unknown };
  const session = { token: auth.token, user: auth.user, expiresAt: Date.now() + auth.expiresIn * 1000 };
  const context = await phoneContext(browser, baseUrl);
  await context.addInitScript((stored: string) => {
    window.localStorage.setItem('mm.session', stored);
  }, JSON.stringify({ data: JSON.stringify(session) }));
  return context;
}

async function slotsOf(baseUrl: string, siteId: string, date: string): Promise<Slot[]> {
  const res = await fetch(`${baseUrl}/api/v1/sites/${siteId}/slots?date=${date}`);
  return ((await res.json()) as { items: Slot[] }).items;
}

describe('booked visit on the H5 app (real API and database)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let site: { id: string; name: string };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    context = await signedInContext(browser, baseUrl);
    page = await context.newPage();
    // A demo site that takes bookings (the demo seed gives the bookable ones a slot template).
    const list = (await (await fetch(`${baseUrl}/api/v1/sites?limit=50`)).json()) as { items: Array<{ id: string; name: string }> };
    for (const item of list.items) {
      const detail = (await (await fetch(`${baseUrl}/api/v1/sites/${item.id}`)).json()) as { bookable: boolean };
      if (detail.bookable) {
        site = item;
        break;
      }
    }
    expect(site).toBeDefined();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('a citizen books a slot, sees the voucher with its QR code, cancels, and the seat count returns', async () => {
    await page.goto(`${baseUrl}/#/pages/site/index?id=${site.id}`);
    const book = page.locator('[data-testid="book-visit"]');
    await book.waitFor({ state: 'visible', timeout: 30_000 });
    await book.click();

    // The calendar picks the first day with seats; its slots list with remaining seats.
    await page.locator('[data-testid="booking-calendar"]').waitFor({ state: 'visible', timeout: 30_000 });
    const chosenDay = page.locator('[data-testid="calendar-day"][aria-pressed="true"]');
    await chosenDay.waitFor({ state: 'visible', timeout: 30_000 });
    const date = (await chosenDay.getAttribute('data-date'))!;
    expect(await chosenDay.getAttribute('data-status')).toBe('open');
    const slotRow = page.locator('[data-testid="slot"][aria-disabled="false"]').first();
    await slotRow.waitFor({ state: 'visible', timeout: 30_000 });
    const slotId = (await slotRow.getAttribute('data-slot-id'))!;
    const before = (await slotsOf(baseUrl, site.id, date)).find((s) => s.id === slotId)!;
    expect(await slotRow.locator('[data-testid="slot-remaining"]').innerText()).toBe(`余 ${before.remaining} / ${before.capacity}`);
    await slotRow.click();

    await page.locator('[data-testid="party-more"]').click();
    expect(await page.locator('[data-testid="party-size"]').innerText()).toBe('2 人');
    await page.locator('[aria-label="联系人姓名"] input, input[aria-label="联系人姓名"]').first().fill('李明');
    await page.locator('[aria-label="手机号码"] input, input[aria-label="手机号码"]').first().fill('13912345678');
    expect(await page.locator('[data-testid="booking-summary"]').innerText()).toContain('2 人');
    await page.screenshot({ path: `${ARTIFACTS}/booking-form.png`, fullPage: true });
    await page.locator('[data-testid="confirm-booking"]').click();

    // The voucher: code, QR image (loaded through its signed link), masked phone.
    const code = page.locator('[data-testid="voucher-code"]');
    await code.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await code.innerText()).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(await page.locator('[data-testid="voucher-status"]').innerText()).toBe('待参观');
    const qr = page.locator('[data-testid="voucher-qr"] img, img[data-testid="voucher-qr"]').first();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    const voucherText = await page.locator('.voucher__card').innerText();
    expect(voucherText).toContain('139****5678');
    expect(voucherText).not.toContain('13912345678');
    await page.screenshot({ path: `${ARTIFACTS}/booking-voucher.png`, fullPage: true });
    const booked = (await slotsOf(baseUrl, site.id, date)).find((s) => s.id === slotId)!;
    expect(booked.remaining).toBe(before.remaining - 2);

    // Cancel (the app asks first, in Taro's H5 modal) and the seats come back.
    await page.locator('[data-testid="cancel-booking"]').click();
    const confirmButton = page.locator('.taro__modal .taro-model__confirm');
    await confirmButton.waitFor({ state: 'visible', timeout: 10_000 });
    await confirmButton.click();
    await expect.poll(() => page.locator('[data-testid="voucher-status"]').innerText(), { timeout: 30_000 }).toBe('已取消');
    const after = (await slotsOf(baseUrl, site.id, date)).find((s) => s.id === slotId)!;
    expect(after.remaining).toBe(before.remaining);

    // The booking page shows the returned seats too.
    await page.goto(`${baseUrl}/#/pages/booking/index?siteId=${site.id}&date=${date}`);
    const sameSlot = page.locator(`[data-testid="slot"][data-slot-id="${slotId}"] [data-testid="slot-remaining"]`);
    await sameSlot.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await sameSlot.innerText()).toBe(`余 ${before.remaining} / ${before.capacity}`);

    await page.goto(`${baseUrl}/#/pages/my-bookings/index`);
    const card = page.locator('[data-testid="booking-card"]').first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await card.getAttribute('data-status')).toBe('cancelled');
  });
});
