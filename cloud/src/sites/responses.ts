/**
 * Response shaping shared by the Express routes (routes.ts) and the fast lane (http/fast-lane.ts), so
 * both answer the same bytes. No Express here: the fast lane must not load it.
 */
import type { SiteList } from '../contracts/sites.js';
import { toSiteSummary, type ListedSite } from './service.js';

/** GET /sites: the page as the API answers it. */
export function siteListBody(page: { items: ListedSite[]; nextCursor?: string }): SiteList {
  return { items: page.items.map(toSiteSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** Clients may keep the offline index but must revalidate before trusting it again. */
export const SITE_INDEX_CACHE_CONTROL = 'public, no-cache';

/** True when an If-None-Match header names the ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
