import { useSyncExternalStore } from 'react';
import { sessionStore, type Session } from '@/stores/session';

/** The signed-in caller, re-rendering on sign-in and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}
