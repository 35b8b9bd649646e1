import { deflateSync } from 'node:zlib';
import gcoord from 'gcoord';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, DEMO_PASSWORD, snapshot, staffSignIn, storeSession } from './actors.js';
import { launchChromium, phoneContext } from './browser.js';


/** A small valid PNG (the staff member's "camera" photo). */
function png(size = 48): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2;
  const rows = Buffer.concat(Array.from({ length: size }, (_, y) => Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, (y * 5) & 0xff)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The family's whole visit: a proxy sweep requested from the site page, followed on its timeline while
 * staff (a second phone at the grave) accept, sweep and complete it with a photo, then the proof seen
 * and confirmed.
 */
describe('proxy sweep (代祭扫), family and staff in the H5 app against the real API', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let familyContext: BrowserContext;
  let staffContext: BrowserContext;
  let family: Page;
  let staff: Page;
  let site: { id: string; name: string; location: { lat: number; lng: number } };
  let martyr: { id: string; name: string };
  let familyToken: string;
  let sweepId: string;

  beforeAll(async () => {
    const staffLogin = await api(baseUrl, 'POST', '/auth/staff', undefined, { username: 'staff1', password: DEMO_PASSWORD });
    expect(staffLogin.status).toBe(200);
    const siteId = staffLogin.body.user.siteIds[0] as string;
    site = (await api(baseUrl, 'GET', `/sites/${siteId}`)).body;
    martyr = (await api(baseUrl, 'GET', `/sites/${siteId}/martyrs`)).body.items[0];
    expect(martyr).toBeTruthy();

    const citizen = await api(baseUrl, 'POST', '/auth/dev', undefined, { openid: `e2e-family-${Date.now()}` });
    expect(citizen.status).toBe(200);
    familyToken = citizen.body.token;

    browser = await launchChromium();
    familyContext = await phoneContext(browser, baseUrl);
    await storeSession(familyContext, citizen.body);
    family = await familyContext.newPage();

    // The staff member stands at the site: the browser reports WGS-84, the app converts it to GCJ-02.
    staffContext = await phoneContext(browser, baseUrl);
    const [lng, lat] = gcoord.transform([site.location.lng, site.location.lat], gcoord.GCJ02, gcoord.WGS84);
    await staffContext.setGeolocation({ latitude: lat, longitude: lng, accuracy: 10 });
    staff = await staffContext.newPage();
  });
  afterAll(async () => {
    await familyContext?.close();
    await staffContext?.close();
    await browser?.close();
  });

  it('the family requests a sweep of a martyr’s grave from the site page', async () => {
    await family.goto(`${baseUrl}/#/pages/site/index?id=${site.id}`);
    const request = family.locator('.site-detail__sweep');
    await request.waitFor({ state: 'visible', timeout: 30_000 });
    await request.click();

    const choice = family.locator('.choice', { hasText: martyr.name }).first();
    await choice.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await family.locator('.choice__title').first().innerText()).toContain(site.name);
    await choice.click();
    await family.locator('.sweep-request__chosen').waitFor({ state: 'visible' });
    await family.locator('.toggle', { hasText: '敬献花篮' }).click();
    await family.locator('textarea').last().fill('爷爷，家里一切都好，我们想念您。');
    await family.locator('.toggle', { hasText: '孙子女' }).click();
    await family.locator('input[type="number"], .form-input input').last().fill('13912345678');
    await snapshot(family, 'sweep-request');

    const submit = family.locator('.form-actions .btn--primary', { hasText: '提交申请' });
    await expect.poll(() => submit.isEnabled()).toBe(true);
    await submit.click();
    await family.locator('.sweep-timeline').waitFor({ state: 'visible', timeout: 30_000 });
    sweepId = new URL(family.url().replace('/#/', '/')).searchParams.get('id')!;
    expect(sweepId).toMatch(/^[0-9a-f]{24}$/);
    expect(await family.locator('.sweep-detail .sweep-status').first().innerText()).toBe('已提交');

    const stored = await api(baseUrl, 'GET', `/proxy-sweeps/${sweepId}`, familyToken);
    expect(stored.body).toMatchObject({ status: 'submitted', martyrId: martyr.id, contactPhone: '139****5678', relationship: '孙子女' });
    expect(stored.body.services).toEqual(expect.arrayContaining(['clean_headstone', 'offer_flowers', 'present_wreath']));
  });

  it('staff accept it from the queue, sweep, and complete with a photo taken on the spot', async () => {
    await staffSignIn(staff, baseUrl, 'staff1');
    const queueLink = staff.locator('.my-sites__actions .btn', { hasText: '代祭扫工单' });
    await queueLink.waitFor({ state: 'visible', timeout: 30_000 });
    await queueLink.click();

    const card = staff.locator(`.sweep-card[data-sweep-id="${sweepId}"]`);
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.click();
    await staff.locator('.sweep-job__message').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await staff.locator('.sweep-job__message').innerText()).toContain('家里一切都好');

    await staff.locator('.btn', { hasText: '受理（由我执行）' }).click();
    const start = staff.locator('.btn', { hasText: '到达墓前，开始祭扫' });
    await start.waitFor({ state: 'visible', timeout: 30_000 });
    await start.click();

    const capture = staff.locator('.proof-capture .btn', { hasText: '拍照' });
    await capture.waitFor({ state: 'visible', timeout: 30_000 });
    const chooser = staff.waitForEvent('filechooser');
    await capture.click();
    await (await chooser).setFiles({ name: 'grave.png', mimeType: 'image/png', buffer: png() });
    await staff.locator('.proof-capture__state', { hasText: '已记录位置' }).waitFor({ state: 'visible', timeout: 30_000 });
    await staff.locator('.proof-capture .toggle', { hasText: '拨打一次家属电话' }).click();
    await snapshot(staff, 'sweep-capture');

    await staff.locator('.proof-capture__submit').click();
    await staff.locator('.sweep-job .proof').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await staff.locator('.sweep-job .sweep-status').first().innerText()).toBe('待确认');
  });

  it('the family sees the proof (photo, time, distance, checklist) and confirms with a rating', async () => {
    await family.reload();
    const gallery = family.locator('.proof');
    await gallery.waitFor({ state: 'visible', timeout: 30_000 });
    const photo = family.locator('.proof__photo').first();
    await photo.scrollIntoViewIfNeeded();
    // The photo is served through its signed link and really loads in the page.
    await expect.poll(() => photo.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(48);
    expect(await family.locator('.proof__fact').first().innerText()).toMatch(/拍摄时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const distanceText = await family.locator('.proof__fact').nth(1).innerText();
    const metres = Number(/(\d+) 米/.exec(distanceText)?.[1]);
    expect(metres).toBeLessThan(300);
    expect(await family.locator('.proof__flags').count()).toBe(0);
    const done = await family.locator('.proof__check--done').allInnerTexts();
    expect(done.join()).toContain('拨打一次家属电话');
    expect(done.join()).toContain('拍摄一组照片');
    await snapshot(family, 'sweep-proof');

    await family.locator('.rating__star').nth(3).click();
    await family.locator('.section textarea').first().fill('照片很清楚，谢谢你们。');
    await family.locator('.btn', { hasText: '确认已完成' }).click();
    await family.locator('.sweep-detail__stars').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await family.locator('.sweep-detail .sweep-status').first().innerText()).toBe('已确认');

    const final = await api(baseUrl, 'GET', `/proxy-sweeps/${sweepId}`, familyToken);
    expect(final.body.status).toBe('confirmed');
    expect(final.body.confirmation).toMatchObject({ rating: 4, comment: '照片很清楚，谢谢你们。' });
    expect(final.body.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'accepted', 'in_progress', 'completed', 'confirmed']);
    expect(final.body.proof.flags).toEqual([]);
    expect(await family.locator('.sweep-timeline__step').count()).toBe(5);
  });
});
