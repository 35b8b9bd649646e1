import { AppError } from '../errors.js';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

export interface WechatClientOptions {
  appId?: string;
  secret?: string;
  apiBase: string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

/** Exchanges a `wx.login` code for the user's openid with WeChat's `jscode2session`. */
export async function exchangeLoginCode(code: string, options: WechatClientOptions): Promise<WechatSession> {
  if (!options.appId || !options.secret) {
    throw new AppError('UNAVAILABLE', '微信登录尚未配置', { retryAfter: 60 });
  }
  const url = new URL('/sns/jscode2session', options.apiBase);
  url.searchParams.set('appid', options.appId);
  url.searchParams.set('secret', options.secret);
  url.searchParams.set('js_code', code);
  url.searchParams.set('grant_type', 'authorization_code');
  let body: { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
  try {
    const response = await options.fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = (await response.json()) as typeof body;
  } catch (cause) {
    throw new AppError('UNAVAILABLE', '微信服务暂时不可用，请稍后重试', { retryAfter: 5, cause });
  }
  if (body.errcode === 45011) {
    throw new AppError('RATE_LIMITED', '登录过于频繁，请稍后再试', { retryAfter: 60 });
  }
  if (body.errcode || typeof body.openid !== 'string' || !body.openid) {
    // 40029 invalid code, 40163 code already used, and anything else WeChat refuses.
    throw new AppError('UNAUTHENTICATED', '微信登录失败，请重试', { details: { errcode: body.errcode } });
  }
  return { openid: body.openid, unionid: body.unionid };
}
