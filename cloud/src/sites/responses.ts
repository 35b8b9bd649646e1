/**
 * Response shaping shared by the Express routes (routes.ts) and the fast lane (http/fast-lane.ts), so
 * both answer the same bytes. No Express here: the fast lane must not load it.
 */
import type { SiteDetail, SiteList } from '../contracts/sites.js';
import { isOpenAt } from './geo.js';
import type { Site } from './repository.js';
import { toSiteSummary, type ListedSite } from './service.js';

/** What a site says about itself for visitors (hours, phone, intro, photos, notice), present fields only; public and admin views share it. */
export function siteDescription(site: Site): Pick<SiteDetail, 'openingHours' | 'phone' | 'intro' | 'photos' | 'visitorNotice'> {
  return {
    ...(site.openingHours ? { openingHours: site.openingHours } : {}),
    ...(site.phone ? { phone: site.phone } : {}),
    ...(site.intro ? { intro: site.intro } : {}),
    photos: site.photos,
    ...(site.visitorNotice ? { visitorNotice: site.visitorNotice } : {}),
  };
}

/** GET /sites/:id: a public site's detail at `now` (its opening state). */
export function toSiteDetail(site: Site, now: Date): SiteDetail {
  return {
    ...toSiteSummary({
      site: { ...site, lat: site.location.lat, lng: site.location.lng },
      ...(site.openingHours && site.status === 'published' ? { openNow: isOpenAt(site.openingHours, now) } : {}),
    }),
    status: site.status,
    ...siteDescription(site),
    martyrCount: site.martyrCount,
    tributeCount: site.tributeCount,
    bookable: site.bookable,
    version: site.version,
  };
}

/** GET /sites: the page as the API answers it. */
export function siteListBody(page: { items: ListedSite[]; nextCursor?: string }): SiteList {
  return { items: page.items.map(toSiteSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

type SiteFields = ListedSite['site'];

/**
 * Each site's fixed part of its summary as JSON (without the closing brace), kept per site object:
 * the published index's objects live as long as their snapshot, so the nearest list, the hottest
 * answer of all, serialises only each row's distance and opening state per request.
 */
const fixedParts = new WeakMap<SiteFields, string>();

function fixedPart(site: SiteFields): string {
  let part = fixedParts.get(site);
  if (part === undefined) {
    const { distanceMeters: _d, openNow: _o, sample: _s, ...fixed } = toSiteSummary({ site: { ...site, sample: false } });
    part = JSON.stringify(fixed).slice(0, -1);
    fixedParts.set(site, part);
  }
  return part;
}

/** GET /sites as JSON text: exactly `JSON.stringify(siteListBody(page))`, built from cached parts. */
export function siteListJson(page: { items: ListedSite[]; nextCursor?: string }): string {
  let out = '{"items":[';
  for (let i = 0; i < page.items.length; i++) {
    const listed = page.items[i]!;
    if (i > 0) out += ',';
    out += fixedPart(listed.site);
    // The same optional fields, in the same order, as toSiteSummary.
    if (listed.distanceMeters !== undefined) out += `,"distanceMeters":${JSON.stringify(listed.distanceMeters)}`;
    if (listed.openNow !== undefined) out += `,"openNow":${listed.openNow}`;
    if (listed.site.sample) out += ',"sample":true';
    out += '}';
  }
  out += ']';
  if (page.nextCursor) out += `,"nextCursor":${JSON.stringify(page.nextCursor)}`;
  return `${out}}`;
}

/** Clients may keep the offline index but must revalidate before trusting it again. */
export const SITE_INDEX_CACHE_CONTROL = 'public, no-cache';

/** True when an If-None-Match header names the ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
