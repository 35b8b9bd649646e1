import type { Notification } from './repository.js';
import { isTokenError, sharedWechatAccessToken, type WechatAccessToken } from '../shared/wechat-access-token.js';

/** Delivers one notification to the user's device; `skipped` when it cannot be sent there at all. */
export interface NotificationSender {
  send(notification: Notification, openid: string | null): Promise<'sent' | 'skipped'>;
}

export interface WechatSenderOptions {
  appId?: string;
  secret?: string;
  apiBase: string;
  /** Notification template name → subscribe-message template id. */
  templates: Record<string, string>;
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs?: number;
}

/** Fields of a subscribe message are short; WeChat rejects `thing` values over 20 characters. */
function clip(text: string, max = 20): string {
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;
}

/**
 * Sends notifications as WeChat subscribe messages (`/cgi-bin/message/subscribe/send`), with the
 * access token fetched from `/cgi-bin/token` and reused until shortly before it expires.
 */
export class WechatSubscribeSender implements NotificationSender {
  private token: WechatAccessToken | null = null;

  constructor(private readonly options: WechatSenderOptions) {}

  async send(notification: Notification, openid: string | null): Promise<'sent' | 'skipped'> {
    const templateId = this.options.templates[notification.template];
    // Dev sign-ins have no real openid; templates the deployment did not subscribe to are not sent.
    if (!templateId || !openid || openid.startsWith('dev:') || !this.options.appId || !this.options.secret) return 'skipped';
    this.token ??= sharedWechatAccessToken({
      appId: this.options.appId,
      secret: this.options.secret,
      apiBase: this.options.apiBase,
      fetch: this.options.fetch,
      now: this.options.now,
      timeoutMs: this.options.timeoutMs,
    });
    const token = await this.token.get();
    const url = new URL('/cgi-bin/message/subscribe/send', this.options.apiBase);
    url.searchParams.set('access_token', token);
    const data: Record<string, { value: string }> = {
      thing1: { value: clip(notification.title) },
      thing2: { value: clip(notification.body) },
    };
    for (const [key, value] of Object.entries(notification.data)) {
      if (/^[a-z_]+\d+$/.test(key)) data[key] = { value: clip(String(value)) };
    }
    const response = await this.options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: openid, template_id: templateId, page: notification.page, data }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
    });
    const body = (await response.json()) as { errcode?: number; errmsg?: string };
    if (body.errcode === 43101) return 'skipped'; // the user has not accepted this subscription
    if (isTokenError(body.errcode)) this.token.invalidate(); // token expired: refetch next time
    if (!response.ok || body.errcode) throw new Error(`subscribe send failed: ${body.errcode} ${body.errmsg ?? ''}`);
    return 'sent';
  }
}
