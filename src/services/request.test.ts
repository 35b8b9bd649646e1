import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, onRequest, requests } from '@/test/fake-taro';
import { ApiError, request, requestRaw } from './request';

describe('request', () => {
  it('answers the body of a 2xx and builds the URL from the API base and the query', async () => {
    onRequest(() => ({ statusCode: 200, data: { ok: true } }));
    const body = await request<{ ok: boolean }>('/sites', { query: { q: '烈士 陵园', limit: 5, level: undefined } });
    expect(body).toEqual({ ok: true });
    expect(requests[0]!.url).toBe('/api/v1/sites?q=%E7%83%88%E5%A3%AB%20%E9%99%B5%E5%9B%AD&limit=5');
    expect(requests[0]!.method).toBe('GET');
  });

  it('turns the API error shape into an ApiError with its code, message, status and details', async () => {
    onRequest(() => ({
      statusCode: 400,
      data: { error: { code: 'VALIDATION_FAILED', message: '参数不正确', details: [{ path: 'near', message: '格式错误' }] } },
    }));
    const err = await request('/sites').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', message: '参数不正确', status: 400 });
    expect((err as ApiError).details).toEqual([{ path: 'near', message: '格式错误' }]);
  });

  it('reads an error body that arrives as a JSON string (WeChat with a non-JSON content type)', async () => {
    onRequest(() => ({ statusCode: 404, data: JSON.stringify({ error: { code: 'NOT_FOUND', message: '纪念设施不存在' } }) }));
    await expect(request('/sites/x')).rejects.toMatchObject({ code: 'NOT_FOUND', message: '纪念设施不存在', status: 404 });
  });

  it('gives a 5xx without the error shape a Chinese message and a server code', async () => {
    onRequest(() => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    await expect(request('/sites')).rejects.toMatchObject({ code: 'INTERNAL', status: 502, message: '服务暂时不可用，请稍后再试' });
  });

  it('maps a failed connection or a timeout to a NETWORK ApiError saying 网络不可用', async () => {
    onRequest(() => {
      throw { errMsg: 'request:fail timeout' };
    });
    const err = (await request('/sites').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('NETWORK');
    expect(err.status).toBe(0);
    expect(err.isNetwork).toBe(true);
    expect(err.message).toContain('网络不可用');
  });

  it('attaches the session token as a bearer and sends JSON bodies', async () => {
    sessionStore.signIn({ token: 'tok-123', expiresIn: 3600, user: { id: 'u1', roles: ['citizen'] } });
    onRequest(() => ({ statusCode: 201, data: { id: 't1' } }));
    await request('/tributes', { method: 'POST', body: { kind: 'flower', siteId: 's1' } });
    expect(requests[0]!.header.Authorization).toBe('Bearer tok-123');
    expect(requests[0]!.header['Content-Type']).toBe('application/json');
    expect(JSON.parse(requests[0]!.data as string)).toEqual({ kind: 'flower', siteId: 's1' });
  });

  it('sends no Authorization header when signed out', async () => {
    onRequest(() => ({ statusCode: 200, data: {} }));
    await request('/sites');
    expect(requests[0]!.header.Authorization).toBeUndefined();
  });

  it('drops a session the server refuses with 401 UNAUTHENTICATED', async () => {
    sessionStore.signIn({ token: 'expired', expiresIn: 3600, user: { id: 'u1', roles: ['citizen'] } });
    jsonRoutes({ '/me': () => ({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } }) });
    await expect(request('/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(sessionStore.get()).toBeNull();
  });

  it('passes through statuses the caller accepts, with lower-cased headers', async () => {
    onRequest(() => ({ statusCode: 304, data: '', header: { ETag: '"v1"' } }));
    const res = await requestRaw('/sites/index', { acceptStatus: [304] });
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe('"v1"');
  });
});
