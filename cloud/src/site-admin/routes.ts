import { Router, type Response } from 'express';
import { assertCaller, assertSiteAccess, MANAGER_ROLES, requireRole, STAFF_ROLES } from '../http/auth.js';
import { parse } from '../http/validate.js';
import type { Site } from '../sites/repository.js';
import type { LastPatrol } from '../contracts/admin.js';
import { parseIfMatch } from './if-match.js';
import {
  AdminSitesQuery,
  AuditQueryParams,
  HistoryQuery,
  IdParam,
  MartyrCreateBody,
  MartyrListQuery,
  MartyrPatchBody,
  SiteCreateBody,
  SitePatchBody,
} from './schemas.js';
import type { SiteAdminService } from './service.js';
import { toAdminMartyr, toAdminSite, toAdminSiteSummary, toHistoryEntry } from './views.js';

/** Shanghai midnight of a `YYYY-MM-DD` date (the start of that day), optionally a day later. */
function shanghaiDayStart(date: string, plusDays = 0): Date {
  const start = new Date(`${date}T00:00:00+08:00`);
  return new Date(start.getTime() + plusDays * 86_400_000);
}

function sendSite(res: Response, site: Site, status = 200, lastPatrol?: LastPatrol): void {
  res.set('ETag', `"${site.version}"`);
  res.status(status).json(toAdminSite(site, lastPatrol));
}

/** The manager console's site records (一处一档), martyr records and the audit history. */
export function siteAdminRouter(admin: SiteAdminService): Router {
  const router = Router();
  const staffAndUp = requireRole(...STAFF_ROLES);

  router.get('/admin/sites', staffAndUp, async (req, res) => {
    const { cursor, limit, ...filter } = parse(AdminSitesQuery, req.query);
    const page = await admin.listSites(assertCaller(req), filter, cursor, limit);
    res.json({ items: page.items.map(toAdminSiteSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  // Writes check who may make them before reading the body: a caller without the right gets 403
  // whatever they sent, never a 400 that describes the form of a write they may not make.
  router.post('/admin/sites', requireRole('admin'), async (req, res) => {
    const body = parse(SiteCreateBody, req.body);
    sendSite(res, await admin.createSite(assertCaller(req), body), 201);
  });

  router.get('/admin/sites/:id', staffAndUp, async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { site, lastPatrol } = await admin.getSite(assertCaller(req), id);
    sendSite(res, site, 200, lastPatrol);
  });

  router.patch('/admin/sites/:id', staffAndUp, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    assertSiteAccess(caller, id, MANAGER_ROLES);
    const version = parseIfMatch(req.get('if-match'));
    const body = parse(SitePatchBody, req.body ?? {});
    sendSite(res, await admin.updateSite(caller, id, version, body));
  });

  router.get('/admin/sites/:id/history', staffAndUp, async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { cursor, limit } = parse(HistoryQuery, req.query);
    const page = await admin.history(assertCaller(req), id, cursor, limit);
    res.json({ items: page.items.map(toHistoryEntry), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.get('/admin/audit', staffAndUp, async (req, res) => {
    const { cursor, limit, from, to, ...filter } = parse(AuditQueryParams, req.query);
    const query = { ...filter, ...(from ? { from: shanghaiDayStart(from) } : {}), ...(to ? { to: shanghaiDayStart(to, 1) } : {}) };
    const page = await admin.auditLog(assertCaller(req), query, cursor, limit);
    res.json({ items: page.items.map(toHistoryEntry), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.get('/admin/sites/:id/martyrs', staffAndUp, async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { q, cursor, limit } = parse(MartyrListQuery, req.query);
    const page = await admin.listMartyrs(assertCaller(req), id, q, cursor, limit);
    res.json({ items: page.items.map(toAdminMartyr), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.post('/admin/sites/:id/martyrs', staffAndUp, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    assertSiteAccess(caller, id, MANAGER_ROLES);
    const body = parse(MartyrCreateBody, req.body);
    const martyr = await admin.createMartyr(caller, id, body);
    res.set('ETag', `"${martyr.version}"`).status(201).json(toAdminMartyr(martyr));
  });

  router.get('/admin/martyrs/:id', staffAndUp, async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const martyr = await admin.getMartyr(assertCaller(req), id);
    res.set('ETag', `"${martyr.version}"`).json(toAdminMartyr(martyr));
  });

  router.patch('/admin/martyrs/:id', staffAndUp, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    await admin.assertMayEditMartyr(caller, id);
    const version = parseIfMatch(req.get('if-match'));
    const body = parse(MartyrPatchBody, req.body ?? {});
    const martyr = await admin.updateMartyr(caller, id, version, body);
    res.set('ETag', `"${martyr.version}"`).json(toAdminMartyr(martyr));
  });

  return router;
}
