import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WechatCall {
  path: string;
  token: string | null;
  body: any;
}

/**
 * A fake WeChat on 127.0.0.1 for the tribute tests:
 * - /sns/jscode2session: openid `wx-<code>`;
 * - /cgi-bin/token: tok-1, tok-2 … (one more per fetch);
 * - /wxa/msg_sec_check: by the words in the content (审核 → review, 风险 → risky, 故障 → system
 *   error, 超时 → answers after 4 s), else pass; `expireNextCheck()` answers 40001 once;
 * - /cgi-bin/message/subscribe/send: ok.
 */
export async function startFakeWechat() {
  let tokens = 0;
  let expireOnce = false;
  const calls: WechatCall[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (body: unknown, delayMs = 0) =>
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        }, delayMs);
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? JSON.parse(raw) : undefined;
      calls.push({ path: url.pathname, token: url.searchParams.get('access_token'), body });
      switch (url.pathname) {
        case '/sns/jscode2session':
          return send({ openid: `wx-${url.searchParams.get('js_code')}`, session_key: 'sk' });
        case '/cgi-bin/token':
          return send({ access_token: `tok-${++tokens}`, expires_in: 7200 });
        case '/cgi-bin/message/subscribe/send':
          return send({ errcode: 0, errmsg: 'ok' });
        case '/wxa/msg_sec_check': {
          if (expireOnce) {
            expireOnce = false;
            return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
          }
          const content = String(body?.content ?? '');
          if (content.includes('故障')) return send({ errcode: -1, errmsg: 'system error' });
          if (content.includes('超时')) return send({ errcode: 0, result: { suggest: 'pass', label: 100 } }, 4000);
          const suggest = content.includes('风险') ? 'risky' : content.includes('审核') ? 'review' : 'pass';
          return send({ errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 }, detail: [] });
        }
        default:
          return send({ errcode: 404 });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    secCalls: () => calls.filter((c) => c.path === '/wxa/msg_sec_check'),
    tokenCount: () => tokens,
    expireNextCheck: () => {
      expireOnce = true;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
