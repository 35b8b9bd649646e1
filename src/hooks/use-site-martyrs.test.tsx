import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonRoutes, requests, type FakeRequest } from '@/test/fake-taro';
import { useSiteMartyrs } from './use-site-martyrs';

function martyrsApi(req: FakeRequest) {
  const url = new URL(req.url, 'http://app.local');
  const q = url.searchParams.get('q');
  const cursor = url.searchParams.get('cursor');
  if (q) return { statusCode: 200, data: { items: [{ id: 'm9', name: '向警予', siteId: 's1' }] } };
  if (cursor === 'p2') return { statusCode: 200, data: { items: [{ id: 'm3', name: '夏明翰', siteId: 's1' }] } };
  return {
    statusCode: 200,
    data: { items: [{ id: 'm1', name: '施洋', siteId: 's1' }, { id: 'm2', name: '林祥谦', siteId: 's1' }], nextCursor: 'p2' },
  };
}

describe('useSiteMartyrs', () => {
  it('loads the first page, appends the next with 加载更多, and stops when no cursor is left', async () => {
    jsonRoutes({ '/sites/s1/martyrs': martyrsApi });
    const { result } = renderHook(() => useSiteMartyrs('s1', ''));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.items.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(result.current.hasMore).toBe(true);

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toHaveLength(3));
    expect(new URL(requests[1]!.url, 'http://app.local').searchParams.get('cursor')).toBe('p2');
    expect(result.current.items.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(result.current.hasMore).toBe(false);
  });

  it('starts again from the first page when the search changes', async () => {
    jsonRoutes({ '/sites/s1/martyrs': martyrsApi });
    const { result, rerender } = renderHook(({ q }) => useSiteMartyrs('s1', q), { initialProps: { q: '' } });
    await waitFor(() => expect(result.current.items).toHaveLength(2));

    rerender({ q: '向' });
    await waitFor(() => expect(result.current.items.map((m) => m.id)).toEqual(['m9']));
    const last = new URL(requests[requests.length - 1]!.url, 'http://app.local');
    expect(last.searchParams.get('q')).toBe('向');
    expect(last.searchParams.get('cursor')).toBeNull();
    expect(result.current.hasMore).toBe(false);
  });
});
