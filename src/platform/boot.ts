import { BOOT_GLOBAL, type BootHandover } from '@/boot/handover';
import type { LatLng, SiteList } from '@/types/api';

/** The H5 page's early-list handover (src/boot/first-list.ts); absent in WeChat and in tests. */
function handover(): BootHandover | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  return (window as unknown as Record<string, BootHandover | undefined>)[BOOT_GLOBAL] ?? null;
}

/**
 * The position the page already asked the browser for while the app loaded, once: the app uses it
 * instead of asking again (a second prompt, a second wait). Later calls read the device afresh.
 */
export function takeBootPosition(): Promise<LatLng> | null {
  const boot = handover();
  const position = boot?.position ?? null;
  if (boot) boot.position = null;
  return position;
}

/**
 * The nearest-sites page the page already fetched for exactly this `near` and `limit`, once; resolves
 * to null when that early request failed, so the caller asks the API itself.
 */
export function takeBootNearest(near: string, limit: number): Promise<SiteList | null> | null {
  const boot = handover();
  const nearest = boot?.nearest;
  if (!boot || !nearest || nearest.near !== near || nearest.limit !== limit) return null;
  boot.nearest = null;
  return nearest.result;
}

/** Takes the early list off the page: the app is showing its own home page (or another page). */
export function disposeBootList(): void {
  handover()?.dispose();
}
