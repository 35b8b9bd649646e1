import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { fakeStorage, jsonRoutes, requests } from '@/test/fake-taro';
import { signInStaff, signOut } from './auth';

describe('signInStaff', () => {
  it('keeps the token and user of a successful sign-in, on the device too', async () => {
    jsonRoutes({
      '/auth/staff': () => ({
        statusCode: 200,
        data: { token: 'staff-token', expiresIn: 3600, user: { id: 'st1', roles: ['staff'], siteIds: ['s1'] } },
      }),
    });
    const session = await signInStaff('staff1', 'demo-password-2025');
    expect(JSON.parse(requests[0]!.data as string)).toEqual({ username: 'staff1', password: 'demo-password-2025' });
    expect(session.user.roles).toEqual(['staff']);
    expect(sessionStore.get()?.token).toBe('staff-token');
    expect(fakeStorage.has('mm.session')).toBe(true);

    signOut();
    expect(sessionStore.get()).toBeNull();
    expect(fakeStorage.has('mm.session')).toBe(false);
  });

  it('with wrong credentials, rejects with the 401 and stays signed out', async () => {
    jsonRoutes({ '/auth/staff': () => ({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } } }) });
    await expect(signInStaff('staff1', 'wrong')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(sessionStore.get()).toBeNull();
  });
});
