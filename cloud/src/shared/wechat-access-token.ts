export interface WechatAccessTokenOptions {
  appId: string;
  secret: string;
  apiBase: string;
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs?: number;
}

/**
 * The mini-program's server access token (`/cgi-bin/token`), fetched once and reused until shortly
 * before it expires. Concurrent callers share one fetch. A caller that sees 40001/42001 from WeChat
 * calls `invalidate()` and the next `get()` fetches a new token.
 */
export class WechatAccessToken {
  private token: { value: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(private readonly options: WechatAccessTokenOptions) {}

  get(): Promise<string> {
    const nowMs = this.options.now().getTime();
    if (this.token && this.token.expiresAt > nowMs) return Promise.resolve(this.token.value);
    this.inflight ??= this.fetchToken(nowMs).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  invalidate(): void {
    this.token = null;
  }

  private async fetchToken(nowMs: number): Promise<string> {
    const url = new URL('/cgi-bin/token', this.options.apiBase);
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.secret);
    const response = await this.options.fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new Error(`access token refused: ${body.errcode}`);
    this.token = { value: body.access_token, expiresAt: nowMs + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }
}

/** WeChat error codes meaning the access token is invalid or expired. */
export function isTokenError(errcode: number | undefined): boolean {
  return errcode === 40001 || errcode === 42001 || errcode === 40014;
}

const shared = new Map<string, WechatAccessToken>();

/**
 * One token holder per app and API base in the process: fetching a new token makes WeChat retire the
 * old one, so every user of the token in an instance must share it.
 */
export function sharedWechatAccessToken(options: WechatAccessTokenOptions): WechatAccessToken {
  const key = `${options.apiBase}|${options.appId}`;
  let holder = shared.get(key);
  if (!holder) {
    holder = new WechatAccessToken(options);
    shared.set(key, holder);
  }
  return holder;
}
