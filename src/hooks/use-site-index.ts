import { ApiError } from '@/services/request';
import { fetchSiteIndex, readCachedSiteIndex } from '@/services/sites';
import type { SiteIndexItem } from '@/types/api';
import { useAsync } from './use-async';

async function loadIndex(): Promise<{ items: SiteIndexItem[]; offline: boolean }> {
  try {
    return { items: (await fetchSiteIndex()).index.items, offline: false };
  } catch (err) {
    const cached = err instanceof ApiError && err.isNetwork ? readCachedSiteIndex() : null;
    if (cached) return { items: cached.index.items, offline: true };
    throw err;
  }
}

/**
 * Every published site (id, name, level, position) for the map, revalidated by ETag and kept on the
 * device so the nearest list still works offline.
 */
export function useSiteIndex() {
  const state = useAsync(loadIndex, []);
  return {
    items: state.data?.items ?? [],
    offline: state.data?.offline ?? false,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
