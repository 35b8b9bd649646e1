import { isTokenError, sharedWechatAccessToken, type WechatAccessToken } from '../shared/wechat-access-token.js';

export type ContentSuggest = 'pass' | 'review' | 'risky';

export interface ContentCheckResult {
  suggest: ContentSuggest;
  /** WeChat's label: 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime … */
  label?: number;
}

/** The platform's content-security check of user text (production: WeChat `msgSecCheck`). */
export interface ContentChecker {
  check(content: string, openid: string): Promise<ContentCheckResult>;
}

export interface WechatContentSecurityOptions {
  apiBase: string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

const SUGGESTS: readonly string[] = ['pass', 'review', 'risky'];

/**
 * WeChat's `POST /wxa/msg_sec_check` (version 2: content, version, scene, openid). Scene 2 is
 * "comment", the closest of WeChat's scenes to a tribute message. Throws when WeChat cannot answer
 * (the caller then holds the message for review, never publishes it unchecked).
 */
export class WechatContentSecurity implements ContentChecker {
  constructor(
    private readonly token: WechatAccessToken,
    private readonly options: WechatContentSecurityOptions,
  ) {}

  async check(content: string, openid: string): Promise<ContentCheckResult> {
    for (let attempt = 0; ; attempt++) {
      const url = new URL('/wxa/msg_sec_check', this.options.apiBase);
      url.searchParams.set('access_token', await this.token.get());
      const response = await this.options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content, version: 2, scene: 2, openid }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
      });
      const body = (await response.json()) as { errcode?: number; errmsg?: string; result?: { suggest?: string; label?: number } };
      if (isTokenError(body.errcode) && attempt === 0) {
        this.token.invalidate();
        continue;
      }
      if (!response.ok || body.errcode) throw new Error(`msg_sec_check failed: ${body.errcode} ${body.errmsg ?? ''}`);
      const suggest = body.result?.suggest;
      if (!suggest || !SUGGESTS.includes(suggest)) throw new Error(`msg_sec_check answered without a known suggest: ${String(suggest)}`);
      return { suggest: suggest as ContentSuggest, label: body.result?.label };
    }
  }
}

/** The production checker when WeChat is configured (app id and secret); null otherwise (dev, tests). */
export function contentCheckerFor(ctx: { config: { wechat: { appId?: string; secret?: string; apiBase: string } }; fetch: typeof fetch; now: () => Date }): ContentChecker | null {
  const { appId, secret, apiBase } = ctx.config.wechat;
  if (!appId || !secret) return null;
  const token = sharedWechatAccessToken({ appId, secret, apiBase, fetch: ctx.fetch, now: ctx.now });
  return new WechatContentSecurity(token, { apiBase, fetch: ctx.fetch });
}
