import { useAsync } from '@/hooks/use-async';
import { getMe } from '@/services/auth';
import { ApiError } from '@/services/request';
import { getSite } from '@/services/sites';
import type { MeResponse, SiteDetail } from '@/types/api';

export interface MySites {
  me: MeResponse;
  sites: SiteDetail[];
  /** Site ids assigned to the user that could not be read (deleted, or a failed request). */
  missing: string[];
}

async function loadMySites(): Promise<MySites> {
  const me = await getMe();
  const results = await Promise.allSettled(me.siteIds.map((id) => getSite(id)));
  const sites: SiteDetail[] = [];
  const missing: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') sites.push(r.value);
    else if (r.reason instanceof ApiError && r.reason.isNetwork) throw r.reason;
    else missing.push(me.siteIds[i]!);
  });
  return { me, sites, missing };
}

/** The signed-in staff member (GET /me) and the sites assigned to them (GET /sites/:id each). */
export function useMySites(enabled: boolean) {
  return useAsync(loadMySites, [], enabled);
}
