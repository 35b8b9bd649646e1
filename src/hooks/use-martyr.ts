import { getMartyr } from '@/services/martyrs';
import { useAsync } from './use-async';

/** GET /martyrs/:id for the martyr page. */
export function useMartyr(id: string | undefined) {
  return useAsync(() => getMartyr(id as string), [id], !!id);
}
