import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';

const ARTIFACTS = 'test-artifacts';
const PASSWORD = 'demo-password-2025';

async function api<T = any>(baseUrl: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** The text input of the editor field with this label. */
function fieldInput(page: Page, label: string) {
  return page.locator('.console__field', { has: page.locator('.console__label', { hasText: new RegExp(`^${label}$`) }) }).locator('input').first();
}

describe('manager console in a desktop browser (H5) against the real API', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminToken: string;
  let siteId: string;
  let siteName: string;
  const newPhone = `027-${String(Date.now()).slice(-8)}`;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const manager = await api(baseUrl, 'POST', '/auth/staff', undefined, { username: 'manager1', password: PASSWORD });
    expect(manager.status).toBe(200);
    siteId = manager.body.user.siteIds[0];
    const admin = await api(baseUrl, 'POST', '/auth/staff', undefined, { username: 'admin', password: PASSWORD });
    adminToken = admin.body.token;
    siteName = (await api(baseUrl, 'GET', `/admin/sites/${siteId}`, adminToken)).body.name;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('a manager signs in, edits a site’s phone number and sees the change in the site’s history', async () => {
    await page.goto(`${baseUrl}/#/packages/admin/pages/login/index`);
    await page.locator('.staff-login__field input').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.staff-login__field input').first().fill('manager1');
    await page.locator('.staff-login__field input').nth(1).fill(PASSWORD);
    await page.locator('.staff-login__submit').click();
    const records = page.locator('.my-sites__actions .btn', { hasText: '设施档案与巡查' });
    await records.waitFor({ state: 'visible', timeout: 30_000 });
    await records.click();

    const item = page.locator('[data-testid="record-item"]', { hasText: siteName });
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('[data-testid="record-item"]').count()).toBe(2);
    await item.click();

    const phone = fieldInput(page, '电话');
    await phone.waitFor({ state: 'visible', timeout: 30_000 });
    const before = (await api(baseUrl, 'GET', `/admin/sites/${siteId}`, adminToken)).body;
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText()).toContain(`版本 ${before.version}`);
    await phone.fill(newPhone);
    await page.locator('.btn--primary', { hasText: '保存' }).click();
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText(), { timeout: 15_000 }).toContain(`版本 ${before.version + 1}`);
    await page.screenshot({ path: `${ARTIFACTS}/manager-record.png`, fullPage: true });

    const stored = (await api(baseUrl, 'GET', `/admin/sites/${siteId}`, adminToken)).body;
    expect(stored).toMatchObject({ phone: newPhone, version: before.version + 1 });

    await page.locator('.btn', { hasText: '修改历史' }).click();
    const entry = page.locator('[data-testid="history-item"]').first();
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await entry.innerText();
    expect(text).toContain('修改档案');
    expect(text).toContain('manager1');
    expect(text).toContain(`电话：${before.phone ?? '（空）'} → ${newPhone}`);
    // Taro's H5 router slides the new page in; the entry sits in the centred column once it settles.
    await expect.poll(async () => (await entry.boundingBox())?.x ?? 9999, { timeout: 5_000 }).toBeLessThan(400);
    await page.screenshot({ path: `${ARTIFACTS}/manager-history.png`, fullPage: true });
  });

  it('a second edit from a stale version is refused with a clear message and nothing is overwritten', async () => {
    await page.goto(`${baseUrl}/#/packages/admin/pages/record/index?id=${siteId}`);
    const phone = fieldInput(page, '电话');
    await phone.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => phone.inputValue(), { timeout: 15_000 }).toBe(newPhone);
    const loaded = (await api(baseUrl, 'GET', `/admin/sites/${siteId}`, adminToken)).body;

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
    await page.screenshot({ path: `${ARTIFACTS}/manager-conflict.png`, fullPage: true });

    const stored = (await api(baseUrl, 'GET', `/admin/sites/${siteId}`, adminToken)).body;
    expect(stored).toMatchObject({ phone: newPhone, intro: '管理员刚刚更新的简介', version: loaded.version + 1 });

    await page.locator('.btn', { hasText: '重新加载最新内容' }).click();
    await expect.poll(() => page.locator('[data-testid="record-version"]').innerText(), { timeout: 15_000 }).toContain(`版本 ${loaded.version + 1}`);
    expect(await phone.inputValue()).toBe(newPhone);
  });
});
