import { amapKey, amapSecurityCode } from '@/env';

/** The parts of the AMap JS API 2.0 namespace this app uses. */
export interface AMapNamespace {
  Map: new (container: HTMLElement, options: Record<string, unknown>) => AMapMap;
  Marker: new (options: Record<string, unknown>) => AMapOverlay;
  LngLat: new (lng: number, lat: number) => unknown;
}

export interface AMapMap {
  add(overlays: AMapOverlay | AMapOverlay[]): void;
  remove(overlays: AMapOverlay | AMapOverlay[]): void;
  setCenter(center: [number, number]): void;
  setFitView(overlays?: AMapOverlay[], immediately?: boolean, padding?: number[], maxZoom?: number): void;
  destroy(): void;
}

export interface AMapOverlay {
  on(event: 'click', handler: () => void): void;
}

const LOAD_TIMEOUT_MS = 8_000;
let shared: Promise<AMapNamespace> | null = null;

/** Whatever the loader rejects with (an Event, a string, nothing) becomes an Error. */
function normalise(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  if (typeof Event !== 'undefined' && reason instanceof Event) return new Error(`高德地图脚本加载失败（${reason.type}）`);
  if (typeof reason === 'string' && reason) return new Error(`高德地图加载失败：${reason}`);
  return new Error('高德地图加载失败');
}

/**
 * Loads AMap's JS API once per page, H5 only. The loader package touches `window` when imported, so
 * it is imported lazily (its own chunk); its `load()` has no timeout and a second concurrent call never
 * settles, so every caller shares one promise guarded by our own timeout. A failure is final for the
 * page (the loader itself refuses to retry); the caller shows the drawn map instead.
 */
export function loadAmap(): Promise<AMapNamespace> {
  if (shared) return shared;
  const key = amapKey();
  if (process.env.TARO_ENV !== 'h5' || !key) {
    shared = Promise.reject(new Error('未配置高德地图'));
    return shared;
  }
  const loading = import('@amap/amap-jsapi-loader').then((loader) => {
    const code = amapSecurityCode();
    if (code) (window as unknown as { _AMapSecurityConfig?: object })._AMapSecurityConfig = { securityJsCode: code };
    return loader.load({ key, version: '2.0' }) as Promise<AMapNamespace>;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('高德地图加载超时')), LOAD_TIMEOUT_MS);
  });
  shared = Promise.race([loading, timeout])
    .catch((reason: unknown) => {
      throw normalise(reason);
    })
    .finally(() => clearTimeout(timer));
  return shared;
}
