import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTributes } from '@/hooks/use-tributes';
import { jsonRoutes, onRequest, requests } from '@/test/fake-taro';
import { offerTribute } from './tributes';

const SITE = '0123456789abcdef01234567';
const STATS = { flower: 1, candle: 0, bow: 0, message: 0, total: 1 };
const SITE_REF = { type: 'site', id: SITE } as const;

const posts = () => requests.filter((r) => r.method === 'POST');
const keys = () => posts().map((r) => r.header['Idempotency-Key']);

/** A server whose first `failures` answers to POST /tributes are lost (no answer) or `status`. */
function flaky(failures: number, status?: number) {
  let seen = 0;
  onRequest(() => {
    seen += 1;
    if (seen <= failures) {
      if (status === undefined) throw { errMsg: 'request:fail timeout' };
      return { statusCode: status, data: { error: { code: 'UNAVAILABLE', message: '服务暂时不可用' } } };
    }
    return { statusCode: 201, data: { id: 't1', status: 'published', stats: STATS }, header: {} };
  });
}

describe('offerTribute', () => {
  it('sends an Idempotency-Key the server accepts, and a new one for the next tribute', async () => {
    jsonRoutes({ '/tributes': () => ({ statusCode: 201, data: { id: 't1', status: 'published', stats: STATS } }) });
    await offerTribute(SITE_REF, 'flower');
    await offerTribute(SITE_REF, 'flower');
    expect(keys()).toHaveLength(2);
    for (const key of keys()) expect(key).toMatch(/^tr-[A-Za-z0-9_.:-]{8,100}$/);
    expect(keys()[0]).not.toBe(keys()[1]);
  });

  it('after no answer, sends the tribute again with the same key and returns the answer', async () => {
    flaky(1);
    const res = await offerTribute(SITE_REF, 'flower', undefined, { retryDelaysMs: [0, 0] });
    expect(res.id).toBe('t1');
    expect(keys()).toHaveLength(2);
    expect(keys()[1]).toBe(keys()[0]);
  });

  it('after 503 twice, tries a third time with the same key', async () => {
    flaky(2, 503);
    await offerTribute(SITE_REF, 'candle', undefined, { retryDelaysMs: [0, 0] });
    expect(new Set(keys())).toEqual(new Set([keys()[0]]));
    expect(keys()).toHaveLength(3);
  });

  it('does not send again after a refusal (400/429): the server answered', async () => {
    onRequest(() => ({ statusCode: 429, data: { error: { code: 'RATE_LIMITED', message: '献礼过于频繁' } } }));
    await expect(offerTribute(SITE_REF, 'flower', undefined, { retryDelaysMs: [0, 0] })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(posts()).toHaveLength(1);
  });

  it('gives up after its retries with the network error', async () => {
    flaky(10);
    await expect(offerTribute(SITE_REF, 'flower', undefined, { retryDelaysMs: [0] })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(posts()).toHaveLength(2);
  });
});

describe('useTributes: the person sends again after no answer', () => {
  it('reuses the unanswered key for the same tribute, and uses a fresh key once it went through', async () => {
    let down = true;
    jsonRoutes({
      [`/sites/${SITE}/tribute-stats`]: () => ({ statusCode: 200, data: STATS }),
      [`/sites/${SITE}/tributes`]: () => ({ statusCode: 200, data: { items: [] } }),
      '/tributes': () => {
        if (down) throw { errMsg: 'request:fail timeout' };
        return { statusCode: 201, data: { id: 't1', status: 'published', stats: STATS } };
      },
    });
    const { result } = renderHook(() => useTributes(SITE_REF));
    await waitFor(() => expect(result.current.stats).toBeDefined());
    // The service's own retries take 1 s + 3 s; the person's second tap comes after them.
    await act(async () => {
      await expect(result.current.offer({ kind: 'flower' })).rejects.toMatchObject({ code: 'NETWORK' });
    });
    down = false;
    await act(async () => {
      await result.current.offer({ kind: 'flower' });
    });
    await act(async () => {
      await result.current.offer({ kind: 'flower' });
    });
    const sent = keys();
    expect(sent).toHaveLength(5);
    expect(new Set(sent.slice(0, 4)).size).toBe(1);
    expect(sent[4]).not.toBe(sent[0]);
  }, 15_000);
});
