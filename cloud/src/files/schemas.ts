import { z } from 'zod';
import { objectIdString } from '../shared/schemas.js';

export const FileIdParam = z.object({ id: objectIdString('文件') });

/** The signed-link part of GET /files/:id; both or neither. */
export const FileReadQuery = z.object({
  exp: z.coerce.number().int().min(0).max(2 ** 40).optional(),
  sig: z.string().max(128).optional(),
});
