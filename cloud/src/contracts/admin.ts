import type { Role } from './auth.js';
import type { CoordSystem, LatLng, Page } from './common.js';
import type { FileLink } from './files.js';
import type { OpeningHours, SiteCategory, SiteLevel, SiteStatus } from './sites.js';

/** Roles a staff account can hold (citizens are never created here). */
export const STAFF_ACCOUNT_ROLES = ['admin', 'site_manager', 'staff'] as const;
export type StaffRole = (typeof STAFF_ACCOUNT_ROLES)[number];

/** A staff account as the console shows it (never the password hash). */
export interface StaffView {
  id: string;
  username: string;
  displayName?: string;
  roles: Role[];
  siteIds: string[];
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type StaffList = Page<StaffView>;

/** POST /admin/staff */
export interface StaffCreate {
  username: string;
  password: string;
  displayName?: string;
  roles: StaffRole[];
  siteIds?: string[];
}

/** PATCH /admin/staff/:id */
export interface StaffUpdate {
  displayName?: string | null;
  roles?: StaffRole[];
  siteIds?: string[];
  disabled?: boolean;
}

/** Custody of a (scattered) grave: custodian, agreement, plate. `plateLocation` is GCJ-02. */
export interface CustodyView {
  custodian?: string;
  organization?: string;
  agreementNo?: string;
  agreementStart?: string;
  agreementEnd?: string;
  plateId?: string;
  plateLocation?: LatLng;
}

/** The archive fields of 一处一档. */
export interface ArchiveView {
  protectionLevel?: string;
  tombType?: string;
  inscription?: string;
  areaSqm?: number;
  material?: string;
  dimensions?: string;
  panoramaPhoto?: string;
}

/** The last custody patrol of a site, as shown with the site. */
export interface LastPatrol {
  id: string;
  at: string;
  by: string;
  condition: PatrolCondition;
  distanceMeters: number;
  flagged: boolean;
}

/** A site's full record (一处一档) for managers, in any status. `location` is GCJ-02. */
export interface AdminSite {
  id: string;
  code: string;
  name: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  city: string;
  address: string;
  location: LatLng;
  coordSystem: 'gcj02';
  status: SiteStatus;
  openingHours?: OpeningHours;
  phone?: string;
  intro?: string;
  photos: string[];
  visitorNotice?: string;
  bookable: boolean;
  custody?: CustodyView;
  archive?: ArchiveView;
  martyrCount: number;
  tributeCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastPatrol?: LastPatrol;
}

export interface AdminSiteSummary {
  id: string;
  code: string;
  name: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  address: string;
  status: SiteStatus;
  location: LatLng;
  version: number;
  updatedAt: string;
}

export type AdminSiteList = Page<AdminSiteSummary>;

/**
 * POST /admin/sites and PATCH /admin/sites/:id (every field optional there; `null` clears an optional
 * field). `location` (and `custody.plateLocation`) are in `coordSystem`, GCJ-02 by default.
 */
export interface SiteWrite {
  code: string;
  name: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  city?: string;
  address: string;
  location: LatLng;
  coordSystem?: CoordSystem;
  status?: SiteStatus;
  openingHours?: OpeningHours;
  phone?: string;
  intro?: string;
  photos?: string[];
  visitorNotice?: string;
  bookable?: boolean;
  custody?: CustodyView;
  archive?: ArchiveView;
}

export type SitePatchWrite = { [K in Exclude<keyof SiteWrite, 'code'>]?: SiteWrite[K] | null };

export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** One audit entry (who, when, what, before/after of the changed fields). */
export interface HistoryEntry {
  id: string;
  at: string;
  actor: { id: string; name: string };
  action: string;
  targetType: string;
  targetId: string;
  siteId?: string;
  changes?: Record<string, FieldChange>;
  note?: string;
}

export type HistoryList = Page<HistoryEntry>;

/** A martyr's record for managers. `graveLocation` is GCJ-02. */
export interface AdminMartyr {
  id: string;
  siteId: string;
  code?: string;
  name: string;
  gender?: 'male' | 'female';
  birthYear?: number;
  deathYear?: number;
  hometown?: string;
  unit?: string;
  deeds?: string;
  gravePosition?: string;
  graveLocation?: LatLng;
  tributeCount: number;
  version: number;
  updatedAt: string;
}

export type AdminMartyrList = Page<AdminMartyr>;

/** POST /admin/sites/:id/martyrs and PATCH /admin/martyrs/:id (with `siteId` to move the martyr). */
export interface MartyrWrite {
  code?: string;
  name: string;
  gender?: 'male' | 'female';
  birthYear?: number;
  deathYear?: number;
  hometown?: string;
  unit?: string;
  deeds?: string;
  gravePosition?: string;
  graveLocation?: LatLng;
  coordSystem?: CoordSystem;
}

/** One rejected row of an import; `row` is the 1-based data row (the header is not counted). */
export interface ImportFailure {
  row: number;
  code?: string;
  errors: Array<{ field: string; message: string }>;
}

/** POST /admin/import/sites | /admin/import/martyrs */
export interface ImportReport {
  total: number;
  created: number;
  updated: number;
  /** Rows identical to the stored record: nothing written, no version bump. */
  unchanged: number;
  failed: ImportFailure[];
  /** Columns present in the file that the importer does not know (ignored). */
  ignoredColumns: string[];
}

export const PATROL_CONDITIONS = ['good', 'needs_cleaning', 'needs_repair', 'damaged', 'missing'] as const;
export type PatrolCondition = (typeof PATROL_CONDITIONS)[number];

/** Patrols logged farther than this from what they check are flagged. */
export const PATROL_MAX_DISTANCE_METERS = 300;

/** POST /admin/sites/:id/patrols. `location` is in `coordSystem` (GCJ-02 by default). */
export interface PatrolCreate {
  location: LatLng;
  coordSystem?: CoordSystem;
  martyrId?: string;
  condition?: PatrolCondition;
  note?: string;
  photos?: string[];
}

export interface Patrol {
  id: string;
  siteId: string;
  martyrId?: string;
  at: string;
  by: { id: string; name: string };
  location: LatLng;
  /** What the distance was measured to. */
  reference: 'grave' | 'plate' | 'site';
  distanceMeters: number;
  /** True when farther than PATROL_MAX_DISTANCE_METERS from the reference. */
  flagged: boolean;
  condition: PatrolCondition;
  note?: string;
  photos: FileLink[];
}

export type PatrolList = Page<Patrol>;

/** GET /admin/patrols/overdue */
export interface OverdueSite {
  id: string;
  code: string;
  name: string;
  district: string;
  category: SiteCategory;
  lastPatrolAt?: string;
  /** Days since the last patrol; absent when never patrolled. */
  daysSince?: number;
}

export interface OverdueList {
  days: number;
  items: OverdueSite[];
}

/** One day of statistics (Asia/Shanghai date). Sections absent from `included` are not counted. */
export interface StatsDay {
  date: string;
  /** Active bookings (booked or checked in) for visits on this date. */
  bookings?: number;
  /** People in those bookings. */
  visitors?: number;
  checkIns?: number;
  /** Published tributes made on this date, per kind. */
  tributes?: { flower: number; candle: number; bow: number; message: number };
  /** Proxy-sweep requests preferred for this date, per current status. */
  sweeps?: Record<string, number>;
  patrols?: number;
}

export type StatsSection = 'bookings' | 'tributes' | 'sweeps' | 'patrols';

/** The longest range one statistics request may cover, in days. */
export const STATS_MAX_DAYS = 92;

/** GET /admin/statistics (and .csv) */
export interface StatsReport {
  from: string;
  to: string;
  siteId?: string;
  included: StatsSection[];
  days: StatsDay[];
  totals: Omit<StatsDay, 'date'>;
}
