import { takeBootNearest } from '@/platform/boot';
import { loadItem, saveItem } from '@/platform/storage';
import type {
  LatLng,
  MartyrList,
  RouteEstimate,
  RouteMode,
  SiteCategory,
  SiteDetail,
  SiteIndex,
  SiteLevel,
  SiteList,
} from '@/types/api';
import { formatLatLng } from '@/utils/geo';
import { request, requestRaw } from './request';

export interface SiteQuery {
  near?: LatLng;
  limit?: number;
  level?: SiteLevel;
  category?: SiteCategory;
  district?: string;
  /** Only sites open now (Asia/Shanghai). */
  openNow?: boolean;
  q?: string;
  cursor?: string;
}

/** GET /sites: published sites, nearest first when `near` is given. */
export async function listSites(query: SiteQuery): Promise<SiteList> {
  // The H5 page may have fetched exactly this unfiltered nearest page while the app loaded (src/boot).
  const { near, limit, ...narrowing } = query;
  const unfiltered = Object.values(narrowing).every((v) => v === undefined || v === false || v === '');
  const early = near && limit !== undefined && unfiltered ? await takeBootNearest(formatLatLng(near), limit) : null;
  if (early) return early;
  return request<SiteList>('/sites', {
    query: {
      near: query.near ? formatLatLng(query.near) : undefined,
      limit: query.limit,
      level: query.level,
      category: query.category,
      district: query.district,
      openNow: query.openNow ? 1 : undefined,
      q: query.q?.trim(),
      cursor: query.cursor,
    },
  });
}

export function getSite(id: string): Promise<SiteDetail> {
  return request<SiteDetail>(`/sites/${encodeURIComponent(id)}`);
}

export function listSiteMartyrs(siteId: string, query: { q?: string; cursor?: string }): Promise<MartyrList> {
  return request<MartyrList>(`/sites/${encodeURIComponent(siteId)}/martyrs`, {
    query: { q: query.q?.trim(), cursor: query.cursor },
  });
}

export function getRoute(siteId: string, from: LatLng, mode: RouteMode): Promise<RouteEstimate> {
  return request<RouteEstimate>(`/sites/${encodeURIComponent(siteId)}/route`, {
    query: { from: formatLatLng(from), mode },
  });
}

/** The offline copy of GET /sites/index, with the ETag it came with. */
export interface CachedSiteIndex {
  etag?: string;
  index: SiteIndex;
  /** Epoch milliseconds when it was last confirmed by the server. */
  savedAt: number;
}

export const SITE_INDEX_KEY = 'mm.siteIndex';

export function readCachedSiteIndex(): CachedSiteIndex | null {
  const cached = loadItem<CachedSiteIndex>(SITE_INDEX_KEY);
  return cached && Array.isArray(cached.index?.items) ? cached : null;
}

/**
 * GET /sites/index, revalidated with If-None-Match against the stored copy: a 304 reuses it, a 200
 * replaces it. Network failures propagate (the caller decides to fall back to `readCachedSiteIndex`).
 */
export async function fetchSiteIndex(): Promise<CachedSiteIndex> {
  const cached = readCachedSiteIndex();
  const res = await requestRaw<SiteIndex>('/sites/index', {
    headers: cached?.etag ? { 'If-None-Match': cached.etag } : {},
    acceptStatus: [304],
  });
  if (res.status === 304 && cached) {
    const refreshed = { ...cached, savedAt: Date.now() };
    saveItem(SITE_INDEX_KEY, refreshed);
    return refreshed;
  }
  const fresh: CachedSiteIndex = { etag: res.headers.etag, index: res.data, savedAt: Date.now() };
  saveItem(SITE_INDEX_KEY, fresh);
  return fresh;
}
