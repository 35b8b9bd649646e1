import { Router } from 'express';
import type { MartyrDetail, MartyrSummary } from '../contracts/sites.js';
import { parse } from '../http/validate.js';
import type { Martyr } from './martyr-repository.js';
import type { MartyrService } from './martyr-service.js';
import type { Site } from './repository.js';
import { IdParam, MartyrsQuery, RouteQuery, SitesQuery } from './schemas.js';
import { etagMatches, SITE_INDEX_CACHE_CONTROL, siteListJson, toSiteDetail } from './responses.js';
import type { SiteService } from './service.js';

function toMartyrSummary(m: Martyr, siteName?: string): MartyrSummary {
  return {
    id: m.id,
    name: m.name,
    siteId: m.siteId,
    ...(m.gender ? { gender: m.gender } : {}),
    ...(m.birthYear !== undefined ? { birthYear: m.birthYear } : {}),
    ...(m.deathYear !== undefined ? { deathYear: m.deathYear } : {}),
    ...(m.hometown ? { hometown: m.hometown } : {}),
    ...(m.unit ? { unit: m.unit } : {}),
    ...(m.gravePosition ? { gravePosition: m.gravePosition } : {}),
    ...(siteName ? { siteName } : {}),
    ...(m.sample ? { sample: true } : {}),
  };
}

function toMartyrDetail(m: Martyr, site: Site): MartyrDetail {
  return {
    ...toMartyrSummary(m),
    siteName: site.name,
    ...(m.deeds ? { deeds: m.deeds } : {}),
    tributeCount: m.tributeCount,
  };
}

/** Public reading of sites and martyrs (no sign-in needed; drafts never leave). */
export function sitesRouter(sites: SiteService, martyrs: MartyrService, now: () => Date): Router {
  const router = Router();

  router.get('/sites', async (req, res) => {
    const query = parse(SitesQuery, req.query);
    res.type('application/json').send(siteListJson(await sites.listPublic(query)));
  });

  router.get('/sites/index', async (req, res) => {
    const snapshot = await sites.publishedIndex();
    res.set('Cache-Control', SITE_INDEX_CACHE_CONTROL);
    res.set('ETag', snapshot.etag);
    if (etagMatches(req.get('if-none-match'), snapshot.etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(snapshot.compactJson);
  });

  router.get('/sites/:id', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    res.json(toSiteDetail(await sites.getPublicSite(id), now()));
  });

  router.get('/sites/:id/route', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { from, mode } = parse(RouteQuery, req.query);
    res.json(await sites.route(id, from, mode));
  });

  router.get('/sites/:id/martyrs', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { q, cursor, limit } = parse(MartyrsQuery, req.query);
    const page = await martyrs.listForSite(id, q, cursor, limit);
    res.json({ items: page.items.map((i) => toMartyrSummary(i.martyr, i.siteName)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.get('/martyrs', async (req, res) => {
    const { q, cursor, limit } = parse(MartyrsQuery, req.query);
    const page = await martyrs.search(q, cursor, limit);
    res.json({ items: page.items.map((i) => toMartyrSummary(i.martyr, i.siteName)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.get('/martyrs/:id', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { martyr, site } = await martyrs.getPublicMartyr(id);
    res.json(toMartyrDetail(martyr, site));
  });

  return router;
}
