import { getSite } from '@/services/sites';
import { useAsync } from './use-async';

/** GET /sites/:id for the detail page. */
export function useSiteDetail(id: string | undefined) {
  return useAsync(() => getSite(id as string), [id], !!id);
}
