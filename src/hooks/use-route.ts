import { getRoute } from '@/services/sites';
import type { LatLng, RouteMode } from '@/types/api';
import { useAsync } from './use-async';

/** Distance and time from `from` to a site by one travel mode. */
export function useRoute(siteId: string | undefined, from: LatLng | null, mode: RouteMode) {
  return useAsync(() => getRoute(siteId as string, from as LatLng, mode), [siteId, from?.lat, from?.lng, mode], !!siteId && !!from);
}
