import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LoadMore } from './index';

describe('LoadMore', () => {
  it('shows nothing on the last page', () => {
    const { container } = render(<LoadMore list={{ hasMore: false, loadingMore: false, loadMore: vi.fn() }} />);
    expect(container.textContent).toBe('');
  });

  it('loads the next page on a tap, and cannot be tapped again while it loads', () => {
    const loadMore = vi.fn();
    const { rerender } = render(<LoadMore list={{ hasMore: true, loadingMore: false, loadMore }} wrapClassName='form-actions' />);
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    expect(loadMore).toHaveBeenCalledTimes(1);
    rerender(<LoadMore list={{ hasMore: true, loadingMore: true, loadMore }} wrapClassName='form-actions' />);
    expect((screen.getByRole('button', { name: '加载更多' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
