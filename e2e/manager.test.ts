import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, DEMO_PASSWORD, snapshot, staffSignIn } from './actors.js';
import { launchChromium } from './browser.js';

/** The text input of the editor field with this label. */
function fieldInput(page: Page, label: string) {
  return page.locator('.console__field', { has: page.locator('.console__label', { hasText: new RegExp(`^${label}$`) }) }).locator('input').first();
}

/** A manager's save that would overwrite someone else's newer change (the manager's whole visit is e2e/journeys.test.ts). */
describe('manager console in a desktop browser (H5) against the real API', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminToken: string;
  let siteId: string;

  beforeAll(async () => {
    const manager = await api(baseUrl, 'POST', '/auth/staff', undefined, { username: 'manager1', password: DEMO_PASSWORD });
    expect(manager.status).toBe(200);
    siteId = manager.body.user.siteIds[0];
    const admin = await api(baseUrl, 'POST', '/auth/staff', undefined, { username: 'admin', password: DEMO_PASSWORD });
    adminToken = admin.body.token;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('an edit from a stale version is refused with a clear message and nothing is overwritten', async () => {
    await staffSignIn(page, baseUrl, 'manager1');
    await page.goto(`${baseUrl}/#/packages/admin/pages/record/index?id=${siteId}`);
    const phone = fieldInput(page, '电话');
    await phone.waitFor({ state: 'visible', timeout: 30_000 });
    const loaded = (await api(baseUrl, 'GET', `/admin/sites/${siteId}`, adminToken)).body;
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText(), { timeout: 15_000 }).toContain(`版本 ${loaded.version}`);
    await expect.poll(() => phone.inputValue(), { timeout: 15_000 }).toBe(loaded.phone ?? '');

    // Meanwhile an admin saves another change to the same record.
    const other = await api(baseUrl, 'PATCH', `/admin/sites/${siteId}`, adminToken, { intro: '管理员刚刚更新的简介' }, { 'if-match': String(loaded.version) });
    expect(other.status).toBe(200);

    await phone.fill('027-00000000');
    await page.locator('.btn--primary', { hasText: '保存' }).click();
    const alert = page.locator('[data-testid="save-error"]');
    await alert.waitFor({ state: 'visible', timeout: 15_000 });
    const message = await alert.innerText();
    expect(message).toContain('已被他人修改');
    expect(message).toContain('您的修改没有保存');
    await snapshot(page, 'manager-conflict');

    const stored = (await api(baseUrl, 'GET', `/admin/sites/${siteId}`, adminToken)).body;
    expect(stored).toMatchObject({ phone: loaded.phone, intro: '管理员刚刚更新的简介', version: loaded.version + 1 });

    await page.locator('.btn', { hasText: '重新加载最新内容' }).click();
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText(), { timeout: 15_000 }).toContain(`版本 ${loaded.version + 1}`);
    expect(await phone.inputValue()).toBe(loaded.phone ?? '');
  });
});
