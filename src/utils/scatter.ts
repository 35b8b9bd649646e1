import type { LatLng } from '@/types/api';
import { nearestTo } from './geo';

export interface ScatterPoint {
  id: string;
  name: string;
  /** Percent of the box width, 0 at the left edge. */
  x: number;
  /** Percent of the box height, 0 at the top edge. */
  y: number;
  distanceMeters: number;
}

export interface ScatterLayout {
  points: ScatterPoint[];
  /** Distance of the farthest point drawn. */
  farthestMeters: number;
}

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LNG_EQUATOR = 111_320;
/** Points stay inside the middle 90% of the box so markers are not cut at the edges. */
const HALF_SPAN = 45;

/**
 * Places the `maxCount` sites nearest to `center` in a box `aspect` (height / width) times as tall as
 * wide, north up, one scale on both axes, `center` in the middle: the drawn map shown when no map
 * service is available.
 */
export function layoutScatter(
  sites: ReadonlyArray<{ id: string; name: string; lat: number; lng: number }>,
  center: LatLng,
  maxCount: number,
  aspect: number,
): ScatterLayout {
  const near = nearestTo(sites, center, maxCount);
  const cosLat = Math.cos((center.lat * Math.PI) / 180);
  const offsets = near.map((s) => ({
    site: s,
    dx: (s.lng - center.lng) * M_PER_DEG_LNG_EQUATOR * cosLat,
    dy: (s.lat - center.lat) * M_PER_DEG_LAT,
  }));
  const maxDx = Math.max(1, ...offsets.map((o) => Math.abs(o.dx)));
  const maxDy = Math.max(1, ...offsets.map((o) => Math.abs(o.dy)));
  // Percent of the width per metre, chosen so both axes fit.
  const scale = Math.min(HALF_SPAN / maxDx, (HALF_SPAN * aspect) / maxDy);
  const points = offsets.map(({ site, dx, dy }) => ({
    id: site.id,
    name: site.name,
    x: 50 + dx * scale,
    y: 50 - (dy * scale) / aspect,
    distanceMeters: site.distanceMeters,
  }));
  return { points, farthestMeters: near.length ? near[near.length - 1]!.distanceMeters : 0 };
}
