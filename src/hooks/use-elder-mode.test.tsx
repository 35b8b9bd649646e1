import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { elderModeStore } from '@/stores/elder-mode';
import { fakeStorage } from '@/test/fake-taro';
import { useElderMode } from './use-elder-mode';

describe('useElderMode', () => {
  it('is off by default, persists when switched on, and updates every user of the hook', () => {
    const a = renderHook(() => useElderMode());
    const b = renderHook(() => useElderMode());
    expect(a.result.current[0]).toBe(false);

    act(() => a.result.current[1](true));

    expect(a.result.current[0]).toBe(true);
    expect(b.result.current[0]).toBe(true);
    expect(fakeStorage.get('mm.elderMode')).toBe('true');
  });

  it('reads the saved choice on start', () => {
    fakeStorage.set('mm.elderMode', 'true');
    elderModeStore.reload();
    const { result } = renderHook(() => useElderMode());
    expect(result.current[0]).toBe(true);
  });
});
