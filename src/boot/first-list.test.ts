import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { takeBootNearest, takeBootPosition, disposeBootList } from '@/platform/boot';
import { getCurrentPosition } from '@/platform/location';
import { listSites } from '@/services/sites';
import { jsonRoutes, requests, taro } from '@/test/fake-taro';
import type { SiteSummary } from '@/types/api';
import { wgs84ToGcj02 } from '@/utils/coords';
import { formatLatLng } from '@/utils/geo';
import { BOOT_GLOBAL, ELDER_MODE_KEY, NEAREST_COUNT } from './handover';

/**
 * The inline early list (first-list.ts) as the browser runs it from index.html: the browser's
 * geolocation and fetch are programmed here (they are the outside world to this script); the app's
 * side of the handover (platform/boot, platform/location, services/sites) is the real code.
 */

const WGS84 = { lat: 30.5801, lng: 114.2855 };
const SITES: SiteSummary[] = [
  { id: 'far', code: 'B', name: '九峰山烈士陵园', level: 'municipal', category: 'cemetery', district: '洪山区', address: '九峰', location: { lat: 30.51, lng: 114.48 }, distanceMeters: 19_300 },
  { id: 'near', code: 'A', name: '武汉革命烈士陵园', level: 'provincial', category: 'cemetery', district: '武昌区', address: '解放路', location: { lat: 30.55, lng: 114.3 }, distanceMeters: 4_580, openNow: true, sample: true },
];

type Geo = (ok: PositionCallback, fail: PositionErrorCallback) => void;
let fetches: string[] = [];

function program(options: { geo: Geo; answer?: () => Promise<Response> }) {
  Object.defineProperty(navigator, 'geolocation', { configurable: true, value: { getCurrentPosition: options.geo } });
  fetches = [];
  vi.stubGlobal('fetch', (url: string) => {
    fetches.push(url);
    return options.answer ? options.answer() : Promise.resolve(new Response(JSON.stringify({ items: SITES }), { status: 200 }));
  });
}

const grant: Geo = (ok) => ok({ coords: { latitude: WGS84.lat, longitude: WGS84.lng } } as GeolocationPosition);
const deny: Geo = (_ok, fail) => fail({ code: 1, PERMISSION_DENIED: 1, TIMEOUT: 3 } as GeolocationPositionError);

async function runBootScript(hash = '') {
  window.location.hash = hash;
  document.body.innerHTML = '<div id="mm-boot"><div class="boot-status">正在查找附近的纪念设施…</div></div><div id="app"></div>';
  vi.resetModules();
  await import('./first-list');
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const cards = () => [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="boot-site-card"]')];

beforeEach(() => {
  vi.stubEnv('TARO_ENV', 'h5');
  (globalThis as Record<string, unknown>).__API_BASE__ = '/api/v1';
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  delete (window as unknown as Record<string, unknown>)[BOOT_GLOBAL];
  document.documentElement.className = '';
  localStorage.clear();
});

describe('the early home list (index.html)', () => {
  it('asks for the nearest sites around the GCJ-02 position and lists them nearest first with distances', async () => {
    program({ geo: grant });
    await runBootScript();
    await settle();

    const near = formatLatLng(wgs84ToGcj02(WGS84));
    expect(fetches).toEqual([`/api/v1/sites?near=${encodeURIComponent(near)}&limit=${NEAREST_COUNT}`]);
    expect(cards().map((c) => c.textContent)).toEqual([
      expect.stringContaining('武汉革命烈士陵园'),
      expect.stringContaining('九峰山烈士陵园'),
    ]);
    const [first, second] = cards();
    expect(first!.textContent).toContain('4.6 公里');
    expect(first!.textContent).toContain('最近');
    expect(first!.textContent).toContain('开放中');
    expect(first!.textContent).toContain('示例数据');
    expect(second!.textContent).toContain('19.3 公里');
    expect(first!.getAttribute('href')).toBe('#/pages/site/index?id=near');
    expect(document.body.textContent).toContain('离您的位置最近的纪念设施');
    expect(document.body.textContent).not.toContain('正在查找附近的纪念设施…');
  });

  it('hands the position and the answer to the app once, so the app neither asks again nor refetches', async () => {
    program({ geo: grant });
    await runBootScript();
    await settle();

    const position = await getCurrentPosition();
    expect(position).toEqual(wgs84ToGcj02(WGS84));
    expect(taro.getLocation).not.toHaveBeenCalled();

    const page = await listSites({ near: position, limit: NEAREST_COUNT });
    expect(page.items.map((s) => s.id)).toEqual(['far', 'near']);
    expect(requests).toHaveLength(0);

    // Both are used once: a second look asks the device and the API again.
    expect(takeBootPosition()).toBeNull();
    expect(takeBootNearest(formatLatLng(position), NEAREST_COUNT)).toBeNull();
  });

  it('is not used for a filtered query or another position: the app asks the API', async () => {
    program({ geo: grant });
    await runBootScript();
    await settle();
    jsonRoutes({ '/sites': () => ({ statusCode: 200, data: { items: [] } }) });
    const position = wgs84ToGcj02(WGS84);

    await listSites({ near: position, limit: NEAREST_COUNT, level: 'national' });
    await listSites({ near: { lat: position.lat + 0.01, lng: position.lng }, limit: NEAREST_COUNT });
    expect(requests).toHaveLength(2);
    // Still there for the plain query.
    expect(takeBootNearest(formatLatLng(position), NEAREST_COUNT)).not.toBeNull();
  });

  it('when the early request fails, the app asks the API itself and the waiting text stays', async () => {
    program({ geo: grant, answer: () => Promise.resolve(new Response('{"error":{}}', { status: 503 })) });
    await runBootScript();
    await settle();
    expect(cards()).toHaveLength(0);
    expect(document.body.textContent).toContain('正在查找附近的纪念设施…');

    jsonRoutes({ '/sites': () => ({ statusCode: 200, data: { items: SITES } }) });
    const page = await listSites({ near: wgs84ToGcj02(WGS84), limit: NEAREST_COUNT });
    expect(page.items).toHaveLength(2);
    expect(requests).toHaveLength(1);
  });

  it('when location is refused, fetches nothing and the app learns it was refused', async () => {
    program({ geo: deny });
    await runBootScript();
    await settle();
    expect(fetches).toHaveLength(0);
    await expect(getCurrentPosition()).rejects.toMatchObject({ reason: 'denied' });
    expect(taro.getLocation).not.toHaveBeenCalled();
  });

  it('stays off for a deep link and goes away when the user leaves the home page', async () => {
    program({ geo: grant });
    await runBootScript('#/pages/booking-voucher/index?id=b1');
    expect(document.documentElement.classList.contains('mm-boot-off')).toBe(true);
    expect(fetches).toHaveLength(0);

    await runBootScript();
    await settle();
    expect(cards()).toHaveLength(2);
    window.location.hash = '#/pages/site/index?id=near';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(document.getElementById('mm-boot')).toBeNull();
  });

  it('is removed when the app shows its own list', async () => {
    program({ geo: grant });
    await runBootScript();
    await settle();
    disposeBootList();
    expect(document.getElementById('mm-boot')).toBeNull();
  });

  it('follows 长辈模式 saved by the app', async () => {
    localStorage.setItem(ELDER_MODE_KEY, JSON.stringify({ data: 'true' }));
    program({ geo: grant });
    await runBootScript();
    expect(document.documentElement.classList.contains('mm-boot-elder')).toBe(true);
  });
});
