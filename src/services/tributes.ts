import type {
  CreateTributeResponse,
  FollowState,
  MyTributeList,
  ReviewDecisionResponse,
  ReviewTributeList,
  SiteNotice,
  SiteNoticeList,
  TributeKind,
  TributeStats,
  TributeStatus,
  TributeWall,
} from '@/types/api';
import { newIdempotencyKey } from '@/utils/idempotency-key';
import { ApiError, request } from './request';

/** What a tribute, a wall or a follow is about: a site or a martyr. */
export interface TributeTargetRef {
  type: 'site' | 'martyr';
  id: string;
}

function base(target: TributeTargetRef): string {
  return `/${target.type === 'site' ? 'sites' : 'martyrs'}/${encodeURIComponent(target.id)}`;
}

/** Pauses before sending a tribute again after no answer or a 502/503/504: short, the person is waiting. */
export const TRIBUTE_RETRY_DELAYS_MS: readonly number[] = [1000, 3000];

export interface OfferOptions {
  /** The key of this user action; a fresh one when absent. Pass the same key to send the action again. */
  idempotencyKey?: string;
  retryDelaysMs?: readonly number[];
}

/** A failure after which the tribute may or may not have been recorded, and sending it again may succeed. */
export function isRetryableFailure(error: unknown): boolean {
  return error instanceof ApiError && (error.isNetwork || error.status === 502 || error.status === 503 || error.status === 504);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POST /tributes (signed in). A message may be held for review (`status: 'pending'`). One
 * Idempotency-Key per call (one user action), sent again with each retry after no answer or a 503, so
 * a flower the server recorded before the answer was lost is not recorded (and counted) twice.
 */
export async function offerTribute(target: TributeTargetRef, kind: TributeKind, message?: string, options: OfferOptions = {}): Promise<CreateTributeResponse> {
  const body = { [target.type === 'site' ? 'siteId' : 'martyrId']: target.id, kind, ...(message !== undefined ? { message } : {}) };
  const headers = { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey('tr') };
  const delays = options.retryDelaysMs ?? TRIBUTE_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await request<CreateTributeResponse>('/tributes', { method: 'POST', body, headers });
    } catch (error) {
      if (attempt >= delays.length || !isRetryableFailure(error)) throw error;
      await pause(delays[attempt]!);
    }
  }
}

/** GET …/tribute-stats: published tributes per kind. */
export function getTributeStats(target: TributeTargetRef): Promise<TributeStats> {
  return request<TributeStats>(`${base(target)}/tribute-stats`);
}

/** GET …/tributes: the public wall, newest first. */
export function getTributeWall(target: TributeTargetRef, options: { cursor?: string; kind?: TributeKind; limit?: number } = {}): Promise<TributeWall> {
  return request<TributeWall>(`${base(target)}/tributes`, { query: { cursor: options.cursor, kind: options.kind, limit: options.limit } });
}

/** GET /tributes/mine: the signed-in user's tributes with their review state. */
export function getMyTributes(cursor?: string): Promise<MyTributeList> {
  return request<MyTributeList>('/tributes/mine', { query: { cursor } });
}

export function getFollow(target: TributeTargetRef): Promise<FollowState> {
  return request<FollowState>(`${base(target)}/follow`);
}

export function setFollow(target: TributeTargetRef, following: boolean): Promise<FollowState> {
  return request<FollowState>(`${base(target)}/follow`, { method: following ? 'PUT' : 'DELETE' });
}

/** GET /sites/:id/notices: notices the site's managers posted. */
export function getSiteNotices(siteId: string): Promise<SiteNoticeList> {
  return request<SiteNoticeList>(`/sites/${encodeURIComponent(siteId)}/notices`, { query: { limit: 5 } });
}

/** GET /admin/tributes (admins: every site; site managers: theirs). */
export function getReviewQueue(status: TributeStatus, cursor?: string): Promise<ReviewTributeList> {
  return request<ReviewTributeList>('/admin/tributes', { query: { status, cursor } });
}

/** POST /admin/sites/:id/notices: posts a notice and tells the site's followers; answers how many. */
export function postSiteNotice(siteId: string, title: string, body: string): Promise<SiteNotice & { notified: number }> {
  return request<SiteNotice & { notified: number }>(`/admin/sites/${encodeURIComponent(siteId)}/notices`, { method: 'POST', body: { title, body } });
}

export function approveTribute(id: string): Promise<ReviewDecisionResponse> {
  return request<ReviewDecisionResponse>(`/admin/tributes/${encodeURIComponent(id)}/approve`, { method: 'POST' });
}

export function rejectTribute(id: string, reason: string): Promise<ReviewDecisionResponse> {
  return request<ReviewDecisionResponse>(`/admin/tributes/${encodeURIComponent(id)}/reject`, { method: 'POST', body: { reason } });
}
