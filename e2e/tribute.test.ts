import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, phoneContext } from './browser.js';

const ARTIFACTS = 'test-artifacts';

/**
 * Signs a citizen in through the API's development sign-in (the served H5 app is a release build, which
 * has no sign-in form outside WeChat) and hands the session to the app the way it stores it: Taro's H5
 * storage keeps `{"data": <value>}` in localStorage, and the app's value is the JSON of its session.
 */
async function signedInContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const res = await fetch(`${baseUrl}/api/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: `e2e-tribute-${Date.now()}` }),
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

describe('online tribute on the H5 app (real API and database)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let siteId: string;
  const words = `缅怀先烈，欢迎加我微信 memorial${Date.now() % 100000} 交流`;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    context = await signedInContext(browser, baseUrl);
    page = await context.newPage();
    const sites = (await (await fetch(`${baseUrl}/api/v1/sites?limit=1`)).json()) as { items: Array<{ id: string }> };
    siteId = sites.items[0]!.id;
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('a citizen offers a flower and a message: the count rises, and the message awaits review', async () => {
    const before = (await (await fetch(`${baseUrl}/api/v1/sites/${siteId}/tribute-stats`)).json()) as { flower: number; message: number };
    await page.goto(`${baseUrl}/#/pages/site/index?id=${siteId}`);
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
    await page.screenshot({ path: `${ARTIFACTS}/tribute-sheet.png`, fullPage: false });

    await sheet.getByText('完成').click();
    await expect.poll(async () => Number((await flowers.innerText()).trim())).toBe(before.flower + 1);
    // The held message is on no public wall and in no public count.
    expect(await page.locator('[data-testid="tribute-wall-item"]', { hasText: words }).count()).toBe(0);
    const after = (await (await fetch(`${baseUrl}/api/v1/sites/${siteId}/tribute-stats`)).json()) as { flower: number; message: number };
    expect(after).toMatchObject({ flower: before.flower + 1, message: before.message });
  });

  it('shows the message as 待审核 under 我的祭扫', async () => {
    await page.goto(`${baseUrl}/#/pages/my-tributes/index`);
    const item = page.locator('[data-testid="my-tribute"]', { hasText: words });
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    expect((await item.locator('[data-testid="tribute-status"]').innerText()).trim()).toBe('待审核');
    await page.screenshot({ path: `${ARTIFACTS}/my-tributes.png`, fullPage: true });
  });
});
