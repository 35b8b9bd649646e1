import { z } from 'zod';
import { objectIdString, optionalText } from '../shared/schemas.js';
import { SWEEP_CHECKLIST, SWEEP_RULES, SWEEP_SERVICES, SWEEP_STATUSES } from '../contracts/proxy-sweeps.js';
import { phoneSchema } from '../shared/phone.js';

const objectId = objectIdString();
const unique = <T>(items: T[]): T[] => [...new Set(items)];

export const SweepIdParam = z.object({ id: z.string().max(64) });

export const CreateSweepBody = z
  .object({
    siteId: objectId,
    martyrId: objectId.optional(),
    graveDescription: optionalText(SWEEP_RULES.graveDescriptionMaxLength),
    services: z
      .array(z.enum(SWEEP_SERVICES))
      .min(1, '请至少选择一项服务')
      .max(SWEEP_SERVICES.length * 2)
      .transform(unique),
    preferredDate: z.iso.date('日期格式应为 YYYY-MM-DD'),
    message: optionalText(SWEEP_RULES.messageMaxLength),
    relationship: z.string().trim().min(1, '请填写与烈士的关系').max(20),
    contactPhone: phoneSchema,
  })
  .refine((v) => v.martyrId !== undefined || v.graveDescription !== undefined, {
    path: ['martyrId'],
    message: '请选择烈士或填写墓位描述',
  });
export type CreateSweepInput = z.infer<typeof CreateSweepBody>;

export const MineQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const AdminListQuery = z.object({
  status: z.enum(SWEEP_STATUSES).optional(),
  siteId: objectId.optional(),
  /** `me`: only requests assigned to the caller. */
  assigned: z.literal('me').optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type AdminListInput = z.infer<typeof AdminListQuery>;

export const AcceptBody = z.object({ assigneeId: objectId.optional() });

export const CompleteBody = z.object({
  photos: z
    .array(objectId)
    .min(1, '请至少上传一张照片')
    .max(SWEEP_RULES.maxPhotos, `最多 ${SWEEP_RULES.maxPhotos} 张照片`)
    .transform(unique),
  takenAt: z.iso.datetime({ offset: true, message: '拍摄时间格式不正确' }),
  location: z.object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
  }),
  checklist: z.array(z.enum(SWEEP_CHECKLIST)).max(SWEEP_CHECKLIST.length * 2).default([]).transform(unique),
  note: optionalText(SWEEP_RULES.reasonMaxLength),
});
export type CompleteInput = z.infer<typeof CompleteBody>;

export const RejectBody = z.object({
  reason: z.string().trim().min(1, '请填写退回原因').max(SWEEP_RULES.reasonMaxLength),
});

export const CancelBody = z.object({ reason: optionalText(SWEEP_RULES.reasonMaxLength) });

export const ConfirmBody = z.object({
  rating: z.number().int().min(1, '评分为 1–5').max(5, '评分为 1–5'),
  comment: optionalText(SWEEP_RULES.commentMaxLength),
});
