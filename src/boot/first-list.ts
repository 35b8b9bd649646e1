/**
 * H5 only: the nearest list before the app has loaded. Built by esbuild into a few KB and inlined at
 * the top of index.html (config/index.ts, `inlineFirstList`), so on a slow phone link it starts asking
 * for the position and for `GET /sites?near=` as soon as the HTML arrives, while the app's ~160 KB of
 * scripts are still on their way, and shows the list the moment the answer comes. The app then takes
 * over: it reuses the position and the answer (src/platform/boot.ts) and removes this list when it
 * shows its own (or when the user leaves the home page).
 *
 * Plain DOM and text nodes only (no HTML from data). Any failure leaves the waiting text in place and
 * the app does what it always does (location fallback, errors with retry).
 */
import { CATEGORY_LABELS, LEVEL_LABELS } from '@/constants/labels';
import type { LatLng, SiteList, SiteSummary } from '@/types/api';
import { wgs84ToGcj02 } from '@/utils/coords';
import { formatDistance, formatLatLng } from '@/utils/geo';
import { BOOT_GLOBAL, ELDER_MODE_KEY, isHomeHash, NEAREST_COUNT, type BootHandover } from './handover';

declare const __API_BASE__: string;

const ROOT_ID = 'mm-boot';
const LOCATION_TIMEOUT_MS = 10_000;

function elderMode(): boolean {
  try {
    // Taro's H5 storage keeps `{"data": <value>}`; the app saves JSON text as the value.
    const raw = localStorage.getItem(ELDER_MODE_KEY);
    const data = raw ? (JSON.parse(raw) as { data?: unknown }).data : undefined;
    return (typeof data === 'string' ? JSON.parse(data) : data) === true;
  } catch {
    return false;
  }
}

/** The browser position in GCJ-02, rejecting with a Taro-like `errMsg` the app's location code understands. */
function locate(): Promise<LatLng> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject({ errMsg: 'getLocation:fail unavailable' });
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(wgs84ToGcj02({ lat: p.coords.latitude, lng: p.coords.longitude })),
      (e) =>
        reject({
          errMsg:
            e.code === e.PERMISSION_DENIED ? 'getLocation:fail auth deny' : e.code === e.TIMEOUT ? 'getLocation:fail timeout' : 'getLocation:fail unavailable',
        }),
      { enableHighAccuracy: false, timeout: LOCATION_TIMEOUT_MS, maximumAge: 60_000 },
    );
  });
}

async function fetchNearest(url: string): Promise<SiteList | null> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return response.status === 200 ? ((await response.json()) as SiteList) : null;
  } catch {
    return null;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function card(site: SiteSummary, nearest: boolean): HTMLAnchorElement {
  const distance = site.distanceMeters === undefined ? '' : formatDistance(site.distanceMeters);
  const a = el('a', nearest ? 'boot-card boot-card--nearest' : 'boot-card');
  a.href = `#/pages/site/index?id=${encodeURIComponent(site.id)}`;
  a.setAttribute('data-testid', 'boot-site-card');
  a.setAttribute('aria-label', distance ? `${site.name}，距离${distance}` : site.name);
  const main = el('span', 'boot-card__main');
  main.append(el('span', 'boot-card__name', site.name));
  const meta = el('span', 'boot-card__meta');
  meta.append(el('span', 'boot-tag', LEVEL_LABELS[site.level] ?? site.level));
  if (site.category) meta.append(el('span', '', CATEGORY_LABELS[site.category] ?? site.category));
  if (site.district) meta.append(el('span', '', site.district));
  if (site.openNow === true) meta.append(el('span', 'boot-tag boot-tag--ok', '开放中'));
  if (site.openNow === false) meta.append(el('span', '', '已闭馆'));
  if (site.sample) meta.append(el('span', 'boot-tag boot-tag--sample', '示例数据'));
  main.append(meta);
  a.append(main);
  if (distance) {
    const side = el('span', 'boot-card__side');
    if (nearest) side.append(el('span', 'boot-card__nearest', '最近'));
    side.append(el('span', 'boot-card__distance', distance));
    a.append(side);
  }
  return a;
}

function render(root: HTMLElement, page: SiteList): void {
  const sites = [...page.items].sort((a, b) => (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0));
  const status = root.querySelector('.boot-status');
  const list = el('div', 'boot-list');
  list.append(el('div', 'boot-title', '离您的位置最近的纪念设施'));
  if (sites.some((s) => s.sample)) list.append(el('div', 'boot-note', '当前展示的是用于体验的示例数据'));
  sites.forEach((site, i) => list.append(card(site, i === 0)));
  if (sites.length === 0) list.append(el('div', 'boot-status', '附近暂无纪念设施'));
  status?.remove();
  root.append(list);
  performance.mark?.('mm:first-list');
}

function start(): void {
  const root = () => document.getElementById(ROOT_ID);
  const dispose = () => {
    root()?.remove();
    window.removeEventListener('hashchange', onHash);
  };
  const onHash = () => {
    if (!isHomeHash(location.hash)) dispose();
  };
  const handover: BootHandover = { position: null, nearest: null, dispose };
  (window as unknown as Record<string, BootHandover>)[BOOT_GLOBAL] = handover;
  // Deep links (a voucher, a site) open their own page: no early home list for them.
  if (!isHomeHash(location.hash)) {
    document.documentElement.classList.add('mm-boot-off');
    return;
  }
  if (elderMode()) document.documentElement.classList.add('mm-boot-elder');
  window.addEventListener('hashchange', onHash);

  const position = locate();
  handover.position = position;
  position.then(
    (point) => {
      const near = formatLatLng(point);
      const url = `${__API_BASE__.replace(/\/+$/, '')}/sites?near=${encodeURIComponent(near)}&limit=${NEAREST_COUNT}`;
      const result = fetchNearest(url);
      handover.nearest = { near, limit: NEAREST_COUNT, result };
      return result.then((page) => {
        const show = () => {
          const node = root();
          if (page && node) render(node, page);
        };
        // The answer cannot come before the (small) HTML is parsed, but be exact about it.
        if (document.readyState === 'loading') document.addEventListener('readystatechange', show, { once: true });
        else show();
      });
    },
    () => {
      // Refused or failed: the app explains it and falls back to the city centre.
    },
  );
}

start();
