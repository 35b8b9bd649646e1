/**
 * Home page on a throttled phone link (DevTools "Fast 3G": 562.5 ms latency, 1.44 Mbit/s both ways):
 * time from navigation until the nearest-sites list is visible, on a first visit (empty cache) and a
 * repeat visit (hashed assets cached as immutable), and the bytes transferred.
 *
 * "Visible" is read inside the page, on the first animation frame where a list card has a box, in the
 * page's own clock (0 = navigation start, as the browser's paint timings count). The same moment seen
 * from this script (Playwright's wall clock from `goto` to its locator seeing the card) is printed
 * beside it: it adds the automation round trips and polling, ~0.25 s here.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, phoneContext } from '../e2e/browser.js';
import { buildH5, h5Built } from '../scripts/stack.js';
import { startTarget } from './child.js';

export const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 180_000 };
/** The nearest list: the page's early list (src/boot) or the app's own, whichever shows first. */
const LIST_SELECTOR = '[data-testid="boot-site-card"], [data-testid="site-card"]';
/** The app's own list: the app has loaded and taken over. */
const APP_LIST_SELECTOR = '[data-testid="site-card"]';

export interface Visit {
  /** Navigation start → the first frame with a nearest list on screen (page clock). */
  ms: number;
  /** Navigation start → the first frame with the app's own list (the app is interactive). */
  appMs: number;
  /** The first list as Playwright saw it: `goto` → locator visible, wall clock. */
  observedMs: number;
  bytes: number;
  requests: number;
}

export interface Fast3gResult {
  first: Visit;
  repeat: Visit;
  /** Encoded bytes per resource type on the first visit. */
  byType: Record<string, number>;
}

/**
 * Runs in every page before its scripts: records when each list first has a box on screen. A string,
 * not a function: the TypeScript loader's helpers would not exist inside the page.
 */
const WATCH_LISTS = `(() => {
  const seen = {};
  window.__listTimes = seen;
  const visible = (selector) => [...document.querySelectorAll(selector)].some((e) => e.getBoundingClientRect().height > 0);
  const frame = () => {
    if (seen.any === undefined && visible(${JSON.stringify(LIST_SELECTOR)})) seen.any = performance.now();
    if (seen.app === undefined && visible(${JSON.stringify(APP_LIST_SELECTOR)})) seen.app = performance.now();
    if (seen.app === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

async function visit(page: Page, cdp: CDPSession, url: string, byType?: Record<string, number>): Promise<Visit> {
  const types = new Map<string, string>();
  let bytes = 0;
  let requests = 0;
  const onResponse = (e: { requestId: string; type?: string }) => types.set(e.requestId, e.type ?? 'Other');
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests += 1;
    if (byType) {
      const type = types.get(e.requestId) ?? 'Other';
      byType[type] = (byType[type] ?? 0) + e.encodedDataLength;
    }
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  await page.locator(LIST_SELECTOR).first().waitFor({ state: 'visible', timeout: 60_000 });
  const observedMs = performance.now() - started;
  await page.locator(APP_LIST_SELECTOR).first().waitFor({ state: 'visible', timeout: 60_000 });
  const times = await page.evaluate(() => (window as unknown as { __listTimes: { any: number; app: number } }).__listTimes);
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  return { ms: times.any, appMs: times.app, observedMs, bytes, requests };
}

export async function fast3gBench(sites: number): Promise<Fast3gResult> {
  if (!h5Built()) await buildH5();
  const stack = await startTarget<{ url: string }>(['stack', String(sites), '--static']);
  const browser = await launchChromium();
  try {
    const context = await phoneContext(browser, stack.info.url);
    await context.addInitScript(WATCH_LISTS);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    const byType: Record<string, number> = {};
    const first = await visit(page, cdp, `${stack.info.url}/`, byType);
    await page.goto('about:blank');
    const repeat = await visit(page, cdp, `${stack.info.url}/`);
    await context.close();
    return { first, repeat, byType };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
