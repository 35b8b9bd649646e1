import { ELDER_MODE_KEY } from '@/boot/handover';
import { loadItem, saveItem } from '@/platform/storage';
import { observable } from './observable';

const KEY = ELDER_MODE_KEY;

const store = observable<boolean>(() => loadItem<boolean>(KEY) === true);

/** 长辈模式: larger type and higher contrast on every page; remembered on the device. */
export const elderModeStore = {
  subscribe: store.subscribe,
  get: store.get,
  set(enabled: boolean): void {
    saveItem(KEY, enabled);
    store.set(enabled);
  },
  reload(): void {
    store.set(loadItem<boolean>(KEY) === true);
  },
};
