import { Router } from 'express';
import type { MyTribute, PublicTribute, ReviewTribute } from '../contracts/tributes.js';
import { assertCaller } from '../http/auth.js';
import type { AppContext } from '../http/context.js';
import { parse } from '../http/validate.js';
import { AppError } from '../errors.js';
import { optionalIdempotencyKey, sendIdempotent } from '../shared/idempotency.js';
import { martyrPageUrl, qrPng } from './qr.js';
import type { Tribute } from './repository.js';
import { CreateTributeBody, IdParam, MineQuery, QrQuery, ReconcileBody, RejectBody, ReviewQuery, WallQuery } from './schemas.js';
import type { TributeService } from './service.js';

function toPublic(t: Tribute): PublicTribute {
  return {
    id: t.id,
    kind: t.kind,
    ...(t.message !== undefined ? { message: t.message } : {}),
    siteId: t.siteId,
    ...(t.martyrId ? { martyrId: t.martyrId, martyrName: t.martyrName } : {}),
    createdAt: t.createdAt.toISOString(),
  };
}

function toMine(t: Tribute): MyTribute {
  return {
    ...toPublic(t),
    status: t.status,
    siteName: t.siteName,
    ...(t.status === 'rejected' && t.review?.reason ? { rejectReason: t.review.reason } : {}),
  };
}

function toReview(t: Tribute): ReviewTribute {
  return {
    ...toMine(t),
    moderation: { reasons: t.moderation.reasons, ...(t.moderation.suggest ? { suggest: t.moderation.suggest } : {}) },
    ...(t.review ? { review: { by: t.review.by, at: t.review.at.toISOString(), ...(t.review.reason ? { reason: t.review.reason } : {}) } } : {}),
  };
}

function page<T>(items: Tribute[], limit: number, shape: (t: Tribute) => T): { items: T[]; nextCursor?: string } {
  return { items: items.map(shape), ...(items.length === limit ? { nextCursor: items.at(-1)!.id } : {}) };
}

/** Online tribute: offering, public walls and counts, "my tributes", the review queue and martyr QR codes. */
export function tributesRouter(ctx: AppContext, tributes: TributeService): Router {
  const router = Router();

  router.post('/tributes', async (req, res) => {
    const caller = assertCaller(req);
    const key = optionalIdempotencyKey(req);
    const input = parse(CreateTributeBody, req.body);
    const { value, replayed } = await tributes.offer(caller, input, key);
    sendIdempotent(res, replayed, value);
  });

  router.get('/tributes/mine', async (req, res) => {
    const caller = assertCaller(req);
    const { cursor, limit } = parse(MineQuery, req.query);
    res.json(page(await tributes.mine(caller, limit, cursor), limit, toMine));
  });

  for (const type of ['sites', 'martyrs'] as const) {
    const ref = (id: string) => (type === 'sites' ? { siteId: id } : { martyrId: id });

    router.get(`/${type}/:id/tributes`, async (req, res) => {
      const { id } = parse(IdParam, req.params);
      const { cursor, limit, kind } = parse(WallQuery, req.query);
      res.json(page(await tributes.wall(ref(id), kind, limit, cursor), limit, toPublic));
    });

    router.get(`/${type}/:id/tribute-stats`, async (req, res) => {
      const { id } = parse(IdParam, req.params);
      res.json(await tributes.stats(ref(id)));
    });
  }

  router.get('/martyrs/:id/qr.png', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { size } = parse(QrQuery, req.query);
    await tributes.assertTarget({ martyrId: id });
    const png = await qrPng(martyrPageUrl(ctx.config.publicBaseUrl, id), size);
    res.set('Content-Type', 'image/png');
    res.set('Cache-Control', 'public, max-age=86400');
    res.set('Content-Disposition', `inline; filename="martyr-${id}.png"`);
    res.send(png);
  });

  router.get('/admin/tributes', async (req, res) => {
    const caller = assertCaller(req);
    const { status, siteId, cursor, limit } = parse(ReviewQuery, req.query);
    res.json(page(await tributes.reviewQueue(caller, { status, siteId }, limit, cursor), limit, toReview));
  });

  router.post('/admin/tributes/reconcile', async (req, res) => {
    const caller = assertCaller(req);
    if (!caller.roles.includes('admin')) throw new AppError('FORBIDDEN', '仅管理员可以核对计数');
    const body = parse(ReconcileBody, req.body ?? {});
    const scope = body.siteId ? { siteId: body.siteId } : body.martyrId ? { martyrId: body.martyrId } : undefined;
    const report = await tributes.reconcile({ scope, fix: body.fix, actor: caller });
    res.json(report);
  });

  router.post('/admin/tributes/:id/approve', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    res.json(await tributes.approve(caller, id));
  });

  router.post('/admin/tributes/:id/reject', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    await tributes.assertReviewable(caller, id);
    const { reason } = parse(RejectBody, req.body ?? {});
    res.json(await tributes.reject(caller, id, reason));
  });

  return router;
}
