import { sessionStore, type Session } from '@/stores/session';
import type { AuthResponse, MeResponse } from '@/types/api';
import { browserIdentity, isMiniProgram, wechatLoginCode } from '@/platform/login';
import { ApiError, request } from './request';

/** POST /auth/dev: development sign-in by a made-up openid (404 on production servers). */
export async function signInDev(openid: string): Promise<Session> {
  const auth = await request<AuthResponse>('/auth/dev', { method: 'POST', body: { openid } });
  return sessionStore.signIn(auth);
}

/**
 * Signs a citizen in: in WeChat with a `wx.login` code (POST /auth/wechat); in a browser with this
 * browser's own id through the demo sign-in, which production servers do not offer (404), so the
 * browser build then says to use the mini-program.
 */
export async function signInCitizen(): Promise<Session> {
  if (isMiniProgram()) {
    const code = await wechatLoginCode().catch(() => {
      throw new ApiError('LOGIN_FAILED', '微信登录失败，请重试', 0);
    });
    const auth = await request<AuthResponse>('/auth/wechat', { method: 'POST', body: { code } });
    return sessionStore.signIn(auth);
  }
  try {
    return await signInDev(browserIdentity());
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new ApiError('NOT_FOUND', '浏览器版暂不提供市民登录，请在微信中打开小程序使用', 404);
    }
    throw error;
  }
}

/** POST /auth/staff: staff sign-in; wrong credentials answer 401. */
export async function signInStaff(username: string, password: string): Promise<Session> {
  const auth = await request<AuthResponse>('/auth/staff', { method: 'POST', body: { username, password } });
  return sessionStore.signIn(auth);
}

export function getMe(): Promise<MeResponse> {
  return request<MeResponse>('/me');
}

export function signOut(): void {
  sessionStore.signOut();
}
