import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  api,
  awayAndBack,
  citizen,
  firstBookable,
  inkOf,
  input,
  metres,
  nearestSites,
  open,
  phoneAt,
  png,
  shanghaiToday,
  shown,
  snapshot,
  staffSignIn,
  staffToken,
  storeSession,
  type NearSite,
  type SignedIn,
} from './actors.js';
import { desktopContext, launchChromium, phoneContext } from './browser.js';

/**
 * Whole visits, one person each, through the real UI of the H5 build against the real API and
 * database (e2e/global-setup.ts: FerretDB, API and H5 on a fresh DATA_DIR with the demo data, as
 * `npm start`): a citizen, a family with a proxy sweep (staff at the grave on a second phone), a site
 * manager. Elder mode and a refused location are e2e/elder-and-location.test.ts. One browser serves
 * them all, each person in a context of their own.
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

/** A person on their own phone (or computer): a context of the journeys' browser and one page. */
async function person(context: BrowserContext, auth?: SignedIn): Promise<Page> {
  if (auth) await storeSession(context, auth);
  return context.newPage();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('a citizen: nearest → detail → navigate → flower → booking → voucher → cancel', () => {
  const baseUrl = inject('baseUrl');
  let context: BrowserContext;
  let page: Page;
  let auth: SignedIn;
  /** The sites the API finds nearest the phone, and the nearest of them that takes bookings. */
  let nearest: NearSite[];
  let site: NearSite;
  const words = `缅怀先烈，欢迎加我微信 memorial${Date.now() % 100000} 交流`;

  beforeAll(async () => {
    nearest = await nearestSites(baseUrl, 20);
    site = await firstBookable(baseUrl, nearest);
    auth = await citizen(baseUrl, 'journey-citizen');
    context = await phoneContext(browser, baseUrl);
    page = await person(context, auth);
  });
  afterAll(() => context?.close());

  it('finds the nearest memorials, the API’s for that position in distance order, and opens one', async () => {
    await open(page, baseUrl, '/', '[data-testid="site-card"]');
    const names = (await page.locator('.site-card__name').allInnerTexts()).map((n) => n.trim());
    const distances = (await page.locator('.site-card__distance').allInnerTexts()).map(metres);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(distances).toHaveLength(names.length);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // The same sites as the API finds for the phone's position (converted to GCJ-02 as the app does),
    // at the API's distances rounded for reading (metres below 1 km, 0.1 km above).
    expect(names.slice(0, 3)).toEqual(nearest.slice(0, 3).map((s) => s.name));
    nearest.slice(0, 3).forEach((s, i) => expect(Math.abs(distances[i]! - s.distanceMeters)).toBeLessThanOrEqual(s.distanceMeters < 1000 ? 1 : 50));
    await snapshot(page, 'journey-citizen-1-home');

    const card = page.locator(`[data-testid="site-card"][data-site-id="${site.id}"]`);
    await card.scrollIntoViewIfNeeded();
    await card.click();
    expect(await shown(page.locator('.site-detail__name'))).toBe(site.name);
  });

  it('has a 导航 link that opens AMap at the site', async () => {
    const navigate = page.locator('.site-detail__navigate');
    expect(await shown(navigate)).toContain('导航');
    const href = new URL((await navigate.getAttribute('href'))!);
    expect(href.origin + href.pathname).toBe('https://uri.amap.com/marker');
    expect(href.searchParams.get('position')).toBe(`${site.location.lng.toFixed(6)},${site.location.lat.toFixed(6)}`);
    expect(href.searchParams.get('name')).toBe(site.name);
    await snapshot(page, 'journey-citizen-2-detail');
  });

  it('offers a flower with a message: the count rises, the message waits for review', async () => {
    const before = (await api<{ flower: number; message: number }>(baseUrl, 'GET', `/sites/${site.id}/tribute-stats`)).body;
    const flowers = page.locator('[data-testid="tribute-stat-flower"]');
    expect(Number(await shown(flowers))).toBe(before.flower);

    await page.locator('[data-testid="open-tribute"]').click();
    const sheet = page.getByRole('dialog');
    await sheet.waitFor({ state: 'visible' });
    await sheet.locator('[data-testid="tribute-kind-flower"]').click();
    await sheet.locator('textarea').fill(words);
    await sheet.getByText('献花并寄语').click();
    expect(await shown(sheet.locator('[data-testid="tribute-count"]'))).toContain(`累计献花 ${before.flower + 1} 次`);
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
    await input(page, '联系人姓名').fill('李明');
    await input(page, '手机号码').fill('13912345678');
    expect(await page.locator('[data-testid="booking-summary"]').innerText()).toContain('2 人');
    await snapshot(page, 'journey-citizen-4-booking');
    await page.locator('[data-testid="confirm-booking"]').click();

    expect(await shown(page.locator('[data-testid="voucher-code"]'))).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
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
    const sameSlot = await open(page, baseUrl, `/#/pages/booking/index?siteId=${site.id}&date=${date}`, `[data-testid="slot"][data-slot-id="${slotId}"] [data-testid="slot-remaining"]`);
    expect(await sameSlot.innerText()).toBe(`余 ${before.remaining} / ${before.capacity}`);

    const card = await open(page, baseUrl, '/#/pages/my-bookings/index', '[data-testid="booking-card"]');
    expect(await card.getAttribute('data-status')).toBe('cancelled');
    expect(await card.innerText()).toContain(site.name);

    await open(page, baseUrl, '/#/pages/my-tributes/index', '[data-testid="my-tribute"]');
    const mine = page.locator('[data-testid="my-tribute"]', { hasText: words });
    expect(await shown(mine.locator('[data-testid="tribute-status"]'))).toBe('待审核');
    const stored = await api<{ items: Array<{ status: string }> }>(baseUrl, 'GET', '/bookings/mine', auth.token);
    expect(stored.body.items.map((b) => b.status)).toEqual(['cancelled']);
  });
});

describe('a family: proxy sweep request → follow the timeline → see the proof → confirm', () => {
  const baseUrl = inject('baseUrl');
  let familyContext: BrowserContext;
  let staffContext: BrowserContext;
  let family: Page;
  /** A staff member's phone at the grave, in a second context (the family's journey needs them). */
  let staff: Page;
  let site: { id: string; name: string; location: { lat: number; lng: number } };
  let martyr: { id: string; name: string };
  let familyAuth: SignedIn;
  let sweepId: string;

  /** What the family's detail page shows: the status tag and the timeline's steps, oldest first. */
  async function progress(): Promise<{ status: string; steps: string[] }> {
    const status = (await family.locator('.sweep-detail [data-testid="sweep-status"]').first().innerText()).trim();
    const steps = await family.locator('.sweep-timeline__step').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')!));
    return { status, steps };
  }

  beforeAll(async () => {
    const siteId = (await staffToken(baseUrl, 'staff1')).user.siteIds![0]!;
    site = (await api(baseUrl, 'GET', `/sites/${siteId}`)).body;
    martyr = (await api(baseUrl, 'GET', `/sites/${siteId}/martyrs`)).body.items[0];
    expect(martyr, 'staff1’s site has a martyr').toBeTruthy();
    familyAuth = await citizen(baseUrl, 'journey-family');
    familyContext = await phoneContext(browser, baseUrl);
    family = await person(familyContext, familyAuth);
    staffContext = await phoneAt(browser, baseUrl, site.location);
    staff = await person(staffContext);
  });
  afterAll(async () => {
    await familyContext?.close();
    await staffContext?.close();
  });

  it('requests a sweep of a martyr’s grave from the site page and sees it 已提交 on its timeline', async () => {
    await (await open(family, baseUrl, `/#/pages/site/index?id=${site.id}`, '.site-detail__sweep')).click();
    const choice = family.locator('.choice', { hasText: martyr.name }).first();
    await choice.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await family.locator('.choice__title').first().innerText()).toContain(site.name);
    await choice.click();
    await family.locator('.sweep-request__chosen').waitFor({ state: 'visible' });
    await family.locator('.toggle', { hasText: '敬献花篮' }).click();
    await family.locator('textarea').last().fill('爷爷，家里一切都好，我们想念您。');
    await family.locator('.toggle', { hasText: '孙子女' }).click();
    // Without a phone number the request cannot go: 提交申请 is disabled and looks it.
    const submit = family.locator('.form-actions .btn--primary', { hasText: '提交申请' });
    expect([null, 'false']).not.toContain(await submit.getAttribute('disabled'));
    expect(await inkOf(submit)).toMatchObject({ color: 'rgb(255, 255, 255)', opacity: '0.5' });
    await family.locator('input[type="number"], .form-input input').last().fill('13912345678');
    await snapshot(family, 'journey-family-1-request');

    await expect.poll(() => submit.getAttribute('disabled')).toBe('false');
    expect((await inkOf(submit)).opacity).toBe('1');
    await submit.click();
    const firstStep = await shown(family.locator('.sweep-timeline__step'));
    expect(firstStep).toContain('提交申请（已提交）');
    expect(firstStep).toContain('家属');
    sweepId = new URL(family.url().replace('/#/', '/')).searchParams.get('id')!;
    expect(sweepId).toMatch(/^[0-9a-f]{24}$/);
    expect(await progress()).toEqual({ status: '已提交', steps: ['submitted'] });
    const head = await family.locator('.sweep-detail .section').first().innerText();
    expect(head).toContain(martyr.name);
    expect(head).toContain('敬献花篮');
    expect(head).toContain('孙子女 · 139****5678');
    // The way out is there and legible: its label in the colour of its border, not white on white.
    const cancel = family.locator('.btn', { hasText: '取消申请' });
    const ink = await inkOf(cancel);
    expect(ink.color).toBe(ink.border);
    expect(ink.color).not.toBe(ink.background);
    await snapshot(family, 'journey-family-2-submitted');

    const stored = await api(baseUrl, 'GET', `/proxy-sweeps/${sweepId}`, familyAuth.token);
    expect(stored.body).toMatchObject({ status: 'submitted', martyrId: martyr.id, contactPhone: '139****5678', relationship: '孙子女' });
    expect(stored.body.services).toEqual(expect.arrayContaining(['clean_headstone', 'offer_flowers', 'present_wreath']));
  });

  it('staff accept it from their queue; back in the app, the family’s timeline says 已受理 and by whom', async () => {
    await staffSignIn(staff, baseUrl, 'staff1');
    const queueLink = staff.locator('.my-sites__actions .btn', { hasText: '代祭扫工单' });
    await queueLink.waitFor({ state: 'visible', timeout: 30_000 });
    await queueLink.click();
    const card = staff.locator(`.sweep-card[data-sweep-id="${sweepId}"]`);
    expect(await shown(card)).toContain('已提交');
    await card.click();
    expect(await shown(staff.locator('.sweep-job__message'))).toContain('家里一切都好');
    await staff.locator('.btn', { hasText: '受理（由我执行）' }).click();
    await staff.locator('.btn', { hasText: '到达墓前，开始祭扫' }).waitFor({ state: 'visible', timeout: 30_000 });
    expect(await staff.locator('.sweep-job [data-testid="sweep-status"]').first().innerText()).toBe('已受理');

    // The family had the request open; they switch to another app and come back to it.
    await awayAndBack(family);
    await expect.poll(progress, { timeout: 15_000 }).toEqual({ status: '已受理', steps: ['submitted', 'accepted'] });
    const accepted = await family.locator('.sweep-timeline__step[data-status="accepted"]').innerText();
    expect(accepted).toContain('纪念设施受理（已受理）');
    expect(accepted).toContain('工作人员');
    await snapshot(family, 'journey-family-3-accepted');
  });

  it('staff sweep and complete with a photo taken on the spot; the family finds it 待确认 under 我的代祭扫', async () => {
    await staff.locator('.btn', { hasText: '到达墓前，开始祭扫' }).click();
    const capture = staff.locator('.proof-capture .btn', { hasText: '拍照' });
    await capture.waitFor({ state: 'visible', timeout: 30_000 });
    const chooser = staff.waitForEvent('filechooser');
    await capture.click();
    await (await chooser).setFiles({ name: 'grave.png', mimeType: 'image/png', buffer: png() });
    await staff.locator('.proof-capture__state', { hasText: '已记录位置' }).waitFor({ state: 'visible', timeout: 30_000 });
    await staff.locator('.proof-capture .toggle', { hasText: '拨打一次家属电话' }).click();
    await snapshot(staff, 'journey-family-4-staff-capture');
    await staff.locator('.proof-capture__submit').click();
    await staff.locator('.sweep-job .proof').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await staff.locator('.sweep-job [data-testid="sweep-status"]').first().innerText()).toBe('待确认');

    // The family looks through 我的 → 我的代祭扫, where the request now waits for them.
    await (await open(family, baseUrl, '/#/pages/my/index', '[data-testid="my-sweeps-link"]')).click();
    const card = family.locator(`[data-testid="sweep-card"][data-sweep-id="${sweepId}"]`);
    expect(await shown(card)).toContain(martyr.name);
    expect(await card.locator('[data-testid="sweep-status"]').innerText()).toBe('待确认');
    await card.click();
    await family.locator('.proof').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await progress()).toEqual({ status: '待确认', steps: ['submitted', 'accepted', 'in_progress', 'completed'] });
  });

  it('sees the proof (photo, time, distance, checklist) and confirms with a rating: 已确认, five steps', async () => {
    const photo = family.locator('.proof__photo').first();
    await photo.scrollIntoViewIfNeeded();
    // The photo is served through its signed link and really loads in the page.
    await expect.poll(() => photo.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(48);
    expect(await family.locator('.proof__fact').first().innerText()).toMatch(/拍摄时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const distance = Number(/(\d+) 米/.exec(await family.locator('.proof__fact').nth(1).innerText())?.[1]);
    expect(distance).toBeLessThan(300);
    expect(await family.locator('.proof__flags').count()).toBe(0);
    const done = (await family.locator('.proof__check--done').allInnerTexts()).join();
    expect(done).toContain('拨打一次家属电话');
    expect(done).toContain('拍摄一组照片');
    await snapshot(family, 'journey-family-5-proof');

    const confirm = family.locator('.btn', { hasText: '确认已完成' });
    expect(await inkOf(confirm)).toMatchObject({ color: 'rgb(255, 255, 255)' });
    await family.locator('.rating__star').nth(3).click();
    await family.locator('.section textarea').first().fill('照片很清楚，谢谢你们。');
    await confirm.click();
    expect(await shown(family.locator('.sweep-detail__stars'))).toBe('★★★★');
    expect(await family.locator('[data-testid="confirmation"]').innerText()).toContain('照片很清楚，谢谢你们。');
    expect(await progress()).toEqual({ status: '已确认', steps: ['submitted', 'accepted', 'in_progress', 'completed', 'confirmed'] });
    expect(await family.locator('[data-testid="confirm-form"]').count()).toBe(0);
    await snapshot(family, 'journey-family-6-confirmed');

    const final = await api(baseUrl, 'GET', `/proxy-sweeps/${sweepId}`, familyAuth.token);
    expect(final.body.status).toBe('confirmed');
    expect(final.body.confirmation).toMatchObject({ rating: 4, comment: '照片很清楚，谢谢你们。' });
    expect(final.body.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'accepted', 'in_progress', 'completed', 'confirmed']);
    expect(final.body.proof.flags).toEqual([]);
  });
});

describe('a site manager: sign in → edit a site → history → review a message → day sheet → check-in → a stale edit refused', () => {
  const baseUrl = inject('baseUrl');
  let context: BrowserContext;
  let page: Page;
  let admin: SignedIn;
  let site: { id: string; name: string };
  let booking: { id: string; code: string };
  /** The visitor who booked today's visit, with the voucher open on their phone at the gate. */
  let visitor: SignedIn;
  const message = `致敬英烈，加我微信 wx${Date.now() % 100000} 一起祭扫`;
  const newPhone = `027-${String(Date.now()).slice(-8)}`;
  const today = shanghaiToday();

  beforeAll(async () => {
    admin = await staffToken(baseUrl, 'admin');
    const manager = await staffToken(baseUrl, 'manager1');
    site = await firstBookable(baseUrl, (manager.user.siteIds ?? []).map((id) => ({ id })));

    // Visits can be checked in only on their day: today gets one slot until 23:59 (an override of
    // the site's template, as a manager would set for an open day).
    const template = (await api<Record<string, unknown> & { overrides?: Array<{ date: string }> }>(baseUrl, 'GET', `/admin/sites/${site.id}/slot-template`, admin.token)).body;
    const overrides = [...(template.overrides ?? []).filter((o) => o.date !== today), { date: today, slots: [{ start: '00:00', end: '23:59', capacity: 60 }], note: '全天开放' }];
    const { id: _id, siteId: _siteId, updatedAt: _updatedAt, version: _version, ...body } = template;
    const put = await api(baseUrl, 'PUT', `/admin/sites/${site.id}/slot-template`, admin.token, { ...body, overrides });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    // A visitor books today's visit, and another leaves a message that is held for review.
    visitor = await citizen(baseUrl, 'journey-visitor');
    const [slot] = await slotsOf(baseUrl, site.id, today);
    expect(slot, 'today has a slot').toBeDefined();
    const booked = await api<{ id: string; code: string }>(baseUrl, 'POST', '/bookings', visitor.token, { slotId: slot!.id, partySize: 3, contactName: '王芳', contactPhone: '13800138000' }, { 'idempotency-key': `journey-${Date.now()}` });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    booking = booked.body;
    const mourner = await citizen(baseUrl, 'journey-mourner');
    const held = await api<{ status: string }>(baseUrl, 'POST', '/tributes', mourner.token, { siteId: site.id, kind: 'message', message });
    expect(held.body.status).toBe('pending');

    context = await desktopContext(browser);
    page = await person(context);
  });
  afterAll(() => context?.close());

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
    const text = await shown(entry);
    expect(text).toContain('manager1');
    expect(text).toContain(`电话：${stored.phone ?? '（空）'} → ${newPhone}`);
    await expect.poll(async () => (await entry.boundingBox())?.x ?? 9999, { timeout: 5_000 }).toBeLessThan(400);
    await snapshot(page, 'journey-manager-2-history');
  });

  it('approves the message held for review, which then shows on the site’s public wall', async () => {
    await (await open(page, baseUrl, '/#/packages/admin/pages/sites/index', '[data-testid="review-queue-link"]')).click();
    const item = page.locator('[data-testid="review-item"]', { hasText: message });
    expect(await shown(item)).toContain(site.name);
    expect(await item.locator('.tribute-review__reasons').innerText()).toContain('提示');
    await snapshot(page, 'journey-manager-3-review');
    await item.locator('.btn--primary', { hasText: '通过' }).click();
    await expect.poll(() => item.innerText(), { timeout: 15_000 }).toContain('已展示');

    const wall = await api<{ items: Array<{ message?: string }> }>(baseUrl, 'GET', `/sites/${site.id}/tributes`);
    expect(wall.body.items.map((t) => t.message)).toContain(message);
  });

  it('opens today’s booking sheet, checks the visitor in by code, the sheet counts them in and the visitor’s voucher says 已入园', async () => {
    // At the gate the visitor holds up the voucher on their phone.
    const visitorContext = await phoneContext(browser, baseUrl);
    const voucher = await person(visitorContext, visitor);
    expect(await (await open(voucher, baseUrl, `/#/pages/booking-voucher/index?id=${booking.id}`, '[data-testid="voucher-status"]')).innerText()).toBe('待参观');
    expect(await voucher.locator('[data-testid="voucher-code"]').innerText()).toBe(booking.code);

    await open(page, baseUrl, '/#/packages/admin/pages/sites/index', '.my-sites__item');
    await page.locator('.my-sites__item', { hasText: site.name }).locator('[data-testid="booking-day-link"]').click();
    const totals = page.locator('[data-testid="day-totals"]');
    await totals.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('[data-testid="day-sheet-date"]').innerText()).toContain(`${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`);
    const cardText = await shown(page.locator(`[data-testid="booking-card"][data-booking-id="${booking.id}"]`));
    expect(cardText).toContain('王芳 138****8000');
    expect(cardText).toContain(`预约码 ${booking.code}`);
    expect(cardText).toContain('3 人');
    expect(await totals.innerText()).toMatch(/已入园 0 人/);
    await snapshot(page, 'journey-manager-4-day-sheet');

    await page.locator('.booking-day__actions .btn--primary', { hasText: '扫码核验' }).click();
    const code = input(page, '预约码');
    await code.waitFor({ state: 'visible', timeout: 30_000 });
    await code.fill(booking.code);
    await page.locator('[data-testid="check-in-submit"]').click();
    expect(await shown(page.locator('[data-testid="check-in-ok"]'))).toContain('核验通过，请放行 3 人');
    await snapshot(page, 'journey-manager-5-check-in');

    // The same code again is refused, with the reason.
    await code.fill(booking.code);
    await page.locator('[data-testid="check-in-submit"]').click();
    expect(await shown(page.locator('[data-testid="check-in-error"]'))).toContain('未通过');

    await page.goBack();
    await expect.poll(() => page.locator('[data-testid="day-totals"]').innerText(), { timeout: 30_000 }).toMatch(/已入园 3 人/);
    const stored = await api<{ status: string }>(baseUrl, 'GET', `/bookings/${booking.id}`, admin.token);
    expect(stored.body.status).toBe('checked_in');

    // The visitor puts the phone away and looks again: admitted, with the time, and nothing to cancel.
    await awayAndBack(voucher);
    await expect.poll(() => voucher.locator('[data-testid="voucher-status"]').innerText(), { timeout: 15_000 }).toBe('已入园');
    expect(await voucher.locator('.voucher__card').innerText()).toMatch(/入园核验：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await voucher.locator('[data-testid="cancel-booking"]').count()).toBe(0);
    await snapshot(voucher, 'journey-manager-6-visitor-admitted');
    await visitorContext.close();
  });

  it('an edit from a stale version is refused with a clear message and nothing is overwritten', async () => {
    await open(page, baseUrl, `/#/packages/admin/pages/record/index?id=${site.id}`, '.console__field input');
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
    const message = await shown(page.locator('[data-testid="save-error"]'), 15_000);
    expect(message).toContain('已被他人修改');
    expect(message).toContain('您的修改没有保存');
    await snapshot(page, 'journey-manager-7-conflict');

    const stored = (await api(baseUrl, 'GET', `/admin/sites/${site.id}`, admin.token)).body;
    expect(stored).toMatchObject({ phone: loaded.phone, intro: '管理员刚刚更新的简介', version: loaded.version + 1 });

    await page.locator('.btn', { hasText: '重新加载最新内容' }).click();
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText(), { timeout: 15_000 }).toContain(`版本 ${loaded.version + 1}`);
    expect(await phone.inputValue()).toBe(loaded.phone ?? '');
  });
});
