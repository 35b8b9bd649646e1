/**
 * The people of the browser journeys and what they do outside the page under test: call the API,
 * sign a citizen in (the served H5 app is a release build with no sign-in form outside WeChat), sign
 * staff in through the console's login page, save screenshots.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium, phoneContext } from './browser.js';

export const ARTIFACTS = 'test-artifacts';
/** Password of the demo staff accounts (admin, manager1, staff1) seeded outside production. */
export const DEMO_PASSWORD = 'demo-password-2025';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** One JSON call to the API under test. */
export async function api<T = any>(baseUrl: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface SignedIn {
  token: string;
  expiresIn: number;
  user: { id: string; siteIds?: string[] };
}

/** A citizen through the API's development sign-in (a fresh WeChat openid each time). */
export async function citizen(baseUrl: string, label: string): Promise<SignedIn> {
  const res = await api<SignedIn>(baseUrl, 'POST', '/auth/dev', undefined, { openid: `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  expect(res.status).toBe(200);
  return res.body;
}

/** A demo staff account through POST /auth/staff. */
export async function staffToken(baseUrl: string, username: string): Promise<SignedIn> {
  const res = await api<SignedIn>(baseUrl, 'POST', '/auth/staff', undefined, { username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * Hands a session to the app the way it keeps it: Taro's H5 storage stores `{"data": <value>}` in
 * localStorage, and the app's value is the JSON of its session.
 */
export async function storeSession(context: BrowserContext, auth: SignedIn): Promise<void> {
  const session = { token: auth.token, user: auth.user, expiresAt: Date.now() + auth.expiresIn * 1000 };
  await context.addInitScript((value: string) => window.localStorage.setItem('mm.session', value), JSON.stringify({ data: JSON.stringify(session) }));
}

/** A phone in Wuhan with a signed-in citizen. */
export async function citizenPhone(browser: Browser, baseUrl: string, label: string): Promise<{ context: BrowserContext; auth: SignedIn }> {
  const auth = await citizen(baseUrl, label);
  const context = await phoneContext(browser, baseUrl);
  await storeSession(context, auth);
  return { context, auth };
}

/** Signs a staff member in through the console's login page; resolves on their 我的设施 page. */
export async function staffSignIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/#/packages/admin/pages/login/index`);
  const fields = page.locator('.staff-login__field input');
  await fields.first().waitFor({ state: 'visible', timeout: 30_000 });
  await fields.first().fill(username);
  await fields.nth(1).fill(DEMO_PASSWORD);
  await page.locator('.staff-login__submit').click();
  await page.locator('.my-sites__actions').waitFor({ state: 'visible', timeout: 30_000 });
}

/** Saves a screenshot of the page as a test artefact. */
export async function snapshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage });
}

/** Today's date in Asia/Shanghai (the service's calendar), `YYYY-MM-DD`. */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A distance as the app prints it, in metres: "502 米" → 502, "1.2 公里" → 1200. */
export function metres(text: string): number {
  const match = /^([\d.]+)\s*(米|公里)$/.exec(text.trim());
  if (!match) throw new Error(`not a distance: "${text}"`);
  return Number(match[1]) * (match[2] === '公里' ? 1000 : 1);
}

/** A browser with one page on a phone in Wuhan; `close` ends both. */
export interface PhoneSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Opens Chromium with a Wuhan phone context and a page; `prepare` may change the context first. */
export async function openPhone(baseUrl: string, prepare?: (context: BrowserContext) => Promise<void>): Promise<PhoneSession> {
  const browser = await launchChromium();
  const context = await phoneContext(browser, baseUrl);
  await prepare?.(context);
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}
