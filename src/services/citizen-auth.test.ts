import { afterEach, describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { fakeStorage, jsonRoutes, requests, taro } from '@/test/fake-taro';
import { signInCitizen } from './auth';

const auth = (id: string) => ({ statusCode: 200, data: { token: `tok-${id}`, expiresIn: 3600, user: { id, roles: ['citizen'] } } });

describe('signInCitizen', () => {
  afterEach(() => {
    delete process.env.TARO_ENV;
    sessionStore.signOut();
  });

  it('in WeChat, exchanges a wx.login code through POST /auth/wechat', async () => {
    process.env.TARO_ENV = 'weapp';
    jsonRoutes({ '/auth/wechat': () => auth('c1') });
    const session = await signInCitizen();
    expect(taro.login).toHaveBeenCalled();
    expect(JSON.parse(requests.at(-1)!.data as string)).toEqual({ code: 'wx-login-code' });
    expect(session.user.id).toBe('c1');
    expect(sessionStore.get()?.token).toBe('tok-c1');
  });

  it('in a browser, signs in with the same stored browser id each time', async () => {
    process.env.TARO_ENV = 'h5';
    jsonRoutes({ '/auth/dev': () => auth('c2') });
    await signInCitizen();
    const first = JSON.parse(requests.at(-1)!.data as string).openid;
    expect(first).toMatch(/^h5-[0-9a-f]{16}$/);
    sessionStore.signOut();
    await signInCitizen();
    expect(JSON.parse(requests.at(-1)!.data as string).openid).toBe(first);
    expect(JSON.parse(String(fakeStorage.get('mm.browser-id')))).toBe(first);
  });

  it('in a browser against a production server (404), explains to use the mini-program', async () => {
    process.env.TARO_ENV = 'h5';
    jsonRoutes({ '/auth/dev': () => ({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } }) });
    await expect(signInCitizen()).rejects.toMatchObject({ status: 404, message: expect.stringContaining('微信') });
    expect(sessionStore.get()).toBeNull();
  });
});
