import type { MartyrDetail } from '@/types/api';
import { request } from './request';

/** GET /martyrs/:id */
export function getMartyr(id: string): Promise<MartyrDetail> {
  return request<MartyrDetail>(`/martyrs/${encodeURIComponent(id)}`);
}
