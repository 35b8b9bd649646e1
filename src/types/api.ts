/** API response shapes, declared once on the server side (cloud/src/contracts) and imported as types only. */
export type { LatLng, Page } from '../../cloud/src/contracts/common';
export type { ErrorBody, ErrorCode } from '../../cloud/src/contracts/errors';
export type { AuthResponse, MeResponse, Role, SessionUser } from '../../cloud/src/contracts/auth';
export type {
  MartyrDetail,
  MartyrList,
  MartyrSummary,
  OpeningHours,
  RouteEstimate,
  RouteMode,
  SiteCategory,
  SiteDetail,
  SiteIndex,
  SiteIndexItem,
  SiteLevel,
  SiteList,
  SiteStatus,
  SiteSummary,
} from '../../cloud/src/contracts/sites';
export type { FileLink, UploadResponse } from '../../cloud/src/contracts/files';
export type {
  CreateTributeRequest,
  CreateTributeResponse,
  FollowItem,
  FollowState,
  FollowTargetType,
  MyTribute,
  MyTributeList,
  PublicTribute,
  ReviewDecisionResponse,
  ReviewTribute,
  ReviewTributeList,
  SiteNotice,
  SiteNoticeList,
  TributeKind,
  TributeStats,
  TributeStatus,
  TributeWall,
} from '../../cloud/src/contracts/tributes';
export type {
  ProofFlag,
  ProxySweepCreate,
  ProxySweepCreated,
  ProxySweepDetail,
  ProxySweepList,
  ProxySweepSummary,
  SweepActionName,
  SweepChecklistItem,
  SweepCompleteBody,
  SweepContact,
  SweepHistoryEntry,
  SweepProof,
  SweepService,
  SweepStatus,
} from '../../cloud/src/contracts/proxy-sweeps';
