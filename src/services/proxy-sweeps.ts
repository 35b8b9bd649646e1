import type {
  ProxySweepCreate,
  ProxySweepCreated,
  ProxySweepDetail,
  ProxySweepList,
  SweepCompleteBody,
  SweepContact,
  SweepStatus,
} from '@/types/api';
import { request } from './request';

const path = (id: string, action = '') => `/proxy-sweeps/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
const adminPath = (id: string, action: string) => `/admin/proxy-sweeps/${encodeURIComponent(id)}/${action}`;

// ---- family ----

/** POST /proxy-sweeps */
export function createSweep(body: ProxySweepCreate): Promise<ProxySweepCreated> {
  return request<ProxySweepCreated>('/proxy-sweeps', { method: 'POST', body });
}

/** GET /proxy-sweeps/mine: newest first. */
export function listMySweeps(cursor?: string): Promise<ProxySweepList> {
  return request<ProxySweepList>('/proxy-sweeps/mine', { query: { cursor } });
}

/** GET /proxy-sweeps/:id (the family, or staff of the site). */
export function getSweep(id: string): Promise<ProxySweepDetail> {
  return request<ProxySweepDetail>(path(id));
}

export function cancelSweep(id: string, reason?: string): Promise<ProxySweepDetail> {
  return request<ProxySweepDetail>(path(id, 'cancel'), { method: 'POST', body: reason ? { reason } : {} });
}

export function confirmSweep(id: string, rating: number, comment?: string): Promise<ProxySweepDetail> {
  return request<ProxySweepDetail>(path(id, 'confirm'), { method: 'POST', body: comment ? { rating, comment } : { rating } });
}

// ---- staff ----

/** GET /admin/proxy-sweeps: the caller's sites, by preferred date. */
export function listSweepQueue(query: { status?: SweepStatus; assigned?: 'me'; cursor?: string }): Promise<ProxySweepList> {
  return request<ProxySweepList>('/admin/proxy-sweeps', { query });
}

export function acceptSweep(id: string, assigneeId?: string): Promise<ProxySweepDetail> {
  return request<ProxySweepDetail>(adminPath(id, 'accept'), { method: 'POST', body: assigneeId ? { assigneeId } : {} });
}

export function startSweep(id: string): Promise<ProxySweepDetail> {
  return request<ProxySweepDetail>(adminPath(id, 'start'), { method: 'POST', body: {} });
}

export function completeSweep(id: string, body: SweepCompleteBody): Promise<ProxySweepDetail> {
  return request<ProxySweepDetail>(adminPath(id, 'complete'), { method: 'POST', body });
}

export function rejectSweep(id: string, reason: string): Promise<ProxySweepDetail> {
  return request<ProxySweepDetail>(adminPath(id, 'reject'), { method: 'POST', body: { reason } });
}

/** The family's phone in clear, for the assignee or a manager (the server records who looked). */
export function revealSweepContact(id: string): Promise<SweepContact> {
  return request<SweepContact>(adminPath(id, 'contact'));
}
