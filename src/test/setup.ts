import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { resetFakeTaro } from './fake-taro';

// Taro is faked at its boundary (see fake-taro.ts); components render as plain DOM.
vi.mock('@tarojs/taro', async () => {
  const fake = await import('./fake-taro');
  return {
    default: fake.taro,
    useRouter: fake.useRouter,
    useDidShow: fake.useDidShow,
    usePullDownRefresh: fake.usePullDownRefresh,
    stopPullDownRefresh: fake.taro.stopPullDownRefresh,
  };
});
vi.mock('@tarojs/components', () => import('./taro-components'));

resetFakeTaro();

afterEach(async () => {
  cleanup();
  resetFakeTaro();
  // Stores keep module state between tests of one file: start each test signed out, normal mode.
  const { sessionStore } = await import('@/stores/session');
  const { elderModeStore } = await import('@/stores/elder-mode');
  const { positionStore } = await import('@/stores/position');
  sessionStore.reload();
  elderModeStore.reload();
  positionStore.forget();
});
