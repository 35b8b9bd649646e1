import type { Page } from './common.js';

export const TRIBUTE_KINDS = ['flower', 'candle', 'bow', 'message'] as const;
export const TRIBUTE_STATUSES = ['published', 'pending', 'rejected'] as const;
/** A message is at most this many characters (Unicode code points). */
export const TRIBUTE_MESSAGE_MAX = 200;

/** 献花 flower, 点烛 candle, 鞠躬 bow, 寄语 message. */
export type TributeKind = (typeof TRIBUTE_KINDS)[number];
/** Only `published` tributes are ever shown publicly or counted. */
export type TributeStatus = (typeof TRIBUTE_STATUSES)[number];

/**
 * POST /tributes. Exactly one of `siteId` / `martyrId`. `message` is required for kind `message` and
 * refused on the other kinds (a flower with words is two tributes: the flower counts at once, the words
 * may wait for review). A tribute to a martyr also counts for the martyr's site.
 */
export interface CreateTributeRequest {
  siteId?: string;
  martyrId?: string;
  kind: TributeKind;
  message?: string;
}

/** Published tributes per kind for a site or martyr. */
export interface TributeStats {
  flower: number;
  candle: number;
  bow: number;
  message: number;
  total: number;
}

/** 201 answer of POST /tributes; `stats` are the target's counts after this tribute. */
export interface CreateTributeResponse {
  id: string;
  status: 'published' | 'pending';
  stats: TributeStats;
}

/** A tribute as the public sees it on a tribute wall (never the author's identity). */
export interface PublicTribute {
  id: string;
  kind: TributeKind;
  message?: string;
  siteId: string;
  martyrId?: string;
  martyrName?: string;
  createdAt: string;
}

export type TributeWall = Page<PublicTribute>;

/** GET /tributes/mine: the caller's own tributes with their review state. */
export interface MyTribute extends PublicTribute {
  status: TributeStatus;
  siteName: string;
  /** Why a manager did not publish it. */
  rejectReason?: string;
}

export type MyTributeList = Page<MyTribute>;

export interface ModerationReasonView {
  code: string;
  category?: string;
  match?: string;
}

/** GET /admin/tributes: a tribute with what moderation found and who decided. */
export interface ReviewTribute extends MyTribute {
  moderation: { reasons: ModerationReasonView[]; suggest?: string };
  review?: { by: { id: string; name: string }; at: string; reason?: string };
}

export type ReviewTributeList = Page<ReviewTribute>;

/** POST /admin/tributes/:id/approve | reject */
export interface ReviewDecisionResponse {
  id: string;
  status: TributeStatus;
}

/** One target whose stored counters differ from a recount of its published tributes. */
export interface CounterDrift {
  target: { type: 'site' | 'martyr'; id: string };
  stored: TributeStats & { documentTotal: number };
  actual: TributeStats;
}

/** POST /admin/tributes/reconcile */
export interface ReconcileReport {
  checked: number;
  drifted: CounterDrift[];
  fixed: boolean;
}

export type FollowTargetType = 'site' | 'martyr';

/** GET|PUT|DELETE /sites/:id/follow and /martyrs/:id/follow */
export interface FollowState {
  following: boolean;
  followers: number;
}

/** GET /follows/mine */
export interface FollowItem {
  targetType: FollowTargetType;
  targetId: string;
  name: string;
  siteId: string;
  createdAt: string;
}

/** A notice a manager posts on a site; followers of the site are told. */
export interface SiteNotice {
  id: string;
  siteId: string;
  title: string;
  body: string;
  createdAt: string;
}

export type SiteNoticeList = Page<SiteNotice>;
