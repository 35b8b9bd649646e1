import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/services/request';
import { StateView } from '.';

describe('StateView', () => {
  it('shows the loading text instead of the content while loading', () => {
    render(
      <StateView loading loadingText='正在查找…'>
        <p>内容</p>
      </StateView>,
    );
    expect(screen.getByText('正在查找…')).toBeTruthy();
    expect(screen.queryByText('内容')).toBeNull();
  });

  it('shows the error message and a 重试 button that calls onRetry', () => {
    const onRetry = vi.fn();
    render(
      <StateView error={new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)} onRetry={onRetry}>
        <p>内容</p>
      </StateView>,
    );
    expect(screen.getByRole('alert').textContent).toContain('网络不可用');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('内容')).toBeNull();
  });

  it('shows the empty text when there is nothing', () => {
    render(
      <StateView empty emptyText='附近暂无纪念设施'>
        <p>内容</p>
      </StateView>,
    );
    expect(screen.getByText('附近暂无纪念设施')).toBeTruthy();
  });

  it('keeps content on screen while it reloads', () => {
    render(
      <StateView loading empty={false}>
        <p>内容</p>
      </StateView>,
    );
    expect(screen.getByText('内容')).toBeTruthy();
  });
});
