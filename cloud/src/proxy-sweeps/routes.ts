import { Router } from 'express';
import { z } from 'zod';
import type { ProxySweepCreated, ProxySweepList, SweepContact } from '../contracts/proxy-sweeps.js';
import { AppError } from '../errors.js';
import { assertCaller, requireRole, STAFF_ROLES } from '../http/auth.js';
import { parse } from '../http/validate.js';
import type { RateLimiter, RateLimitRule } from '../shared/rate-limit.js';
import { decodeCursor, encodeCursor } from '../sites/cursor.js';
import {
  AcceptBody,
  AdminListQuery,
  CancelBody,
  CompleteBody,
  ConfirmBody,
  CreateSweepBody,
  MineQuery,
  RejectBody,
  SweepIdParam,
} from './schemas.js';
import type { ProxySweepService } from './service.js';

/** Families ask for a sweep a few times a year; this only stops scripts. */
export const SWEEP_CREATE_RULE: RateLimitRule = { name: 'proxy-sweep-create', limit: 10, windowSeconds: 600, message: '提交过于频繁，请稍后再试' };

const QueueCursorShape = z.object({ d: z.string().max(10), id: z.string().regex(/^[0-9a-f]{24}$/) });
const MineCursorShape = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });

export function proxySweepsRouter(sweeps: ProxySweepService, limiter: RateLimiter): Router {
  const router = Router();
  const staffOnly = requireRole(...STAFF_ROLES);

  // ---- family ----
  router.post('/proxy-sweeps', async (req, res) => {
    const caller = assertCaller(req);
    await limiter.hit(SWEEP_CREATE_RULE, caller.id);
    const input = parse(CreateSweepBody, req.body);
    const sweep = await sweeps.create(caller, input);
    const body: ProxySweepCreated = { id: sweep.id, status: 'submitted' };
    res.status(201).json(body);
  });

  router.get('/proxy-sweeps/mine', async (req, res) => {
    const caller = assertCaller(req);
    const { cursor, limit } = parse(MineQuery, req.query);
    const after = cursor ? decodeCursor(cursor, MineCursorShape).id : undefined;
    const items = await sweeps.listMine(caller, after, limit);
    const body: ProxySweepList = { items: items.map((s) => sweeps.toSummary(s)) };
    if (items.length === limit) body.nextCursor = encodeCursor({ id: items.at(-1)!.id });
    res.json(body);
  });

  router.get('/proxy-sweeps/:id', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(SweepIdParam, req.params);
    res.json(sweeps.toDetail(await sweeps.get(caller, id), caller));
  });

  router.post('/proxy-sweeps/:id/cancel', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(SweepIdParam, req.params);
    const { reason } = parse(CancelBody, req.body ?? {});
    res.json(sweeps.toDetail(await sweeps.cancel(caller, id, reason), caller));
  });

  router.post('/proxy-sweeps/:id/confirm', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(SweepIdParam, req.params);
    const { rating, comment } = parse(ConfirmBody, req.body ?? {});
    res.json(sweeps.toDetail(await sweeps.confirm(caller, id, rating, comment), caller));
  });

  // ---- staff ----
  router.get('/admin/proxy-sweeps', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const query = parse(AdminListQuery, req.query);
    const cursor = query.cursor ? decodeCursor(query.cursor, QueueCursorShape) : undefined;
    const items = await sweeps.listQueue(caller, query, cursor);
    const body: ProxySweepList = { items: items.map((s) => sweeps.toSummary(s)) };
    if (items.length === query.limit) {
      const last = items.at(-1)!;
      body.nextCursor = encodeCursor({ d: last.preferredDate, id: last.id });
    }
    res.json(body);
  });

  router.get('/admin/proxy-sweeps/:id/contact', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(SweepIdParam, req.params);
    const body: SweepContact = { contactPhone: await sweeps.revealContact(caller, id) };
    res.json(body);
  });

  router.post('/admin/proxy-sweeps/:id/:action', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(SweepIdParam, req.params);
    await sweeps.assertStaffAccess(caller, id);
    const body = req.body ?? {};
    let result;
    switch (req.params.action) {
      case 'accept':
        result = await sweeps.accept(caller, id, parse(AcceptBody, body).assigneeId);
        break;
      case 'start':
        result = await sweeps.start(caller, id);
        break;
      case 'complete':
        result = await sweeps.complete(caller, id, parse(CompleteBody, body));
        break;
      case 'reject':
        result = await sweeps.reject(caller, id, parse(RejectBody, body).reason);
        break;
      default:
        throw new AppError('NOT_FOUND', '接口不存在');
    }
    res.json(sweeps.toDetail(result, caller));
  });

  return router;
}
