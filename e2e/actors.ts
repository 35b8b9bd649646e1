/**
 * The people of the browser journeys and what they do outside the page under test: call the API,
 * sign a citizen in (the served H5 app is a release build with no sign-in form outside WeChat), sign
 * staff in through the console's login page, save screenshots.
 */
import { mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import gcoord from 'gcoord';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium, phoneContext, WUHAN_POSITION } from './browser.js';

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

/** Waits until the element is on screen (30 s at most) and gives its text, trimmed. */
export async function shown(locator: Locator, timeout = 30_000): Promise<string> {
  await locator.waitFor({ state: 'visible', timeout });
  return (await locator.innerText()).trim();
}

/** Opens a page of the app (`path` after the origin) and waits until `ready` is on screen; gives that element. */
export async function open(page: Page, baseUrl: string, path: string, ready: string): Promise<Locator> {
  await page.goto(`${baseUrl}${path}`);
  const element = page.locator(ready).first();
  await element.waitFor({ state: 'visible', timeout: 30_000 });
  return element;
}

/** The colours a button's label is painted in, its border and background, and its opacity, as computed. */
export function inkOf(button: Locator): Promise<{ color: string; border: string; background: string; opacity: string }> {
  return button.evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.color, border: style.borderTopColor, background: style.backgroundColor, opacity: style.opacity };
  });
}

/** The text input labelled `label` (Taro's H5 Input puts the aria-label on the input or on its wrapper). */
export function input(page: Page, label: string): Locator {
  return page.locator(`input[aria-label="${label}"], [aria-label="${label}"] input`).first();
}

/** The person leaves the app (another app in front) and comes back to the same page. */
export async function awayAndBack(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const state of ['hidden', 'visible'] as const) {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }
  });
}

export interface NearSite {
  id: string;
  name: string;
  distanceMeters: number;
  location: { lat: number; lng: number };
}

/** The sites the API finds nearest the phone's position (WGS-84 from the browser, asked in GCJ-02 as the app does). */
export async function nearestSites(baseUrl: string, limit: number): Promise<NearSite[]> {
  const [lng, lat] = gcoord.transform([WUHAN_POSITION.longitude, WUHAN_POSITION.latitude], gcoord.WGS84, gcoord.GCJ02);
  const res = await api<{ items: NearSite[] }>(baseUrl, 'GET', `/sites?near=${lat},${lng}&limit=${limit}`);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** The first of these sites that takes bookings. */
export async function firstBookable<T extends { id: string }>(baseUrl: string, sites: readonly T[]): Promise<T & { name: string }> {
  for (const site of sites) {
    const detail = (await api<{ name: string; bookable: boolean }>(baseUrl, 'GET', `/sites/${site.id}`)).body;
    if (detail.bookable) return { ...site, name: detail.name };
  }
  throw new Error('none of these sites takes bookings');
}

/** A staff phone standing at a site: the browser reports WGS-84, the app converts it to GCJ-02. */
export async function phoneAt(browser: Browser, baseUrl: string, location: { lat: number; lng: number }): Promise<BrowserContext> {
  const context = await phoneContext(browser, baseUrl);
  const [lng, lat] = gcoord.transform([location.lng, location.lat], gcoord.GCJ02, gcoord.WGS84);
  await context.setGeolocation({ latitude: lat, longitude: lng, accuracy: 10 });
  return context;
}

/** A small valid PNG of `size`×`size` pixels (a photo from the staff member's "camera"). */
export function png(size = 48): Buffer {
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

/** Signs a staff member in through the console's login page; resolves on their 我的设施 page. */
export async function staffSignIn(page: Page, baseUrl: string, username: string): Promise<void> {
  const fields = page.locator('.staff-login__field input');
  await open(page, baseUrl, '/#/packages/admin/pages/login/index', '.staff-login__field input');
  await fields.first().fill(username);
  await fields.nth(1).fill(DEMO_PASSWORD);
  await page.locator('.staff-login__submit').click();
  await page.locator('.my-sites__actions').waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Saves a screenshot of the page as a test artefact, once its transitions have run (the H5 router
 * slides a new page in; a picture taken meanwhile shows half of it).
 */
export async function snapshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
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
