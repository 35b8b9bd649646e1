import { useSyncExternalStore } from 'react';
import { elderModeStore } from '@/stores/elder-mode';

/** 长辈模式 on or off, shared by every page, and its setter (persisted). */
export function useElderMode(): [boolean, (enabled: boolean) => void] {
  const enabled = useSyncExternalStore(elderModeStore.subscribe, elderModeStore.get, elderModeStore.get);
  return [enabled, elderModeStore.set];
}
