import { Router } from 'express';
import { assertCaller, assertSiteAccess, requireRole, STAFF_ROLES } from '../http/auth.js';
import { parse } from '../http/validate.js';
import { IdParam } from '../site-admin/schemas.js';
import { OverdueQuery, PatrolCreateBody, PatrolListQuery } from './schemas.js';
import type { PatrolService } from './service.js';

/** Custody patrols: log one, list a site's, list the overdue sites. Staff of the site and up. */
export function patrolsRouter(patrols: PatrolService): Router {
  const router = Router();
  const staffAndUp = requireRole(...STAFF_ROLES);

  router.post('/admin/sites/:id/patrols', staffAndUp, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    assertSiteAccess(caller, id, STAFF_ROLES);
    const body = parse(PatrolCreateBody, req.body);
    res.status(201).json(patrols.toView(await patrols.create(caller, id, body)));
  });

  router.get('/admin/sites/:id/patrols', staffAndUp, async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { cursor, limit } = parse(PatrolListQuery, req.query);
    const page = await patrols.list(assertCaller(req), id, cursor, limit);
    res.json({ items: page.items.map((p) => patrols.toView(p)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  });

  router.get('/admin/patrols/overdue', staffAndUp, async (req, res) => {
    const { days } = parse(OverdueQuery, req.query);
    res.json({ days, items: await patrols.overdue(assertCaller(req), days) });
  });

  return router;
}
