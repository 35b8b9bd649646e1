import type { LatLng } from '../contracts/common.js';
import type { RouteEstimate, RouteMode, SiteCategory, SiteLevel, SiteSummary } from '../contracts/sites.js';
import { AppError, notFound } from '../errors.js';
import type { AppContext } from '../http/context.js';
import * as z from '../shared/zod-mini.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { isOpenAt } from './geo.js';
import { PublishedSiteIndex, type PublishedSnapshot } from './published-index.js';
import { SiteRepository, type IndexedSite, type NewSite, type Site, type SiteFilter, type SitePatch } from './repository.js';
import { RoutePlanner } from './route.js';

/** Query of GET /sites after validation. */
export interface PublicSiteQuery {
  near?: LatLng;
  limit: number;
  level?: SiteLevel;
  category?: SiteCategory;
  district?: string;
  q?: string;
  /** Only sites open at the time of the request (Asia/Shanghai). */
  openNow?: boolean;
  cursor?: string;
}

/** A listed site with what GET /sites adds to it. */
export interface ListedSite {
  site: Pick<IndexedSite, 'id' | 'code' | 'name' | 'sortKey' | 'level' | 'category' | 'district' | 'address' | 'lat' | 'lng' | 'openingHours' | 'sample'>;
  distanceMeters?: number;
  openNow?: boolean;
}

/** Offsets into a distance-ordered result (with `near`) are bounded so that paging stays cheap. */
export const MAX_NEAR_OFFSET = 2000;

const NearCursor = z.strictObject({ n: z.number().check(z.int(), z.gte(1), z.lte(MAX_NEAR_OFFSET)) });
const KeyCursor = z.strictObject({ k: z.string().check(z.minLength(1), z.maxLength(200)) });

function indexedFromSite(site: Site): ListedSite['site'] {
  return {
    id: site.id,
    code: site.code,
    name: site.name,
    sortKey: site.sortKey,
    level: site.level,
    category: site.category,
    district: site.district,
    address: site.address,
    lat: site.location.lat,
    lng: site.location.lng,
    ...(site.openingHours ? { openingHours: site.openingHours } : {}),
    sample: site.sample,
  };
}

/** Shapes a listed site as the API's `SiteSummary`. */
export function toSiteSummary(listed: ListedSite): SiteSummary {
  const s = listed.site;
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    level: s.level,
    category: s.category,
    district: s.district,
    address: s.address,
    location: { lat: s.lat, lng: s.lng },
    ...(listed.distanceMeters !== undefined ? { distanceMeters: listed.distanceMeters } : {}),
    ...(listed.openNow !== undefined ? { openNow: listed.openNow } : {}),
    ...(s.sample ? { sample: true } : {}),
  };
}

export interface SiteServiceOptions {
  /** Overrides `config.sitesIndexCheckMs`. */
  indexCheckMs?: number;
}

/** Sites: public reading (nearest, lists, offline index, detail, route) and the writes other domains use. */
export class SiteService {
  /** The repository, for domains that need raw access (counters, reconciliation). */
  readonly repository: SiteRepository;
  readonly index: PublishedSiteIndex;
  private readonly routes: RoutePlanner;

  constructor(private readonly ctx: AppContext, options: SiteServiceOptions = {}) {
    this.repository = new SiteRepository(ctx.db);
    this.index = new PublishedSiteIndex(this.repository, options.indexCheckMs ?? ctx.config.sitesIndexCheckMs, ctx.logger);
    this.routes = new RoutePlanner({ amap: ctx.config.amap, fetch: ctx.fetch, logger: ctx.logger });
  }

  /** The site in any status (managers, other domains); throws 404 NOT_FOUND when unknown. */
  async getSite(id: string): Promise<Site> {
    const site = await this.repository.findById(id);
    if (!site) throw notFound('纪念设施');
    return site;
  }

  /** The site as the public may see it: drafts and unknown ids throw 404 NOT_FOUND (closed sites show). */
  async getPublicSite(id: string): Promise<Site> {
    const site = await this.repository.findById(id);
    if (!site || site.status === 'draft') throw notFound('纪念设施');
    return site;
  }

  /** The site if it is published (bookings, tributes accept only these); throws 404 NOT_FOUND otherwise. */
  async getPublishedSite(id: string): Promise<Site> {
    const site = await this.repository.findById(id);
    if (!site || site.status !== 'published') throw notFound('纪念设施');
    return site;
  }

  /** Creates a site; 409 CONFLICT when the code is taken. */
  async createSite(input: NewSite): Promise<Site> {
    const site = await this.repository.insert(input, this.ctx.now());
    if (!site) throw new AppError('CONFLICT', `编号 ${input.code} 已被其他纪念设施使用`);
    return site;
  }

  /** Applies a patch if `expectedVersion` is current: 404 when unknown, 409 CONFLICT when stale. */
  async updateSite(id: string, expectedVersion: number, patch: SitePatch): Promise<Site> {
    const updated = await this.repository.updateIfVersion(id, expectedVersion, patch, this.ctx.now());
    if (updated) return updated;
    const current = await this.getSite(id);
    throw new AppError('CONFLICT', '该纪念设施已被他人修改，请刷新后再编辑', { details: { currentVersion: current.version } });
  }

  /** The published-site index as it stands for this instance (refreshed per the check interval). */
  publishedIndex(): Promise<PublishedSnapshot> {
    return this.index.current();
  }

  /** GET /sites: nearest first with `near` (from the in-memory index), else by level and code (from the database). */
  async listPublic(query: PublicSiteQuery): Promise<{ items: ListedSite[]; nextCursor?: string }> {
    const now = this.ctx.now();
    const openNow = (s: Pick<IndexedSite, 'openingHours'>) => (s.openingHours ? isOpenAt(s.openingHours, now) : undefined);
    if (query.near) return this.listNearest(query, query.near, now);
    let after = query.cursor !== undefined ? decodeCursor(query.cursor, KeyCursor).k : undefined;
    const filter: SiteFilter = { status: 'published', level: query.level, category: query.category, district: query.district, q: query.q };
    const items: ListedSite[] = [];
    // Opening hours are not queryable in the database: with openNow, read in batches and keep the open ones.
    const batch = query.openNow ? 100 : query.limit + 1;
    for (;;) {
      const sites = await this.repository.list(filter, after, batch);
      for (const site of sites) {
        const open = openNow(site);
        if (query.openNow && open !== true) continue;
        if (items.length === query.limit) return { items, nextCursor: encodeCursor({ k: items.at(-1)!.site.sortKey }) };
        items.push({ site: indexedFromSite(site), ...(open !== undefined ? { openNow: open } : {}) });
      }
      if (sites.length < batch) return { items };
      after = sites.at(-1)!.sortKey;
    }
  }

  private async listNearest(query: PublicSiteQuery, near: LatLng, now: Date): Promise<{ items: ListedSite[]; nextCursor?: string }> {
    const offset = query.cursor !== undefined ? decodeCursor(query.cursor, NearCursor).n : 0;
    const snapshot = await this.index.current();
    const q = query.q?.toLowerCase();
    const accept = (s: IndexedSite) =>
      (query.level === undefined || s.level === query.level) &&
      (query.category === undefined || s.category === query.category) &&
      (query.district === undefined || s.district === query.district) &&
      (q === undefined || s.name.toLowerCase().includes(q)) &&
      (!query.openNow || (s.openingHours !== undefined && isOpenAt(s.openingHours, now)));
    const found = snapshot.geo.nearest(near.lat, near.lng, offset + query.limit + 1, accept);
    const items = found.slice(offset, offset + query.limit).map(({ item, distanceMeters }) => ({
      site: item,
      distanceMeters: Math.round(distanceMeters),
      ...(item.openingHours ? { openNow: isOpenAt(item.openingHours, now) } : {}),
    }));
    const next = offset + query.limit;
    return found.length > next && next <= MAX_NEAR_OFFSET ? { items, nextCursor: encodeCursor({ n: next }) } : { items };
  }

  /** GET /sites/:id/route: AMap when configured and answering, else an estimate. 404 for non-public sites. */
  async route(id: string, from: LatLng, mode: RouteMode): Promise<RouteEstimate> {
    const site = await this.getPublicSite(id);
    return this.routes.plan({ destinationKey: site.id, from, to: site.location, mode, city: site.city });
  }
}
