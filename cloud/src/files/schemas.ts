import { z } from 'zod';

export const FileIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, '文件编号格式不正确') });

/** The signed-link part of GET /files/:id; both or neither. */
export const FileReadQuery = z.object({
  exp: z.coerce.number().int().min(0).max(2 ** 40).optional(),
  sig: z.string().max(128).optional(),
});
