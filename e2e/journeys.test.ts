import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, citizen, citizenPhone, metres, shanghaiToday, snapshot, staffSignIn, staffToken, type SignedIn } from './actors.js';
import { desktopContext, launchChromium, WUHAN_POSITION } from './browser.js';

/**
 * Whole visits, one person each, through the real UI of the H5 build against the real API and
 * database (e2e/global-setup.ts: FerretDB, API and H5 on a fresh DATA_DIR with the demo data, as
 * `npm start`). The family's visit is e2e/proxy-sweep.test.ts; elder mode and a refused location are
 * e2e/elder-and-location.test.ts.
 */

interface Slot {
  id: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}

/** The text input of the site record's field with this label. */
function recordField(page: Page, label: string) {
  return page.locator('.console__field', { has: page.locator('.console__label', { hasText: new RegExp(`^${label}$`) }) }).locator('input').first();
}

async function slotsOf(baseUrl: string, siteId: string, date: string): Promise<Slot[]> {
  return (await api<{ items: Slot[] }>(baseUrl, 'GET', `/sites/${siteId}/slots?date=${date}`)).body.items;
}

describe('a citizen: nearest → detail → navigate → flower → booking → voucher → cancel', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let auth: SignedIn;
  /** The nearest site that takes bookings, as the API finds it for the phone's position. */
  let site: { id: string; name: string; location: { lat: number; lng: number } };
  const words = `缅怀先烈，欢迎加我微信 memorial${Date.now() % 100000} 交流`;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ context, auth } = await citizenPhone(browser, baseUrl, 'journey-citizen'));
    page = await context.newPage();
    const near = `${WUHAN_POSITION.latitude},${WUHAN_POSITION.longitude}`;
    const list = (await api<{ items: Array<{ id: string; name: string; location: { lat: number; lng: number } }> }>(baseUrl, 'GET', `/sites?near=${near}&limit=20`)).body.items;
    for (const item of list) {
      if ((await api<{ bookable: boolean }>(baseUrl, 'GET', `/sites/${item.id}`)).body.bookable) {
        site = item;
        break;
      }
    }
    expect(site, 'a bookable site among the 20 nearest demo sites').toBeDefined();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('finds the nearest memorials in distance order and opens one', async () => {
    await page.goto(`${baseUrl}/`);
    const cards = page.locator('[data-testid="site-card"]');
    await cards.first().waitFor({ state: 'visible', timeout: 30_000 });
    const distances = (await page.locator('.site-card__distance').allInnerTexts()).map(metres);
    expect(distances.length).toBeGreaterThanOrEqual(3);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    await snapshot(page, 'journey-citizen-1-home');

    const card = page.locator(`[data-testid="site-card"][data-site-id="${site.id}"]`);
    await card.scrollIntoViewIfNeeded();
    await card.click();
    const title = page.locator('.site-detail__name');
    await title.waitFor({ state: 'visible', timeout: 30_000 });
    expect((await title.innerText()).trim()).toBe(site.name);
  });

  it('has a 导航 link that opens AMap at the site', async () => {
    const navigate = page.locator('.site-detail__navigate');
    await navigate.waitFor({ state: 'visible', timeout: 30_000 });
    expect((await navigate.innerText()).trim()).toContain('导航');
    const href = new URL((await navigate.getAttribute('href'))!);
    expect(href.origin + href.pathname).toBe('https://uri.amap.com/marker');
    expect(href.searchParams.get('position')).toBe(`${site.location.lng.toFixed(6)},${site.location.lat.toFixed(6)}`);
    expect(href.searchParams.get('name')).toBe(site.name);
    await snapshot(page, 'journey-citizen-2-detail');
  });

  it('offers a flower with a message: the count rises, the message waits for review', async () => {
    const before = (await api<{ flower: number; message: number }>(baseUrl, 'GET', `/sites/${site.id}/tribute-stats`)).body;
    const flowers = page.locator('[data-testid="tribute-stat-flower"]');
    await flowers.waitFor({ state: 'visible', timeout: 30_000 });
    expect(Number((await flowers.innerText()).trim())).toBe(before.flower);

    await page.locator('[data-testid="open-tribute"]').click();
    const sheet = page.getByRole('dialog');
    await sheet.waitFor({ state: 'visible' });
    await sheet.locator('[data-testid="tribute-kind-flower"]').click();
    await sheet.locator('textarea').fill(words);
    await sheet.getByText('献花并寄语').click();
    const count = sheet.locator('[data-testid="tribute-count"]');
    await count.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await count.innerText()).toContain(`累计献花 ${before.flower + 1} 次`);
    expect(await sheet.locator('[data-testid="tribute-message-status"]').innerText()).toContain('等待审核');
    await snapshot(page, 'journey-citizen-3-tribute', false);

    await sheet.getByText('完成').click();
    await expect.poll(async () => Number((await flowers.innerText()).trim())).toBe(before.flower + 1);
    // A held message is on no public wall and in no public count.
    expect(await page.locator('[data-testid="tribute-wall-item"]', { hasText: words }).count()).toBe(0);
    const after = (await api<{ flower: number; message: number }>(baseUrl, 'GET', `/sites/${site.id}/tribute-stats`)).body;
    expect(after).toMatchObject({ flower: before.flower + 1, message: before.message });
  });

  let date: string;
  let slotId: string;
  let before: Slot;

  it('books a visit for two and gets a voucher with a QR code and a masked phone', async () => {
    await page.locator('[data-testid="book-visit"]').click();
    const chosenDay = page.locator('[data-testid="calendar-day"][aria-pressed="true"]');
    await chosenDay.waitFor({ state: 'visible', timeout: 30_000 });
    date = (await chosenDay.getAttribute('data-date'))!;
    expect(await chosenDay.getAttribute('data-status')).toBe('open');
    const slotRow = page.locator('[data-testid="slot"][aria-disabled="false"]').first();
    await slotRow.waitFor({ state: 'visible', timeout: 30_000 });
    slotId = (await slotRow.getAttribute('data-slot-id'))!;
    before = (await slotsOf(baseUrl, site.id, date)).find((s) => s.id === slotId)!;
    expect(await slotRow.locator('[data-testid="slot-remaining"]').innerText()).toBe(`余 ${before.remaining} / ${before.capacity}`);
    await slotRow.click();

    await page.locator('[data-testid="party-more"]').click();
    expect(await page.locator('[data-testid="party-size"]').innerText()).toBe('2 人');
    await page.locator('input[aria-label="联系人姓名"], [aria-label="联系人姓名"] input').first().fill('李明');
    await page.locator('input[aria-label="手机号码"], [aria-label="手机号码"] input').first().fill('13912345678');
    expect(await page.locator('[data-testid="booking-summary"]').innerText()).toContain('2 人');
    await snapshot(page, 'journey-citizen-4-booking');
    await page.locator('[data-testid="confirm-booking"]').click();

    const code = page.locator('[data-testid="voucher-code"]');
    await code.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await code.innerText()).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(await page.locator('[data-testid="voucher-status"]').innerText()).toBe('待参观');
    const qr = page.locator('[data-testid="voucher-qr"] img, img[data-testid="voucher-qr"]').first();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    const voucher = await page.locator('.voucher__card').innerText();
    expect(voucher).toContain('139****5678');
    expect(voucher).not.toContain('13912345678');
    expect(voucher).toContain(site.name);
    await snapshot(page, 'journey-citizen-5-voucher');
    expect((await slotsOf(baseUrl, site.id, date)).find((s) => s.id === slotId)!.remaining).toBe(before.remaining - 2);
  });

  it('cancels the visit: the seats come back, and 我的预约 and 我的祭扫 show what happened', async () => {
    await page.locator('[data-testid="cancel-booking"]').click();
    const confirm = page.locator('.taro__modal .taro-model__confirm');
    await confirm.waitFor({ state: 'visible', timeout: 10_000 });
    await confirm.click();
    await expect.poll(() => page.locator('[data-testid="voucher-status"]').innerText(), { timeout: 30_000 }).toBe('已取消');
    expect((await slotsOf(baseUrl, site.id, date)).find((s) => s.id === slotId)!.remaining).toBe(before.remaining);
    await snapshot(page, 'journey-citizen-6-cancelled');

    // The booking page offers the returned seats again.
    await page.goto(`${baseUrl}/#/pages/booking/index?siteId=${site.id}&date=${date}`);
    const sameSlot = page.locator(`[data-testid="slot"][data-slot-id="${slotId}"] [data-testid="slot-remaining"]`);
    await sameSlot.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await sameSlot.innerText()).toBe(`余 ${before.remaining} / ${before.capacity}`);

    await page.goto(`${baseUrl}/#/pages/my-bookings/index`);
    const card = page.locator('[data-testid="booking-card"]').first();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await card.getAttribute('data-status')).toBe('cancelled');
    expect(await card.innerText()).toContain(site.name);

    await page.goto(`${baseUrl}/#/pages/my-tributes/index`);
    const mine = page.locator('[data-testid="my-tribute"]', { hasText: words });
    await mine.waitFor({ state: 'visible', timeout: 30_000 });
    expect((await mine.locator('[data-testid="tribute-status"]').innerText()).trim()).toBe('待审核');
    const stored = await api<{ items: Array<{ status: string }> }>(baseUrl, 'GET', '/bookings/mine', auth.token);
    expect(stored.body.items.map((b) => b.status)).toEqual(['cancelled']);
  });
});

describe('a site manager: sign in → edit a site → history → review a message → day sheet → check-in → a stale edit refused', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: SignedIn;
  let site: { id: string; name: string };
  let booking: { id: string; code: string };
  const message = `致敬英烈，加我微信 wx${Date.now() % 100000} 一起祭扫`;
  const newPhone = `027-${String(Date.now()).slice(-8)}`;
  const today = shanghaiToday();

  beforeAll(async () => {
    admin = await staffToken(baseUrl, 'admin');
    const manager = await staffToken(baseUrl, 'manager1');
    for (const id of manager.user.siteIds ?? []) {
      const detail = (await api<{ id: string; name: string; bookable: boolean }>(baseUrl, 'GET', `/sites/${id}`)).body;
      if (detail.bookable) {
        site = detail;
        break;
      }
    }
    expect(site, 'manager1 has a site that takes bookings').toBeDefined();

    // Visits can be checked in only on their day: today gets one slot until 23:59 (an override of
    // the site's template, as a manager would set for an open day).
    const template = (await api<Record<string, unknown> & { overrides?: Array<{ date: string }> }>(baseUrl, 'GET', `/admin/sites/${site.id}/slot-template`, admin.token)).body;
    const overrides = [...(template.overrides ?? []).filter((o) => o.date !== today), { date: today, slots: [{ start: '00:00', end: '23:59', capacity: 60 }], note: '全天开放' }];
    const { id: _id, siteId: _siteId, updatedAt: _updatedAt, version: _version, ...body } = template;
    const put = await api(baseUrl, 'PUT', `/admin/sites/${site.id}/slot-template`, admin.token, { ...body, overrides });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    // A visitor books today's visit, and another leaves a message that is held for review.
    const visitor = await citizen(baseUrl, 'journey-visitor');
    const [slot] = await slotsOf(baseUrl, site.id, today);
    expect(slot, 'today has a slot').toBeDefined();
    const booked = await api<{ id: string; code: string }>(baseUrl, 'POST', '/bookings', visitor.token, { slotId: slot!.id, partySize: 3, contactName: '王芳', contactPhone: '13800138000' }, { 'idempotency-key': `journey-${Date.now()}` });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    booking = booked.body;
    const mourner = await citizen(baseUrl, 'journey-mourner');
    const held = await api<{ status: string }>(baseUrl, 'POST', '/tributes', mourner.token, { siteId: site.id, kind: 'message', message });
    expect(held.body.status).toBe('pending');

    browser = await launchChromium();
    context = await desktopContext(browser);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('signs in and corrects the site’s phone number, then sees the change in its history', async () => {
    await staffSignIn(page, baseUrl, 'manager1');
    await snapshot(page, 'journey-manager-1-my-sites');
    await page.locator('[data-testid="records-link"]').click();
    await page.locator('[data-testid="record-item"]', { hasText: site.name }).click();

    const phone = recordField(page, '电话');
    await phone.waitFor({ state: 'visible', timeout: 30_000 });
    const stored = (await api<{ version: number; phone?: string }>(baseUrl, 'GET', `/admin/sites/${site.id}`, admin.token)).body;
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText()).toContain(`版本 ${stored.version}`);
    await phone.fill(newPhone);
    await page.locator('.btn--primary', { hasText: '保存' }).click();
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText(), { timeout: 15_000 }).toContain(`版本 ${stored.version + 1}`);
    expect((await api(baseUrl, 'GET', `/admin/sites/${site.id}`, admin.token)).body).toMatchObject({ phone: newPhone, version: stored.version + 1 });

    await page.locator('.btn', { hasText: '修改历史' }).click();
    const entry = page.locator('[data-testid="history-item"]').first();
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await entry.innerText();
    expect(text).toContain('manager1');
    expect(text).toContain(`电话：${stored.phone ?? '（空）'} → ${newPhone}`);
    await expect.poll(async () => (await entry.boundingBox())?.x ?? 9999, { timeout: 5_000 }).toBeLessThan(400);
    await snapshot(page, 'journey-manager-2-history');
  });

  it('approves the message held for review, which then shows on the site’s public wall', async () => {
    await page.goto(`${baseUrl}/#/packages/admin/pages/sites/index`);
    await page.locator('[data-testid="review-queue-link"]').click();
    const item = page.locator('[data-testid="review-item"]', { hasText: message });
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await item.innerText()).toContain(site.name);
    expect(await item.locator('.tribute-review__reasons').innerText()).toContain('提示');
    await snapshot(page, 'journey-manager-3-review');
    await item.locator('.btn--primary', { hasText: '通过' }).click();
    await expect.poll(() => item.innerText(), { timeout: 15_000 }).toContain('已展示');

    const wall = await api<{ items: Array<{ message?: string }> }>(baseUrl, 'GET', `/sites/${site.id}/tributes`);
    expect(wall.body.items.map((t) => t.message)).toContain(message);
  });

  it('opens today’s booking sheet, checks the visitor in by code, and the sheet counts them in', async () => {
    await page.goto(`${baseUrl}/#/packages/admin/pages/sites/index`);
    const siteItem = page.locator('.my-sites__item', { hasText: site.name });
    await siteItem.locator('[data-testid="booking-day-link"]').click();
    const totals = page.locator('[data-testid="day-totals"]');
    await totals.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('[data-testid="day-sheet-date"]').innerText()).toContain(`${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`);
    const card = page.locator(`[data-testid="booking-card"][data-booking-id="${booking.id}"]`);
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    const cardText = await card.innerText();
    expect(cardText).toContain('王芳 138****8000');
    expect(cardText).toContain(`预约码 ${booking.code}`);
    expect(cardText).toContain('3 人');
    expect(await totals.innerText()).toMatch(/已入园 0 人/);
    await snapshot(page, 'journey-manager-4-day-sheet');

    await page.locator('.booking-day__actions .btn--primary', { hasText: '扫码核验' }).click();
    const input = page.locator('input[aria-label="预约码"], [aria-label="预约码"] input').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill(booking.code);
    await page.locator('[data-testid="check-in-submit"]').click();
    const ok = page.locator('[data-testid="check-in-ok"]');
    await ok.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await ok.innerText()).toContain('核验通过，请放行 3 人');
    await snapshot(page, 'journey-manager-5-check-in');

    // The same code again is refused, with the reason.
    await input.fill(booking.code);
    await page.locator('[data-testid="check-in-submit"]').click();
    const refused = page.locator('[data-testid="check-in-error"]');
    await refused.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await refused.innerText()).toContain('未通过');

    await page.goBack();
    await expect.poll(() => page.locator('[data-testid="day-totals"]').innerText(), { timeout: 30_000 }).toMatch(/已入园 3 人/);
    const stored = await api<{ status: string }>(baseUrl, 'GET', `/bookings/${booking.id}`, admin.token);
    expect(stored.body.status).toBe('checked_in');
  });

  it('an edit from a stale version is refused with a clear message and nothing is overwritten', async () => {
    await page.goto(`${baseUrl}/#/packages/admin/pages/record/index?id=${site.id}`);
    const phone = recordField(page, '电话');
    await phone.waitFor({ state: 'visible', timeout: 30_000 });
    const loaded = (await api(baseUrl, 'GET', `/admin/sites/${site.id}`, admin.token)).body;
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText(), { timeout: 15_000 }).toContain(`版本 ${loaded.version}`);
    await expect.poll(() => phone.inputValue(), { timeout: 15_000 }).toBe(loaded.phone ?? '');

    // Meanwhile an admin saves another change to the same record.
    const other = await api(baseUrl, 'PATCH', `/admin/sites/${site.id}`, admin.token, { intro: '管理员刚刚更新的简介' }, { 'if-match': String(loaded.version) });
    expect(other.status).toBe(200);

    await phone.fill('027-00000000');
    await page.locator('.btn--primary', { hasText: '保存' }).click();
    const alert = page.locator('[data-testid="save-error"]');
    await alert.waitFor({ state: 'visible', timeout: 15_000 });
    const message = await alert.innerText();
    expect(message).toContain('已被他人修改');
    expect(message).toContain('您的修改没有保存');
    await snapshot(page, 'journey-manager-6-conflict');

    const stored = (await api(baseUrl, 'GET', `/admin/sites/${site.id}`, admin.token)).body;
    expect(stored).toMatchObject({ phone: loaded.phone, intro: '管理员刚刚更新的简介', version: loaded.version + 1 });

    await page.locator('.btn', { hasText: '重新加载最新内容' }).click();
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText(), { timeout: 15_000 }).toContain(`版本 ${loaded.version + 1}`);
    expect(await phone.inputValue()).toBe(loaded.phone ?? '');
  });
});
