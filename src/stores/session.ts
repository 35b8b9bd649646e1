import { loadItem, removeItem, saveItem } from '@/platform/storage';
import type { AuthResponse, SessionUser } from '@/types/api';
import { observable } from './observable';

/** A signed-in caller: the bearer token and who it belongs to. */
export interface Session {
  token: string;
  user: SessionUser;
  /** Epoch milliseconds after which the server will refuse the token. */
  expiresAt: number;
}

const KEY = 'mm.session';

function isSession(value: unknown): value is Session {
  const v = value as Session | null;
  return !!v && typeof v.token === 'string' && typeof v.expiresAt === 'number' && !!v.user && Array.isArray(v.user.roles);
}

function loadSession(): Session | null {
  const stored = loadItem<unknown>(KEY);
  if (!isSession(stored)) return null;
  if (stored.expiresAt <= Date.now()) {
    removeItem(KEY);
    return null;
  }
  return stored;
}

const store = observable<Session | null>(loadSession);

export const sessionStore = {
  subscribe: store.subscribe,
  /** The current session, or null when signed out or expired. */
  get(): Session | null {
    const session = store.get();
    if (session && session.expiresAt <= Date.now()) {
      removeItem(KEY);
      store.set(null);
      return null;
    }
    return session;
  },
  /** Keeps the answer of a sign-in endpoint. */
  signIn(auth: AuthResponse): Session {
    const session: Session = { token: auth.token, user: auth.user, expiresAt: Date.now() + auth.expiresIn * 1000 };
    saveItem(KEY, session);
    store.set(session);
    return session;
  },
  signOut(): void {
    removeItem(KEY);
    store.set(null);
  },
  /** Re-reads storage (tests, or after another page changed it). */
  reload(): void {
    store.set(loadSession());
  },
};

export function isStaff(session: Session | null): boolean {
  return !!session && session.user.roles.some((r) => r !== 'citizen');
}
