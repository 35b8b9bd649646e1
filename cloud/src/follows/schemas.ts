import { z } from 'zod';
import { objectIdString } from '../shared/schemas.js';

export const ObjectIdString = objectIdString();

export const IdParam = z.object({ id: ObjectIdString });

export const PageQuery = z.object({
  cursor: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const NoticeBody = z.object({
  title: z.string().trim().min(1, '请填写公告标题').max(40, '公告标题不能超过 40 字'),
  body: z.string().trim().min(1, '请填写公告内容').max(1000, '公告内容不能超过 1000 字'),
});
