import { z } from 'zod';
import { objectIdString } from '../shared/schemas.js';

export const WechatLoginBody = z.object({ code: z.string().trim().min(1).max(128) });
export const DevLoginBody = z.object({ openid: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });
export const StaffLoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

const STAFF_ROLE_VALUES = ['admin', 'site_manager', 'staff'] as const;
const siteId = objectIdString('纪念设施');
const password = z.string().min(8, '密码至少 8 位').max(128, '密码至多 128 位');
const displayName = z.string().trim().min(1).max(30);

export const StaffIdParam = z.object({ id: z.string().max(64) });

export const StaffListQuery = z.object({
  q: z.string().trim().min(1).max(50).optional(),
  role: z.enum(STAFF_ROLE_VALUES).optional(),
  siteId: siteId.optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const StaffCreateBody = z.object({
  username: z
    .string()
    .trim()
    .min(3, '用户名至少 3 个字符')
    .max(32, '用户名至多 32 个字符')
    .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和短横线'),
  password,
  displayName: displayName.optional(),
  roles: z.array(z.enum(STAFF_ROLE_VALUES)).min(1).max(3),
  siteIds: z.array(siteId).max(200).default([]),
});

export const StaffUpdateBody = z
  .object({
    displayName: displayName.nullable().optional(),
    roles: z.array(z.enum(STAFF_ROLE_VALUES)).min(1).max(3).optional(),
    siteIds: z.array(siteId).max(200).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容' });

export const PasswordResetBody = z.object({ password });
