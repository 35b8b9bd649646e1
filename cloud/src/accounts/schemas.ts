import { z } from 'zod';

export const WechatLoginBody = z.object({ code: z.string().trim().min(1).max(128) });
export const DevLoginBody = z.object({ openid: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });
export const StaffLoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
