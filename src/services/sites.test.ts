import { describe, expect, it } from 'vitest';
import { jsonRoutes, offline, requests } from '@/test/fake-taro';
import type { SiteIndex } from '@/types/api';
import { fetchSiteIndex, readCachedSiteIndex } from './sites';

const INDEX: SiteIndex = {
  version: 'v1',
  items: [{ id: 'a', name: '武汉革命烈士陵园', level: 'provincial', category: 'cemetery', district: '武昌区', lat: 30.55, lng: 114.3 }],
};

describe('fetchSiteIndex', () => {
  it('stores the index with its ETag, then revalidates with If-None-Match and reuses it on 304', async () => {
    jsonRoutes({ '/sites/index': () => ({ statusCode: 200, data: INDEX, header: { ETag: '"idx-1"' } }) });
    const first = await fetchSiteIndex();
    expect(first.index).toEqual(INDEX);
    expect(requests[0]!.header['If-None-Match']).toBeUndefined();
    expect(readCachedSiteIndex()).toMatchObject({ etag: '"idx-1"', index: INDEX });

    jsonRoutes({
      '/sites/index': (req) =>
        req.header['If-None-Match'] === '"idx-1"' ? { statusCode: 304 } : { statusCode: 200, data: { version: 'wrong', items: [] } },
    });
    const second = await fetchSiteIndex();
    expect(requests[1]!.header['If-None-Match']).toBe('"idx-1"');
    expect(second.index).toEqual(INDEX);
  });

  it('replaces the stored copy when the server sends a new version', async () => {
    jsonRoutes({ '/sites/index': () => ({ statusCode: 200, data: INDEX, header: { etag: '"idx-1"' } }) });
    await fetchSiteIndex();
    const next: SiteIndex = { version: 'v2', items: [] };
    jsonRoutes({ '/sites/index': () => ({ statusCode: 200, data: next, header: { etag: '"idx-2"' } }) });
    await fetchSiteIndex();
    expect(readCachedSiteIndex()).toMatchObject({ etag: '"idx-2"', index: next });
  });

  it('keeps the stored copy when the network fails', async () => {
    jsonRoutes({ '/sites/index': () => ({ statusCode: 200, data: INDEX, header: { etag: '"idx-1"' } }) });
    await fetchSiteIndex();
    offline();
    await expect(fetchSiteIndex()).rejects.toMatchObject({ code: 'NETWORK' });
    expect(readCachedSiteIndex()?.index).toEqual(INDEX);
  });
});
