import gcoord from 'gcoord';
import type { CoordSystem, LatLng } from '../contracts/common.js';

/**
 * A generous box around the People's Republic of China (mainland, Hainan, Taiwan and the South China
 * Sea islands up to Zengmu Ansha at ~3.9°N), in degrees. A point outside it is a typing error
 * (latitude and longitude swapped, a missing digit) rather than a memorial.
 */
export const CHINA_BOUNDS = Object.freeze({ minLat: 3.5, maxLat: 53.6, minLng: 73.4, maxLng: 135.1 });

/** A move larger than this (metres) is confirmed by the manager before it is saved (in the app). */
export const LARGE_MOVE_METERS = 3000;

export function isInChina(point: LatLng): boolean {
  return point.lat >= CHINA_BOUNDS.minLat && point.lat <= CHINA_BOUNDS.maxLat && point.lng >= CHINA_BOUNDS.minLng && point.lng <= CHINA_BOUNDS.maxLng;
}

const CRS = { gcj02: gcoord.GCJ02, wgs84: gcoord.WGS84, bd09: gcoord.BD09 } as const;

/** Rounds to 7 decimals (about 1 cm): enough for a grave, and stable so re-imports compare equal. */
function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/**
 * Converts a point entered in WGS-84 (GPS devices, custody plates) or BD-09 (Baidu maps) to GCJ-02,
 * the system every stored coordinate is in (what WeChat maps and AMap use). GCJ-02 input is kept.
 */
export function toGcj02(point: LatLng, system: CoordSystem = 'gcj02'): LatLng {
  if (system === 'gcj02') return { lat: round7(point.lat), lng: round7(point.lng) };
  const [lng, lat] = gcoord.transform([point.lng, point.lat], CRS[system], gcoord.GCJ02);
  return { lat: round7(lat), lng: round7(lng) };
}
