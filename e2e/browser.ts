/** Debian's Chromium driven by playwright-core (never a downloaded browser; TOOLCHAIN.md). */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A point in Wuhan (near Jianghan Road), as a phone's GPS reports it (WGS-84). */
export const WUHAN_POSITION = { latitude: 30.5801, longitude: 114.2855, accuracy: 30 };

/**
 * Every host name resolves to nothing, so the page cannot leave the machine (AMap's script, fonts,
 * analytics all fail fast); only 127.0.0.1 is left alone. Done in the resolver, not
 * with request interception, which would turn off the HTTP cache that repeat visits measure.
 */
const LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, LOOPBACK_ONLY], timeout: 60_000 });
}

/**
 * A phone-sized context in Chinese with the location permission granted and a Wuhan position.
 */
export async function phoneContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: WUHAN_POSITION,
    permissions: ['geolocation'],
    serviceWorkers: 'block',
  });
  await context.grantPermissions(['geolocation'], { origin });
  return context;
}

/** A desktop-sized context in Chinese: the staff console on an office computer. */
export function desktopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
}
