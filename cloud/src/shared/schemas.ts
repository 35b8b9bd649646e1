import { z } from 'zod';

/** A database id (24 hex digits); `what` names the thing in the message, e.g. 纪念设施. */
export const objectIdString = (what = '') => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`);

/** Optional free text: trimmed, at most `max` characters, and an empty string counts as absent. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字`)
    .optional()
    .transform((v) => (v ? v : undefined));
