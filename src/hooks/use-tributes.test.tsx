import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonRoutes, requests, type FakeRequest } from '@/test/fake-taro';
import { useTributes } from './use-tributes';

const SITE = '0123456789abcdef01234567';

function api(initialStats = { flower: 3, candle: 0, bow: 0, message: 1, total: 4 }) {
  let stats = { ...initialStats };
  const wall: Array<{ id: string; kind: string; message?: string; siteId: string; createdAt: string }> = [];
  jsonRoutes({
    [`/sites/${SITE}/tribute-stats`]: () => ({ statusCode: 200, data: stats }),
    [`/sites/${SITE}/tributes`]: () => ({ statusCode: 200, data: { items: [...wall].reverse() } }),
    '/tributes': (req: FakeRequest) => {
      const body = JSON.parse(String(req.data)) as { kind: 'flower' | 'message'; message?: string };
      if (body.kind === 'message') return { statusCode: 201, data: { id: 'm1', status: 'pending', stats } };
      stats = { ...stats, [body.kind]: stats[body.kind] + 1, total: stats.total + 1 };
      wall.push({ id: `t${wall.length}`, kind: body.kind, siteId: SITE, createdAt: new Date().toISOString() });
      return { statusCode: 201, data: { id: 'f1', status: 'published', stats } };
    },
  });
}

describe('useTributes', () => {
  it('loads the counts and the wall, and after a flower with words shows the new count and the reloaded wall', async () => {
    api();
    const { result } = renderHook(() => useTributes({ type: 'site', id: SITE }));
    await waitFor(() => expect(result.current.stats?.flower).toBe(3));
    expect(result.current.wall.items).toEqual([]);

    let outcome: Awaited<ReturnType<typeof result.current.offer>> | undefined;
    await act(async () => {
      outcome = await result.current.offer({ kind: 'flower', message: ' 永垂不朽 ' });
    });
    expect(outcome).toMatchObject({ kind: 'flower', messageStatus: 'pending', stats: { flower: 4, total: 5 } });
    const posts = requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(String(r.data)));
    expect(posts).toEqual([
      { siteId: SITE, kind: 'flower' },
      { siteId: SITE, kind: 'message', message: '永垂不朽' },
    ]);
    expect(result.current.stats).toMatchObject({ flower: 4, total: 5, message: 1 });
    await waitFor(() => expect(result.current.wall.items.map((t) => t.kind)).toEqual(['flower']));
  });

  it('keeps the flower when the words are refused, and says so', async () => {
    api();
    jsonRoutes({
      [`/sites/${SITE}/tribute-stats`]: () => ({ statusCode: 200, data: { flower: 0, candle: 0, bow: 0, message: 0, total: 0 } }),
      [`/sites/${SITE}/tributes`]: () => ({ statusCode: 200, data: { items: [] } }),
      '/tributes': (req: FakeRequest) =>
        JSON.parse(String(req.data)).kind === 'message'
          ? { statusCode: 429, data: { error: { code: 'RATE_LIMITED', message: '寄语提交过于频繁，请稍后再试' } } }
          : { statusCode: 201, data: { id: 'f', status: 'published', stats: { flower: 1, candle: 0, bow: 0, message: 0, total: 1 } } },
    });
    const { result } = renderHook(() => useTributes({ type: 'site', id: SITE }));
    await waitFor(() => expect(result.current.stats).toBeDefined());
    let outcome: Awaited<ReturnType<typeof result.current.offer>> | undefined;
    await act(async () => {
      outcome = await result.current.offer({ kind: 'flower', message: '致敬' });
    });
    expect(outcome?.stats.flower).toBe(1);
    expect(outcome?.messageError?.message).toBe('寄语提交过于频繁，请稍后再试');
  });
});
