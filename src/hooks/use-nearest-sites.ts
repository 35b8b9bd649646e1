import { NEAREST_COUNT } from '@/boot/handover';
import { ApiError } from '@/services/request';
import { listSites, readCachedSiteIndex } from '@/services/sites';
import type { LatLng, SiteCategory, SiteLevel, SiteSummary } from '@/types/api';
import { haversineMeters, nearestTo } from '@/utils/geo';
import { useAsync } from './use-async';

export interface NearestFilters {
  level?: SiteLevel;
  category?: SiteCategory;
  district?: string;
  /** Only sites open at this moment. */
  openNow?: boolean;
  /** Name search. */
  q?: string;
}

/** One row of the nearest list: a site with its distance from the user. */
export interface NearSite {
  id: string;
  name: string;
  level: SiteLevel;
  category?: SiteCategory;
  district?: string;
  address?: string;
  location: LatLng;
  distanceMeters: number;
  openNow?: boolean;
  sample?: boolean;
}

export interface NearestResult {
  sites: NearSite[];
  /** True when the list was computed on the device from the cached site index. */
  offline: boolean;
  /** Explains an offline list. */
  notice: string | null;
}

export const OFFLINE_NOTICE = '网络不可用，显示的是缓存数据，可能不是最新的';

function fromSummary(site: SiteSummary, origin: LatLng): NearSite {
  return {
    id: site.id,
    name: site.name,
    level: site.level,
    category: site.category,
    district: site.district,
    address: site.address,
    location: site.location,
    distanceMeters: site.distanceMeters ?? haversineMeters(origin, site.location),
    openNow: site.openNow,
    sample: site.sample,
  };
}

/** Nearest sites from the device's copy of GET /sites/index, for when the network is down. */
function nearestFromCache(origin: LatLng, filters: NearestFilters): NearestResult | null {
  const cached = readCachedSiteIndex();
  if (!cached) return null;
  const q = filters.q?.trim();
  const rows = cached.index.items.filter(
    (item) =>
      (!filters.level || item.level === filters.level) &&
      (!filters.category || item.category === filters.category) &&
      (!filters.district || item.district === filters.district) &&
      (!q || item.name.includes(q)),
  );
  const sites = nearestTo(rows, origin, NEAREST_COUNT).map((item) => ({
    id: item.id,
    name: item.name,
    level: item.level,
    category: item.category,
    district: item.district,
    location: { lat: item.lat, lng: item.lng },
    distanceMeters: item.distanceMeters,
  }));
  // Opening hours are not in the compact index, so 开放中 cannot be applied offline.
  const notice = filters.openNow ? `${OFFLINE_NOTICE}（离线时无法按开放状态筛选）` : OFFLINE_NOTICE;
  return { sites, offline: true, notice };
}

/** Loads the nearest published sites around `origin`; with no network, computes them from the cached index. */
export async function loadNearestSites(origin: LatLng, filters: NearestFilters): Promise<NearestResult> {
  try {
    const page = await listSites({
      near: origin,
      limit: NEAREST_COUNT,
      level: filters.level,
      category: filters.category,
      district: filters.district,
      openNow: filters.openNow,
      q: filters.q,
    });
    const sites = page.items.map((s) => fromSummary(s, origin)).sort((a, b) => a.distanceMeters - b.distanceMeters);
    return { sites, offline: false, notice: null };
  } catch (err) {
    if (err instanceof ApiError && err.isNetwork) {
      const offline = nearestFromCache(origin, filters);
      if (offline) return offline;
    }
    throw err;
  }
}

/** The nearest-sites list for the home page; waits while `origin` is unknown. */
export function useNearestSites(origin: LatLng | null, filters: NearestFilters) {
  const state = useAsync(
    () => loadNearestSites(origin as LatLng, filters),
    [origin?.lat, origin?.lng, filters.level, filters.category, filters.district, filters.openNow, filters.q],
    origin !== null,
  );
  return {
    sites: state.data?.sites ?? [],
    offline: state.data?.offline ?? false,
    notice: state.data?.notice ?? null,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
