/**
 * What the H5 page's inline first-list script (src/boot/first-list.ts, inlined into index.html at
 * build time) hands to the app once the app's scripts have arrived: the position it asked the browser
 * for and the nearest-sites answer it fetched, so the app neither asks again nor waits a second round
 * trip, and a way to take the early list away once the app shows its own.
 */
import type { LatLng, SiteList } from '@/types/api';

/** Name of the handover object on `window`. */
export const BOOT_GLOBAL = '__memorialMapBoot';

/** How many sites the home page lists (the app's nearest query and the early list use the same). */
export const NEAREST_COUNT = 20;

/** Storage key of 长辈模式, read by the early list before the app exists. */
export const ELDER_MODE_KEY = 'mm.elderMode';

export interface BootNearest {
  /** The request's `near` parameter as the app formats it (`lat,lng`, 6 decimals). */
  near: string;
  limit: number;
  /** The page of sites, or null when the request failed or was not answered with 200. */
  result: Promise<SiteList | null>;
}

export interface BootHandover {
  /** The device position in GCJ-02; rejects like Taro.getLocation (`errMsg`) when refused or failed. */
  position: Promise<LatLng> | null;
  nearest: BootNearest | null;
  /** Removes the early list from the page (idempotent). */
  dispose(): void;
}

/** True for the URL hash of the home page (what the early list stands in for). */
export function isHomeHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#/' || hash.startsWith('#/pages/index/index');
}
