import { sessionStore, type Session } from '@/stores/session';
import type { AuthResponse, MeResponse } from '@/types/api';
import { request } from './request';

/** POST /auth/dev: development sign-in by a made-up openid (404 on production servers). */
export async function signInDev(openid: string): Promise<Session> {
  const auth = await request<AuthResponse>('/auth/dev', { method: 'POST', body: { openid } });
  return sessionStore.signIn(auth);
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
