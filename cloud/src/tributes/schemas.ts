import { z } from 'zod';
import { objectIdString } from '../shared/schemas.js';
import { TRIBUTE_KINDS, TRIBUTE_STATUSES } from '../contracts/tributes.js';
import { messageShapeProblem, tidyMessage } from './moderation.js';

export const ObjectIdString = objectIdString();

export const IdParam = z.object({ id: ObjectIdString });

/**
 * POST /tributes. Exactly one of siteId / martyrId; `message` only (and always) with kind `message`,
 * tidied (trimmed, CRLF folded) and then at most 200 characters without control characters.
 */
export const CreateTributeBody = z
  .object({
    siteId: ObjectIdString.optional(),
    martyrId: ObjectIdString.optional(),
    kind: z.enum(TRIBUTE_KINDS, { message: '祭扫方式须为 flower、candle、bow 或 message' }),
    message: z.string().max(4000).optional(),
  })
  .superRefine((body, ctx) => {
    if (!body.siteId === !body.martyrId) {
      ctx.addIssue({ code: 'custom', path: ['siteId'], message: '须指定纪念设施（siteId）或烈士（martyrId）其中之一' });
    }
    if (body.kind === 'message') {
      const problem = body.message === undefined ? '寄语不能为空' : messageShapeProblem(tidyMessage(body.message));
      if (problem) ctx.addIssue({ code: 'custom', path: ['message'], message: problem });
    } else if (body.message !== undefined && body.message.trim() !== '') {
      ctx.addIssue({ code: 'custom', path: ['message'], message: '文字寄语请选择“寄语”方式单独提交' });
    }
  })
  .transform((body) => ({
    target: body.martyrId ? { martyrId: body.martyrId } : { siteId: body.siteId! },
    kind: body.kind,
    ...(body.kind === 'message' ? { message: tidyMessage(body.message ?? '') } : {}),
  }));

export const WallQuery = z.object({
  cursor: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  kind: z.enum(TRIBUTE_KINDS).optional(),
});

export const MineQuery = z.object({
  cursor: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ReviewQuery = z.object({
  status: z.enum(TRIBUTE_STATUSES).default('pending'),
  siteId: ObjectIdString.optional(),
  cursor: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const RejectBody = z.object({
  reason: z.string().trim().min(1, '请填写驳回理由').max(200, '驳回理由不能超过 200 字'),
});

export const ReconcileBody = z
  .object({
    siteId: ObjectIdString.optional(),
    martyrId: ObjectIdString.optional(),
    fix: z.boolean().default(false),
  })
  .refine((b) => !(b.siteId && b.martyrId), { message: 'siteId 与 martyrId 只能指定一个', path: ['siteId'] });

export const QrQuery = z.object({
  size: z.coerce.number().int().min(128).max(1024).default(512),
});
