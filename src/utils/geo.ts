import type { LatLng } from '@/types/api';

const EARTH_RADIUS_M = 6_371_008.8;

function toRad(deg: number): number {
  return (deg * Math.PI) / 180;
}

/** Great-circle distance in metres between two points (haversine). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The `k` points nearest to `origin`, nearest first, each with its distance. Used offline on the
 * cached site index (a few thousand rows at most, so a full scan is fine on a phone).
 */
export function nearestTo<T extends { lat: number; lng: number }>(
  items: readonly T[],
  origin: LatLng,
  k: number,
): Array<T & { distanceMeters: number }> {
  return items
    .map((item) => ({ ...item, distanceMeters: haversineMeters(origin, item) }))
    .sort((a, b) => a.distanceMeters - b.distanceMeters)
    .slice(0, Math.max(0, k));
}

/** "350 米", "1.2 公里", "123 公里". */
export function formatDistance(meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return '';
  if (meters < 1000) return `${Math.max(1, Math.round(meters))} 米`;
  const km = meters / 1000;
  if (km < 100) return `${(Math.round(km * 10) / 10).toFixed(1)} 公里`;
  return `${Math.round(km)} 公里`;
}

/** "不到 1 分钟", "25 分钟", "1 小时 5 分钟", "2 小时". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return '不到 1 分钟';
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`;
}

/** "LAT,LNG" as the API's `near=` / `from=` parameters expect, rounded to about 1 m. */
export function formatLatLng(point: LatLng): string {
  return `${point.lat.toFixed(6)},${point.lng.toFixed(6)}`;
}
