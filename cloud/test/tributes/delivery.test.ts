import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatSubscribeSender } from '../../src/notifications/wechat-sender.js';
import { startApi, uniqueName, type TestApi } from '../helpers.js';
import { startFakeWechat } from './fake-wechat.js';
import { offer, tributeSite } from './fixtures.js';

describe('tribute notifications reach WeChat as subscribe messages', () => {
  let api: TestApi;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  const appId = uniqueName('wxapp');
  const templates = { tribute_approved: 'TPL-APPROVED', tribute_rejected: 'TPL-REJECTED', site_notice: 'TPL-NOTICE' };

  beforeAll(async () => {
    wechat = await startFakeWechat();
    api = await startApi({
      env: { WECHAT_APPID: appId, WECHAT_SECRET: 'secret', WECHAT_API_BASE: wechat.url, WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(templates) },
    });
  });
  afterAll(async () => {
    await api.close();
    await wechat.close();
  });

  const deliver = () =>
    api.services.notifications.deliverPending(
      new WechatSubscribeSender({ appId, secret: 'secret', apiBase: wechat.url, templates, fetch, now: () => new Date() }),
      pino({ level: 'silent' }),
    );

  async function wechatUser(code: string) {
    const res = await api.request('POST', '/auth/wechat', { body: { code } });
    return { token: res.body.token as string, id: res.body.user.id as string, openid: `wx-${code}` };
  }

  it('tells the author of an approved message and the followers of a site’s notice, on their phones', async () => {
    const site = await tributeSite(api, { name: '推送测试陵园' });
    const author = await wechatUser(uniqueName('author'));
    const follower = await wechatUser(uniqueName('follower'));
    await api.request('PUT', `/sites/${site.id}/follow`, { token: follower.token });

    const posted = await offer(api, author.token, { siteId: site.id, kind: 'message', message: '请联系 13812345678' });
    expect(posted.body.status).toBe('pending');
    const manager = await api.staff(['site_manager'], [site.id]);
    expect((await api.request('POST', `/admin/tributes/${posted.body.id}/approve`, { token: manager.token })).status).toBe(200);
    expect((await api.request('POST', `/admin/sites/${site.id}/notices`, { token: manager.token, body: { title: '清明祭扫安排', body: '请提前预约' } })).status).toBe(201);

    const counts = await deliver();
    expect(counts.sent).toBe(2);
    const sent = wechat.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send').map((c) => c.body);
    expect(sent).toContainEqual(expect.objectContaining({ touser: author.openid, template_id: 'TPL-APPROVED', page: `pages/site/index?id=${site.id}` }));
    expect(sent).toContainEqual(expect.objectContaining({ touser: follower.openid, template_id: 'TPL-NOTICE', data: expect.objectContaining({ thing2: { value: '清明祭扫安排' } }) }));
  });
});
