import { Router } from 'express';
import type { AppContext } from '../http/context.js';
import { assertCaller } from '../http/auth.js';
import { parse } from '../http/validate.js';
import { clientAddress, rateLimit, type RateLimiter, type RateLimitRule } from '../shared/rate-limit.js';
import { DevLoginBody, StaffLoginBody, WechatLoginBody } from './schemas.js';
import type { AccountService } from './service.js';

/** Sign-in is limited per client address, generously (API.md: no less than 300 a minute). */
export const SIGN_IN_RULE: RateLimitRule = { name: 'sign-in', limit: 600, windowSeconds: 60, message: '登录尝试过于频繁，请一分钟后再试' };

export function accountsRouter(_ctx: AppContext, accounts: AccountService, limiter: RateLimiter): Router {
  const router = Router();
  const signInLimit = rateLimit(limiter, SIGN_IN_RULE, clientAddress);

  router.post('/auth/wechat', signInLimit, async (req, res) => {
    const { code } = parse(WechatLoginBody, req.body);
    res.json(await accounts.signInWithWechat(code));
  });

  router.post('/auth/dev', async (req, res, next) => {
    // In production the route does not exist at all.
    if (!_ctx.config.devLoginEnabled) return next();
    const { openid } = parse(DevLoginBody, req.body);
    res.json(await accounts.signInDev(openid));
  });

  router.post('/auth/staff', signInLimit, async (req, res) => {
    const { username, password } = parse(StaffLoginBody, req.body);
    res.json(await accounts.signInStaff(username, password));
  });

  router.get('/me', (req, res) => {
    res.json(accounts.me(assertCaller(req)));
  });

  return router;
}
