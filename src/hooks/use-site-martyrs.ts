import { listSiteMartyrs } from '@/services/sites';
import type { MartyrSummary } from '@/types/api';
import { usePagedList, type PagedListState } from './use-paged-list';

export type SiteMartyrsState = PagedListState<MartyrSummary>;

/** A site's martyrs, searched by `q`, one cursor page at a time (加载更多). */
export function useSiteMartyrs(siteId: string | undefined, q: string): SiteMartyrsState {
  return usePagedList((cursor) => listSiteMartyrs(siteId!, { q, cursor }), [siteId, q], !!siteId);
}
