import { getSiteNotices } from '@/services/tributes';
import { useAsync } from './use-async';

/** The latest notices a site's managers posted. */
export function useSiteNotices(siteId: string | undefined) {
  return useAsync(() => getSiteNotices(siteId as string), [siteId], !!siteId);
}
