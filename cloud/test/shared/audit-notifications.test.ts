import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { diffChanges } from '../../src/audit/service.js';
import { WechatSubscribeSender } from '../../src/notifications/wechat-sender.js';
import { startApi, startFake, type TestApi } from '../helpers.js';

describe('diffChanges', () => {
  it('lists only changed fields with before and after, ignoring bookkeeping fields', () => {
    expect(diffChanges({ phone: '1', name: 'a', version: 1 }, { phone: '2', name: 'a', version: 2 })).toEqual({
      phone: { before: '1', after: '2' },
    });
    expect(diffChanges(null, { name: 'a' })).toEqual({ name: { before: null, after: 'a' } });
  });
});

describe('audit log', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('records who, when and what, and lists a site newest first', async () => {
    const actor = { id: 'u1', kind: 'staff' as const, roles: ['admin' as const], siteIds: [], username: 'admin' };
    await api.services.audit.record({ actor, action: 'site.update', targetType: 'site', targetId: 's1', siteId: 's1', before: { phone: 'a' }, after: { phone: 'b' } });
    await api.services.audit.record({ actor, action: 'site.update', targetType: 'site', targetId: 's1', siteId: 's1', before: { phone: 'b' }, after: { phone: 'c' } });
    await api.services.audit.record({ actor, action: 'site.update', targetType: 'site', targetId: 's2', siteId: 's2', after: { phone: 'x' } });
    const entries = await api.services.audit.list({ siteId: 's1' });
    expect(entries).toHaveLength(2);
    expect(entries[0]!.changes).toEqual({ phone: { before: 'b', after: 'c' } });
    expect(entries[0]!.actor).toEqual({ id: 'u1', name: 'admin' });
    const page2 = await api.services.audit.list({ siteId: 's1' }, 1, entries[0]!.id);
    expect(page2.map((e) => e.id)).toEqual([entries[1]!.id]);
  });
});

describe('notification outbox', () => {
  let api: TestApi;
  let wechat: Awaited<ReturnType<typeof startFake>>;
  let failSend = false;
  const sent: any[] = [];

  beforeAll(async () => {
    wechat = await startFake((req, url) => {
      if (url.pathname === '/sns/jscode2session') return { body: { openid: `wx-${url.searchParams.get('js_code')}` } };
      if (url.pathname === '/cgi-bin/token') return { body: { access_token: 'tok-1', expires_in: 7200 } };
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        sent.push({ token: url.searchParams.get('access_token'), method: req.method });
        return failSend ? { status: 500, body: { errcode: -1, errmsg: 'system busy' } } : { body: { errcode: 0, errmsg: 'ok' } };
      }
      return { status: 404, body: {} };
    });
    api = await startApi({ env: { WECHAT_APPID: 'app', WECHAT_SECRET: 'sec', WECHAT_API_BASE: wechat.url } });
  });
  afterAll(async () => {
    await api.close();
    await wechat.close();
  });

  function sender() {
    return new WechatSubscribeSender({
      appId: 'app',
      secret: 'sec',
      apiBase: wechat.url,
      templates: { tribute_approved: 'TPL-1' },
      fetch,
      now: () => new Date(),
    });
  }

  it('queues once per dedupe key, shows it in the user inbox only, and delivers it as a subscribe message', async () => {
    const login = await api.request('POST', '/auth/wechat', { body: { code: 'alice' } });
    const userId = login.body.user.id;
    const input = { userId, template: 'tribute_approved', title: '寄语已通过审核', body: '您的寄语已公开展示', dedupeKey: `t:${userId}` };
    expect(await api.services.notifications.notify(input)).toBe(true);
    expect(await api.services.notifications.notify(input)).toBe(false);

    const mine = await api.request('GET', '/notifications/mine', { token: login.body.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const other = await api.citizen();
    expect((await api.request('GET', '/notifications/mine', { token: other.token })).body.items).toHaveLength(0);
    expect((await api.request('POST', `/notifications/${mine.body.items[0].id}/read`, { token: other.token })).status).toBe(404);

    const counts = await api.services.notifications.deliverPending(sender(), pino({ level: 'silent' }));
    expect(counts.sent).toBe(1);
    expect(sent.at(-1)).toEqual({ token: 'tok-1', method: 'POST' });
  });

  it('keeps a notification pending when WeChat fails, and skips users without a real openid', async () => {
    const login = await api.request('POST', '/auth/wechat', { body: { code: 'bob' } });
    await api.services.notifications.notify({ userId: login.body.user.id, template: 'tribute_approved', title: 't', body: 'b' });
    failSend = true;
    const first = await api.services.notifications.deliverPending(sender(), pino({ level: 'silent' }));
    expect(first.retry).toBe(1);
    failSend = false;
    const second = await api.services.notifications.deliverPending(sender(), pino({ level: 'silent' }));
    expect(second.sent).toBe(1);

    const dev = await api.citizen();
    await api.services.notifications.notify({ userId: dev.id, template: 'tribute_approved', title: 't', body: 'b' });
    const third = await api.services.notifications.deliverPending(sender(), pino({ level: 'silent' }));
    expect(third.skipped).toBe(1);
  });
});
