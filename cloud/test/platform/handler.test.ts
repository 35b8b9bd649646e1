import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createHandler } from '../../functions/api/handler.js';
import { closeAll } from '../../src/db/connection.js';
import { startApi, uniqueName, type TestApi } from '../helpers.js';
import { formWith, makePng } from '../files/images.js';
import { eventFor, SHAPES, type Call, type HandlerResult, type Shape } from './events.js';

describe('the cloud function handler with each platform’s HTTP event', () => {
  let api: TestApi;
  let handler: ReturnType<typeof createHandler>;
  let martyrId: string;
  const origin = () => api.baseUrl.replace(/\/api\/v1$/, '');

  /** The same request over real HTTP, for comparison. */
  async function overHttp(call: Call) {
    const qs = new URLSearchParams(call.query ?? {}).toString();
    const res = await fetch(`${origin()}${call.path}${qs ? `?${qs}` : ''}`, { method: call.method, headers: call.headers, body: call.body as string | undefined });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  async function viaHandler(shape: Shape, call: Call): Promise<HandlerResult> {
    return (await handler(eventFor(shape, call) as never, {})) as HandlerResult;
  }

  beforeAll(async () => {
    api = await startApi();
    handler = createHandler(api.handler);
    const base = { level: 'county', category: 'monument', district: '江岸区', address: '解放大道 1 号', status: 'published' } as const;
    const near = await api.services.sites.createSite({ ...base, code: uniqueName('H'), name: '近处纪念碑', location: { lat: 30.6, lng: 114.3 } });
    await api.services.sites.createSite({ ...base, code: uniqueName('H'), name: '中间烈士墓', category: 'scattered_grave', location: { lat: 30.65, lng: 114.3 } });
    await api.services.sites.createSite({ ...base, code: uniqueName('H'), name: '远处纪念馆', category: 'memorial_hall', location: { lat: 30.9, lng: 114.3 } });
    martyrId = (await api.services.martyrs.addMartyr({ siteId: near.id, name: '测试烈士', deathYear: 1938 })).id;
  });
  afterAll(() => api.close());

  describe.each(SHAPES)('%s', (shape) => {
    it('answers a GET with a query exactly as over HTTP (nearest sites, in distance order)', async () => {
      const call: Call = { method: 'GET', path: '/api/v1/sites', query: { near: '30.59,114.30', limit: '2' } };
      const [http, fn] = await Promise.all([overHttp(call), viaHandler(shape, call)]);
      expect(http.status).toBe(200);
      expect(fn.statusCode).toBe(200);
      expect(fn.isBase64Encoded).toBe(false);
      expect(fn.headers['content-type']).toBe(http.contentType);
      const body = JSON.parse(fn.body);
      expect(body).toEqual(JSON.parse(http.text));
      // The query reached the app: two items, the nearest first.
      expect(body.items.map((s: { name: string }) => s.name)).toEqual(['近处纪念碑', '中间烈士墓']);
    });

    it('answers a query with Chinese text as over HTTP', async () => {
      const call: Call = { method: 'GET', path: '/api/v1/sites', query: { q: '纪念馆' } };
      const [http, fn] = await Promise.all([overHttp(call), viaHandler(shape, call)]);
      expect(fn.statusCode).toBe(http.status);
      expect(JSON.parse(fn.body)).toEqual(JSON.parse(http.text));
      expect(JSON.parse(fn.body).items.map((s: { name: string }) => s.name)).toEqual(['远处纪念馆']);
    });

    it.each([false, true])('accepts a POST with a JSON body (base64-encoded: %s) and signs in the same user as over HTTP', async (base64) => {
      const openid = uniqueName('handler');
      const call: Call = { method: 'POST', path: '/api/v1/auth/dev', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) };
      const http = await overHttp(call);
      const fn = await viaHandler(shape, { ...call, base64 });
      expect(http.status).toBe(200);
      expect(fn.statusCode).toBe(200);
      const fromFn = JSON.parse(fn.body);
      expect(fromFn.user).toEqual(JSON.parse(http.text).user);
      const me = await api.request('GET', '/me', { token: fromFn.token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(fromFn.user.id);
    });

    it.each<[string, Call, number, string]>([
      ['unknown site', { method: 'GET', path: '/api/v1/sites/0123456789abcdef01234567' }, 404, 'NOT_FOUND'],
      ['bad query', { method: 'GET', path: '/api/v1/sites', query: { near: '95,200' } }, 400, 'VALIDATION_FAILED'],
      ['broken JSON', { method: 'POST', path: '/api/v1/auth/dev', headers: { 'content-type': 'application/json' }, body: '{"openid":' }, 400, 'BAD_JSON'],
      ['no such route', { method: 'GET', path: '/api/v1/no-such-thing' }, 404, 'NOT_FOUND'],
    ])('answers an error (%s) with the same status and error body as over HTTP', async (_name, call, status, code) => {
      const [http, fn] = await Promise.all([overHttp(call), viaHandler(shape, call)]);
      expect(http.status).toBe(status);
      expect(fn.statusCode).toBe(status);
      expect(JSON.parse(fn.body)).toEqual(JSON.parse(http.text));
      expect(JSON.parse(fn.body).error.code).toBe(code);
    });

    it('returns a martyr’s QR code (PNG) base64-encoded with isBase64Encoded, byte for byte as over HTTP', async () => {
      const call: Call = { method: 'GET', path: `/api/v1/martyrs/${martyrId}/qr.png`, query: { size: '256' } };
      const http = await fetch(`${origin()}${call.path}?size=256`);
      const httpBytes = Buffer.from(await http.arrayBuffer());
      const fn = await viaHandler(shape, call);
      expect(http.status).toBe(200);
      expect(fn.statusCode).toBe(200);
      expect(fn.isBase64Encoded).toBe(true);
      expect(fn.headers['content-type']).toBe('image/png');
      const fnBytes = Buffer.from(fn.body, 'base64');
      expect(fnBytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      expect(fnBytes.equals(httpBytes)).toBe(true);
    });

    it('returns an uploaded image base64-encoded with isBase64Encoded, byte for byte as over HTTP', async () => {
      const user = await api.citizen();
      const png = makePng(20, 20, SHAPES.indexOf(shape) + 40);
      const uploaded = await api.request('POST', '/uploads', { token: user.token, raw: formWith(png) });
      expect(uploaded.status).toBe(201);
      const url = new URL(uploaded.body.url, 'http://x');
      const call: Call = { method: 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) };
      const http = await fetch(`${origin()}${url.pathname}${url.search}`);
      const httpBytes = Buffer.from(await http.arrayBuffer());
      const fn = await viaHandler(shape, call);
      expect(http.status).toBe(200);
      expect(fn.statusCode).toBe(200);
      expect(fn.isBase64Encoded).toBe(true);
      expect(fn.headers['content-type']).toBe('image/png');
      const fnBytes = Buffer.from(fn.body, 'base64');
      expect(fnBytes.equals(png)).toBe(true);
      expect(fnBytes.equals(httpBytes)).toBe(true);
    });
  });
});

describe('cloud/functions/api main (the deployed entry)', () => {
  afterAll(async () => {
    vi.unstubAllEnvs();
    vi.resetModules();
    await closeAll();
  });

  it('validates the configuration at cold start and serves a Tencent SCF event', async () => {
    vi.stubEnv('NODE_ENV', 'test');
    vi.stubEnv('LOG_LEVEL', 'silent');
    vi.stubEnv('MONGODB_URI', inject('mongoUri'));
    vi.stubEnv('MONGODB_DB', uniqueName('entry'));
    vi.resetModules();
    const { main } = await import('../../functions/api/index.js');
    const result = (await main(eventFor('tencent-scf-apigw', { method: 'GET', path: '/api/v1/health' }) as never, {})) as HandlerResult;
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'ok', db: 'up' });
  });
});
