import { Router } from 'express';
import type { FollowItem, SiteNotice as SiteNoticeView } from '../contracts/tributes.js';
import { assertCaller, assertSiteAccess, MANAGER_ROLES } from '../http/auth.js';
import { parse } from '../http/validate.js';
import type { SiteNotice } from './repository.js';
import { IdParam, NoticeBody, PageQuery } from './schemas.js';
import type { FollowService } from './service.js';

function noticeView(n: SiteNotice): SiteNoticeView {
  return { id: n.id, siteId: n.siteId, title: n.title, body: n.body, createdAt: n.createdAt.toISOString() };
}

/** Follow a site or a martyr; site notices posted by managers. */
export function followsRouter(follows: FollowService): Router {
  const router = Router();

  for (const type of ['sites', 'martyrs'] as const) {
    const ref = (id: string) => (type === 'sites' ? { siteId: id } : { martyrId: id });

    router.get(`/${type}/:id/follow`, async (req, res) => {
      const caller = assertCaller(req);
      const { id } = parse(IdParam, req.params);
      res.json(await follows.state(caller, ref(id)));
    });

    router.put(`/${type}/:id/follow`, async (req, res) => {
      const caller = assertCaller(req);
      const { id } = parse(IdParam, req.params);
      res.json(await follows.follow(caller, ref(id)));
    });

    router.delete(`/${type}/:id/follow`, async (req, res) => {
      const caller = assertCaller(req);
      const { id } = parse(IdParam, req.params);
      res.json(await follows.unfollow(caller, ref(id)));
    });
  }

  router.get('/follows/mine', async (req, res) => {
    const caller = assertCaller(req);
    const { cursor, limit } = parse(PageQuery, req.query);
    const items = await follows.mine(caller, limit, cursor);
    const shaped: FollowItem[] = items.map((f) => ({ targetType: f.targetType, targetId: f.targetId, name: f.name, siteId: f.siteId, createdAt: f.createdAt.toISOString() }));
    res.json({ items: shaped, ...(items.length === limit ? { nextCursor: items.at(-1)!.id } : {}) });
  });

  router.get('/sites/:id/notices', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { cursor, limit } = parse(PageQuery, req.query);
    const items = await follows.listNotices(id, limit, cursor);
    res.json({ items: items.map(noticeView), ...(items.length === limit ? { nextCursor: items.at(-1)!.id } : {}) });
  });

  router.post('/admin/sites/:id/notices', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    assertSiteAccess(caller, id, MANAGER_ROLES);
    const input = parse(NoticeBody, req.body ?? {});
    const notice = await follows.postNotice(caller, id, input);
    res.status(201).json({ ...noticeView(notice), notified: notice.notified });
  });

  return router;
}
