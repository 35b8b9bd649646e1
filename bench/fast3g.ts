/**
 * Home page on a throttled phone link (DevTools "Fast 3G": 562.5 ms latency, 1.44 Mbit/s both ways):
 * time from navigation until the nearest-sites list is visible, on a first visit (empty cache) and a
 * repeat visit (hashed assets cached as immutable), and the bytes transferred.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, phoneContext } from '../e2e/browser.js';
import { buildH5, h5Built } from '../scripts/stack.js';
import { startTarget } from './child.js';

export const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 180_000 };
const LIST_SELECTOR = '.site-card';

export interface Visit {
  ms: number;
  bytes: number;
  requests: number;
}

export interface Fast3gResult {
  first: Visit;
  repeat: Visit;
  /** Encoded bytes per resource type on the first visit. */
  byType: Record<string, number>;
}

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
  const ms = performance.now() - started;
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  return { ms, bytes, requests };
}

export async function fast3gBench(sites: number): Promise<Fast3gResult> {
  if (!h5Built()) await buildH5();
  const stack = await startTarget<{ url: string }>(['stack', String(sites), '--static']);
  const browser = await launchChromium();
  try {
    const context = await phoneContext(browser, stack.info.url);
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
