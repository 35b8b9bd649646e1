import type { LatLng, Page } from './common.js';

export const SITE_LEVELS = ['national', 'provincial', 'municipal', 'county', 'other'] as const;
export const SITE_CATEGORIES = ['cemetery', 'memorial_hall', 'monument', 'scattered_grave', 'other'] as const;
export const SITE_STATUSES = ['draft', 'published', 'closed'] as const;
export const ROUTE_MODES = ['walking', 'driving', 'transit', 'riding'] as const;

export type SiteLevel = (typeof SITE_LEVELS)[number];
export type SiteCategory = (typeof SITE_CATEGORIES)[number];
export type SiteStatus = (typeof SITE_STATUSES)[number];
export type RouteMode = (typeof ROUTE_MODES)[number];

/** Opening hours: weekly times plus closed weekdays (1 = Monday … 7 = Sunday) and notes. */
export interface OpeningHours {
  open: string; // HH:MM
  close: string; // HH:MM
  closedWeekdays?: number[];
  note?: string;
}

/** A site as listed by GET /sites. `location` is GCJ-02. */
export interface SiteSummary {
  id: string;
  code: string;
  name: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  address: string;
  location: LatLng;
  distanceMeters?: number;
  /** Whether the site is open at the time of the request (Asia/Shanghai), when hours are known. */
  openNow?: boolean;
  /** True for demo records seeded for trying the product out. */
  sample?: boolean;
}

export type SiteList = Page<SiteSummary>;

/** GET /sites/:id */
export interface SiteDetail extends SiteSummary {
  status: SiteStatus;
  openingHours?: OpeningHours;
  phone?: string;
  intro?: string;
  photos: string[];
  visitorNotice?: string;
  martyrCount: number;
  tributeCount: number;
  bookable: boolean;
  version: number;
}

/** One row of the compact offline index. */
export interface SiteIndexItem {
  id: string;
  name: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  lat: number;
  lng: number;
}

/** GET /sites/index */
export interface SiteIndex {
  version: string;
  items: SiteIndexItem[];
}

export interface MartyrSummary {
  id: string;
  name: string;
  siteId: string;
  gender?: 'male' | 'female';
  birthYear?: number;
  deathYear?: number;
  hometown?: string;
  unit?: string;
  gravePosition?: string;
  /** The site's name; in cross-site search results (GET /martyrs). */
  siteName?: string;
  sample?: boolean;
}

export type MartyrList = Page<MartyrSummary>;

/** GET /martyrs/:id */
export interface MartyrDetail extends MartyrSummary {
  siteName: string;
  deeds?: string;
  gravePosition?: string;
  tributeCount: number;
}

/** GET /sites/:id/route */
export interface RouteEstimate {
  distanceMeters: number;
  durationSeconds: number;
  provider: 'amap' | 'estimate';
  mode: RouteMode;
}
