import type { Logger } from 'pino';
import type { LatLng } from '../contracts/common.js';
import type { RouteEstimate, RouteMode } from '../contracts/sites.js';
import { haversineMeters } from './geo.js';

/**
 * Straight-line fallback: roads are longer than the great circle (detour factor) and each mode has a
 * typical urban speed; transit adds waiting and the walk to and from stops.
 */
const ESTIMATE: Record<RouteMode, { detour: number; kmh: number; fixedSeconds: number }> = {
  walking: { detour: 1.3, kmh: 4.5, fixedSeconds: 0 },
  riding: { detour: 1.3, kmh: 12, fixedSeconds: 0 },
  driving: { detour: 1.4, kmh: 30, fixedSeconds: 0 },
  transit: { detour: 1.4, kmh: 18, fixedSeconds: 600 },
};

/** An honest estimate from the great-circle distance, marked `provider: "estimate"`. */
export function estimateRoute(from: LatLng, to: LatLng, mode: RouteMode): RouteEstimate {
  const rule = ESTIMATE[mode];
  const distanceMeters = Math.round(haversineMeters(from, to) * rule.detour);
  const durationSeconds = Math.round((distanceMeters / 1000 / rule.kmh) * 3600 + (distanceMeters > 0 ? rule.fixedSeconds : 0));
  return { distanceMeters, durationSeconds, provider: 'estimate', mode };
}

export interface RoutePlannerOptions {
  amap: { key?: string; apiBase: string; timeoutMs: number };
  fetch: typeof fetch;
  logger: Logger;
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  clock?: () => number;
}

export interface RouteQuery {
  /** Identifies the destination in the cache (the site id). */
  destinationKey: string;
  from: LatLng;
  to: LatLng;
  mode: RouteMode;
  /** City for AMap transit (name or citycode). */
  city: string;
}

const lngLat = (p: LatLng) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`;

function endpoint(mode: RouteMode): string {
  switch (mode) {
    case 'walking':
      return '/v3/direction/walking';
    case 'driving':
      return '/v3/direction/driving';
    case 'transit':
      return '/v3/direction/transit/integrated';
    case 'riding':
      return '/v4/direction/bicycling';
  }
}

function positive(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

type Leg = { distance?: unknown; duration?: unknown };

/** Reads distance and duration from an AMap direction answer; null when it is an error or empty. */
export function parseAmapRoute(mode: RouteMode, body: unknown): { distanceMeters: number; durationSeconds: number } | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { status?: unknown; errcode?: unknown; route?: { paths?: Leg[]; transits?: Leg[] }; data?: { paths?: Leg[] } };
  let leg: Leg | undefined;
  if (mode === 'riding') {
    if (b.errcode !== 0 && b.errcode !== '0') return null;
    leg = b.data?.paths?.[0];
  } else {
    if (b.status !== '1' && b.status !== 1) return null;
    leg = mode === 'transit' ? b.route?.transits?.[0] : b.route?.paths?.[0];
  }
  const distanceMeters = positive(leg?.distance);
  const durationSeconds = positive(leg?.duration);
  if (distanceMeters === null || durationSeconds === null) return null;
  return { distanceMeters: Math.round(distanceMeters), durationSeconds: Math.round(durationSeconds) };
}

/**
 * Route distance and duration from AMap's web-service direction API, cached per rounded origin (about
 * 100 m), destination and mode; any failure (not configured, error status, timeout, unreadable answer)
 * falls back to `estimateRoute`.
 */
export class RoutePlanner {
  private readonly cache = new Map<string, { value: RouteEstimate; expires: number }>();
  private readonly ttl: number;
  private readonly maxEntries: number;
  private readonly clock: () => number;

  constructor(private readonly options: RoutePlannerOptions) {
    this.ttl = options.cacheTtlMs ?? 10 * 60_000;
    this.maxEntries = options.cacheMaxEntries ?? 5000;
    this.clock = options.clock ?? Date.now;
  }

  async plan(query: RouteQuery): Promise<RouteEstimate> {
    if (!this.options.amap.key) return estimateRoute(query.from, query.to, query.mode);
    const key = `${query.destinationKey}|${query.mode}|${query.from.lat.toFixed(3)},${query.from.lng.toFixed(3)}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > this.clock()) return hit.value;
    if (hit) this.cache.delete(key);
    const fromAmap = await this.askAmap(query);
    if (!fromAmap) return estimateRoute(query.from, query.to, query.mode);
    this.remember(key, fromAmap);
    return fromAmap;
  }

  private remember(key: string, value: RouteEstimate): void {
    // Map keeps insertion order: the first key is the oldest entry.
    while (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { value, expires: this.clock() + this.ttl });
  }

  private async askAmap(query: RouteQuery): Promise<RouteEstimate | null> {
    const { amap, logger } = this.options;
    const url = new URL(endpoint(query.mode), amap.apiBase);
    url.searchParams.set('key', amap.key!);
    url.searchParams.set('origin', lngLat(query.from));
    url.searchParams.set('destination', lngLat(query.to));
    if (query.mode === 'transit') {
      url.searchParams.set('city', query.city);
      url.searchParams.set('cityd', query.city);
    }
    try {
      const response = await this.options.fetch(url, { signal: AbortSignal.timeout(amap.timeoutMs) });
      if (!response.ok) {
        logger.warn({ status: response.status, mode: query.mode }, 'amap direction answered an error status; using estimate');
        return null;
      }
      const parsed = parseAmapRoute(query.mode, await response.json());
      if (!parsed) {
        logger.warn({ mode: query.mode }, 'amap direction returned no route; using estimate');
        return null;
      }
      return { ...parsed, provider: 'amap', mode: query.mode };
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.name : String(error), mode: query.mode }, 'amap direction failed; using estimate');
      return null;
    }
  }
}
