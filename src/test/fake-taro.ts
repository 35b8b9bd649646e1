import { useEffect, useRef } from 'react';
import { vi } from 'vitest';

/**
 * The Taro runtime as the app's platform modules see it, faked at the boundary for tests: storage in
 * a Map, and `request` / `getLocation` answering whatever a test programs. Everything above it
 * (platform modules, services, hooks, components) is the real code.
 */
export interface FakeRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: unknown;
}

export interface FakeResponse {
  statusCode: number;
  data?: unknown;
  header?: Record<string, string>;
}

type RequestHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

const storage = new Map<string, unknown>();
let handler: RequestHandler = () => {
  throw { errMsg: 'request:fail no handler programmed' };
};

export const requests: FakeRequest[] = [];

/** Programs the fake network; throw inside the handler to simulate no connection. */
export function onRequest(next: RequestHandler): void {
  handler = next;
}

/** Answers JSON for paths (after the API base) and fails everything else as a network error. */
export function jsonRoutes(routes: Record<string, (req: FakeRequest) => FakeResponse>): void {
  onRequest((req) => {
    const path = new URL(req.url, 'http://app.local').pathname.replace(/^\/api\/v1/, '');
    const route = routes[path];
    if (!route) throw { errMsg: `request:fail unexpected ${req.method} ${path}` };
    return route(req);
  });
}

export function offline(): void {
  onRequest(() => {
    throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
  });
}

export const taro = {
  getStorageSync: vi.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: vi.fn((key: string, value: unknown) => {
    storage.set(key, value);
  }),
  removeStorageSync: vi.fn((key: string) => {
    storage.delete(key);
  }),
  request: vi.fn(async (opts: FakeRequest & { timeout?: number; dataType?: string }) => {
    const req: FakeRequest = { url: opts.url, method: opts.method ?? 'GET', header: { ...opts.header }, data: opts.data };
    requests.push(req);
    const res = await handler(req);
    return { statusCode: res.statusCode, data: res.data ?? '', header: res.header ?? {}, errMsg: 'request:ok' };
  }),
  getLocation: vi.fn(async (_opts: { type?: string }): Promise<{ latitude: number; longitude: number }> => {
    throw { errMsg: 'getLocation:fail no location programmed' };
  }),
  openSetting: vi.fn(async () => ({ authSetting: {}, errMsg: 'openSetting:ok' })),
  openLocation: vi.fn(async () => ({ errMsg: 'openLocation:ok' })),
  makePhoneCall: vi.fn(async () => ({ errMsg: 'makePhoneCall:ok' })),
  showToast: vi.fn(async () => ({ errMsg: 'showToast:ok' })),
  showModal: vi.fn(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  navigateTo: vi.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  redirectTo: vi.fn(async () => ({ errMsg: 'redirectTo:ok' })),
  switchTab: vi.fn(async () => ({ errMsg: 'switchTab:ok' })),
  navigateBack: vi.fn(async () => ({ errMsg: 'navigateBack:ok' })),
  setNavigationBarTitle: vi.fn(async () => ({ errMsg: 'setNavigationBarTitle:ok' })),
  getWindowInfo: vi.fn(() => ({ windowWidth: 375, windowHeight: 667 })),
  createMapContext: vi.fn(() => ({ initMarkerCluster: vi.fn() })),
  chooseImage: vi.fn(async (_opts: { count?: number; sourceType?: string[] }): Promise<{ tempFiles: Array<{ path: string; size: number }> }> => {
    throw { errMsg: 'chooseImage:fail cancel' };
  }),
  uploadFile: vi.fn(async (_opts: { url: string; filePath: string; name: string; header?: Record<string, string> }): Promise<{ statusCode: number; data: string }> => {
    throw { errMsg: 'uploadFile:fail no upload programmed' };
  }),
  previewImage: vi.fn(async () => ({ errMsg: 'previewImage:ok' })),
  stopPullDownRefresh: vi.fn(async () => ({ errMsg: 'stopPullDownRefresh:ok' })),
  login: vi.fn(async (): Promise<{ code: string; errMsg: string }> => ({ code: 'wx-login-code', errMsg: 'login:ok' })),
  scanCode: vi.fn(async (_opts: { onlyFromCamera?: boolean; scanType?: string[] }): Promise<{ result: string; errMsg: string }> => {
    throw { errMsg: 'scanCode:fail cancel' };
  }),
};

/** Page lifecycle: pages register with these hooks; a test plays the runtime with `showPage()` / `pullDown()`. */
const lifecycle = { show: new Set<() => void>(), pullDown: new Set<() => void>() };

function useLifecycle(kind: keyof typeof lifecycle, fn: () => void, atMount: boolean): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const run = () => latest.current();
    lifecycle[kind].add(run);
    if (atMount) run();
    return () => {
      lifecycle[kind].delete(run);
    };
  }, []);
}

/** As Taro: runs when the page is first shown and each time it is shown again. */
export function useDidShow(fn: () => void): void {
  useLifecycle('show', fn, true);
}

export function usePullDownRefresh(fn: () => void): void {
  useLifecycle('pullDown', fn, false);
}

/** The person comes back to the page (back from another page, or the app brought to the front). */
export function showPage(): void {
  for (const run of lifecycle.show) run();
}

/** The person pulls the page down to refresh it. */
export function pullDown(): void {
  for (const run of lifecycle.pullDown) run();
}

export const routerParams: Record<string, string> = {};

export function useRouter() {
  return { params: routerParams, path: '' };
}

/** Back to an empty device between tests. */
export function resetFakeTaro(): void {
  storage.clear();
  requests.length = 0;
  offline();
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  taro.chooseImage.mockReset();
  taro.chooseImage.mockImplementation(async () => {
    throw { errMsg: 'chooseImage:fail cancel' };
  });
  taro.uploadFile.mockReset();
  taro.uploadFile.mockImplementation(async () => {
    throw { errMsg: 'uploadFile:fail no upload programmed' };
  });
  taro.scanCode.mockReset();
  taro.scanCode.mockImplementation(async () => {
    throw { errMsg: 'scanCode:fail cancel' };
  });
  taro.getLocation.mockReset();
  taro.getLocation.mockImplementation(async () => {
    throw { errMsg: 'getLocation:fail no location programmed' };
  });
}

/** Direct access to stored values, as the app wrote them. */
export const fakeStorage = storage;
