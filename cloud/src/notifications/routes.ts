import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { assertCaller } from '../http/auth.js';
import { parse } from '../http/validate.js';
import type { NotificationService } from './service.js';

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: z.string().regex(/^[0-9a-f]{24}$/).optional(),
});
const IdParam = z.object({ id: z.string().max(64) });

/** A signed-in user's own notifications (an in-app inbox beside the WeChat push). */
export function notificationsRouter(notifications: NotificationService): Router {
  const router = Router();

  router.get('/notifications/mine', async (req, res) => {
    const caller = assertCaller(req);
    const { limit, before } = parse(ListQuery, req.query);
    const items = await notifications.listForUser(caller.id, limit, before);
    res.json({
      items: items.map((n) => ({ id: n.id, template: n.template, title: n.title, body: n.body, page: n.page, data: n.data, createdAt: n.createdAt, read: !!n.readAt })),
      nextCursor: items.length === limit ? items.at(-1)!.id : undefined,
    });
  });

  router.post('/notifications/:id/read', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    if (!(await notifications.markRead(id, caller.id))) throw new AppError('NOT_FOUND', '通知不存在');
    res.json({ read: true });
  });

  return router;
}
