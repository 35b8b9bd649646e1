import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, startFake, type TestApi } from '../helpers.js';
import { createSite, freshArea, uniqueCode } from './fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GET /sites/index', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { SITES_INDEX_CHECK_MS: '200' } });
  });
  afterAll(() => api.close());

  it('answers the compact list of published sites with a strong ETag, then 304 for the same ETag', async () => {
    const published = await createSite(api, { name: '索引可见', level: 'municipal', location: { lat: 30.6, lng: 114.2 } });
    const draft = await createSite(api, { status: 'draft', location: { lat: 30.6, lng: 114.2 } });
    await sleep(250);

    const res = await api.request('GET', '/sites/index');

    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers.get('cache-control')).toContain('no-cache');
    expect(typeof res.body.version).toBe('string');
    expect(res.body.items).toContainEqual({ id: published.id, name: '索引可见', level: 'municipal', category: 'monument', district: '测试区', lat: 30.6, lng: 114.2 });
    expect(res.body.items.some((i: { id: string }) => i.id === draft.id)).toBe(false);

    const again = await api.request('GET', '/sites/index', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    const other = await api.request('GET', '/sites/index', { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('changes the ETag and shows a newly published site (inserted through the repository) within the check interval', async () => {
    const before = await api.request('GET', '/sites/index');
    const etag = before.headers.get('etag')!;
    const base = freshArea();
    const site = await api.services.sites.repository.insert(
      { code: uniqueCode(), name: '新发布', level: 'county', category: 'cemetery', district: '测试区', address: '测试', location: base, status: 'published' },
      new Date(),
    );
    await sleep(250);

    // The interval has passed: the next request starts the check (answered from the snapshot in hand
    // meanwhile, see PublishedSiteIndex), and the requests after it see the new site.
    await api.request('GET', '/sites/index');
    let after = await api.request('GET', '/sites/index', { headers: { 'if-none-match': etag } });
    await vi.waitFor(async () => {
      after = await api.request('GET', '/sites/index', { headers: { 'if-none-match': etag } });
      expect(after.status).toBe(200);
    }, { timeout: 2000 });
    const nearest = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=1`);

    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.body.version).not.toBe(before.body.version);
    expect(after.body.items.map((i: { id: string }) => i.id)).toContain(site!.id);
    expect(nearest.body.items[0].id).toBe(site!.id);
  });

  it('drops a site from the index once it is taken back to draft', async () => {
    const site = await createSite(api, { location: freshArea() });
    await sleep(250);
    await vi.waitFor(async () => {
      expect((await api.request('GET', '/sites/index')).body.items.map((i: { id: string }) => i.id)).toContain(site.id);
    }, { timeout: 2000 });

    await api.services.sites.updateSite(site.id, 1, { status: 'draft' });
    await sleep(250);

    await vi.waitFor(async () => {
      expect((await api.request('GET', '/sites/index')).body.items.map((i: { id: string }) => i.id)).not.toContain(site.id);
    }, { timeout: 2000 });
  });
});

describe('GET /sites/:id/route', () => {
  const amapKey = 'test-amap-key';
  let api: TestApi;
  let amap: Awaited<ReturnType<typeof startFake>>;

  beforeAll(async () => {
    amap = await startFake((_req, url) => {
      const origin = url.searchParams.get('origin') ?? '';
      if (origin.startsWith('114.100000')) return { body: { status: '0', info: 'INVALID_USER_KEY', infocode: '10001' } };
      if (origin.startsWith('114.200000')) return { status: 500, body: {} };
      if (origin.startsWith('114.300000')) return { body: { status: '1', route: { paths: [{ distance: '1', duration: '1' }] } }, delayMs: 1500 };
      switch (url.pathname) {
        case '/v3/direction/walking':
          return { body: { status: '1', info: 'OK', route: { paths: [{ distance: '2345', duration: '1876' }] } } };
        case '/v3/direction/driving':
          return { body: { status: '1', info: 'OK', route: { paths: [{ distance: '3456', duration: '600' }] } } };
        case '/v3/direction/transit/integrated':
          return { body: { status: '1', info: 'OK', route: { distance: '3000', transits: [{ distance: '4567', duration: '1500' }] } } };
        case '/v4/direction/bicycling':
          return { body: { errcode: 0, errmsg: 'OK', data: { paths: [{ distance: 2800, duration: 840 }] } } };
        default:
          return { status: 404, body: {} };
      }
    });
    api = await startApi({ env: { AMAP_KEY: amapKey, AMAP_API_BASE: amap.url, AMAP_TIMEOUT_MS: '400' } });
  });
  afterAll(async () => {
    await api.close();
    await amap.close();
  });

  const siteAt = () => createSite(api, { location: { lat: 30.58, lng: 114.28 } });

  it.each([
    ['walking', '/v3/direction/walking', 2345, 1876],
    ['driving', '/v3/direction/driving', 3456, 600],
    ['transit', '/v3/direction/transit/integrated', 4567, 1500],
    ['riding', '/v4/direction/bicycling', 2800, 840],
  ])('for %s asks AMap at %s with the key and lng,lat points and answers its distance and duration', async (mode, path, distance, duration) => {
    const site = await siteAt();
    const res = await api.request('GET', `/sites/${site.id}/route?from=30.6,114.4&mode=${mode}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ distanceMeters: distance, durationSeconds: duration, provider: 'amap', mode });
    const call = amap.calls.at(-1)!;
    expect(call.pathname).toBe(path);
    expect(call.searchParams.get('key')).toBe(amapKey);
    expect(call.searchParams.get('origin')).toBe('114.400000,30.600000');
    expect(call.searchParams.get('destination')).toBe('114.280000,30.580000');
    if (mode === 'transit') expect(call.searchParams.get('city')).toBe('武汉');
  });

  it('answers from the cache for the same origin (within about 100 m), site and mode without asking AMap again', async () => {
    const site = await siteAt();
    const first = await api.request('GET', `/sites/${site.id}/route?from=30.61,114.41&mode=walking`);
    const calls = amap.calls.length;
    const second = await api.request('GET', `/sites/${site.id}/route?from=30.61001,114.41002&mode=walking`);
    expect(second.body).toEqual(first.body);
    expect(amap.calls.length).toBe(calls);
    await api.request('GET', `/sites/${site.id}/route?from=30.61,114.41&mode=driving`);
    expect(amap.calls.length).toBe(calls + 1);
  });

  it('when AMap answers an error status in its body, falls back to a straight-line estimate', async () => {
    const site = await siteAt();
    const res = await api.request('GET', `/sites/${site.id}/route?from=30.58,114.1&mode=walking`);
    expect(res.status).toBe(200);
    expect(res.body.provider).toBe('estimate');
    expect(res.body.mode).toBe('walking');
    // 0.18° of longitude at 30.58° N is about 17.2 km; roads are longer than that.
    expect(res.body.distanceMeters).toBeGreaterThan(17_000);
    expect(res.body.durationSeconds).toBeGreaterThan(res.body.distanceMeters / (4.5 / 3.6) - 1);
  });

  it('when AMap answers HTTP 500, falls back to an estimate', async () => {
    const site = await siteAt();
    const res = await api.request('GET', `/sites/${site.id}/route?from=30.58,114.2&mode=driving`);
    expect(res.body.provider).toBe('estimate');
  });

  it('when AMap is slower than the timeout, answers an estimate within the timeout', async () => {
    const site = await siteAt();
    const started = Date.now();
    const res = await api.request('GET', `/sites/${site.id}/route?from=30.58,114.3&mode=walking`);
    expect(res.body.provider).toBe('estimate');
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('answers 404 for a draft site and 400 for a bad origin or mode', async () => {
    const draft = await createSite(api, { status: 'draft', location: { lat: 30.5, lng: 114.3 } });
    expect((await api.request('GET', `/sites/${draft.id}/route?from=30.6,114.4`)).status).toBe(404);
    const site = await siteAt();
    expect((await api.request('GET', `/sites/${site.id}/route?from=abc`)).status).toBe(400);
    expect((await api.request('GET', `/sites/${site.id}/route?from=30.6,114.4&mode=flying`)).status).toBe(400);
  });
});

describe('GET /sites/:id/route without AMap configured', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers an estimate marked as such for every mode, slower modes taking longer', async () => {
    const site = await createSite(api, { location: { lat: 30.58, lng: 114.28 } });
    const answers: Record<string, { distanceMeters: number; durationSeconds: number; provider: string }> = {};
    for (const mode of ['walking', 'riding', 'driving', 'transit']) {
      const res = await api.request('GET', `/sites/${site.id}/route?from=30.6,114.4&mode=${mode}`);
      expect(res.status).toBe(200);
      answers[mode] = res.body;
    }
    expect(Object.values(answers).every((a) => a.provider === 'estimate')).toBe(true);
    expect(answers.walking!.durationSeconds).toBeGreaterThan(answers.riding!.durationSeconds);
    expect(answers.riding!.durationSeconds).toBeGreaterThan(answers.driving!.durationSeconds);
  });
});
