import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, uniqueName, type TestApi } from '../helpers.js';
import { startFakeWechat } from './fake-wechat.js';
import { offer, tributeSite } from './fixtures.js';

describe('messages with WeChat content security (production pipeline)', () => {
  let api: TestApi;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  beforeAll(async () => {
    wechat = await startFakeWechat();
    api = await startApi({ env: { WECHAT_APPID: uniqueName('wxapp'), WECHAT_SECRET: 'secret', WECHAT_API_BASE: wechat.url } });
  });
  afterAll(async () => {
    await api.close();
    await wechat.close();
  });

  async function post(message: string) {
    const site = await tributeSite(api);
    const openid = uniqueName('openid');
    const citizen = await api.citizen(openid);
    const res = await offer(api, citizen.token, { siteId: site.id, kind: 'message', message });
    const wall = (await api.request('GET', `/sites/${site.id}/tributes`)).body.items;
    const stored = await api.db.collection('tributes').findOne({ userId: citizen.id });
    return { res, wall, stored, openid };
  }

  it('publishes a message WeChat passes, having sent it as version 2, scene 2, with the author’s openid', async () => {
    const { res, wall, openid } = await post('英雄精神永存，后辈自当奋进。');
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('published');
    expect(wall).toHaveLength(1);
    expect(wechat.secCalls().at(-1)!.body).toEqual({ content: '英雄精神永存，后辈自当奋进。', version: 2, scene: 2, openid: `dev:${openid}` });
    expect(wechat.secCalls().at(-1)!.token).toMatch(/^tok-\d+$/);
  });

  it.each([
    ['review', '这句话需要人工审核一下'],
    ['risky', '这句话有风险'],
  ])('holds a message WeChat answers %s for pending, with the verdict for the reviewer', async (suggest, text) => {
    const { res, wall, stored } = await post(text);
    expect(res.body.status).toBe('pending');
    expect(wall).toEqual([]);
    expect(stored?.moderation).toMatchObject({ suggest, reasons: [{ code: 'content_security' }] });
  });

  it('holds the message pending when WeChat fails or is too slow: never published unchecked', async () => {
    const failed = await post('系统故障时的寄语');
    expect(failed.res.status).toBe(201);
    expect(failed.res.body.status).toBe('pending');
    expect(failed.stored?.moderation.reasons).toEqual([{ code: 'content_check_unavailable' }]);
    const slow = await post('网络超时时的寄语');
    expect(slow.res.body.status).toBe('pending');
    expect(slow.wall).toEqual([]);
  });

  it('does not ask WeChat about a message the local screen already holds', async () => {
    const calls = wechat.secCalls().length;
    const { res } = await post('加我微信 abc12345 有优惠');
    expect(res.body.status).toBe('pending');
    expect(wechat.secCalls().length).toBe(calls);
  });

  it('fetches a new access token when WeChat says the old one expired, and checks again', async () => {
    const tokensBefore = wechat.tokenCount();
    wechat.expireNextCheck();
    const { res } = await post('缅怀先烈，砥砺前行');
    expect(res.body.status).toBe('published');
    expect(wechat.tokenCount()).toBe(tokensBefore + 1);
    const [expired, retried] = wechat.secCalls().slice(-2);
    expect(retried!.token).toBe(`tok-${tokensBefore + 1}`);
    expect(expired!.token).not.toBe(retried!.token);
  });
});
