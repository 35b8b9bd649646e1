import { getMyTributes } from '@/services/tributes';
import type { MyTribute } from '@/types/api';
import { usePagedList, type PagedListState } from './use-paged-list';

/** The signed-in user's tributes with their review state (我的祭扫). */
export function useMyTributes(signedIn: boolean): PagedListState<MyTribute> {
  return usePagedList((cursor) => getMyTributes(cursor), [signedIn], signedIn);
}
