import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startFake, type TestApi } from '../helpers.js';

describe('sign-in and /me', () => {
  let api: TestApi;
  let wechat: Awaited<ReturnType<typeof startFake>>;

  beforeAll(async () => {
    wechat = await startFake((_req, url) => {
      const code = url.searchParams.get('js_code');
      if (url.pathname !== '/sns/jscode2session') return { status: 404, body: {} };
      if (code === 'good-code') return { body: { openid: 'wx-openid-1', session_key: 'sk' } };
      if (code === 'slow') return { body: { openid: 'x' }, delayMs: 8000 };
      return { body: { errcode: 40029, errmsg: 'invalid code' } };
    });
    api = await startApi({ env: { WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', WECHAT_API_BASE: wechat.url } });
  });
  afterAll(async () => {
    await api.close();
    await wechat.close();
  });

  describe('POST /auth/wechat', () => {
    it('exchanges a valid code with WeChat and returns a citizen token', async () => {
      const res = await api.request('POST', '/auth/wechat', { body: { code: 'good-code' } });
      expect(res.status).toBe(200);
      expect(res.body.user.roles).toEqual(['citizen']);
      const call = wechat.calls.at(-1)!;
      expect(call.searchParams.get('appid')).toBe('wx-app');
      expect(call.searchParams.get('grant_type')).toBe('authorization_code');
      const me = await api.request('GET', '/me', { token: res.body.token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(res.body.user.id);
    });

    it('signs the same WeChat user in as the same account twice', async () => {
      const a = await api.request('POST', '/auth/wechat', { body: { code: 'good-code' } });
      const b = await api.request('POST', '/auth/wechat', { body: { code: 'good-code' } });
      expect(a.body.user.id).toBe(b.body.user.id);
    });

    it('when WeChat refuses the code, answers 401 UNAUTHENTICATED', async () => {
      const res = await api.request('POST', '/auth/wechat', { body: { code: 'bad-code' } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('when the code is missing, answers 400 VALIDATION_FAILED naming the field', async () => {
      const res = await api.request('POST', '/auth/wechat', { body: {} });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details[0].path).toBe('code');
    });
  });

  describe('POST /auth/staff', () => {
    it('signs staff in with the right password and refuses a wrong one with 401', async () => {
      const staff = await api.staff(['site_manager'], ['site-a']);
      const me = await api.request('GET', '/me', { token: staff.token });
      expect(me.body).toMatchObject({ id: staff.id, roles: ['site_manager'], siteIds: ['site-a'] });
      const wrong = await api.request('POST', '/auth/staff', { body: { username: staff.username, password: 'nope' } });
      expect(wrong.status).toBe(401);
      const unknown = await api.request('POST', '/auth/staff', { body: { username: 'nobody-here', password: 'nope' } });
      expect(unknown.status).toBe(401);
    });

    it('stores passwords as scrypt hashes, never in plain text', async () => {
      const staff = await api.staff(['staff']);
      const doc = await api.db.collection('staff_accounts').findOne({ username: staff.username });
      expect(doc?.passwordHash).toMatch(/^scrypt\$/);
      expect(JSON.stringify(doc)).not.toContain('test-password-123');
    });
  });

  describe('tokens', () => {
    it('answers 401 for a forged, malformed or missing token on /me', async () => {
      const { token } = await api.citizen();
      const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect((await api.request('GET', '/me', { token: forged })).status).toBe(401);
      expect((await api.request('GET', '/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
      expect((await api.request('GET', '/me')).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      let now = new Date('2026-01-01T00:00:00Z');
      const clockApi = await startApi({ now: () => now, env: { TOKEN_TTL_SECONDS: '60' } });
      try {
        const { token } = await clockApi.citizen();
        expect((await clockApi.request('GET', '/me', { token })).status).toBe(200);
        now = new Date(now.getTime() + 61_000);
        expect((await clockApi.request('GET', '/me', { token })).status).toBe(401);
      } finally {
        await clockApi.close();
      }
    });
  });

  describe('POST /auth/dev', () => {
    it('is 404 in production', async () => {
      const prod = await startApi({
        env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PHONE_ENC_KEY: Buffer.alloc(32, 1).toString('base64'), WECHAT_APPID: 'a', WECHAT_SECRET: 'b' },
      });
      try {
        const res = await prod.request('POST', '/auth/dev', { body: { openid: 'someone' } });
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      } finally {
        await prod.close();
      }
    });
  });
});

describe('request edge', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers broken JSON with 400 BAD_JSON', async () => {
    const res = await api.request('POST', '/auth/dev', { raw: '{"openid":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_JSON');
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await api.request('POST', '/auth/dev', { raw: 'openid=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an oversized body with 413', async () => {
    const res = await api.request('POST', '/auth/dev', { body: { openid: 'x'.repeat(200_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an operator object where a string is expected with 400, not a query', async () => {
    const res = await api.request('POST', '/auth/staff', { body: { username: { $gt: '' }, password: 'x' } });
    expect(res.status).toBe(400);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await api.request('GET', '/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('GET /health answers ok with the database up', async () => {
    const res = await api.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up' });
  });
});
