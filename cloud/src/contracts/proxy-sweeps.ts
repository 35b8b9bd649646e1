import type { LatLng, Page } from './common.js';
import type { FileLink } from './files.js';

/** Services a family can ask for (DESIGN.md §4). */
export const SWEEP_SERVICES = ['clean_headstone', 'offer_flowers', 'regild_inscription', 'present_wreath'] as const;
export type SweepService = (typeof SWEEP_SERVICES)[number];

/** The "五个一" service standard: what the staff did, recorded at completion. */
export const SWEEP_CHECKLIST = ['wipe_headstone', 'lay_flowers', 'take_photos', 'message_card', 'send_video', 'phone_family'] as const;
export type SweepChecklistItem = (typeof SWEEP_CHECKLIST)[number];

export const SWEEP_STATUSES = ['submitted', 'accepted', 'in_progress', 'completed', 'confirmed', 'rejected', 'cancelled'] as const;
export type SweepStatus = (typeof SWEEP_STATUSES)[number];

/** Why a proof deserves a second look; shown to the family and to managers, never hidden. */
export const PROOF_FLAGS = ['too_far', 'outside_window'] as const;
export type ProofFlag = (typeof PROOF_FLAGS)[number];

export const SWEEP_RULES = Object.freeze({
  /** The preferred date may be from tomorrow up to this many days ahead (Asia/Shanghai dates). */
  minDaysAhead: 1,
  maxDaysAhead: 90,
  /** Proof taken farther than this from the grave (or the site) is flagged. */
  maxProofDistanceMeters: 300,
  maxPhotos: 9,
  messageMaxLength: 500,
  commentMaxLength: 300,
  reasonMaxLength: 200,
  graveDescriptionMaxLength: 200,
});

/** POST /proxy-sweeps. `martyrId` or `graveDescription` names the grave. */
export interface ProxySweepCreate {
  siteId: string;
  martyrId?: string;
  graveDescription?: string;
  services: SweepService[];
  /** YYYY-MM-DD */
  preferredDate: string;
  message?: string;
  relationship: string;
  contactPhone: string;
}

export interface ProxySweepCreated {
  id: string;
  status: 'submitted';
}

export interface SweepActor {
  id: string;
  role: 'family' | 'staff';
  /** Staff username; absent for the family. */
  name?: string;
}

/** One step of a request's life, oldest first starting with `submitted`. */
export interface SweepHistoryEntry {
  status: SweepStatus;
  /** The state before this step (absent for `submitted`). */
  from?: SweepStatus;
  at: string;
  actor: SweepActor;
  note?: string;
}

export interface SweepProof {
  photos: FileLink[];
  /** When the photos were taken (as the capturing device reported). */
  takenAt: string;
  /** Where the photos were taken, GCJ-02. */
  location: LatLng;
  /** Straight-line distance from `location` to the reference point, metres. */
  distanceMeters: number;
  /** What the distance was measured to: the grave's own position, or the site's when the grave's is unknown. */
  reference: 'grave' | 'site';
  flags: ProofFlag[];
  checklist: SweepChecklistItem[];
  note?: string;
  submittedAt: string;
}

/** GET /proxy-sweeps/:id */
export interface ProxySweepDetail {
  id: string;
  status: SweepStatus;
  siteId: string;
  siteName: string;
  martyrId?: string;
  martyrName?: string;
  graveDescription?: string;
  services: SweepService[];
  preferredDate: string;
  message?: string;
  relationship: string;
  /** Masked, e.g. 138****5678. */
  contactPhone: string;
  assignee?: { id: string; name?: string };
  createdAt: string;
  updatedAt: string;
  history: SweepHistoryEntry[];
  proof?: SweepProof;
  confirmation?: { rating: number; comment?: string; at: string };
  rejectionReason?: string;
  cancelReason?: string;
  /** What the caller may do next (for buttons); the server checks again on every call. */
  actions: SweepActionName[];
}

export type SweepActionName = 'accept' | 'start' | 'complete' | 'reject' | 'cancel' | 'confirm';

/** A row of GET /proxy-sweeps/mine and GET /admin/proxy-sweeps. */
export interface ProxySweepSummary {
  id: string;
  status: SweepStatus;
  siteId: string;
  siteName: string;
  martyrName?: string;
  graveDescription?: string;
  services: SweepService[];
  preferredDate: string;
  assignee?: { id: string; name?: string };
  /** Flags of the proof, when completed. */
  proofFlags?: ProofFlag[];
  createdAt: string;
  updatedAt: string;
}

export type ProxySweepList = Page<ProxySweepSummary>;

export interface SweepAcceptBody {
  assigneeId?: string;
}

export interface SweepCompleteBody {
  photos: string[];
  takenAt: string;
  location: LatLng;
  checklist?: SweepChecklistItem[];
  note?: string;
}

export interface SweepConfirmBody {
  rating: number;
  comment?: string;
}

/** GET /admin/proxy-sweeps/:id/contact (assignee or manager; audited). */
export interface SweepContact {
  contactPhone: string;
}
